#!/usr/bin/env bash
# A person's keyboard walkthrough of the real app under Xvfb, with xdotool typing and ImageMagick taking
# screenshots of the X root window:
#   Enter starts the session; after the pre-roll Space pauses (the picture stands still), Space resumes
#   (the clock moves again); Right, Left, Right, Right reach the 3 s rest; E extends it (so 4 s later it
#   is still the rest); Escape asks, Escape keeps going, Escape asks again and Enter stops.
# The outcome is read back from the practice history the app wrote: one practice, stopped, at step 3, with
# the time jumped over recorded as skipped and, practised under 30 s, not counted.
# Usage: keyboard_walkthrough.sh ATTUNE_BINARY SESSION WORK_DIR  (run inside xvfb-run)
set -euo pipefail
app="$1"
session="$2"
work="$3"
rm -rf "$work"
mkdir -p "$work/config/attune" "$work/data"
printf 'pre_roll: 1\n' > "$work/config/attune/settings.yaml"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" SDL_AUDIODRIVER=dummy
unset SDL_VIDEODRIVER

fail() {
  echo "keyboard walkthrough: $*" >&2
  exit 1
}
shot() { import -window root "$work/$1.png"; }
# differing_pixels A B: how many pixels of the two screenshots differ.
differing_pixels() { compare -metric AE "$work/$1.png" "$work/$2.png" null: 2>&1 || true; }
key() {
  xdotool key --clearmodifiers "$1"
  sleep 0.3
}

"$app" "$session" --size 800x600 --quit-after 60 >"$work/app.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
window=$(timeout 10 xdotool search --sync --classname attune | head -n 1) || fail "no Attune window within 10 s"
xdotool windowfocus --sync "$window"
sleep 0.5

key Return  # start: a 1 s pre-roll, then step 1 (a 20 s prompt)
sleep 2.5   # the pre-roll is over and the controls have hidden (2.5 s after launch)
key space   # pause
shot paused1
sleep 1.2
shot paused2
[ "$(differing_pixels paused1 paused2)" = 0 ] ||
  fail "the picture changed while paused ($(differing_pixels paused1 paused2) pixels)"

key space  # resume
shot resumed1
sleep 1.2
shot resumed2
[ "$(differing_pixels resumed1 resumed2)" != 0 ] || fail "the picture stood still after resuming"

key Right  # step 2, the breathing
shot step2
key Left  # within 2 s of its start: back to step 1
shot step1
[ "$(differing_pixels step2 step1)" != 0 ] || fail "Left did not change the picture"
key Right
key Right  # step 3, a 3 s rest
key e      # one more minute of rest
sleep 4    # longer than the rest was: only the extension keeps it on screen

key Escape  # asks
shot asking
key Escape  # keeps going
shot going
[ "$(differing_pixels asking going)" != 0 ] || fail "Escape did not close the stop question"
key Escape
key Return  # stops
sleep 0.5

kill "$pid"
wait "$pid" || fail "the app exited with $? (log: $(cat "$work/app.log"))"
trap - EXIT

"$app" history --csv | tr -d '\r' >"$work/history.csv"
cat "$work/history.csv"
rows=$(tail -n +2 "$work/history.csv" | wc -l)
[ "$rows" = 1 ] || fail "expected one practice in the history, found $rows"
last=$(tail -n 1 "$work/history.csv")
echo "$last" | grep -Eq '^1,Walkthrough,.*,3,[0-9.]+,stopped,[0-9.]+$' ||
  fail "the practice is not 'stopped at step 3': $last"
# The rest (from 40 s) would have ended at 43 s; extended, it lasts to 103 s.
reached=$(echo "$last" | awk -F, '{ print $(NF - 2) }')
awk -v r="$reached" 'BEGIN { exit !(r > 43 && r < 103) }' || fail "stopped at $reached s, not inside the extended rest"
# Right, Left, Right, Right jumped over most of the first 40 s: about 36 s of it was never played (a few
# seconds of step 1 and a moment of step 2 were), and that is recorded as skipped, not as practice.
skipped=$(echo "$last" | awk -F, '{ print $NF }')
awk -v s="$skipped" 'BEGIN { exit !(s > 30 && s < 39) }' || fail "skipped $skipped s, not the ~36 s jumped over"
# Under 30 s practised: kept, but not counted ("attune history" says so).
"$app" history | grep -q 'Walkthrough .*stopped (not counted)' || fail "the short practice is not marked 'not counted'"
echo "keyboard walkthrough: ok"
