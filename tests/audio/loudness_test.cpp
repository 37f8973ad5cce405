// Unit tests of the loudness wrapper against BS.1770's reference values (libebur128's own test tones).
#include "audio/loudness.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace attune::audio {
namespace {

constexpr int kRate = 48000;

std::vector<float> Sine(double hz, double dbfs, double seconds, int channels = 1) {
  const double amplitude = std::pow(10.0, dbfs / 20.0);
  std::vector<float> samples;
  for (int i = 0; i < static_cast<int>(seconds * kRate); ++i) {
    const auto value = static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * hz * i / kRate));
    for (int c = 0; c < channels; ++c) samples.push_back(value);
  }
  return samples;
}

TEST(LoudnessTest, AFullScale997HzSineInMonoIsMinus3Point01Lufs) {
  EXPECT_NEAR(IntegratedLoudness(Sine(997.0, 0.0, 5.0), 1, kRate), -3.01, 0.05);
}

TEST(LoudnessTest, A1kHzSineAtMinus20DbfsIsAboutMinus23LufsAndStereoAddsThreeLu) {
  EXPECT_NEAR(IntegratedLoudness(Sine(1000.0, -20.0, 5.0), 1, kRate), -23.0, 0.1);
  EXPECT_NEAR(IntegratedLoudness(Sine(1000.0, -20.0, 5.0, 2), 2, kRate), -20.0, 0.1);
}

TEST(LoudnessTest, SilenceIsMinusInfinityAndGatedOutOfTheIntegratedLoudness) {
  const std::vector<float> silence(kRate * 2, 0.0f);
  EXPECT_EQ(IntegratedLoudness(silence, 1, kRate), SilenceLufs());
  EXPECT_EQ(SpanLoudness(silence.data(), silence.size(), 1, kRate), SilenceLufs());
  // Half tone, half silence: the absolute gate drops the silence, the integrated loudness is the tone's.
  std::vector<float> half = Sine(1000.0, -20.0, 4.0);
  half.insert(half.end(), kRate * 4, 0.0f);
  EXPECT_NEAR(IntegratedLoudness(half, 1, kRate), -23.0, 0.2);
  // Ungated, the silence halves the mean square: 3 LU lower.
  EXPECT_NEAR(SpanLoudness(half.data(), half.size(), 1, kRate), -26.0, 0.2);
}

TEST(LoudnessTest, MomentaryLoudnessFollowsA400MsWindowAndItsMaximumIsTheLoudestPart) {
  std::vector<float> samples = Sine(1000.0, -30.0, 2.0);
  const std::vector<float> loud = Sine(1000.0, -10.0, 1.0);
  samples.insert(samples.end(), loud.begin(), loud.end());
  const std::vector<double> values = WindowedLoudness(samples.data(), samples.size(), 1, kRate, kRate / 10);
  ASSERT_EQ(values.size(), 30u);
  EXPECT_NEAR(values[15], -33.0, 0.2);  // 1.2-1.6 s: the quiet tone
  EXPECT_NEAR(values[29], -13.0, 0.2);  // 2.6-3.0 s: the loud one
  EXPECT_NEAR(MaxMomentaryLoudness(samples.data(), samples.size(), 1, kRate), -13.0, 0.2);
  EXPECT_NEAR(SpanLoudness(samples.data() + 2 * kRate, kRate / 2, 1, kRate), -13.0, 0.2);
}

TEST(LoudnessTest, GainToMovesALevelToItsTarget) {
  EXPECT_NEAR(GainTo(-17.0, -23.0), 0.501187, 1e-5);
  EXPECT_FLOAT_EQ(GainTo(SilenceLufs(), -23.0), 1.0f);
}

}  // namespace
}  // namespace attune::audio
