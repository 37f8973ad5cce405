// audio/session_audio.cpp: connects the app to the live audio device (audio/live_audio.hpp):
// prepares each session's sound on a worker thread, hands it over as soon as its first prompts are ready,
// keeps preparing the voice ahead of the playhead while it plays, and provides the master clock (the
// device's, or the monotonic clock when there is no device).
#include "audio/session_audio.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <mutex>
#include <thread>
#include <vector>

#include "audio/live_audio.hpp"
#include "core/sound_start.hpp"

namespace attune::audio {

core::Micros MonotonicNow() {
  return std::chrono::duration_cast<core::Micros>(std::chrono::steady_clock::now().time_since_epoch());
}

namespace {

// How long the worker sleeps when nothing is left to prepare at the playhead (it also wakes on a new
// timeline, a new clock map and at the end).
constexpr std::chrono::milliseconds kIdleWait{100};

}  // namespace

struct SessionAudio::Impl {
  LiveAudio live;
  bool opened = false;
  std::shared_ptr<const SessionSound> sound;  // handed to the device (UI thread)
  std::vector<std::string> notices;           // UI thread
  core::ClockMap map;                         // UI thread
  bool waiting = false;                       // UI thread: SetTimeline() not yet seen through by Poll()

  // Shared with the worker, under `mutex`.
  std::mutex mutex;
  std::condition_variable wake;
  bool stop = false;
  bool pending = false;                           // a SetTimeline() not yet handed over
  std::shared_ptr<const core::Timeline> request;  // for the worker to prepare
  std::shared_ptr<const SessionSound> ready;      // prepared, for Poll() to hand over
  std::shared_ptr<const SessionSound> working;    // the sound the worker prepares ahead for
  std::vector<std::string> worker_notices;        // for Poll() to show
  std::atomic<bool> cancel{false};                // the current preparation is no longer wanted
  std::atomic<std::int64_t> playhead_us{0};       // session time at the clock, from the UI thread
  std::thread worker;

  std::int64_t PlayheadFrame(int rate) const { return playhead_us.load() * rate / 1'000'000; }
  void Notify(const std::string& text) {
    std::lock_guard lock(mutex);
    for (const std::string& known : worker_notices) {
      if (known == text) return;
    }
    worker_notices.push_back(text);
  }
  // After a failure the sound plays with what it has; nothing more is tried for it.
  void StopPreparing(const std::shared_ptr<const SessionSound>& failed) {
    std::lock_guard lock(mutex);
    if (working == failed) working.reset();
  }
  void Run(int rate);
  void Prepare(const std::shared_ptr<const core::Timeline>& timeline, int rate);
};

// The worker: a new timeline's sound first (handed over once the first kFirstPromptSeconds are ready),
// then one voice clip at a time ahead of the playhead. Every call it makes returns within one prompt's
// synthesis of `cancel` being set, so SetTimeline() and the destructor never wait for more.
void SessionAudio::Impl::Run(int rate) {
  for (;;) {
    std::shared_ptr<const core::Timeline> timeline;
    std::shared_ptr<const SessionSound> ahead;
    {
      std::unique_lock lock(mutex);
      if (stop) return;
      if (request) {
        timeline = std::move(request);
        request.reset();
        cancel.store(false);
      } else {
        ahead = working;
      }
    }
    if (timeline) {
      Prepare(timeline, rate);
      continue;
    }
    bool worked = false;
    if (ahead) {
      // A last-resort boundary: whatever goes wrong, the session goes on with the sound it has.
      try {
        worked = ahead->PrepareAhead(PlayheadFrame(rate), &cancel);
      } catch (const std::exception& error) {
        Notify(std::string("Sound could not be prepared: ") + error.what());
        StopPreparing(ahead);
      } catch (...) {
        Notify("Sound could not be prepared: unknown error");
        StopPreparing(ahead);
      }
    }
    if (!worked) {
      std::unique_lock lock(mutex);
      wake.wait_for(lock, kIdleWait, [this] { return stop || request != nullptr; });
    }
  }
}

void SessionAudio::Impl::Prepare(const std::shared_ptr<const core::Timeline>& timeline, int rate) {
  std::vector<std::string> prepared_notices;
  std::shared_ptr<const SessionSound> prepared;
  try {
    std::unique_ptr<SessionSound> built = SessionSound::Prepare(timeline, rate, &prepared_notices, &cancel);
    if (!built) return;  // cancelled
    prepared = std::move(built);
    // The first prompts from the playhead before the sound is heard; the rest fills in while it plays.
    const auto first = static_cast<std::int64_t>(kFirstPromptSeconds * rate);
    if (!prepared->PrepareSpan(PlayheadFrame(rate), first, &cancel)) return;
  } catch (const std::exception& error) {
    prepared_notices.push_back(std::string("Sound could not be prepared: ") + error.what());
    prepared.reset();
  } catch (...) {
    prepared_notices.push_back("Sound could not be prepared: unknown error");
    prepared.reset();
  }
  std::lock_guard lock(mutex);
  if (request || cancel.load()) return;  // superseded meanwhile
  for (const std::string& notice : prepared_notices) worker_notices.push_back(notice);
  ready = prepared;
  working = prepared;
  pending = false;
}

SessionAudio::SessionAudio() : impl_(std::make_unique<Impl>()) {
#if defined(__GLIBC__)
  // Voice clips (hundreds of KB each) are made and freed while a session plays. glibc raises its mmap
  // threshold after the first such free, so later clips would come from the worker's own arena, whose
  // freed holes stay resident; a fixed threshold keeps every clip its own mapping, returned when freed.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

SessionAudio::~SessionAudio() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop = true;
    impl_->cancel.store(true);
  }
  impl_->wake.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();  // at most the prompt being synthesized
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
  impl_->waiting = true;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->request = std::move(timeline);
    impl_->ready.reset();
    impl_->working.reset();
    impl_->worker_notices.clear();
    impl_->pending = true;
    impl_->cancel.store(true);  // the worker drops what it is preparing after the current prompt
  }
  impl_->wake.notify_all();
  if (!impl_->worker.joinable()) {
    const int rate = impl_->live.sample_rate();
    impl_->worker = std::thread([impl = impl_.get(), rate] { impl->Run(rate); });
  }
}

void SessionAudio::ExtendTimeline(std::shared_ptr<const core::Timeline> timeline) {
  if (!impl_->opened) return;
  if (!impl_->sound) {
    SetTimeline(std::move(timeline));
    return;
  }
  std::vector<std::string> notices;
  impl_->sound = impl_->sound->Retarget(std::move(timeline), &notices);
  for (const std::string& notice : notices) impl_->Notify(notice);
  impl_->live.SetSound(impl_->sound);
  std::lock_guard lock(impl_->mutex);
  impl_->working = impl_->sound;  // the voice ahead follows the new event times
}

void SessionAudio::SetClockMap(const core::ClockMap& map) {
  impl_->map = map;
  impl_->live.SetClockMap(map);
  impl_->playhead_us.store(map.SessionAt(impl_->live.Clock()).count());
  impl_->wake.notify_all();  // a seek: the worker looks at the new playhead now
}

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

core::Micros SessionAudio::output_latency() const { return impl_->live.output_latency(); }

void SessionAudio::Poll() {
  if (!impl_->opened) return;
  impl_->playhead_us.store(impl_->map.SessionAt(impl_->live.Clock()).count());
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->ready) {
      impl_->sound = std::move(impl_->ready);
      impl_->ready.reset();
      impl_->live.SetSound(impl_->sound);
    }
    // Handed over (or failed) under the same lock that cleared `pending`: never seen done before that.
    if (!impl_->pending) impl_->waiting = false;
    for (std::string& notice : impl_->worker_notices) {
      bool known = false;
      for (const std::string& shown : impl_->notices) known = known || shown == notice;
      if (!known) impl_->notices.push_back(std::move(notice));
    }
    impl_->worker_notices.clear();
  }
  impl_->live.Poll();
}

bool SessionAudio::preparing() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->pending;
}

bool SessionAudio::sound_ready() const {
  return !impl_->opened || !impl_->live.available() || !impl_->waiting;
}

std::string SessionAudio::status() const {
  if (!impl_->opened) return "";
  std::string status = impl_->live.status_message();
  if (status.empty() && (impl_->waiting || preparing())) status = core::kPreparingSoundMessage;
  for (const std::string& notice : impl_->notices) status += (status.empty() ? "" : "  ·  ") + notice;
  return status;
}

}  // namespace attune::audio
