// Unit tests of resampling and looping: the paths speech, voice clips and ambience files take.
#include "audio/resampler.hpp"

#include <gtest/gtest.h>

#include <cmath>

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
