#include "audio/loudness.hpp"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace attune::audio {
namespace {

struct StateCloser {
  void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};
using State = std::unique_ptr<ebur128_state, StateCloser>;

State Open(int channels, int sample_rate, int mode) {
  State state(ebur128_init(static_cast<unsigned>(std::clamp(channels, 1, 2)),
                           static_cast<unsigned long>(sample_rate), mode));
  // A mono buffer is one loudspeaker (weight 1): libebur128's default for channel 0.
  return state;
}

double Finite(double lufs) { return std::isfinite(lufs) ? lufs : SilenceLufs(); }

}  // namespace

double SilenceLufs() { return -std::numeric_limits<double>::infinity(); }

double IntegratedLoudness(const float* samples, std::size_t frames, int channels, int sample_rate) {
  if (frames == 0) return SilenceLufs();
  State state = Open(channels, sample_rate, EBUR128_MODE_I);
  if (!state) return SilenceLufs();
  ebur128_add_frames_float(state.get(), samples, frames);
  double lufs = SilenceLufs();
  if (ebur128_loudness_global(state.get(), &lufs) != EBUR128_SUCCESS) return SilenceLufs();
  return Finite(lufs);
}

double IntegratedLoudness(const std::vector<float>& samples, int channels, int sample_rate) {
  const auto width = static_cast<std::size_t>(std::clamp(channels, 1, 2));
  return IntegratedLoudness(samples.data(), samples.size() / width, channels, sample_rate);
}

double SpanLoudness(const float* samples, std::size_t frames, int channels, int sample_rate) {
  if (frames == 0) return SilenceLufs();
  State state = Open(channels, sample_rate, EBUR128_MODE_M);
  if (!state) return SilenceLufs();
  // The mean square of the K-weighted signal over the span, from 10 ms windows (a window as long as the
  // span is far slower in libebur128): each window's loudness back to its mean square, weighted by length.
  const auto width = static_cast<std::size_t>(std::clamp(channels, 1, 2));
  const auto chunk = static_cast<std::size_t>(std::max(1, sample_rate / 100));
  double energy = 0.0;
  std::size_t weight = 0;
  for (std::size_t at = 0; at < frames; at += chunk) {
    const std::size_t count = std::min(chunk, frames - at);
    ebur128_add_frames_float(state.get(), samples + at * width, count);
    const auto ms = static_cast<unsigned long>(1000 * count / static_cast<std::size_t>(sample_rate));
    if (ms == 0) continue;
    double lufs = SilenceLufs();
    if (ebur128_loudness_window(state.get(), ms, &lufs) != EBUR128_SUCCESS) continue;
    if (std::isfinite(lufs)) energy += static_cast<double>(count) * std::pow(10.0, (lufs + 0.691) / 10.0);
    weight += count;
  }
  if (weight == 0 || energy <= 0.0) return SilenceLufs();
  return -0.691 + 10.0 * std::log10(energy / static_cast<double>(weight));
}

std::vector<double> WindowedLoudness(const float* samples, std::size_t frames, int channels, int sample_rate,
                                     std::size_t hop_frames, unsigned long window_ms) {
  std::vector<double> values;
  if (frames == 0 || hop_frames == 0) return values;
  State state = Open(channels, sample_rate, EBUR128_MODE_M);
  if (!state) return values;
  ebur128_set_max_window(state.get(), std::max(window_ms, 400ul));
  const auto width = static_cast<std::size_t>(std::clamp(channels, 1, 2));
  for (std::size_t at = 0; at + hop_frames <= frames; at += hop_frames) {
    ebur128_add_frames_float(state.get(), samples + at * width, hop_frames);
    double lufs = SilenceLufs();
    ebur128_loudness_window(state.get(), window_ms, &lufs);
    values.push_back(Finite(lufs));
  }
  return values;
}

double MaxMomentaryLoudness(const float* samples, std::size_t frames, int channels, int sample_rate) {
  // Every 10 ms, the 400 ms before it; a span shorter than a hop is measured whole.
  const auto hop = static_cast<std::size_t>(std::max(1, sample_rate / 100));
  if (frames < hop) return SpanLoudness(samples, frames, channels, sample_rate);
  const std::vector<double> values = WindowedLoudness(samples, frames, channels, sample_rate, hop);
  return values.empty() ? SilenceLufs() : *std::max_element(values.begin(), values.end());
}

struct LoudnessMeter::State {
  ebur128_state* meter = nullptr;
};

LoudnessMeter::LoudnessMeter(int channels, int sample_rate) : state_(new State) {
  state_->meter = ebur128_init(static_cast<unsigned>(std::clamp(channels, 1, 2)),
                               static_cast<unsigned long>(sample_rate), EBUR128_MODE_I);
}

LoudnessMeter::~LoudnessMeter() {
  if (state_->meter) ebur128_destroy(&state_->meter);
  delete state_;
}

void LoudnessMeter::Add(const float* samples, std::size_t frames) {
  if (state_->meter && frames > 0) ebur128_add_frames_float(state_->meter, samples, frames);
}

double LoudnessMeter::Integrated() const {
  double lufs = SilenceLufs();
  if (!state_->meter || ebur128_loudness_global(state_->meter, &lufs) != EBUR128_SUCCESS)
    return SilenceLufs();
  return Finite(lufs);
}

float GainTo(double lufs, double target_lufs) {
  if (!std::isfinite(lufs)) return 1.0f;
  return static_cast<float>(std::pow(10.0, (target_lufs - lufs) / 20.0));
}

}  // namespace attune::audio
