// app/core/sound_start.hpp: when a session's clock may start. The clock waits until the session's first
// sound is ready, so nothing at the start goes unheard; a preparation that is slow or fails never holds it
// longer than a timeout, after which the session starts without its sound and says so. Pure.
#pragma once

#include "core/time.hpp"

namespace attune::core {

// The longest a session waits for its sound before it starts without it.
inline constexpr Micros kSoundStartTimeout{5'000'000};
// What the player says while it waits (the audio seam's status line) and after the timeout.
inline constexpr const char* kPreparingSoundMessage = "Preparing sound...";
inline constexpr const char* kSoundLateMessage = "The sound was not ready in time: starting without it";

enum class SoundStart {
  kWait,               // keep the clock stopped: the sound is still being prepared
  kStart,              // the sound is ready (or there is none to wait for): start the clock now
  kStartWithoutSound,  // waited `timeout` in vain: start now, silently, and show kSoundLateMessage
};

// Whether a session asked to start at clock reading `asked` may start at `now` (both microseconds of the
// same clock). `sound_ready`: its sound is handed to the device, or there is nothing to wait for (no
// device, or the preparation failed). Waits while the sound is not ready and less than `timeout` has
// passed; a clock reading before `asked` counts as no time passed.
SoundStart DecideSoundStart(bool sound_ready, Micros asked, Micros now, Micros timeout = kSoundStartTimeout);

}  // namespace attune::core
