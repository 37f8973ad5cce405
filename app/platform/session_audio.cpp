// app/platform/session_audio.cpp: connects the app to the audio device (audio/) and provides the master
// clock; falls back to the monotonic clock and silence when there is no device.
#include "platform/session_audio.hpp"

#include <chrono>

namespace attune::platform {

core::Micros MonotonicNow() {
  return std::chrono::duration_cast<core::Micros>(std::chrono::steady_clock::now().time_since_epoch());
}

struct SessionAudio::Impl {
  std::string status = "No audio device: playing silently";
};

SessionAudio::SessionAudio() : impl_(std::make_unique<Impl>()) {}
SessionAudio::~SessionAudio() = default;

bool SessionAudio::Open() { return false; }
void SessionAudio::SetTimeline(std::shared_ptr<const core::Timeline> timeline) { (void)timeline; }
void SessionAudio::SetClockMap(const core::ClockMap& map) { (void)map; }
void SessionAudio::SetLevels(const core::SoundLevels& levels) { (void)levels; }
core::Micros SessionAudio::Clock() const { return MonotonicNow(); }
void SessionAudio::Poll() {}
std::string SessionAudio::status() const { return impl_->status; }

}  // namespace attune::platform
