#!/usr/bin/env bash
# The live sound of the real app, captured through SDL's disk driver while a person mutes, unmutes, pauses,
# resumes and skips by keys (xdotool, under Xvfb). The session is the glide alone, at full volume, so the
# signal is smooth in itself: no sample-to-sample step in the whole capture may exceed 0.01 of full scale
# (stricter than the 0.05 asked for, which a glide this quiet could not break),
# and the capture must hold the silences of the mutes and pauses (so the keys took effect).
# Usage: continuity_capture.sh ATTUNE_BINARY AUDIO_CHECK SESSION WORK_DIR  (run inside xvfb-run)
set -euo pipefail
app="$1"
check="$2"
session="$3"
work="$4"
rm -rf "$work"
mkdir -p "$work/config/attune" "$work/data"
printf 'pre_roll: 0\nsound: { master: 1, cues: 0, breath: 1, voice: 0, ambience: 0, muted: false }\n' \
  >"$work/config/attune/settings.yaml"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$work/live.raw"
unset SDL_VIDEODRIVER SDL_DISKAUDIODELAY

fail() {
  echo "continuity capture: $*" >&2
  exit 1
}
key() {
  xdotool key --clearmodifiers "$1"
  sleep "$2"
}

"$app" "$session" --size 800x600 --start --quit-after 40 >"$work/app.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
window=$(timeout 10 xdotool search --sync --classname attune | head -n 1) || fail "no Attune window within 10 s"
xdotool windowfocus --sync "$window"
sleep 2.5  # the sound is prepared and the glide plays

for round in 1 2; do
  key m 0.6      # mute
  key m 0.9      # unmute
  key space 0.6  # pause
  key space 0.9  # resume
  key Right 0.9  # skip to the next step
done
key Left 0.9  # back to the step's start

kill "$pid"
wait "$pid" || true
trap - EXIT

[ -s "$work/live.raw" ] || fail "nothing was captured (log: $(cat "$work/app.log"))"
gaps=$("$check" gaps "$work/live.raw" 0.3)
echo "$gaps"
count=${gaps%% *}
[ "$count" -ge 4 ] || fail "expected the silences of 2 mutes and 2 pauses, found $count"
# The glide peaks at about 0.055 of full scale, so a cut could step by at most that: 0.05 alone would
# hardly catch one. Its own largest step is about 0.0025; 0.01 catches a cut at most phases.
"$check" steps "$work/live.raw" 0.01
