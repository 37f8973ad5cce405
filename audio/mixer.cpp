#include "audio/mixer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <numbers>
#include <tuple>

#include "audio/clip_decoder.hpp"
#include "audio/cue_synth.hpp"
#include "audio/noise.hpp"
#include "audio/speech.hpp"

namespace attune::audio {
namespace {

constexpr double kGlideRampSeconds = 0.25;
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

std::int64_t SessionSound::FrameAt(core::Micros t) const {
  // Exact integer rounding: (t * rate + 500000) / 1000000, for t >= 0.
  const std::int64_t scaled = t.count() * sample_rate_;
  return scaled >= 0 ? (scaled + 500'000) / 1'000'000 : -((-scaled + 500'000) / 1'000'000);
}

std::unique_ptr<SessionSound> SessionSound::Prepare(std::shared_ptr<const core::Timeline> timeline,
                                                    int sample_rate, std::vector<std::string>* notices) {
  return Build(std::move(timeline), sample_rate, notices, nullptr);
}

std::unique_ptr<SessionSound> SessionSound::Retarget(std::shared_ptr<const core::Timeline> timeline,
                                                     std::vector<std::string>* notices) const {
  return Build(std::move(timeline), sample_rate_, notices, this);
}

std::unique_ptr<SessionSound> SessionSound::Build(std::shared_ptr<const core::Timeline> timeline,
                                                  int sample_rate, std::vector<std::string>* notices,
                                                  const SessionSound* reuse) {
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
  bool speech_missing = false;
  auto make_clip = [&](const core::Prompt& prompt, bool use_file) {
    Clip clip;
    if (use_file) {
      std::string error;
      if (auto decoded = DecodeClip(prompt.voice, sample_rate, &error)) {
        clip = std::make_shared<const std::vector<float>>(std::move(*decoded));
      } else {
        notify("Could not play the voice clip " + prompt.voice + ": " + error);
      }
    }
    if (!clip && tl.sound.voice != core::VoiceMode::kRecorded) {
      clip = SpeechSynthesizer::Instance().Speak(tl.language, prompt.text, sample_rate);
      if (!clip) speech_missing = true;
    }
    return clip;
  };
  const auto reuse_none = reuse ? reuse->clips_.end() : std::map<ClipKey, Clip>::const_iterator();
  for (const core::Prompt& prompt : tl.prompts) {
    if (tl.sound.voice == core::VoiceMode::kOff || prompt.text.empty()) continue;
    const bool use_file = !prompt.voice.empty() && tl.sound.voice != core::VoiceMode::kSynth;
    const ClipKey key{use_file ? prompt.voice : std::string(), tl.language, prompt.text};
    auto known = sound->clips_.find(key);
    if (known == sound->clips_.end()) {
      const auto reused = reuse ? reuse->clips_.find(key) : reuse_none;
      known = sound->clips_.emplace(key, reused != reuse_none ? reused->second : make_clip(prompt, use_file))
                  .first;
    }
    const Clip& clip = known->second;
    if (!clip || clip->empty()) continue;
    const auto [left, right] = PanGains(PanOf(tl, prompt.who));
    sound->voice_events_.push_back({sound->FrameAt(prompt.start), clip, left, right});
    sound->longest_voice_ = std::max(sound->longest_voice_, static_cast<std::int64_t>(clip->size()));
  }
  if (speech_missing) notify("Speech is unavailable: captions only");
  std::stable_sort(sound->voice_events_.begin(), sound->voice_events_.end(),
                   [](const VoiceEvent& x, const VoiceEvent& y) { return x.frame < y.frame; });

  // Ducking: the spans where someone speaks, merged when the ambience would not have time to come back up.
  sound->duck_attack_ = std::max<std::int64_t>(1, std::llround(kDuckAttackSeconds * rate));
  sound->duck_release_ = std::max<std::int64_t>(1, std::llround(kDuckReleaseSeconds * rate));
  for (const VoiceEvent& event : sound->voice_events_) {
    const std::int64_t end = event.frame + static_cast<std::int64_t>(event.clip->size());
    if (!sound->speech_spans_.empty() &&
        event.frame <= sound->speech_spans_.back().second + sound->duck_attack_ + sound->duck_release_) {
      sound->speech_spans_.back().second = std::max(sound->speech_spans_.back().second, end);
    } else {
      sound->speech_spans_.emplace_back(event.frame, end);
    }
  }

  // Ambience: generated noise or a looped file.
  const std::string& ambience = tl.sound.ambience;
  sound->ambience_name_ = ambience;
  sound->ambience_fade_ = std::max<std::int64_t>(1, std::llround(kAmbienceFadeSeconds * rate));
  if (reuse && reuse->ambience_name_ == ambience) {
    sound->ambience_ = reuse->ambience_;
  } else if (ambience == "pink" || ambience == "brown") {
    sound->ambience_ = std::make_shared<const std::vector<float>>(MakeNoiseLoop(
        ambience == "pink" ? NoiseColor::kPink : NoiseColor::kBrown, sample_rate, kNoiseLoopSeconds));
  } else if (!ambience.empty() && ambience != "none") {
    std::string error;
    if (auto decoded = DecodeClip(ambience, sample_rate, &error)) {
      sound->ambience_ = std::make_shared<const std::vector<float>>(
          MakeLoop(std::move(*decoded), sample_rate, kFileLoopCrossfadeSeconds));
    } else {
      notify("Could not play the ambience " + ambience + ": " + error);
    }
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
  auto it = std::lower_bound(voice_events_.begin(), voice_events_.end(), first - longest_voice_,
                             [](const VoiceEvent& event, std::int64_t frame) { return event.frame < frame; });
  for (; it != voice_events_.end() && it->frame < last; ++it) {
    AddClip(*it->clip, it->frame, first, frames, gain * it->gain_left, gain * it->gain_right, out);
  }
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

void SessionSound::RenderAmbience(std::int64_t first, int frames, float* out, float gain) const {
  if (gain <= 0.0f || !ambience_ || ambience_->empty()) return;
  const std::vector<float>& ambience = *ambience_;
  const auto loop = static_cast<std::int64_t>(ambience.size());
  std::size_t interval = static_cast<std::size_t>(
      std::lower_bound(speech_spans_.begin(), speech_spans_.end(), first - duck_release_,
                       [](const std::pair<std::int64_t, std::int64_t>& span, std::int64_t frame) {
                         return span.second < frame;
                       }) -
      speech_spans_.begin());
  const double fade = static_cast<double>(ambience_fade_);
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
