// Unit tests of the cue sounds' room: its impulse response decays at its T60, it is stable under loud long
// input, deterministic, and its dry and wet parts add as set.
#include "audio/reverb.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace attune::audio {
namespace {

constexpr int kRate = 48000;

std::vector<float> ImpulseResponse(const ReverbSettings& settings, double seconds) {
  Reverb reverb(kRate, settings);
  std::vector<float> out(static_cast<std::size_t>(seconds * kRate), 0.0f);
  out[0] = 1.0f;
  reverb.Process(out.data(), out.size());
  return out;
}

// Energy in dB of [from, to) seconds.
double EnergyDb(const std::vector<float>& x, double from, double to) {
  double sum = 0.0;
  for (auto i = static_cast<std::size_t>(from * kRate); i < static_cast<std::size_t>(to * kRate); ++i)
    sum += static_cast<double>(x[i]) * x[i];
  return 10.0 * std::log10(sum + 1e-300);
}

std::vector<float> Noise(std::size_t frames, float level) {
  std::vector<float> x(frames);
  std::uint32_t state = 12345u;
  for (float& s : x) {
    state = state * 1664525u + 1013904223u;
    s = level * (static_cast<float>(state >> 8) / static_cast<float>(1u << 24) * 2.0f - 1.0f);
  }
  return x;
}

TEST(ReverbTest, ImpulseResponseDecaysSixtyDecibelsInItsDecayTime) {
  ReverbSettings settings;
  settings.decay_seconds = 1.5;
  settings.damping = 0.0;  // every frequency decays alike
  settings.dry = 0.0;
  settings.wet = 1.0;
  const std::vector<float> ir = ImpulseResponse(settings, 4.0);
  // Energy in 100 ms windows falls steadily once the echoes are dense; a least-squares line through
  // 0.2..2.0 s gives the decay rate.
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0;
  double previous = 1e9;
  for (double t = 0.2; t < 2.0; t += 0.1, ++n) {
    const double db = EnergyDb(ir, t, t + 0.1);
    EXPECT_LT(db, previous + 1.0) << "at " << t << " s";
    previous = db;
    sx += t;
    sy += db;
    sxx += t * t;
    sxy += t * db;
  }
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);  // dB per second
  const double t60 = -60.0 / slope;
  EXPECT_NEAR(t60, 1.5, 0.2);
  EXPECT_LT(EnergyDb(ir, 3.5, 4.0), EnergyDb(ir, 0.05, 0.55) - 80.0);
}

TEST(ReverbTest, DampingShortensTheHighFrequencies) {
  ReverbSettings settings;
  settings.dry = 0.0;
  settings.wet = 1.0;
  settings.damping = 0.0;
  const std::vector<float> plain = ImpulseResponse(settings, 2.0);
  settings.damping = 0.6;
  const std::vector<float> damped = ImpulseResponse(settings, 2.0);
  // The late tail of the damped room holds less energy, and its sample-to-sample differences (a crude
  // highpass) hold a smaller share of it.
  auto diff_share = [](const std::vector<float>& x, double from, double to) {
    double e = 0.0, d = 0.0;
    for (auto i = static_cast<std::size_t>(from * kRate); i < static_cast<std::size_t>(to * kRate); ++i) {
      e += static_cast<double>(x[i]) * x[i];
      d += std::pow(static_cast<double>(x[i]) - x[i - 1], 2);
    }
    return d / e;
  };
  EXPECT_LT(EnergyDb(damped, 1.0, 1.5), EnergyDb(plain, 1.0, 1.5) - 3.0);
  EXPECT_LT(diff_share(damped, 0.5, 1.0), 0.5 * diff_share(plain, 0.5, 1.0));
}

TEST(ReverbTest, StaysBoundedUnderLongLoudInputAndItsImpulseEnergyIsFinite) {
  ReverbSettings settings;
  settings.decay_seconds = 20.0;  // a cathedral: the hardest case for a loop's stability
  settings.damping = 0.0;
  settings.dry = 0.0;
  settings.wet = 1.0;
  Reverb reverb(kRate, settings);
  std::vector<float> x = Noise(static_cast<std::size_t>(60 * kRate), 1.0f);
  reverb.Process(x.data(), x.size());
  double late = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    ASSERT_TRUE(std::isfinite(x[i])) << i;
    ASSERT_LT(std::abs(x[i]), 200.0f) << i;
    if (i >= x.size() - static_cast<std::size_t>(kRate)) late += static_cast<double>(x[i]) * x[i];
  }
  // Steady state: the last second's RMS is that of white noise through a loop of gain g, about
  // sqrt(T60 / (mean delay * 6.9)), not growing without bound.
  EXPECT_LT(std::sqrt(late / kRate), 15.0);
  // The energy of the impulse response converges: the last second of 12 s holds a vanishing share.
  settings.decay_seconds = 2.0;
  const std::vector<float> ir = ImpulseResponse(settings, 12.0);
  EXPECT_LT(EnergyDb(ir, 11.0, 12.0), EnergyDb(ir, 0.0, 11.0) - 150.0);
}

TEST(ReverbTest, IsDeterministicAndResetStartsAfresh) {
  const std::vector<float> input = Noise(static_cast<std::size_t>(kRate), 0.5f);
  ReverbSettings settings;
  Reverb a(kRate, settings), b(kRate, settings);
  std::vector<float> x = input, y = input;
  a.Process(x.data(), x.size());
  b.Process(y.data(), y.size());
  EXPECT_EQ(x, y);
  a.Reset();
  std::vector<float> z = input;
  a.Process(z.data(), z.size());
  EXPECT_EQ(x, z);
  std::vector<float> silence(static_cast<std::size_t>(kRate), 0.0f);
  Reverb c(kRate, settings);
  c.Process(silence.data(), silence.size());
  for (float s : silence) ASSERT_EQ(s, 0.0f);
}

TEST(ReverbTest, DryIsTheInputAndWetStartsAtTheFirstReflection) {
  const std::vector<float> input = Noise(static_cast<std::size_t>(kRate / 2), 0.5f);
  ReverbSettings dry_only;
  dry_only.wet = 0.0;
  std::vector<float> x = input;
  Reverb(kRate, dry_only).Process(x.data(), x.size());
  EXPECT_EQ(x, input);

  ReverbSettings wet_only;
  wet_only.dry = 0.0;
  wet_only.wet = 0.3;
  Reverb wet_room(kRate, wet_only);
  std::vector<float> wet = input;
  wet_room.Process(wet.data(), wet.size());
  const std::size_t first = wet_room.FirstReflectionFrames();
  EXPECT_EQ(first, static_cast<std::size_t>(std::round(0.012 * kRate) + std::round(0.0297 * kRate)));
  for (std::size_t i = 0; i < first; ++i) ASSERT_EQ(wet[i], 0.0f) << i;
  EXPECT_NE(wet[first], 0.0f);

  // Both: the sum of the two parts (the reverb is linear).
  ReverbSettings both = wet_only;
  both.dry = 1.0;
  std::vector<float> mixed = input;
  Reverb(kRate, both).Process(mixed.data(), mixed.size());
  for (std::size_t i = 0; i < input.size(); ++i) ASSERT_NEAR(mixed[i], input[i] + wet[i], 1e-6f) << i;
}

}  // namespace
}  // namespace attune::audio
