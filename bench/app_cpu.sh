#!/usr/bin/env bash
# Measures the app's CPU cost (100% = one core) while playing and while paused, over 10 s each after a
# 2 s settling time (so start-up is not counted), offscreen and under Xvfb, and its time to a first frame
# (launch, load, draw one 1280x720 frame to PNG, exit).
# Usage: bench/app_cpu.sh [ATTUNE_BINARY] [SESSION] [AT_SECONDS] [SECONDS]
#        bench/app_cpu.sh --against-naive [ATTUNE_BINARY] [NAIVE_BINARY] [SECONDS]  (see against_naive)
#   AT_SECONDS: the session time to play from (default 122: Breathing Together's 5-5 breathing).
set -euo pipefail
cd "$(dirname "$0")/.."

# ---- --against-naive: attune beside bench/naive_loop.cpp, alternating, median of 3 each ----
# Usage: bench/app_cpu.sh --against-naive [ATTUNE_BINARY] [NAIVE_BINARY] [SECONDS]
# Measures under Xvfb at 1280x720: the naive loop, then attune with two pacers (Breathing Together from
# 122 s), one pacer (Resonance 5.5 from 130 s) and paused, three rounds; prints each one's median CPU share
# (utime + stime of the process over SECONDS after SETTLE seconds, default 4: start-up, which on a busy
# machine outlasts 2 s, is not counted), its instructions per second when
# `perf stat` may count them (less sensitive to other load than CPU time), the ratios to the naive loop and
# attune's peak RSS (VmHWM).
against_naive() {
  local app naive seconds
  app="$(realpath "${1:-build/dev/app/platform/attune}")"
  naive="$(realpath "${2:-$(dirname "$app")/../../bench/attune_naive_loop}")"
  seconds="${3:-10}"
  command -v xvfb-run >/dev/null || { echo "needs xvfb-run" >&2; exit 1; }
  [ -x "$naive" ] || { echo "no naive loop at $naive (build the attune_naive_loop target)" >&2; exit 1; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" SDL_AUDIODRIVER=dummy
  mkdir -p "$XDG_CONFIG_HOME/attune"
  printf 'pre_roll: 0\n' > "$XDG_CONFIG_HOME/attune/settings.yaml"
  local ticks perf=0
  ticks=$(getconf CLK_TCK)
  # Counting instructions needs a hardware counter (virtual machines often have none).
  perf stat -x, -e instructions -- true 2>&1 | grep -q '^[0-9]' && perf=1
  local two one
  two="$(realpath sessions/breathing-together.yaml)"
  one="$(realpath sessions/resonance-5-5.yaml)"

  # run NAME COMMAND...: runs COMMAND under Xvfb, measures it for $seconds after 2 s, appends
  # "NAME share instructions_per_s vmhwm_kb" to $work/results.
  run() {
    local name="$1"; shift
    rm -f "$work/pid"
    xvfb-run -a -s "-screen 0 1920x1080x24" sh -c "$* >/dev/null 2>&1 & echo \$! > \"$work/pid\"; wait" &
    local wrapper=$!
    for _ in $(seq 100); do [ -s "$work/pid" ] && break; sleep 0.1; done
    local pid; pid=$(cat "$work/pid")
    sleep "${SETTLE:-4}"
    local t0 w0 t1 w1 ins=0
    t0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    w0=$(date +%s%N)
    if [ "$perf" = 1 ]; then
      perf stat -x, -e instructions -p "$pid" -- sleep "$seconds" 2> "$work/perf" || true
      ins=$(awk -F, '$3 ~ /^instructions/ { print $1 + 0 }' "$work/perf")
    else
      sleep "$seconds"
    fi
    t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    w1=$(date +%s%N)
    local hwm; hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
    wait "$wrapper" || true
    awk -v n="$name" -v t="$((t1 - t0))" -v hz="$ticks" -v w="$((w1 - w0))" -v i="${ins:-0}" -v m="$hwm" \
      'BEGIN { printf "%s %.4f %.0f %d\n", n, 100 * (t / hz) / (w / 1e9), i / (w / 1e9), m }' >> "$work/results"
  }
  local quit=$((seconds + ${SETTLE:-4} + 3)) args="--size 1280x720 --start"
  echo "attune beside the naive loop at 1280x720 under Xvfb, ${seconds} s each, 3 rounds (perf: $perf)"
  for round in 1 2 3; do
    run naive "\"$naive\" $quit 1280x720"
    run two "\"$app\" \"$two\" $args --at 122 --quit-after $quit"
    run one "\"$app\" \"$one\" $args --at 130 --quit-after $quit"
    run paused "\"$app\" \"$two\" $args --at 122 --paused --quit-after $quit"
    echo "  round $round done"
  done
  awk '
    { share[$1, ++n[$1]] = $2; ins[$1, n[$1]] = $3; if ($4 > hwm[$1]) hwm[$1] = $4 }
    function instr(x) { return x > 0 ? sprintf("%.3f G", x / 1e9) : "-" }
    function median(a, k,   x, y, z, t) {
      x = a[k, 1]; y = a[k, 2]; z = a[k, 3]
      if (x > y) { t = x; x = y; y = t }
      if (y > z) { t = y; y = z; z = t }
      if (x > y) { t = x; x = y; y = t }
      return n[k] >= 3 ? y : x
    }
    END {
      ns = median(share, "naive"); ni = median(ins, "naive")
      printf "%-12s %9s %9s %11s %9s %10s\n", "", "CPU", "/naive", "instr/s", "/naive", "VmHWM"
      printf "%-12s %8.2f%% %9s %11s %9s %7.1f MB\n", "naive loop", ns, "1", instr(ni), "1", hwm["naive"] / 1024
      split("two one paused", names, " ")
      split("two pacers|one pacer|paused", labels, "|")
      for (j = 1; j <= 3; ++j) {
        k = names[j]; s = median(share, k); i = median(ins, k)
        printf "%-12s %8.2f%% %9.3f %11s %9s %7.1f MB\n", labels[j], s, (ns > 0 ? s / ns : 0), instr(i),
               (ni > 0 ? sprintf("%.3f", i / ni) : "-"), hwm[k] / 1024
      }
      printf "targets: two pacers <= 0.45, one pacer <= 0.25 of the naive loop; paused <= 0.5%%; VmHWM <= 110 MB\n"
    }' "$work/results"
}

if [ "${1:-}" = "--against-naive" ]; then
  shift
  against_naive "$@"
  exit 0
fi

app="$(realpath "${1:-build/dev/app/platform/attune}")"
session="$(realpath "${2:-sessions/breathing-together.yaml}")"
at="${3:-122}"
seconds="${4:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" SDL_AUDIODRIVER=dummy
mkdir -p "$XDG_CONFIG_HOME/attune"
printf 'pre_roll: 0\n' > "$XDG_CONFIG_HOME/attune/settings.yaml"
ticks=$(getconf CLK_TCK)

# cpu_ticks PID: user + system CPU of a process, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# measure LABEL WRAPPER... : plays for 2 + $seconds s and prints the CPU share of the last $seconds.
measure() {
  local label="$1"; shift
  rm -f "$work/pid"
  "$@" sh -c "\"$app\" \"$session\" --size 1280x720 --start --at $at ${EXTRA:-} --quit-after $((seconds + 4)) \
    >/dev/null 2>&1 & echo \$! > \"$work/pid\"; wait" &
  local wrapper=$!
  for _ in $(seq 50); do [ -s "$work/pid" ] && break; sleep 0.1; done
  local pid; pid=$(cat "$work/pid")
  sleep 2
  local t0; t0=$(cpu_ticks "$pid")
  local w0; w0=$(date +%s%N)
  sleep "$seconds"
  local t1; t1=$(cpu_ticks "$pid")
  local w1; w1=$(date +%s%N)
  wait "$wrapper" || true
  awk -v l="$label" -v t="$((t1 - t0))" -v hz="$ticks" -v w="$((w1 - w0))" \
    'BEGIN { printf "%-22s %5.1f%% of a core (%.2f s CPU in %.1f s)\n", l, 100 * (t / hz) / (w / 1e9), t / hz, w / 1e9 }'
}

echo "attune at 1280x720, $(basename "$session") from ${at} s, ${seconds} s each"
SDL_VIDEODRIVER=offscreen EXTRA= measure "offscreen, playing" env
SDL_VIDEODRIVER=offscreen EXTRA=--paused measure "offscreen, paused" env
if command -v xvfb-run >/dev/null; then
  EXTRA= measure "Xvfb, playing" xvfb-run -a -s "-screen 0 1920x1080x24"
  EXTRA=--paused measure "Xvfb, paused" xvfb-run -a -s "-screen 0 1920x1080x24"
fi

start=$(date +%s%N)
SDL_VIDEODRIVER=offscreen "$app" "$session" --screenshot "$work/first.png" --at "$at" --size 1280x720
end=$(date +%s%N)
echo "time to first frame (offscreen; launch, load, first frame written, exit): $(( (end - start) / 1000000 )) ms"
