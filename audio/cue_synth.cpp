#include "audio/cue_synth.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace attune::audio {
namespace {

// One sinusoidal component of a struck sound: a pair of slightly detuned sines (the slow beating of a
// real bowl) decaying exponentially.
struct Partial {
  double ratio;      // of the fundamental
  double amplitude;  // relative
  double decay;      // time constant, seconds
  double beat;       // detuning of the pair, Hz (0 = a single sine)
};

struct Voice {
  double fundamental;  // Hz
  double attack;       // seconds, raised-cosine rise
  double length;       // seconds, including the final fade to silence
  std::vector<Partial> partials;
  double noise = 0.0;  // a short filtered noise burst at the strike (wood), relative level
};

Voice VoiceOf(core::CueSound sound) {
  switch (sound) {
    case core::CueSound::kBowl:
      return {220.0,
              0.008,
              9.0,
              {{1.0, 1.0, 5.5, 0.9}, {2.76, 0.55, 3.6, 1.7}, {5.40, 0.22, 2.1, 2.3}, {8.93, 0.10, 1.2, 3.1}}};
    case core::CueSound::kChime:
      return {880.0,
              0.005,
              4.0,
              {{1.0, 1.0, 1.8, 0.0}, {2.0, 0.32, 1.1, 0.0}, {3.01, 0.20, 0.7, 0.0}, {4.17, 0.08, 0.45, 0.0}}};
    case core::CueSound::kGong:
      return {98.0,
              0.010,
              12.0,
              {{1.0, 1.0, 7.5, 0.45},
               {1.49, 0.62, 6.0, 0.8},
               {2.31, 0.40, 4.2, 1.3},
               {3.17, 0.22, 3.0, 1.9},
               {4.43, 0.12, 2.0, 2.6}}};
    case core::CueSound::kWood:
      return {620.0,
              0.005,
              0.35,
              {{1.0, 1.0, 0.045, 0.0}, {2.57, 0.45, 0.025, 0.0}, {4.1, 0.2, 0.015, 0.0}},
              0.15};
    case core::CueSound::kTone:
      return {440.0, 0.010, 1.6, {{1.0, 1.0, 0.45, 0.0}, {2.0, 0.06, 0.3, 0.0}}};
    case core::CueSound::kTick:
      return {660.0, 0.005, 0.12, {{1.0, 1.0, 0.025, 0.0}, {2.0, 0.12, 0.02, 0.0}}};
    case core::CueSound::kNone:
      break;
  }
  return {0.0, 0.0, 0.0, {}};
}

// A muted strike of `voice`: the same partials, damped, shorter, and without the slow beating.
Voice Damped(Voice voice) {
  voice.attack = std::max(voice.attack, 0.006);
  voice.length = std::min(voice.length, kSoftCueLengthSeconds);
  for (Partial& partial : voice.partials) {
    partial.decay = std::min(partial.decay, kSoftCueDecaySeconds / partial.ratio);
    partial.beat = 0.0;
  }
  voice.noise *= 0.5;
  return voice;
}

std::vector<float> Synthesize(const Voice& voice, int sample_rate, float peak_level);

}  // namespace

std::vector<float> SynthesizeCue(core::CueSound sound, int sample_rate) {
  return Synthesize(VoiceOf(sound), sample_rate, kCuePeak);
}

std::vector<float> SynthesizeSoftCue(core::CueSound sound, int sample_rate) {
  const auto level = static_cast<float>(kCuePeak * std::pow(10.0, -kSoftCueAttenuationDb / 20.0));
  return Synthesize(Damped(VoiceOf(sound)), sample_rate, level);
}

namespace {

std::vector<float> Synthesize(const Voice& voice, int sample_rate, float peak_level) {
  if (voice.partials.empty() || sample_rate <= 0) return {};
  const double rate = static_cast<double>(sample_rate);
  const auto frames = static_cast<std::size_t>(std::llround(voice.length * rate));
  const auto attack_frames = std::max<double>(1.0, voice.attack * rate);
  const double fade = std::min(0.5, voice.length * 0.3);  // the last part fades to exact silence
  const double fade_start = voice.length - fade;
  constexpr double kTwoPi = 2.0 * std::numbers::pi;

  std::vector<double> samples(frames, 0.0);
  for (const Partial& partial : voice.partials) {
    const double f = voice.fundamental * partial.ratio;
    if (f >= rate * 0.45) continue;
    for (std::size_t i = 0; i < frames; ++i) {
      const double t = static_cast<double>(i) / rate;
      double s = std::sin(kTwoPi * f * t);
      if (partial.beat > 0.0) s = 0.5 * (s + std::sin(kTwoPi * (f + partial.beat) * t));
      samples[i] += partial.amplitude * std::exp(-t / partial.decay) * s;
    }
  }
  if (voice.noise > 0.0) {
    // A deterministic, lowpassed noise burst: the knock of a wooden block.
    std::uint32_t state = 0x9e3779b9u;
    double low = 0.0;
    for (std::size_t i = 0; i < frames; ++i) {
      state = state * 1664525u + 1013904223u;
      const double white = static_cast<double>(state >> 8) / static_cast<double>(1u << 24) * 2.0 - 1.0;
      low += 0.35 * (white - low);
      const double t = static_cast<double>(i) / rate;
      samples[i] += voice.noise * std::exp(-t / 0.012) * low;
    }
  }
  for (std::size_t i = 0; i < frames; ++i) {
    const double n = static_cast<double>(i);
    const double t = n / rate;
    double envelope = 1.0;
    if (n < attack_frames) envelope = 0.5 - 0.5 * std::cos(std::numbers::pi * n / attack_frames);
    if (t > fade_start) envelope *= 0.5 + 0.5 * std::cos(std::numbers::pi * (t - fade_start) / fade);
    samples[i] *= envelope;
  }
  double peak = 0.0;
  for (double s : samples) peak = std::max(peak, std::abs(s));
  std::vector<float> out(frames);
  const double scale = peak > 0.0 ? peak_level / peak : 0.0;
  for (std::size_t i = 0; i < frames; ++i) out[i] = static_cast<float>(samples[i] * scale);
  // Rounding to float must not push the peak over the level.
  for (float& s : out) s = std::clamp(s, -peak_level, peak_level);
  return out;
}

}  // namespace

}  // namespace attune::audio
