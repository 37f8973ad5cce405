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
#include "audio/loudness.hpp"
#include "audio/mixer_internal.hpp"
#include "audio/noise.hpp"
#include "audio/speech.hpp"
#include "audio/speech_length.hpp"

namespace attune::audio {
namespace {

constexpr double kGlideRampSeconds = 0.25;
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
  // sin and cos of the same angle from one reduction: the cosine is the sine a quarter table on, at the
  // same fraction (one floor and one conversion instead of two; the glide's hot loop).
  void SinCos(double turns, float* sin_out, float* cos_out) const {
    const double position = (turns - std::floor(turns)) * kSineTableSize;
    const auto index = static_cast<std::size_t>(position);
    const auto fraction = static_cast<float>(position - static_cast<double>(index));
    *sin_out = values[index] + (values[index + 1] - values[index]) * fraction;
    const std::size_t quarter = (index + kSineTableSize / 4) % kSineTableSize;
    *cos_out = values[quarter] + (values[quarter + 1] - values[quarter]) * fraction;
  }
};
const SineTable& Sine() {
  static const SineTable kTable;
  return kTable;
}

// The glide's tone from the sine and cosine of its phase: the fundamental with soft second and third
// harmonics (sin 2x = 2 sin x cos x, sin 3x = 3 sin x - 4 sin^3 x: two table reads instead of three).
float GlideTone(float sin_x, float cos_x) {
  const float second = 2.0f * sin_x * cos_x;
  const float third = sin_x * (3.0f - 4.0f * sin_x * sin_x);
  return (sin_x + kGlideSecond * second + kGlideThird * third) / (1.0f + kGlideSecond + kGlideThird);
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

// The gain that brings a cue sound's strike (its loudest 400 ms) to kCueLufs, its peak at most
// kNormalizedPeak. Measured on the step cue; its soft strike takes the same gain, so it stays as much
// quieter as cue_synth made it.
float CueGain(const std::vector<float>& strike, int sample_rate) {
  if (strike.empty()) return 1.0f;
  float peak = 0.0f;
  for (float s : strike) peak = std::max(peak, std::abs(s));
  const float gain = GainTo(MaxMomentaryLoudness(strike.data(), strike.size(), 1, sample_rate), kCueLufs);
  return peak > 0.0f ? std::min(gain, kNormalizedPeak / peak) : 1.0f;
}

// Cue samples are the same for every session at one rate: synthesized and levelled once per process.
std::shared_ptr<const std::vector<float>> CachedCue(core::CueSound cue, bool soft, int sample_rate) {
  static std::mutex mutex;
  static std::map<std::tuple<core::CueSound, bool, int>, std::shared_ptr<const std::vector<float>>> cache;
  static std::map<std::pair<core::CueSound, int>, float> gains;
  std::lock_guard lock(mutex);
  auto [it, inserted] = cache.try_emplace({cue, soft, sample_rate});
  if (inserted) {
    auto [gain, measured] = gains.try_emplace({cue, sample_rate}, 1.0f);
    std::vector<float> samples = soft ? SynthesizeSoftCue(cue, sample_rate) : SynthesizeCue(cue, sample_rate);
    if (measured) gain->second = CueGain(soft ? SynthesizeCue(cue, sample_rate) : samples, sample_rate);
    for (float& sample : samples) sample *= gain->second;
    it->second = std::make_shared<const std::vector<float>>(std::move(samples));
  }
  return it->second;
}

// Generated noise is the same for every session at one rate: one bed per colour, shared.
std::shared_ptr<const NoiseBed> CachedNoise(NoiseColor color, int sample_rate) {
  static std::mutex mutex;
  static std::map<std::pair<NoiseColor, int>, std::shared_ptr<const NoiseBed>> cache;
  std::lock_guard lock(mutex);
  auto [it, inserted] = cache.try_emplace({color, sample_rate});
  if (inserted) it->second = std::make_shared<const NoiseBed>(color, sample_rate, kAmbienceLufs);
  return it->second;
}

// The gain that brings the glide, breathing in and out at kGlideLevel, to kGlideLufs: measured once per
// rate on a probe of steady breaths (4 s in, 6 s out) of partner a's voice.
float GlideGain(int sample_rate) {
  static std::mutex mutex;
  static std::map<int, float> cache;
  std::lock_guard lock(mutex);
  auto [it, inserted] = cache.try_emplace(sample_rate, 1.0f);
  if (!inserted) return it->second;
  // The tone as RenderGlide makes it: pitch eased from empty to full lungs and back, amplitude swelling
  // through each phase.
  std::vector<float> probe;
  double turns = 0.0;
  for (const auto& [seconds, from, to] : {std::tuple{4.0, 0.0, 1.0}, std::tuple{6.0, 1.0, 0.0},
                                          std::tuple{4.0, 0.0, 1.0}, std::tuple{6.0, 1.0, 0.0}}) {
    const auto frames = static_cast<int>(seconds * sample_rate);
    for (int i = 0; i < frames; ++i) {
      const double x = static_cast<double>(i) / frames;
      const double lungs = from + (to - from) * x * x * (3.0 - 2.0 * x);
      turns += (kGlideLowHz + (kGlideHighHz - kGlideLowHz) * lungs) / sample_rate;
      const double amplitude = kGlideLevel * (0.75 + 0.25 * Sine()(0.5 * x));
      float sin_turns = 0.0f, cos_turns = 0.0f;
      Sine().SinCos(turns, &sin_turns, &cos_turns);
      probe.push_back(static_cast<float>(amplitude * GlideTone(sin_turns, cos_turns)));
    }
  }
  return it->second = GainTo(IntegratedLoudness(probe, 1, sample_rate), kGlideLufs);
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
      double lungs_now = 0.0;
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
        if (level_now > 0.0f) {
          // Still sounding: the pitch goes on from where it is (a step change, a partner's pattern that
          // starts elsewhere) and glides to where this phase ends, never jumps; silent, it holds.
          segment.lungs_from = lungs_now;
          if (!breathing) segment.lungs_to = lungs_now;
        }
        lungs_now = segment.lungs_to;
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

  // Voice: recorded clips where the script names them, otherwise synthesized (flite for English, else
  // espeak-ng), per the session's voice mode.
  // Only their lengths are found here (the ducking spans need them); the clips are made in the order they
  // sound by PrepareSpan() and PrepareAhead(), and released when they are no longer needed.
  sound->voices_ = reuse ? reuse->voices_ : std::make_shared<VoiceStore>();
  VoiceStore& store = *sound->voices_;
  bool speech_missing = false;
  bool synthesized = false;  // some prompt is spoken by the synthesizer
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
            synthesized = true;
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
  if (const std::string fallback = SpeechSynthesizer::Instance().fallback_notice(tl.language);
      synthesized && !fallback.empty()) {
    notify(fallback);
  }
  std::stable_sort(sound->voice_events_.begin(), sound->voice_events_.end(),
                   [](const VoiceEvent& x, const VoiceEvent& y) { return x.frame < y.frame; });

  // Ducking: the spans where someone speaks, merged when the ambience would not have time to come back up
  // (so between the sentences of one prompt, and between close prompts, nothing swells and falls).
  auto frames_of = [rate](double seconds) { return std::max<std::int64_t>(1, std::llround(seconds * rate)); };
  sound->ambience_duck_ = {frames_of(kDuckAttackSeconds), frames_of(kDuckReleaseSeconds), kDuckGain};
  sound->cue_duck_ = {frames_of(kFastDuckAttackSeconds), frames_of(kFastDuckReleaseSeconds), kCueDuckGain};
  sound->glide_duck_ = {sound->cue_duck_.attack, sound->cue_duck_.release, kGlideDuckGain};
  // Two partners' glides together are as loud as one (each 3 LU lower), so the breath layer keeps its
  // place under the voice.
  sound->glide_gain_ =
      GlideGain(sample_rate) /
      static_cast<float>(std::sqrt(std::max<double>(1.0, static_cast<double>(sound->glides_.size()))));
  const std::int64_t merge = sound->ambience_duck_.attack + sound->ambience_duck_.release;
  for (const VoiceEvent& event : sound->voice_events_) {
    const std::int64_t end = event.frame + event.length;
    if (!sound->speech_spans_.empty() && event.frame <= sound->speech_spans_.back().second + merge) {
      sound->speech_spans_.back().second = std::max(sound->speech_spans_.back().second, end);
    } else {
      sound->speech_spans_.emplace_back(event.frame, end);
    }
  }

  // Ambience: generated noise (continuous, never looped) or a looped file. A file is streamed from disk,
  // never decoded whole (an ordinary 2-hour file would take 4 GB): opening it reads only its first seconds,
  // for its level.
  const std::string& ambience = tl.sound.ambience;
  sound->ambience_name_ = ambience;
  sound->ambience_fade_ = std::max<std::int64_t>(1, std::llround(kAmbienceFadeSeconds * rate));
  if (reuse && reuse->ambience_name_ == ambience) {
    sound->noise_ = reuse->noise_;
    sound->ambience_stream_ = reuse->ambience_stream_;
  } else if (ambience == "pink" || ambience == "brown") {
    sound->noise_ = CachedNoise(ambience == "pink" ? NoiseColor::kPink : NoiseColor::kBrown, sample_rate);
  } else if (!ambience.empty() && ambience != "none") {
    std::string error;
    AmbienceStream::Options options;
    options.crossfade_seconds = kFileLoopCrossfadeSeconds;
    options.target_lufs = kAmbienceLufs;
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
  const float cues = master * std::clamp(volumes.cues, 0.0f, 1.0f);
  const float breath = master * std::clamp(volumes.breath, 0.0f, 1.0f) * glide_gain_;
  if (cues > 0.0f || (breath > 0.0f && !glides_.empty())) {
    // Cues and the glide are ducked under speech: each made into a chunk, then added under its envelope.
    constexpr int kChunk = 256;
    std::array<float, 2 * kChunk> cue_chunk{}, glide_chunk{};
    std::array<float, kChunk> cue_gains{}, glide_gains{};
    std::size_t cue_cursor = DuckCursor(cue_duck_, begin);
    std::size_t glide_cursor = DuckCursor(glide_duck_, begin);
    for (int at = 0; at < count; at += kChunk) {
      const int n = std::min(kChunk, count - at);
      std::fill(cue_chunk.begin(), cue_chunk.end(), 0.0f);
      std::fill(glide_chunk.begin(), glide_chunk.end(), 0.0f);
      if (cues > 0.0f) RenderCues(begin + at, n, cue_chunk.data(), cues);
      if (breath > 0.0f) {
        for (const GlideVoice& voice : glides_) RenderGlide(voice, begin + at, n, glide_chunk.data(), breath);
      }
      DuckSpan(cue_duck_, begin + at, n, &cue_cursor, cue_gains.data());
      DuckSpan(glide_duck_, begin + at, n, &glide_cursor, glide_gains.data());
      float* chunk_out = out + 2 * at;
      for (int i = 0; i < n; ++i) {
        const float cue_gain = cue_gains[static_cast<std::size_t>(i)];
        const float glide_gain = glide_gains[static_cast<std::size_t>(i)];
        chunk_out[2 * i] += cue_gain * cue_chunk[2 * static_cast<std::size_t>(i)] +
                            glide_gain * glide_chunk[2 * static_cast<std::size_t>(i)];
        chunk_out[2 * i + 1] += cue_gain * cue_chunk[2 * static_cast<std::size_t>(i) + 1] +
                                glide_gain * glide_chunk[2 * static_cast<std::size_t>(i) + 1];
      }
    }
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
  const std::int64_t last = first + frames;
  // Segment by segment, its constants hoisted out of the per-frame loop.
  for (; it != segments.end() && it->start < last; ++it) {
    const GlideSegment& s = *it;
    if (s.end <= first || (s.level == 0.0f && s.start_level == 0.0f)) continue;
    const std::int64_t from = std::max(first, s.start);
    const std::int64_t to = std::min(last, s.end);
    const double length = static_cast<double>(s.end - s.start);
    const double per_length = 1.0 / length;
    const double per_second = 1.0 / rate;
    const double seconds = length / rate;
    const double sweep = span_hz * (s.lungs_to - s.lungs_from) * seconds;
    const double hz = voice.low_hz + span_hz * s.lungs_from;
    for (std::int64_t f = from; f < to; ++f) {
      const double elapsed = static_cast<double>(f - s.start);
      const double x = elapsed * per_length;
      const double turns = s.phase0 + hz * (elapsed * per_second) + sweep * SmoothIntegral(x);
      double amplitude = s.level;
      if (elapsed < ramp) {
        // Raised cosine from the level the previous segment left: 0.5 - 0.5 cos(pi y) = 0.5 - 0.5 sin(pi y +
        // pi/2).
        amplitude =
            s.start_level + (s.level - s.start_level) * (0.5 - 0.5 * sine(0.5 * elapsed / ramp + 0.25));
      }
      // Swell through a moving phase; 0.75 at both ends so the amplitude is continuous across phases.
      amplitude *= s.moving ? 0.75 + 0.25 * sine(0.5 * x) : 0.75;
      float sin_turns = 0.0f, cos_turns = 0.0f;
      sine.SinCos(turns, &sin_turns, &cos_turns);
      const float tone = GlideTone(sin_turns, cos_turns);
      const float value = static_cast<float>(amplitude) * tone;
      float* frame = out + 2 * (f - first);
      frame[0] += value * left;
      frame[1] += value * right;
    }
  }
}

}  // namespace attune::audio
