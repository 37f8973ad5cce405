// Unit tests of resampling and looping: the paths speech, voice clips and ambience files take.
#include "audio/resampler.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "audio/noise.hpp"

namespace attune::audio {
namespace {

std::vector<float> Sine(int rate, double hz, double seconds, double amplitude) {
  std::vector<float> out(static_cast<std::size_t>(seconds * rate));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<float>(amplitude *
                                std::sin(2.0 * 3.141592653589793 * hz * static_cast<double>(i) / rate));
  }
  return out;
}

TEST(ResamplerTest, SpeechRateToOutputRateKeepsPitchLevelAndLength) {
  const std::vector<float> out = Resample(Sine(22050, 1000.0, 1.0, 0.5), 22050, 48000);
  ASSERT_EQ(out.size(), 48000u);
  // Away from the edges, the output is the same 1 kHz sine sampled at 48 kHz, within 0.2 % of full scale.
  const std::vector<float> expected = Sine(48000, 1000.0, 1.0, 0.5);
  float worst = 0.0f;
  for (std::size_t i = 1000; i < 47000; ++i) worst = std::max(worst, std::abs(out[i] - expected[i]));
  EXPECT_LT(worst, 0.002f);
}

// The windowed-sinc sum written out directly for one output sample, in double: what the polyphase
// filter's tables and partial sums must reproduce.
double DirectSinc(const std::vector<float>& input, const SincKernel& kernel, int from, int to,
                  std::int64_t n) {
  const double centre = static_cast<double>(n) * from / to;
  double sum = 0.0;
  for (auto k = static_cast<std::int64_t>(std::ceil(centre)) - kernel.half_width();
       k <= static_cast<std::int64_t>(std::floor(centre)) + kernel.half_width(); ++k) {
    if (k >= 0 && k < static_cast<std::int64_t>(input.size())) {
      sum += input[static_cast<std::size_t>(k)] * kernel(centre - static_cast<double>(k));
    }
  }
  return sum;
}

TEST(ResamplerTest, PolyphaseOutputIsTheDirectSincSumAtEveryPhaseAndEdge) {
  // Common pairs (tabulated phases), downsampling (a wider kernel), and 44101 -> 48000 Hz, whose 48,000
  // phases are too many to tabulate (weights computed per sample): the same sums either way.
  std::vector<float> input(5000);
  std::uint32_t state = 12345;
  for (float& x : input) {
    state = state * 1664525u + 1013904223u;
    x = static_cast<float>(state >> 8) / static_cast<float>(1u << 24) - 0.5f;
  }
  struct Pair {
    int from, to;
  };
  for (const Pair pair : {Pair{22050, 48000}, Pair{44100, 48000}, Pair{48000, 22050}, Pair{96000, 44100},
                          Pair{44101, 48000}, Pair{8000, 192000}}) {
    SCOPED_TRACE(std::to_string(pair.from) + " -> " + std::to_string(pair.to));
    const std::vector<float> out = Resample(input, pair.from, pair.to);
    const SincKernel kernel(static_cast<double>(pair.to) / pair.from);
    ASSERT_EQ(out.size(), static_cast<std::size_t>(std::llround(5000.0 * pair.to / pair.from)));
    double worst = 0.0;
    for (std::size_t n = 0; n < out.size(); n += (n < 200 || n + 200 > out.size()) ? 1u : 37u) {
      worst = std::max(worst, std::abs(out[n] - DirectSinc(input, kernel, pair.from, pair.to,
                                                           static_cast<std::int64_t>(n))));
    }
    EXPECT_LT(worst, 2e-6);  // float weights and sums: about 1e-7 of full scale
  }
}

TEST(ResamplerTest, DownsamplingRemovesWhatTheNewRateCannotCarry) {
  // 20 kHz at 48 kHz cannot exist at 22050 Hz (Nyquist 11025 Hz): it must vanish, not fold to 2050 Hz.
  const std::vector<float> out = Resample(Sine(48000, 20000.0, 1.0, 0.5), 48000, 22050);
  double sum = 0.0;
  for (std::size_t i = 1000; i < out.size() - 1000; ++i) sum += static_cast<double>(out[i]) * out[i];
  EXPECT_LT(std::sqrt(sum / static_cast<double>(out.size() - 2000)), 0.001);
}

TEST(ResamplerTest, ALoopedClipJoinsItsEndToItsStartWithoutAStep) {
  const std::vector<float> loop = MakeLoop(Sine(48000, 220.0, 3.0, 0.3), 48000, 0.5);
  ASSERT_EQ(loop.size(), 120000u);  // 3 s less the 0.5 s crossfade
  const float seam = std::abs(loop.front() - loop.back());
  EXPECT_LT(seam, 0.03f);  // a 220 Hz sine at RMS 0.1 moves at most 0.004 per sample; allow a tenth of a step
}

TEST(ResamplerTest, NoiseLoopsAreNormalizedAndDeterministic) {
  for (NoiseColor color : {NoiseColor::kPink, NoiseColor::kBrown}) {
    const std::vector<float> first = MakeNoiseLoop(color, 48000, 5.0);
    EXPECT_EQ(first, MakeNoiseLoop(color, 48000, 5.0));
    double sum = 0.0;
    for (float s : first) sum += static_cast<double>(s) * s;
    EXPECT_NEAR(std::sqrt(sum / static_cast<double>(first.size())), kAmbienceRms, 0.002);
  }
}

}  // namespace
}  // namespace attune::audio
