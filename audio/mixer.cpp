#include "audio/mixer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <numbers>
#include <optional>
#include <tuple>

#include "audio/ambience_stream.hpp"
#include "audio/clip_decoder.hpp"
#include "audio/clip_probe.hpp"
#include "audio/cue_synth.hpp"
#include "audio/noise.hpp"
#include "audio/speech.hpp"
#include "audio/speech_length.hpp"

namespace attune::audio {
namespace {

constexpr double kGlideRampSeconds = 0.25;
// How much longer than its measured length a voice clip may play (see RenderVoice).
constexpr double kVoiceLengthSlackSeconds = 0.25;
constexpr double kDuckAttackSeconds = 0.25;
constexpr double kDuckReleaseSeconds = 0.6;
constexpr double kNoiseLoopSeconds = 23.0;
constexpr double kFileLoopCrossfadeSeconds = 0.5;
// Harmonics of the glide tone, relative to the fundamental: a warm, soft timbre.
constexpr float kGlideSecond = 0.18f;
constexpr float kGlideThird = 0.05f;

// One cycle of a sine, read with linear interpolation by phase in turns.
constexpr int kSineTableSize = 4096;
struct SineTable {
  std::array<float, kSineTableSize + 1> values{};
  SineTable() {
    for (int i = 0; i <= kSineTableSize; ++i) {
      values[static_cast<std::size_t>(i)] =
          static_cast<float>(std::sin(2.0 * std::numbers::pi * i / kSineTableSize));
    }
  }
  float operator()(double turns) const {
    const double position = (turns - std::floor(turns)) * kSineTableSize;
    const auto index = static_cast<std::size_t>(position);
    const auto fraction = static_cast<float>(position - static_cast<double>(index));
    return values[index] + (values[index + 1] - values[index]) * fraction;
  }
};
const SineTable& Sine() {
  static const SineTable kTable;
  return kTable;
}

// Equal-power panning: pan -1 (left) .. 1 (right).
std::pair<float, float> PanGains(double pan) {
  const double angle = (std::clamp(pan, -1.0, 1.0) + 1.0) * std::numbers::pi / 4.0;
  return {static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle))};
}

double PanOf(const core::Timeline& timeline, core::Person person) {
  if (timeline.people < 2) return 0.0;
  switch (person) {
    case core::Person::kA:
      return timeline.a.pan;
    case core::Person::kB:
      return timeline.b.pan;
    case core::Person::kBoth:
      break;
  }
  return 0.0;
}

// The integral of the glide's pitch ease (smoothstep, 3x^2 - 2x^3), so the oscillator phase has a closed
// form.
double SmoothIntegral(double x) { return x * x * x * (1.0 - 0.5 * x); }
double RaisedCosine(double x) { return 0.5 - 0.5 * std::cos(std::numbers::pi * std::clamp(x, 0.0, 1.0)); }

bool IsBreathing(core::PhaseKind kind) {
  return kind == core::PhaseKind::kInhale || kind == core::PhaseKind::kExhale ||
         kind == core::PhaseKind::kHold || kind == core::PhaseKind::kHoldOut;
}

// The soft limiter: transparent below kLimiterKnee, then a tanh curve that never reaches full scale.
float Limit(float x) {
  const float magnitude = std::abs(x);
  if (magnitude <= kLimiterKnee) return x;
  constexpr float kRoom = 1.0f - kLimiterKnee;
  const float limited = kLimiterKnee + kRoom * 0.999f * std::tanh((magnitude - kLimiterKnee) / kRoom);
  return x < 0.0f ? -limited : limited;
}

// Cue samples are the same for every session at one rate: synthesized once per process.
std::shared_ptr<const std::vector<float>> CachedCue(core::CueSound cue, bool soft, int sample_rate) {
  static std::mutex mutex;
  static std::map<std::tuple<core::CueSound, bool, int>, std::shared_ptr<const std::vector<float>>> cache;
  std::lock_guard lock(mutex);
  auto [it, inserted] = cache.try_emplace({cue, soft, sample_rate});
  if (inserted) {
    it->second = std::make_shared<const std::vector<float>>(soft ? SynthesizeSoftCue(cue, sample_rate)
                                                                 : SynthesizeCue(cue, sample_rate));
  }
  return it->second;
}

// Adds the part of a mono clip that starts at frame `start` falling in [first, first + frames) to the
// stereo buffer `out`, with the given channel gains.
void AddClip(const std::vector<float>& samples, std::int64_t start, std::int64_t first, int frames,
             float left, float right, float* out) {
  const std::int64_t from = std::max(first, start);
  const std::int64_t to = std::min(first + frames, start + static_cast<std::int64_t>(samples.size()));
  for (std::int64_t f = from; f < to; ++f) {
    const float s = samples[static_cast<std::size_t>(f - start)];
    float* frame = out + 2 * (f - first);
    frame[0] += s * left;
    frame[1] += s * right;
  }
}

}  // namespace

// One voice clip, shared by every prompt with its ClipKey.
struct SessionSound::VoiceSlot {
  std::string path;  // the recorded clip to decode, or empty: speak `text`
  std::string language, text;
  std::int64_t max_frames = -1;  // of the recorded clip
  std::int64_t length = 0;       // frames, known before the clip is made
  // The audio thread's view: the clip while it is prepared, else null.
  std::atomic<const std::vector<float>*> ready{nullptr};
  // Guarded by VoiceStore::mutex.
  Clip owned;
  bool failed = false;  // nothing could be made: the prompt stays silent
  std::uint64_t mark = 0;
};

struct SessionSound::VoiceStore {
  std::mutex prepare;  // one maker at a time
  std::mutex mutex;    // everything below but the atomics
  std::map<ClipKey, std::unique_ptr<VoiceSlot>> slots;
  std::int64_t budget = kVoiceBudgetBytes;
  VoiceStats stats;
  std::uint64_t mark = 0;
  // Safe reclamation: a released clip is nulled in its slot and waits in `retiring`; Reclaim() flips the
  // epoch and frees `in_grace` once no Render() that may have read it (counted under the parity before the
  // flip) is still running.
  std::vector<Clip> retiring, in_grace;
  int grace_parity = -1;
  std::atomic<std::uint32_t> epoch{0};
  std::array<std::atomic<int>, 2> readers{};

  void Retire(VoiceSlot& slot);
  void Reclaim();
  std::int64_t Retiring() const {
    std::int64_t bytes = 0;
    for (const Clip& clip : retiring) bytes += static_cast<std::int64_t>(clip->size() * sizeof(float));
    for (const Clip& clip : in_grace) bytes += static_cast<std::int64_t>(clip->size() * sizeof(float));
    return bytes;
  }
};

std::int64_t SessionSound::FrameAt(core::Micros t) const {
  // Exact integer rounding: (t * rate + 500000) / 1000000, for t >= 0.
  const std::int64_t scaled = t.count() * sample_rate_;
  return scaled >= 0 ? (scaled + 500'000) / 1'000'000 : -((-scaled + 500'000) / 1'000'000);
}

std::unique_ptr<SessionSound> SessionSound::Prepare(std::shared_ptr<const core::Timeline> timeline,
                                                    int sample_rate, std::vector<std::string>* notices,
                                                    const std::atomic<bool>* cancel) {
  return Build(std::move(timeline), sample_rate, notices, nullptr, cancel);
}

std::unique_ptr<SessionSound> SessionSound::Retarget(std::shared_ptr<const core::Timeline> timeline,
                                                     std::vector<std::string>* notices) const {
  return Build(std::move(timeline), sample_rate_, notices, this, nullptr);
}

std::unique_ptr<SessionSound> SessionSound::Build(std::shared_ptr<const core::Timeline> timeline,
                                                  int sample_rate, std::vector<std::string>* notices,
                                                  const SessionSound* reuse,
                                                  const std::atomic<bool>* cancel) {
  std::unique_ptr<SessionSound> sound(new SessionSound());
  sound->timeline_ = std::move(timeline);
  sound->sample_rate_ = sample_rate;
  const core::Timeline& tl = *sound->timeline_;
  const double rate = static_cast<double>(sample_rate);
  sound->duration_frames_ = sound->FrameAt(tl.duration);
  auto notify = [notices](const std::string& text) {
    if (notices && std::find(notices->begin(), notices->end(), text) == notices->end())
      notices->push_back(text);
  };

  // Cues: every sound synthesized once, then placed at exact frames. Soft cues (a body scan's region
  // changes) are their own damped, quieter strikes, after the step cues in cue_samples_.
  constexpr int kSoundCount = static_cast<int>(core::CueSound::kTick) + 1;
  sound->cue_samples_.resize(2 * kSoundCount);
  for (const core::Cue& cue : tl.cues) {
    if (cue.sound == core::CueSound::kNone) continue;
    const auto index = static_cast<std::size_t>(cue.sound) + (cue.soft ? std::size_t{kSoundCount} : 0);
    if (!sound->cue_samples_[index]) {
      const bool reusable = reuse && index < reuse->cue_samples_.size() && reuse->cue_samples_[index];
      sound->cue_samples_[index] =
          reusable ? reuse->cue_samples_[index] : CachedCue(cue.sound, cue.soft, sample_rate);
    }
    const auto [left, right] = PanGains(PanOf(tl, cue.person));
    const auto gap = static_cast<std::int64_t>(std::llround(kPulseGapSeconds * rate));
    for (int pulse = 0; pulse < std::max(1, cue.count); ++pulse) {
      sound->cue_events_.push_back(
          {sound->FrameAt(cue.time) + pulse * gap, static_cast<int>(index), left, right});
    }
    sound->longest_cue_ =
        std::max(sound->longest_cue_, static_cast<std::int64_t>(sound->cue_samples_[index]->size()));
  }
  std::stable_sort(sound->cue_events_.begin(), sound->cue_events_.end(),
                   [](const CueEvent& x, const CueEvent& y) { return x.frame < y.frame; });

  // Glide: one voice per partner, following that partner's breathing phases.
  sound->glide_ramp_frames_ = std::max<std::int64_t>(1, std::llround(kGlideRampSeconds * rate));
  if (tl.sound.breath == core::BreathSound::kGlide) {
    std::vector<core::Person> people = {core::Person::kA};
    if (tl.people >= 2) people.push_back(core::Person::kB);
    for (core::Person person : people) {
      GlideVoice voice;
      const double transpose = person == core::Person::kB ? 1.5 : 1.0;
      voice.low_hz = kGlideLowHz * transpose;
      voice.high_hz = kGlideHighHz * transpose;
      std::tie(voice.gain_left, voice.gain_right) = PanGains(PanOf(tl, person));
      double phase = 0.0;
      float level_now = 0.0f;
      bool any_breathing = false;
      for (const core::TimelinePhase& phase_row : tl.phases) {
        if (phase_row.person != person && phase_row.person != core::Person::kBoth) continue;
        GlideSegment segment;
        segment.start = sound->FrameAt(phase_row.start);
        segment.end = sound->FrameAt(phase_row.end);
        if (segment.end <= segment.start) continue;
        const bool breathing = IsBreathing(phase_row.kind);
        any_breathing = any_breathing || breathing;
        segment.moving =
            phase_row.kind == core::PhaseKind::kInhale || phase_row.kind == core::PhaseKind::kExhale;
        segment.lungs_from = breathing ? phase_row.lungs_from : phase_row.lungs_to;
        segment.lungs_to = phase_row.lungs_to;
        segment.level = !breathing ? 0.0f : segment.moving ? kGlideLevel : kGlideLevel * kGlideHoldLevel;
        segment.start_level = level_now;
        segment.phase0 = phase;
        // Where this segment leaves the oscillator phase and the amplitude.
        const double length = static_cast<double>(segment.end - segment.start) / rate;
        const double turns = voice.low_hz * length +
                             (voice.high_hz - voice.low_hz) *
                                 (segment.lungs_from * length +
                                  (segment.lungs_to - segment.lungs_from) * length * SmoothIntegral(1.0));
        phase = phase + turns - std::floor(phase + turns);
        const double ramp = RaisedCosine(static_cast<double>(segment.end - segment.start) /
                                         static_cast<double>(sound->glide_ramp_frames_));
        level_now = static_cast<float>(segment.start_level + (segment.level - segment.start_level) * ramp);
        voice.segments.push_back(segment);
      }
      if (any_breathing) sound->glides_.push_back(std::move(voice));
    }
  }

  // Voice: recorded clips where the script names them, otherwise espeak-ng, per the session's voice mode.
  // Only their lengths are found here (the ducking spans need them); the clips are made in the order they
  // sound by PrepareSpan() and PrepareAhead(), and released when they are no longer needed.
  sound->voices_ = reuse ? reuse->voices_ : std::make_shared<VoiceStore>();
  VoiceStore& store = *sound->voices_;
  bool speech_missing = false;
  {
    std::lock_guard lock(store.mutex);
    for (const core::Prompt& prompt : tl.prompts) {
      if (tl.sound.voice == core::VoiceMode::kOff || prompt.text.empty()) continue;
      if (cancel && cancel->load()) return nullptr;
      const bool use_file = !prompt.voice.empty() && tl.sound.voice != core::VoiceMode::kSynth;
      const ClipKey key{use_file ? prompt.voice : std::string(), tl.language, prompt.text};
      std::unique_ptr<VoiceSlot>& slot = store.slots[key];
      if (!slot) {
        slot = std::make_unique<VoiceSlot>();
        slot->language = tl.language;
        slot->text = prompt.text;
        std::optional<std::int64_t> length;
        if (use_file) {
          // At most as long as the timeline lets it sound, whatever the file's header says.
          const std::int64_t use =
              sound->FrameAt(std::max(prompt.end, prompt.spoken_end)) - sound->FrameAt(prompt.start);
          std::string error;
          if (const auto info = SndfileClipProbe().Probe(prompt.voice, &error)) {
            slot->path = prompt.voice;
            slot->max_frames = use;
            length = std::min(use, SpokenFramesAt({info->frames, info->sample_rate}, sample_rate));
          } else {
            notify("Could not play the voice clip " + prompt.voice + ": " + error);
          }
        }
        if (!length && tl.sound.voice != core::VoiceMode::kRecorded) {
          if (const auto spoken = CachedSpokenFrames(tl.language, prompt.text)) {
            length = SpokenFramesAt(*spoken, sample_rate);
          } else {
            speech_missing = true;
          }
        }
        slot->length = length.value_or(0);
        slot->failed = slot->length <= 0;
      }
      if (slot->length <= 0) continue;
      const auto [left, right] = PanGains(PanOf(tl, prompt.who));
      sound->voice_events_.push_back({sound->FrameAt(prompt.start), slot->length, slot.get(), left, right});
      sound->longest_voice_ = std::max(sound->longest_voice_, slot->length);
    }
  }
  if (speech_missing) notify("Speech is unavailable: captions only");
  std::stable_sort(sound->voice_events_.begin(), sound->voice_events_.end(),
                   [](const VoiceEvent& x, const VoiceEvent& y) { return x.frame < y.frame; });

  // Ducking: the spans where someone speaks, merged when the ambience would not have time to come back up.
  sound->duck_attack_ = std::max<std::int64_t>(1, std::llround(kDuckAttackSeconds * rate));
  sound->duck_release_ = std::max<std::int64_t>(1, std::llround(kDuckReleaseSeconds * rate));
  for (const VoiceEvent& event : sound->voice_events_) {
    const std::int64_t end = event.frame + event.length;
    if (!sound->speech_spans_.empty() &&
        event.frame <= sound->speech_spans_.back().second + sound->duck_attack_ + sound->duck_release_) {
      sound->speech_spans_.back().second = std::max(sound->speech_spans_.back().second, end);
    } else {
      sound->speech_spans_.emplace_back(event.frame, end);
    }
  }

  // Ambience: generated noise or a looped file. A file is streamed from disk, never decoded whole (an
  // ordinary 2-hour file would take 4 GB): opening it reads only its first seconds, for its level.
  const std::string& ambience = tl.sound.ambience;
  sound->ambience_name_ = ambience;
  sound->ambience_fade_ = std::max<std::int64_t>(1, std::llround(kAmbienceFadeSeconds * rate));
  if (reuse && reuse->ambience_name_ == ambience) {
    sound->ambience_ = reuse->ambience_;
    sound->ambience_stream_ = reuse->ambience_stream_;
  } else if (ambience == "pink" || ambience == "brown") {
    sound->ambience_ = std::make_shared<const std::vector<float>>(MakeNoiseLoop(
        ambience == "pink" ? NoiseColor::kPink : NoiseColor::kBrown, sample_rate, kNoiseLoopSeconds));
  } else if (!ambience.empty() && ambience != "none") {
    std::string error;
    AmbienceStream::Options options;
    options.crossfade_seconds = kFileLoopCrossfadeSeconds;
    sound->ambience_stream_ = AmbienceStream::Open(ambience, sample_rate, options, &error);
    if (!sound->ambience_stream_) notify("Could not play the ambience " + ambience + ": " + error);
  }
  return sound;
}

void SessionSound::Render(std::int64_t first_frame, int frames, float* out_stereo,
                          const Volumes& volumes) const {
  if (frames <= 0) return;
  std::fill(out_stereo, out_stereo + 2 * static_cast<std::ptrdiff_t>(frames), 0.0f);
  if (volumes.muted) return;
  // Only the part inside the session makes sound.
  const std::int64_t begin = std::max<std::int64_t>(first_frame, 0);
  const std::int64_t end = std::min<std::int64_t>(first_frame + frames, duration_frames_);
  if (begin >= end) return;
  float* out = out_stereo + 2 * (begin - first_frame);
  const auto count = static_cast<int>(end - begin);

  const float master = std::clamp(volumes.master, 0.0f, 1.0f);
  RenderCues(begin, count, out, master * std::clamp(volumes.cues, 0.0f, 1.0f));
  const float breath = master * std::clamp(volumes.breath, 0.0f, 1.0f);
  if (breath > 0.0f) {
    for (const GlideVoice& voice : glides_) RenderGlide(voice, begin, count, out, breath);
  }
  RenderVoice(begin, count, out, master * std::clamp(volumes.voice, 0.0f, 1.0f));
  RenderAmbience(begin, count, out, master * std::clamp(volumes.ambience, 0.0f, 1.0f));
  for (int i = 0; i < 2 * count; ++i) out[i] = Limit(out[i]);
}

void SessionSound::RenderCues(std::int64_t first, int frames, float* out, float gain) const {
  if (gain <= 0.0f || cue_events_.empty()) return;
  const std::int64_t last = first + frames;
  // The first event that can still sound at `first`.
  auto it = std::lower_bound(cue_events_.begin(), cue_events_.end(), first - longest_cue_,
                             [](const CueEvent& event, std::int64_t frame) { return event.frame < frame; });
  for (; it != cue_events_.end() && it->frame < last; ++it) {
    AddClip(*cue_samples_[static_cast<std::size_t>(it->sound)], it->frame, first, frames,
            gain * it->gain_left, gain * it->gain_right, out);
  }
}

void SessionSound::RenderGlide(const GlideVoice& voice, std::int64_t first, int frames, float* out,
                               float gain) const {
  const std::vector<GlideSegment>& segments = voice.segments;
  if (segments.empty()) return;
  auto it = std::upper_bound(segments.begin(), segments.end(), first,
                             [](std::int64_t frame, const GlideSegment& s) { return frame < s.start; });
  if (it != segments.begin()) --it;
  const SineTable& sine = Sine();
  const double rate = static_cast<double>(sample_rate_);
  const double span_hz = voice.high_hz - voice.low_hz;
  const double ramp = static_cast<double>(glide_ramp_frames_);
  const float left = gain * voice.gain_left;
  const float right = gain * voice.gain_right;
  for (std::int64_t f = first; f < first + frames; ++f) {
    while (it != segments.end() && f >= it->end) ++it;
    if (it == segments.end()) break;
    const GlideSegment& s = *it;
    if (f < s.start || (s.level == 0.0f && s.start_level == 0.0f)) continue;
    const double elapsed = static_cast<double>(f - s.start);
    const double length = static_cast<double>(s.end - s.start);
    const double x = elapsed / length;
    const double t = elapsed / rate;
    const double seconds = length / rate;
    const double turns =
        s.phase0 + voice.low_hz * t +
        span_hz * (s.lungs_from * t + (s.lungs_to - s.lungs_from) * seconds * SmoothIntegral(x));
    double amplitude = s.level;
    if (elapsed < ramp) {
      // Raised cosine from the level the previous segment left: 0.5 - 0.5 cos(pi y) = 0.5 - 0.5 sin(pi y +
      // pi/2).
      amplitude = s.start_level + (s.level - s.start_level) * (0.5 - 0.5 * sine(0.5 * elapsed / ramp + 0.25));
    }
    // Swell through a moving phase; 0.75 at both ends so the amplitude is continuous across phases.
    amplitude *= s.moving ? 0.75 + 0.25 * sine(0.5 * x) : 0.75;
    const float tone = (sine(turns) + kGlideSecond * sine(2.0 * turns) + kGlideThird * sine(3.0 * turns)) /
                       (1.0f + kGlideSecond + kGlideThird);
    const float value = static_cast<float>(amplitude) * tone;
    float* frame = out + 2 * (f - first);
    frame[0] += value * left;
    frame[1] += value * right;
  }
}

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

float SessionSound::DuckAt(std::int64_t frame, std::size_t* interval) const {
  // `*interval` is a cursor: the first span whose release has not ended before `frame`.
  while (*interval < speech_spans_.size() && frame >= speech_spans_[*interval].second + duck_release_)
    ++*interval;
  if (*interval >= speech_spans_.size()) return 1.0f;
  const auto [start, end] = speech_spans_[*interval];
  double depth = 0.0;
  if (frame < start - duck_attack_) {
    depth = 0.0;
  } else if (frame < start) {
    depth =
        RaisedCosine(static_cast<double>(frame - (start - duck_attack_)) / static_cast<double>(duck_attack_));
  } else if (frame < end) {
    depth = 1.0;
  } else {
    depth = 1.0 - RaisedCosine(static_cast<double>(frame - end) / static_cast<double>(duck_release_));
  }
  return static_cast<float>(1.0 - (1.0 - kDuckGain) * depth);
}

void SessionSound::PrepareAmbienceSpan(std::int64_t first, std::int64_t frames) const {
  if (!ambience_stream_) return;
  const std::int64_t begin = std::max<std::int64_t>(first, 0);
  const std::int64_t end = std::min<std::int64_t>(first + frames, duration_frames_);
  if (begin >= end) return;
  // A span longer than the ring is prepared from its start; Render then leaves the rest silent.
  ambience_stream_->PrepareSpan(
      begin, static_cast<int>(std::min<std::int64_t>(end - begin, ambience_stream_->max_prepare_frames())));
}

void SessionSound::RenderAmbience(std::int64_t first, int frames, float* out, float gain) const {
  // The filler follows the playhead (a relaxed store: lock-free, and nothing waits on it).
  if (ambience_stream_) ambience_stream_->SetPlayhead(first);
  if (gain <= 0.0f) return;
  if (!ambience_stream_ && (!ambience_ || ambience_->empty())) return;
  std::size_t interval = static_cast<std::size_t>(
      std::lower_bound(speech_spans_.begin(), speech_spans_.end(), first - duck_release_,
                       [](const std::pair<std::int64_t, std::int64_t>& span, std::int64_t frame) {
                         return span.second < frame;
                       }) -
      speech_spans_.begin());
  const double fade = static_cast<double>(ambience_fade_);
  auto level_at = [&](std::int64_t f) {
    double level = gain * DuckAt(f, &interval);
    if (f < ambience_fade_) level *= RaisedCosine(static_cast<double>(f) / fade);
    if (f > duration_frames_ - ambience_fade_) {
      level *= RaisedCosine(static_cast<double>(duration_frames_ - f) / fade);
    }
    return level;
  };

  if (ambience_stream_) {
    // Only frames already in the stream's ring sound; a span it has not read (a seek, an underrun) is
    // silent and the ambience then fades back in over kResumeSeconds. Offline callers PrepareSpan first,
    // so for them every span is there and the output is the same however it is split.
    constexpr double kResumeSeconds = 0.05;
    const double resume_frames = kResumeSeconds * sample_rate_;
    const AmbienceStream& stream = *ambience_stream_;
    std::array<float, AmbienceStream::kMaxReadFrames> left{}, right{};
    for (std::int64_t at = first; at < first + frames;) {
      const int count =
          static_cast<int>(std::min<std::int64_t>(AmbienceStream::kMaxReadFrames, first + frames - at));
      if (!stream.Read(0, at, count, left.data()) || !stream.Read(1, at, count, right.data())) {
        ambience_resume_.store(at + count, std::memory_order_relaxed);
        at += count;
        continue;
      }
      const std::int64_t resume = ambience_resume_.load(std::memory_order_relaxed);
      for (int i = 0; i < count; ++i) {
        const std::int64_t f = at + i;
        double level = level_at(f);
        const double since = static_cast<double>(f - resume);
        if (since >= 0.0 && since < resume_frames) level *= RaisedCosine(since / resume_frames);
        float* frame = out + 2 * (f - first);
        frame[0] += static_cast<float>(level) * left[static_cast<std::size_t>(i)];
        frame[1] += static_cast<float>(level) * right[static_cast<std::size_t>(i)];
      }
      at += count;
    }
    return;
  }

  const std::vector<float>& ambience = *ambience_;
  const auto loop = static_cast<std::int64_t>(ambience.size());
  const auto size = ambience.size();
  auto l = static_cast<std::size_t>(first % loop);
  auto r = static_cast<std::size_t>((first + loop / 2) % loop);
  for (std::int64_t f = first; f < first + frames; ++f) {
    double level = gain * DuckAt(f, &interval);
    if (f < ambience_fade_) level *= RaisedCosine(static_cast<double>(f) / fade);
    if (f > duration_frames_ - ambience_fade_) {
      level *= RaisedCosine(static_cast<double>(duration_frames_ - f) / fade);
    }
    float* frame = out + 2 * (f - first);
    frame[0] += static_cast<float>(level) * ambience[l];
    frame[1] += static_cast<float>(level) * ambience[r];
    if (++l == size) l = 0;
    if (++r == size) r = 0;
  }
}

}  // namespace attune::audio
