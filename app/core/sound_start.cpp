// app/core/sound_start.cpp: the decision to start a session's clock, from whether its sound is ready and
// how long it has waited.
#include "core/sound_start.hpp"

namespace attune::core {

SoundStart DecideSoundStart(bool sound_ready, Micros asked, Micros now, Micros timeout) {
  if (sound_ready) return SoundStart::kStart;
  return now - asked >= timeout ? SoundStart::kStartWithoutSound : SoundStart::kWait;
}

}  // namespace attune::core
