#include "audio/cue_synth.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "audio/reverb.hpp"

namespace attune::audio {
namespace {

// One vibration mode of a struck body: a damped sinusoid, or a pair of them a few tenths of a hertz to a few
// hertz apart (the split doublet of a slightly asymmetric bowl or bell: its slow beating).
struct Mode {
  double ratio;   // frequency, of the voice's fundamental
  double weight;  // how strongly the strike excites it (before the mallet's lowpass)
  double t60;     // seconds to fall 60 dB
  double beat;    // split of the doublet, Hz (0: a single mode)
};

struct Voice {
  double fundamental = 0.0;  // Hz
  double length = 0.0;       // seconds: the modes and the room have died away by then (SynthesizeCue)
  double contact = 0.0;      // the mallet's contact time, seconds: the attack's raised-cosine rise
  double brightness = 0.0;   // Hz: the mallet's lowpass (a soft mallet excites high modes less)
  double knock = 0.0;        // the contact noise (filtered noise burst), relative to the modes' sum
  double knock_hz = 0.0;     // centre of the knock's band
  std::vector<Mode> modes;
  ReverbSettings room;
};

constexpr double kLn1000 = 6.907755278982137;  // T60 = 60 dB = ln(1000) time constants

// Tibetan singing bowl: the rim modes (n,0), n = 2..12, n nodal meridians. Their ratios follow the
// inextensional thin-ring law f_n ~ n(n^2 - 1)/sqrt(n^2 + 1) (Rossing & Fletcher, The Physics of Musical
// Instruments, ch. 2 and 21): 1 : 2.83 : 5.42 : 8.77 : 12.9 ..., the series Inacio, Henrique & Antunes
// identified on struck Tibetan bowls ("The dynamics of Tibetan singing bowls", Acta Acustica united with
// Acustica 92, 2006: the (n,0) modes as split doublets, the lowest ringing longest, the struck bowl beating
// slowly). Higher modes die faster (T60 ~ ratio^-0.5: 26 s for the lowest, 3.6 s for n = 12) and are
// excited less.
Voice Bowl() {
  Voice voice;
  voice.fundamental = 196.0;  // G3: a medium bowl, about 20 cm
  voice.length = 30.0;
  voice.contact = 0.004;
  voice.brightness = 4500.0;
  voice.knock = 0.04;
  voice.knock_hz = 1800.0;
  auto ring = [](double n) { return n * (n * n - 1.0) / std::sqrt(n * n + 1.0); };
  for (int n = 2; n <= 12; ++n) {
    const double ratio = ring(n) / ring(2);
    const double weight = std::pow(static_cast<double>(n - 1), -0.3);
    const double t60 = 26.0 * std::pow(ratio, -0.5);
    const double beat = std::min(0.004 * voice.fundamental * ratio, 5.0);
    voice.modes.push_back({ratio, weight, t60, beat});
  }
  voice.room = {2.2, 0.35, 1.2, 0.014, 0.16, 1.0};
  return voice;
}

// A small bell: the partials of a tuned (church or hand) bell, named by their interval to the prime, from
// Rossing, The Science of Sound, ch. 13 (and Hibbert, "The quantification of strike pitch and pitch shifts
// in church bells", 2008): hum 0.5, prime 1, tierce 1.2 (a minor third), quint 1.5, nominal 2, deciem 2.5,
// undeciem 2.67, duodeciem 3, double octave 4. The hum rings longest; the nominal carries the strike.
Voice Chime() {
  Voice voice;
  voice.fundamental = 784.0;  // the prime: G5
  voice.length = 16.0;
  voice.contact = 0.0015;
  voice.brightness = 5000.0;
  voice.knock = 0.03;
  voice.knock_hz = 4000.0;
  voice.modes = {{0.5, 0.55, 11.0, 0.4},  {1.0, 0.7, 7.5, 0.7}, {1.2, 0.45, 6.0, 0.9},
                 {1.5, 0.25, 4.6, 1.1},   {2.0, 1.0, 4.0, 1.4}, {2.5, 0.3, 2.6, 0.0},
                 {2.667, 0.25, 2.3, 0.0}, {3.0, 0.3, 2.0, 0.0}, {4.0, 0.15, 1.2, 0.0}};
  voice.room = {2.0, 0.3, 1.0, 0.012, 0.18, 1.0};
  return voice;
}

// A gong: the modes (m,n) of a free circular plate, m nodal diameters, n nodal circles, relative to (2,0):
// (0,1) 1.73, (3,0) 2.33, (1,1) 3.91, (4,0) 4.11, (5,0) 6.30, (2,1) 6.71, (0,2) 7.34 (Rossing & Fletcher,
// The Physics of Musical Instruments, table 3.2). A soft, heavy beater: dark, long, slowly beating.
Voice Gong() {
  Voice voice;
  voice.fundamental = 110.0;  // A2
  voice.length = 26.0;
  voice.contact = 0.008;
  voice.brightness = 1300.0;
  voice.knock = 0.05;
  voice.knock_hz = 500.0;
  const double ratios[] = {1.0, 1.73, 2.33, 3.91, 4.11, 6.30, 6.71, 7.34};
  for (double ratio : ratios) {
    voice.modes.push_back(
        {ratio, std::pow(ratio, -0.4), 18.0 * std::pow(ratio, -0.6), 0.25 * std::sqrt(ratio)});
  }
  voice.room = {2.6, 0.4, 1.3, 0.016, 0.2, 1.0};
  return voice;
}

// A wood block: the bending modes of a free-free bar, 1 : 2.756 : 5.404 : 8.933 (Euler-Bernoulli; Rossing,
// The Science of Sound, ch. 13), heavily damped, and a loud knock.
Voice Wood() {
  Voice voice;
  voice.fundamental = 640.0;
  voice.length = 1.6;
  voice.contact = 0.0012;
  voice.brightness = 3500.0;
  voice.knock = 0.35;
  voice.knock_hz = 1600.0;
  voice.modes = {
      {1.0, 1.0, 0.30, 0.0}, {2.756, 0.5, 0.16, 0.0}, {5.404, 0.25, 0.09, 0.0}, {8.933, 0.1, 0.05, 0.0}};
  voice.room = {1.0, 0.4, 0.8, 0.008, 0.14, 1.0};
  return voice;
}

// A tuning fork: a nearly pure tone, with its clang mode at 6.27 x the fundamental that dies within a
// fraction of a second (Rossing, The Science of Sound, ch. 13).
Voice Tone() {
  Voice voice;
  voice.fundamental = 440.0;
  voice.length = 4.0;
  voice.contact = 0.006;
  voice.brightness = 4000.0;
  voice.knock = 0.0;
  voice.modes = {{1.0, 1.0, 2.6, 0.0}, {6.27, 0.12, 0.35, 0.0}};
  voice.room = {1.4, 0.35, 1.0, 0.012, 0.14, 1.0};
  return voice;
}

// A tick: a tiny bar (the free-free ratios again), very short, for counting breaths.
Voice Tick() {
  Voice voice;
  voice.fundamental = 1320.0;
  voice.length = 1.0;
  voice.contact = 0.001;
  voice.brightness = 6000.0;
  voice.knock = 0.12;
  voice.knock_hz = 3000.0;
  voice.modes = {{1.0, 1.0, 0.12, 0.0}, {2.756, 0.3, 0.06, 0.0}};
  voice.room = {0.6, 0.4, 0.6, 0.006, 0.08, 1.0};
  return voice;
}

Voice VoiceOf(core::CueSound sound) {
  switch (sound) {
    case core::CueSound::kBowl:
      return Bowl();
    case core::CueSound::kChime:
      return Chime();
    case core::CueSound::kGong:
      return Gong();
    case core::CueSound::kWood:
      return Wood();
    case core::CueSound::kTone:
      return Tone();
    case core::CueSound::kTick:
      return Tick();
    case core::CueSound::kNone:
      break;
  }
  return {};
}

// A muted strike of `voice`: the same modes, each dying within kSoftCueDecaySeconds (a time constant)
// divided by its ratio, no beating, a softer knock, a smaller room, at most kSoftCueLengthSeconds.
Voice Damped(Voice voice) {
  voice.contact = std::max(voice.contact, 0.006);
  voice.length = std::min(voice.length, kSoftCueLengthSeconds);
  for (Mode& mode : voice.modes) {
    mode.t60 = std::min(mode.t60, kLn1000 * kSoftCueDecaySeconds / mode.ratio);
    mode.beat = 0.0;
  }
  voice.knock *= 0.5;
  voice.room.decay_seconds = std::min(voice.room.decay_seconds, 0.35);
  voice.room.wet *= 0.6;
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

// Adds a damped sinusoid sin(2 pi f t) exp(-t / tau) * amplitude to `out`, by a rotating phasor (one complex
// multiply per sample, in double: over 30 s its drift stays far below a float's resolution).
void AddDampedSine(double hz, double tau, double amplitude, double rate, std::vector<double>* out) {
  const double omega = 2.0 * std::numbers::pi * hz / rate;
  const double shrink = std::exp(-1.0 / (tau * rate));
  const double step_re = shrink * std::cos(omega), step_im = shrink * std::sin(omega);
  double re = amplitude, im = 0.0;
  for (double& sample : *out) {
    sample += im;
    const double next_re = re * step_re - im * step_im;
    im = re * step_im + im * step_re;
    re = next_re;
    if (std::abs(re) + std::abs(im) < 1e-12 * amplitude) break;  // below -240 dB: nothing left to add
  }
}

std::vector<float> Synthesize(const Voice& voice, int sample_rate, float peak_level) {
  if (voice.modes.empty() || sample_rate <= 0) return {};
  const double rate = static_cast<double>(sample_rate);
  const double nyquist_guard = rate * 0.45;
  const auto frames = static_cast<std::size_t>(std::llround(voice.length * rate));
  std::vector<double> samples(frames, 0.0);

  // The modes, each through the mallet's lowpass (a second-order rolloff above `brightness`).
  for (const Mode& mode : voice.modes) {
    const double hz = voice.fundamental * mode.ratio;
    if (hz + mode.beat >= nyquist_guard) continue;
    const double mallet = 1.0 / std::sqrt(1.0 + std::pow(hz / voice.brightness, 4.0));
    const double amplitude = mode.weight * mallet;
    const double tau = mode.t60 / kLn1000;
    if (mode.beat > 0.0) {
      AddDampedSine(hz - 0.5 * mode.beat, tau, 0.5 * amplitude, rate, &samples);
      AddDampedSine(hz + 0.5 * mode.beat, tau, 0.5 * amplitude, rate, &samples);
    } else {
      AddDampedSine(hz, tau, amplitude, rate, &samples);
    }
  }
  // The attack: a raised-cosine rise over the mallet's contact time (sample 0 is exactly zero).
  const double attack_frames = std::max(1.0, voice.contact * rate);
  for (std::size_t i = 0; i < frames && static_cast<double>(i) < attack_frames; ++i) {
    samples[i] *= 0.5 - 0.5 * std::cos(std::numbers::pi * static_cast<double>(i) / attack_frames);
  }
  // The contact: deterministic noise through two two-pole resonators at knock_hz (a soft knock, no click),
  // under a half-sine as long as two contact times, so it starts at zero too.
  if (voice.knock > 0.0) {
    double peak = 0.0;
    for (double s : samples) peak = std::max(peak, std::abs(s));
    const double theta = 2.0 * std::numbers::pi * std::min(voice.knock_hz, nyquist_guard) / rate;
    const double radius = 0.97;
    const double a1 = 2.0 * radius * std::cos(theta), a2 = -radius * radius;
    const auto burst = static_cast<std::size_t>(std::max(2.0, 2.0 * voice.contact * rate + 0.004 * rate));
    std::uint32_t state = 0x9e3779b9u;
    double y1 = 0.0, y2 = 0.0, z1 = 0.0, z2 = 0.0;
    std::vector<double> knock(std::min(burst, frames));
    double knock_peak = 0.0;
    for (std::size_t i = 0; i < knock.size(); ++i) {
      state = state * 1664525u + 1013904223u;
      const double white = static_cast<double>(state >> 8) / static_cast<double>(1u << 24) * 2.0 - 1.0;
      const double y = (1.0 - radius) * white + a1 * y1 + a2 * y2;
      y2 = y1;
      y1 = y;
      const double z = (1.0 - radius) * y + a1 * z1 + a2 * z2;
      z2 = z1;
      z1 = z;
      const double shape =
          std::sin(std::numbers::pi * static_cast<double>(i) / static_cast<double>(knock.size()));
      knock[i] = z * shape * shape;
      knock_peak = std::max(knock_peak, std::abs(knock[i]));
    }
    const double scale = knock_peak > 0.0 ? voice.knock * peak / knock_peak : 0.0;
    for (std::size_t i = 0; i < knock.size(); ++i) samples[i] += scale * knock[i];
  }
  // The room.
  std::vector<float> out(frames);
  for (std::size_t i = 0; i < frames; ++i) out[i] = static_cast<float>(samples[i]);
  Reverb room(sample_rate, voice.room);
  room.Process(out.data(), out.size());
  // A raised-cosine fade over the last tenth (at most 2 s): by then the modes and the room are 60 dB or more
  // down, so it takes nothing audible; it only makes the last sample exactly zero.
  const double fade = std::min(2.0, 0.1 * voice.length) * rate;
  for (std::size_t i = 0; i < frames; ++i) {
    const double left = static_cast<double>(frames - 1 - i);
    if (left < fade) out[i] *= static_cast<float>(0.5 - 0.5 * std::cos(std::numbers::pi * left / fade));
  }
  float peak = 0.0f;
  for (float s : out) peak = std::max(peak, std::abs(s));
  const float scale = peak > 0.0f ? peak_level / peak : 0.0f;
  for (float& s : out) s = std::clamp(s * scale, -peak_level, peak_level);
  return out;
}

}  // namespace

}  // namespace attune::audio
