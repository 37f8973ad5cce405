#!/usr/bin/env bash
# The start of a session is heard whole: the real app (offscreen, SDL's disk driver) starts a session whose
# glide sounds from its first sample, while its sound is still being prepared; the captured stream, from
# its first sound, equals the offline render (`attune render --layers breath`, the same volumes) sample
# for sample for its first 2 s. A clock started before the sound was ready would lose the first part.
# Usage: start_capture.sh ATTUNE_BINARY AUDIO_CHECK SESSION WORK_DIR
set -euo pipefail
app="$1"
check="$2"
session="$3"
work="$4"
rm -rf "$work"
mkdir -p "$work/config/attune" "$work/data"
# The render's volumes (master 0.8, breath 0.6), the other layers off.
printf 'pre_roll: 0\nsound: { master: 0.8, cues: 0, breath: 0.6, voice: 0, ambience: 0, muted: false }\n' \
  >"$work/config/attune/settings.yaml"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$work/live.raw" \
  "$app" "$session" --size 640x360 --start --quit-after 4 >"$work/app.log" 2>&1
"$app" render "$session" -o "$work/offline.wav" --layers breath >/dev/null
"$check" start "$work/live.raw" "$work/offline.wav" 2
