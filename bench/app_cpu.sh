#!/usr/bin/env bash
# Measures the app's CPU cost (100% = one core) while playing and while paused, over 10 s each after a
# 2 s settling time (so start-up is not counted), offscreen and under Xvfb, and its time to a first frame
# (launch, load, draw one 1280x720 frame to PNG, exit).
# Usage: bench/app_cpu.sh [ATTUNE_BINARY] [SESSION] [AT_SECONDS] [SECONDS]
#   AT_SECONDS: the session time to play from (default 122: Breathing Together's 5-5 breathing).
set -euo pipefail
cd "$(dirname "$0")/.."
app="$(realpath "${1:-build/dev/attune}")"
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
