// audio/mixer_voice.cpp: SessionSound's voice: clips made ahead of need within a budget, released behind
// the playhead, freed only once the audio thread cannot be reading them, and mixed at their prompts' frames.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "audio/clip_decoder.hpp"
#include "audio/loudness.hpp"
#include "audio/mixer_internal.hpp"
#include "audio/speech.hpp"

namespace attune::audio {
namespace {

// A clip scaled to kVoiceLufs (integrated), its peak at most kNormalizedPeak: the same clip always gets the
// same samples, so the live sound and `render` agree.
std::shared_ptr<const std::vector<float>> Normalized(const std::vector<float>& clip, int sample_rate) {
  float peak = 0.0f;
  for (float s : clip) peak = std::max(peak, std::abs(s));
  if (peak <= 0.0f) return std::make_shared<const std::vector<float>>(clip);
  const float gain =
      std::min(GainTo(IntegratedLoudness(clip, 1, sample_rate), kVoiceLufs), kNormalizedPeak / peak);
  std::vector<float> scaled(clip);
  for (float& s : scaled) s *= gain;
  return std::make_shared<const std::vector<float>>(std::move(scaled));
}

}  // namespace

void SessionSound::RenderVoice(std::int64_t first, int frames, float* out, float gain) const {
  if (gain <= 0.0f || voice_events_.empty()) return;
  const std::int64_t last = first + frames;
  VoiceStore& store = *voices_;
  // Announce this reader under the current epoch's parity, so a clip released meanwhile is freed only
  // after this call (VoiceStore::Reclaim). If the epoch moved between the load and the increment, the
  // release may not have seen this reader: register again under the new parity.
  std::uint32_t parity = 0;
  for (;;) {
    parity = store.epoch.load() & 1u;
    store.readers[parity].fetch_add(1);
    if ((store.epoch.load() & 1u) == parity) break;
    store.readers[parity].fetch_sub(1);
  }
  // A clip plays whole even when it came out a little longer than the length it was timed by: espeak-ng's
  // cached measurement of a text can differ from this synthesis by a few samples.
  const auto slack = static_cast<std::int64_t>(kVoiceLengthSlackSeconds * sample_rate_);
  auto it = std::lower_bound(voice_events_.begin(), voice_events_.end(), first - longest_voice_ - slack,
                             [](const VoiceEvent& event, std::int64_t frame) { return event.frame < frame; });
  for (; it != voice_events_.end() && it->frame < last; ++it) {
    // Null: not prepared yet (or released); this prompt is silent in this buffer.
    const std::vector<float>* clip = it->slot->ready.load(std::memory_order_acquire);
    if (clip == nullptr) continue;
    const std::int64_t length = std::min(it->length + slack, static_cast<std::int64_t>(clip->size()));
    const std::int64_t from = std::max(first, it->frame);
    const std::int64_t to = std::min(last, it->frame + length);
    const float left = gain * it->gain_left, right = gain * it->gain_right;
    for (std::int64_t f = from; f < to; ++f) {
      const float sample = (*clip)[static_cast<std::size_t>(f - it->frame)];
      float* frame = out + 2 * (f - first);
      frame[0] += sample * left;
      frame[1] += sample * right;
    }
  }
  store.readers[parity].fetch_sub(1);
}

// Voice clips made ahead of need. Locks: `prepare` serializes the makers (one clip at a time is made,
// outside `mutex`); `mutex` guards the slots' owners and the accounting, and is held only briefly, so
// Retarget() and the stats never wait for a synthesis.
void SessionSound::VoiceStore::Retire(VoiceSlot& slot) {
  slot.ready.store(nullptr);
  retiring.push_back(std::move(slot.owned));
  slot.owned.reset();
  ++stats.clips_released;
}

void SessionSound::VoiceStore::Reclaim() {
  auto free_grace = [this] {
    for (const Clip& clip : in_grace) stats.bytes -= static_cast<std::int64_t>(clip->size() * sizeof(float));
    in_grace.clear();
    grace_parity = -1;
  };
  auto drained = [this] { return readers[static_cast<std::size_t>(grace_parity)].load() == 0; };
  if (grace_parity >= 0 && drained()) free_grace();
  if (grace_parity < 0 && !retiring.empty()) {
    // The nulled slots are published; readers that start after the flip cannot see the clips, and those
    // counted under the old parity are waited for (by polling, never by blocking the audio thread).
    in_grace.swap(retiring);
    grace_parity = static_cast<int>(epoch.fetch_add(1) & 1u);
    if (drained()) free_grace();
  }
}

bool SessionSound::PrepareVoiceStep(std::int64_t from, std::int64_t prepare_end, std::int64_t keep_end,
                                    std::int64_t required_end, const std::atomic<bool>* cancel) const {
  VoiceStore& store = *voices_;
  const std::int64_t behind =
      from - static_cast<std::int64_t>(std::llround(kVoiceBehindSeconds * sample_rate_));
  // The events that sound in [begin, end): those starting before `end` and ending after `begin`.
  // The clip may sound up to `slack` longer than its length (RenderVoice).
  const auto slack = static_cast<std::int64_t>(kVoiceLengthSlackSeconds * sample_rate_);
  auto first_event = [this, slack](std::int64_t begin) {
    return std::lower_bound(voice_events_.begin(), voice_events_.end(), begin - longest_voice_ - slack,
                            [](const VoiceEvent& event, std::int64_t frame) { return event.frame < frame; });
  };
  VoiceSlot* target = nullptr;
  std::int64_t target_frame = 0;
  {
    std::lock_guard lock(store.mutex);
    store.Reclaim();
    // Release what no event needs between a little behind the playhead and the horizon.
    ++store.mark;
    for (auto it = first_event(behind); it != voice_events_.end() && it->frame < keep_end; ++it) {
      if (it->frame + it->length + slack > behind) const_cast<VoiceSlot*>(it->slot)->mark = store.mark;
    }
    for (auto& [key, slot] : store.slots) {
      if (slot->owned && slot->mark != store.mark) store.Retire(*slot);
    }
    // The nearest event that sounds after `from` whose clip is missing.
    for (auto it = first_event(from); it != voice_events_.end() && it->frame < prepare_end; ++it) {
      if (it->frame + it->length + slack <= from) continue;
      auto* slot = const_cast<VoiceSlot*>(it->slot);
      if (!slot->owned && !slot->failed) {
        target = slot;
        target_frame = it->frame;
        break;
      }
    }
    if (target == nullptr) {
      store.Reclaim();
      return false;
    }
    const std::int64_t need = target->length * static_cast<std::int64_t>(sizeof(float));
    if (store.stats.bytes + need > store.budget) {
      // Over budget: release the clips whose next use is later than this one's, the latest first (what a
      // perfect cache would drop), then take back what the audio thread no longer reads.
      ++store.mark;
      std::vector<std::pair<std::int64_t, VoiceSlot*>> later;
      for (auto it = first_event(behind); it != voice_events_.end(); ++it) {
        auto* slot = const_cast<VoiceSlot*>(it->slot);
        if (it->frame + it->length + slack <= behind || !slot->owned || slot->mark == store.mark) continue;
        slot->mark = store.mark;  // its first use from here
        if (it->frame > target_frame) later.emplace_back(it->frame, slot);
      }
      std::sort(later.begin(), later.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
      for (const auto& [frame, slot] : later) {
        if (store.stats.bytes - store.Retiring() + need <= store.budget) break;
        store.Retire(*slot);
      }
      store.Reclaim();
      if (store.stats.bytes + need > store.budget && target_frame >= required_end) return false;
    }
  }
  if (cancel && cancel->load()) return false;
  // Made outside the lock: synthesis takes tens of milliseconds.
  Clip clip;
  if (!target->path.empty()) {
    std::string error;
    if (auto decoded = DecodeClip(target->path, sample_rate_, &error, target->max_frames)) {
      clip = std::make_shared<const std::vector<float>>(std::move(*decoded));
    }
  } else {
    clip = SpeechSynthesizer::Instance().Speak(target->language, target->text, sample_rate_, false);
  }
  if (clip && !clip->empty()) clip = Normalized(*clip, sample_rate_);
  std::lock_guard lock(store.mutex);
  ++store.stats.clips_made;
  if (!clip || clip->empty()) {
    target->failed = true;  // silent; its length still ducks the ambience, as the plan expects
    return true;
  }
  store.stats.bytes += static_cast<std::int64_t>(clip->size() * sizeof(float));
  store.stats.peak_bytes = std::max(store.stats.peak_bytes, store.stats.bytes);
  target->owned = std::move(clip);
  target->ready.store(target->owned.get(), std::memory_order_release);
  return true;
}

bool SessionSound::PrepareAhead(std::int64_t playhead, const std::atomic<bool>* cancel) const {
  std::lock_guard serial(voices_->prepare);
  const std::int64_t horizon =
      playhead + static_cast<std::int64_t>(std::llround(kVoiceAheadSeconds * sample_rate_));
  return PrepareVoiceStep(playhead, horizon, horizon, playhead, cancel);
}

bool SessionSound::VoiceReady(std::int64_t first_frame, std::int64_t frames) const {
  std::lock_guard lock(voices_->mutex);
  const auto slack = static_cast<std::int64_t>(kVoiceLengthSlackSeconds * sample_rate_);
  auto it = std::lower_bound(voice_events_.begin(), voice_events_.end(), first_frame - longest_voice_ - slack,
                             [](const VoiceEvent& event, std::int64_t frame) { return event.frame < frame; });
  for (; it != voice_events_.end() && it->frame < first_frame + frames; ++it) {
    if (it->frame + it->length + slack > first_frame && !it->slot->owned && !it->slot->failed) return false;
  }
  return true;
}

void SessionSound::set_voice_budget_bytes(std::int64_t bytes) {
  std::lock_guard lock(voices_->mutex);
  voices_->budget = bytes;
}

std::int64_t SessionSound::voice_budget_bytes() const {
  std::lock_guard lock(voices_->mutex);
  return voices_->budget;
}

SessionSound::VoiceStats SessionSound::voice_stats() const {
  std::lock_guard lock(voices_->mutex);
  return voices_->stats;
}

std::shared_ptr<const std::vector<float>> SessionSound::voice_clip(std::size_t event) const {
  std::lock_guard lock(voices_->mutex);
  return event < voice_events_.size() ? voice_events_[event].slot->owned : nullptr;
}

bool SessionSound::PrepareSpan(std::int64_t first_frame, std::int64_t frames,
                               const std::atomic<bool>* cancel) const {
  const std::int64_t end = first_frame + std::max<std::int64_t>(frames, 0);
  // A span whose clips are all made (by an earlier call, or by a worker's PrepareAhead) needs nothing
  // here: without this check it would wait for the clip that worker is making, far ahead of the span.
  if (!VoiceReady(first_frame, frames)) {
    // Voice: every clip sounding in the span, in order; clips used again within the horizon are kept.
    std::lock_guard serial(voices_->prepare);
    const std::int64_t keep =
        end + static_cast<std::int64_t>(std::llround(kVoiceAheadSeconds * sample_rate_));
    while (PrepareVoiceStep(first_frame, end, keep, end, cancel)) {
    }
    if (cancel && cancel->load()) return false;
  }
  PrepareAmbienceSpan(first_frame, frames);  // an ambience file: the span read into its ring
  return true;
}

}  // namespace attune::audio
