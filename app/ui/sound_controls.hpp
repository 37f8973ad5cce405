// app/ui/sound_controls.hpp: the sound settings as one group, the same on the start screen and in the
// library's settings: volume and mute, and under "Levels" the voice, the bells and cues, the breath tone
// and the ambience. Without an audio device it says so first ("No audio device: playing silently") and
// the controls are greyed: the levels still keep for when a device comes back. UI thread only, inside an
// ImGui frame.
#pragma once

#include <string>

#include "core/settings.hpp"
#include "ui/look.hpp"

namespace attune::ui {

// Draws the controls for `settings->sound` at `width` pixels; true when the user changed one.
// `audio_status` is the audio notice ("" while a device plays).
bool DrawSoundControls(core::SoundLevels* sound, const std::string& audio_status, float width,
                       const Look& look);

}  // namespace attune::ui
