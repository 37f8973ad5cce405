// audio/session_audio.cpp: connects the app to the live audio device (audio/live_audio.hpp):
// prepares each session's sound on a worker thread, hands it over when ready, and provides the master
// clock (the device's, or the monotonic clock when there is no device).
#include "audio/session_audio.hpp"

#include <chrono>
#include <future>
#include <vector>

#include "audio/live_audio.hpp"

namespace attune::audio {

core::Micros MonotonicNow() {
  return std::chrono::duration_cast<core::Micros>(std::chrono::steady_clock::now().time_since_epoch());
}

struct SessionAudio::Impl {
  LiveAudio live;
  bool opened = false;
  struct Prepared {
    std::unique_ptr<SessionSound> sound;
    std::vector<std::string> notices;
  };
  std::future<Prepared> pending;
  std::shared_ptr<const SessionSound> sound;  // handed to the device
  std::vector<std::string> notices;
};

SessionAudio::SessionAudio() : impl_(std::make_unique<Impl>()) {}

SessionAudio::~SessionAudio() {
  if (impl_->pending.valid()) impl_->pending.wait();
  impl_->live.Close();
}

bool SessionAudio::Open() {
  impl_->opened = true;
  return impl_->live.Open(48000, 1024);
}

void SessionAudio::SetTimeline(std::shared_ptr<const core::Timeline> timeline) {
  if (!impl_->opened) return;
  impl_->sound.reset();
  impl_->live.SetSound(nullptr);
  impl_->notices.clear();
  if (impl_->pending.valid()) impl_->pending.wait();
  const int rate = impl_->live.sample_rate();
  impl_->pending = std::async(std::launch::async, [timeline, rate]() {
    Impl::Prepared prepared;
    prepared.sound = SessionSound::Prepare(timeline, rate, &prepared.notices);
    return prepared;
  });
}

void SessionAudio::ExtendTimeline(std::shared_ptr<const core::Timeline> timeline) {
  if (!impl_->opened) return;
  if (!impl_->sound) {
    SetTimeline(std::move(timeline));
    return;
  }
  impl_->sound = impl_->sound->Retarget(std::move(timeline), &impl_->notices);
  impl_->live.SetSound(impl_->sound);
}

void SessionAudio::SetClockMap(const core::ClockMap& map) { impl_->live.SetClockMap(map); }

void SessionAudio::SetLevels(const core::SoundLevels& levels) {
  Volumes volumes;
  volumes.master = levels.master;
  volumes.cues = levels.cues;
  volumes.breath = levels.breath;
  volumes.voice = levels.voice;
  volumes.ambience = levels.ambience;
  volumes.muted = levels.muted;
  impl_->live.SetVolumes(volumes);
}

core::Micros SessionAudio::Clock() const { return impl_->live.Clock(); }

void SessionAudio::Poll() {
  if (!impl_->opened) return;
  if (impl_->pending.valid() &&
      impl_->pending.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    Impl::Prepared prepared = impl_->pending.get();
    impl_->notices = std::move(prepared.notices);
    impl_->sound = std::move(prepared.sound);
    impl_->live.SetSound(impl_->sound);
  }
  impl_->live.Poll();
}

bool SessionAudio::preparing() const { return impl_->pending.valid(); }

std::string SessionAudio::status() const {
  if (!impl_->opened) return "";
  std::string status = impl_->live.status_message();
  if (status.empty() && impl_->pending.valid()) status = "Preparing sound...";
  for (const std::string& notice : impl_->notices) status += (status.empty() ? "" : "  ·  ") + notice;
  return status;
}

}  // namespace attune::audio
