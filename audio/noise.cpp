#include "audio/noise.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "audio/loudness.hpp"

namespace attune::audio {
namespace {

constexpr double kCrossfadeSeconds = 1.0;
constexpr double kSettleSeconds = 0.5;    // the filters' start-up, dropped
constexpr double kMeasureSeconds = 10.0;  // NoiseBed's level, from its first seconds
constexpr std::uint64_t kRightChannelSeed = std::uint64_t{1} << 48;

// A counter-based generator (SplitMix64): uniform in [-1, 1).
double White(std::uint64_t index) {
  std::uint64_t z = index + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / static_cast<double>(1ull << 52) - 1.0;
}

}  // namespace

std::vector<float> MakeLoop(std::vector<float> clip, int sample_rate, double crossfade_seconds) {
  const auto crossfade = static_cast<std::size_t>(crossfade_seconds * sample_rate);
  if (crossfade == 0 || clip.size() < 2 * crossfade) return clip;
  const std::size_t length = clip.size() - crossfade;
  std::vector<float> loop(clip.begin(), clip.begin() + static_cast<std::ptrdiff_t>(length));
  for (std::size_t i = 0; i < crossfade; ++i) {
    // Equal-power crossfade: the tail (after the loop's end) fades out over the head.
    const double x = (static_cast<double>(i) + 0.5) / static_cast<double>(crossfade);
    const double in = std::sin(0.5 * std::numbers::pi * x);
    const double out = std::cos(0.5 * std::numbers::pi * x);
    loop[i] = static_cast<float>(in * clip[i] + out * clip[length + i]);
  }
  double sum = 0.0;
  for (float s : loop) sum += static_cast<double>(s) * s;
  const double rms = std::sqrt(sum / static_cast<double>(loop.size()));
  if (rms > 0.0) {
    double peak = 0.0;
    for (float s : loop) peak = std::max(peak, static_cast<double>(std::abs(s)));
    const double scale = std::min(kAmbienceRms / rms, 0.5 / peak);
    for (float& s : loop) s = static_cast<float>(s * scale);
  }
  return loop;
}

std::vector<float> MakeNoiseLoop(NoiseColor color, int sample_rate, double seconds) {
  const auto settle = static_cast<std::size_t>(kSettleSeconds * sample_rate);
  const auto frames = static_cast<std::size_t>((seconds + kCrossfadeSeconds) * sample_rate);
  std::vector<float> noise(frames);
  // Pink: Paul Kellet's refined filter of white noise. Brown: leaky integration of white noise, then a
  // gentle high-pass so it does not wander.
  double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  double brown = 0.0, dc = 0.0;
  const double leak = 1.0 - 20.0 / sample_rate;
  const double dc_coefficient = 2.0 / sample_rate;
  for (std::size_t i = 0; i < settle + frames; ++i) {
    const double white = White(i);
    double value = 0.0;
    if (color == NoiseColor::kPink) {
      b0 = 0.99886 * b0 + white * 0.0555179;
      b1 = 0.99332 * b1 + white * 0.0750759;
      b2 = 0.96900 * b2 + white * 0.1538520;
      b3 = 0.86650 * b3 + white * 0.3104856;
      b4 = 0.55000 * b4 + white * 0.5329522;
      b5 = -0.7616 * b5 - white * 0.0168980;
      value = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
      b6 = white * 0.115926;
    } else {
      brown = leak * brown + white * 0.02;
      dc += dc_coefficient * (brown - dc);
      value = brown - dc;
    }
    if (i >= settle) noise[i - settle] = static_cast<float>(value);
  }
  return MakeLoop(std::move(noise), sample_rate, kCrossfadeSeconds);
}

NoiseBed::NoiseBed(NoiseColor color, int sample_rate, double target_lufs)
    : color_(color),
      sample_rate_(sample_rate),
      block_frames_(std::llround(kBlockSeconds * sample_rate)),
      settle_frames_(std::llround(kSettleSeconds * sample_rate)),
      // Brown: leaky integration (a 3 Hz corner), then a 6 Hz high-pass so it does not wander; both settle
      // within the warm-up.
      leak_(1.0 - 20.0 / sample_rate),
      dc_coefficient_(40.0 / sample_rate) {
  const auto frames = static_cast<std::size_t>(kMeasureSeconds * sample_rate);
  std::vector<float> left(frames), right(frames), stereo(2 * frames);
  Fill(0, 0, static_cast<int>(frames), left.data());
  Fill(1, 0, static_cast<int>(frames), right.data());
  for (std::size_t i = 0; i < frames; ++i) {
    stereo[2 * i] = left[i];
    stereo[2 * i + 1] = right[i];
  }
  gain_ = GainTo(IntegratedLoudness(stereo, 2, sample_rate), target_lufs);
  for (Filter& filter : cache_) filter = Filter{};
}

double NoiseBed::Step(Filter& f, int channel, std::int64_t n) const {
  const double white = White(static_cast<std::uint64_t>(n) + (channel == 0 ? 0 : kRightChannelSeed));
  double* b = f.b;
  if (color_ == NoiseColor::kPink) {
    b[0] = 0.99886 * b[0] + white * 0.0555179;
    b[1] = 0.99332 * b[1] + white * 0.0750759;
    b[2] = 0.96900 * b[2] + white * 0.1538520;
    b[3] = 0.86650 * b[3] + white * 0.3104856;
    b[4] = 0.55000 * b[4] + white * 0.5329522;
    b[5] = -0.7616 * b[5] - white * 0.0168980;
    const double value = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + white * 0.5362;
    b[6] = white * 0.115926;
    return value;
  }
  f.brown = leak_ * f.brown + white * 0.02;
  f.dc += dc_coefficient_ * (f.brown - f.dc);
  return f.brown - f.dc;
}

void NoiseBed::Run(Filter& f, int channel, std::int64_t first, int frames, float* out) const {
  for (int i = 0; i < frames;) {
    const std::int64_t n = first + i;
    const std::int64_t block = n / block_frames_;
    if (f.block != block || f.next != n) {
      // Start the block's own filter at rest, a warm-up before the block, and run it up to n.
      f = Filter{};
      f.block = block;
      for (std::int64_t m = block * block_frames_ - settle_frames_; m < n; ++m) Step(f, channel, m);
      f.next = n;
    }
    const std::int64_t block_end = (block + 1) * block_frames_;
    const int count = static_cast<int>(std::min<std::int64_t>(frames - i, block_end - n));
    for (int k = 0; k < count; ++k) out[i + k] = static_cast<float>(gain_ * Step(f, channel, n + k));
    f.next = n + count;
    i += count;
  }
}

void NoiseBed::Fill(int channel, std::int64_t first, int frames, float* out) const {
  if (frames <= 0) return;
  const auto c = static_cast<std::size_t>(channel == 0 ? 0 : 1);
  bool expected = false;
  if (busy_[c].compare_exchange_strong(expected, true, std::memory_order_acquire)) {
    Run(cache_[c], channel, first, frames, out);
    busy_[c].store(false, std::memory_order_release);
  } else {
    Filter local;  // another thread holds the cache: the same samples, computed afresh
    Run(local, channel, first, frames, out);
  }
}

}  // namespace attune::audio
