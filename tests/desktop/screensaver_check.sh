#!/usr/bin/env bash
# The screensaver is inhibited only while a session plays, under the name "Attune" (run inside
# dbus-run-session and xvfb-run): a fake org.freedesktop.ScreenSaver on the private session bus logs the
# app's Inhibit and UnInhibit calls while xdotool drives it:
#   the start screen open for 2 s: no Inhibit;  Enter starts the session: one Inhibit, as "Attune";
#   Space pauses: UnInhibit within 1 s;  Space resumes: Inhibit again;  Escape, Enter stops: UnInhibit
#   within 1 s.
# Usage: screensaver_check.sh ATTUNE_BINARY SESSION WORK_DIR
set -euo pipefail
app="$1"
session="$2"
work="$3"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work"
mkdir -p "$work/config/attune" "$work/data"
printf 'pre_roll: 1\n' >"$work/config/attune/settings.yaml"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" SDL_AUDIODRIVER=dummy
unset SDL_VIDEODRIVER
log="$work/screensaver.log"
: >"$log"

fail() {
  echo "screensaver check: $*" >&2
  echo "--- calls:" >&2
  cat "$log" >&2
  exit 1
}
count() { grep -c "^$1 " "$log" || true; }
# wait_for KIND N SECONDS: until the log holds N calls of KIND, or fail after SECONDS.
wait_for() {
  local deadline=$((SECONDS + $3))
  while [ "$(count "$1")" -lt "$2" ]; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}
key() { xdotool key --clearmodifiers "$1"; }
# within KIND N MAX_SECONDS: the Nth KIND call came at most MAX_SECONDS after the moment in $pressed.
within() {
  local at
  at=$(grep "^$1 " "$log" | sed -n "$2p" | cut -d' ' -f2)
  /usr/bin/python3 -c "import sys; d = float('$at') - $pressed; print(f'$1 after {d:.3f} s'); sys.exit(0 if d <= $3 else 1)"
}
now() { /usr/bin/python3 -c 'import time; print(time.monotonic())'; }

/usr/bin/python3 "$here/fake_screensaver.py" "$log" >"$work/fake.out" 2>&1 &
fake=$!
trap 'kill "$fake" "${pid:-}" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q ready "$work/fake.out" && break; sleep 0.05; done
grep -q ready "$work/fake.out" || fail "the fake screensaver did not start: $(cat "$work/fake.out")"

"$app" "$session" --size 800x600 --quit-after 60 >"$work/app.log" 2>&1 &
pid=$!
window=$(timeout 10 xdotool search --sync --classname attune | head -n 1) || fail "no Attune window within 10 s"
xdotool windowfocus --sync "$window"
sleep 2
[ "$(count inhibit)" = 0 ] || fail "the screensaver was inhibited before any session played"

pressed=$(now)
key Return
wait_for inhibit 1 3 || fail "no Inhibit within 3 s of starting the session"
grep -q "^inhibit .* Attune | .*breathing" "$log" || fail "the Inhibit does not name Attune and the session"
sleep 1.5
pressed=$(now)
key space
wait_for uninhibit 1 3 || fail "no UnInhibit after pausing"
within uninhibit 1 1.0 || fail "the pause released the screensaver only after more than 1 s"
sleep 0.5
key space
wait_for inhibit 2 3 || fail "no Inhibit after resuming"
sleep 1
key Escape
sleep 0.4
pressed=$(now)
key Return
wait_for uninhibit 2 3 || fail "no UnInhibit after stopping"
within uninhibit 2 1.0 || fail "stopping released the screensaver only after more than 1 s"
[ "$(count inhibit)" = 2 ] || fail "expected exactly 2 Inhibit calls, saw $(count inhibit)"
kill "$pid"
wait "$pid" || fail "the app exited with $? (log: $(cat "$work/app.log"))"
echo "screensaver check: passed"
cat "$log"
