#include "audio/reverb.hpp"

#include <algorithm>
#include <cmath>

namespace attune::audio {
namespace {

// Line lengths in milliseconds at size 1: mutually prime-ish, spread over 30-70 ms so the echoes of the
// lines never line up (Jot & Chaigne's FDN; the spread as in Freeverb's comb filters).
constexpr double kLineMs[] = {29.7, 33.9, 37.1, 41.1, 47.3, 53.3, 59.9, 67.7};
// Signs of the input and output taps: alternating, so the lines' sum is not one comb.
constexpr double kInSign[] = {1, -1, 1, -1, 1, -1, 1, -1};
constexpr double kOutSign[] = {1, 1, -1, -1, 1, 1, -1, -1};

}  // namespace

Reverb::Reverb(int sample_rate, const ReverbSettings& settings)
    : damping_(std::clamp(settings.damping, 0.0, 0.95)), wet_(settings.wet), dry_(settings.dry) {
  const double rate = static_cast<double>(std::max(sample_rate, 1));
  const double decay = std::max(settings.decay_seconds, 1e-3);
  const double size = std::max(settings.size, 0.05);
  for (int i = 0; i < kLines; ++i) {
    const auto frames = static_cast<std::size_t>(std::max(1.0, std::round(kLineMs[i] * 1e-3 * size * rate)));
    lines_[i].buffer.assign(frames, 0.0);
    // -60 dB after `decay` seconds: each pass of `frames` samples loses 60 dB * frames / (decay * rate).
    lines_[i].gain = std::pow(10.0, -3.0 * static_cast<double>(frames) / (decay * rate));
  }
  predelay_.assign(static_cast<std::size_t>(std::max(0.0, std::round(settings.predelay_seconds * rate))),
                   0.0);
}

void Reverb::Reset() {
  for (Line& line : lines_) {
    std::fill(line.buffer.begin(), line.buffer.end(), 0.0);
    line.at = 0;
    line.lowpass = 0.0;
  }
  std::fill(predelay_.begin(), predelay_.end(), 0.0);
  predelay_at_ = 0;
}

std::size_t Reverb::FirstReflectionFrames() const {
  std::size_t shortest = lines_[0].buffer.size();
  for (const Line& line : lines_) shortest = std::min(shortest, line.buffer.size());
  return predelay_.size() + shortest;
}

float Reverb::Process(float in) {
  double x = in;
  if (!predelay_.empty()) {
    std::swap(x, predelay_[predelay_at_]);
    predelay_at_ = predelay_at_ + 1 == predelay_.size() ? 0 : predelay_at_ + 1;
  }
  // Each line's output, through its loop filter and decay gain.
  double out[kLines];
  double wet = 0.0, sum = 0.0;
  for (int i = 0; i < kLines; ++i) {
    Line& line = lines_[i];
    const double y = line.buffer[line.at];
    wet += kOutSign[i] * y;
    line.lowpass = (1.0 - damping_) * y + damping_ * line.lowpass;
    out[i] = line.gain * line.lowpass;
    sum += out[i];
  }
  // Householder feedback (I - 2/N 11^T): orthogonal, so the loop loses exactly what the gains take.
  const double reflect = 2.0 / kLines * sum;
  const double feed = x * (1.0 / std::sqrt(static_cast<double>(kLines)));
  for (int i = 0; i < kLines; ++i) {
    Line& line = lines_[i];
    line.buffer[line.at] = out[i] - reflect + kInSign[i] * feed;
    line.at = line.at + 1 == line.buffer.size() ? 0 : line.at + 1;
  }
  return static_cast<float>(dry_ * in + wet_ * wet / std::sqrt(static_cast<double>(kLines)));
}

void Reverb::Process(float* samples, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) samples[i] = Process(samples[i]);
}

}  // namespace attune::audio
