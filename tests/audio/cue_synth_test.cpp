// Unit tests of the cue sounds as a listener would measure them: the bowl's ring time (T60) and its
// partials, every tail reaching silence by itself, distinct timbres, determinism, and short, soft soft cues.
#include "audio/cue_synth.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <numbers>
#include <vector>

namespace attune::audio {
namespace {

using core::CueSound;

constexpr int kRate = 48000;
constexpr CueSound kAll[] = {CueSound::kBowl, CueSound::kChime, CueSound::kGong,
                             CueSound::kWood, CueSound::kTone,  CueSound::kTick};

// RMS in dB (re full scale) of consecutive windows of `window` seconds.
std::vector<double> WindowDb(const std::vector<float>& x, double window) {
  const auto n = static_cast<std::size_t>(window * kRate);
  std::vector<double> out;
  for (std::size_t at = 0; at + n <= x.size(); at += n) {
    double sum = 0.0;
    for (std::size_t i = at; i < at + n; ++i) sum += static_cast<double>(x[i]) * x[i];
    out.push_back(10.0 * std::log10(sum / static_cast<double>(n) + 1e-30));
  }
  return out;
}

// Magnitude spectrum of x[0, count), zero-padded to a power of two: bins of rate / size Hz. A strike starts
// at zero, so only the end is tapered (a falling half Hann window), and only if the excerpt is cut short:
// a window that also rose from zero would hide the first, brightest moments of the strike.
std::vector<double> Spectrum(const std::vector<float>& x, std::size_t count) {
  std::size_t size = 1;
  while (size < count) size <<= 1;
  std::vector<std::complex<double>> a(size);
  const bool cut = count < x.size();
  for (std::size_t i = 0; i < count; ++i) {
    const double taper =
        cut ? 0.5 + 0.5 * std::cos(std::numbers::pi * static_cast<double>(i) / static_cast<double>(count))
            : 1.0;
    a[i] = taper * x[i];
  }
  for (std::size_t i = 1, j = 0; i < size; ++i) {  // bit reversal
    std::size_t bit = size >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  for (std::size_t len = 2; len <= size; len <<= 1) {
    const std::complex<double> w = std::polar(1.0, -2.0 * std::numbers::pi / static_cast<double>(len));
    for (std::size_t i = 0; i < size; i += len) {
      std::complex<double> wk = 1.0;
      for (std::size_t k = 0; k < len / 2; ++k, wk *= w) {
        const std::complex<double> u = a[i + k], v = a[i + k + len / 2] * wk;
        a[i + k] = u + v;
        a[i + k + len / 2] = u - v;
      }
    }
  }
  std::vector<double> magnitude(size / 2);
  for (std::size_t i = 0; i < size / 2; ++i) magnitude[i] = std::abs(a[i]);
  return magnitude;
}

// Frequencies (Hz) of the spectral peaks within `range_db` of the strongest: bins that are the maximum
// within +-max(20 Hz, 3 %) of themselves (so a mode's beating doublet counts once).
std::vector<double> PeaksWithin(const std::vector<double>& magnitude, double bin_hz, double range_db) {
  const double strongest = *std::max_element(magnitude.begin(), magnitude.end());
  const double floor = strongest * std::pow(10.0, -range_db / 20.0);
  std::vector<double> peaks;
  for (std::size_t i = 1; i + 1 < magnitude.size(); ++i) {
    if (magnitude[i] < floor) continue;
    const double hz = static_cast<double>(i) * bin_hz;
    const auto reach = static_cast<std::size_t>(std::max(20.0, 0.03 * hz) / bin_hz);
    const std::size_t lo = i > reach ? i - reach : 0, hi = std::min(magnitude.size(), i + reach + 1);
    if (std::max_element(magnitude.begin() + static_cast<std::ptrdiff_t>(lo),
                         magnitude.begin() + static_cast<std::ptrdiff_t>(hi)) ==
        magnitude.begin() + static_cast<std::ptrdiff_t>(i)) {
      peaks.push_back(hz);
    }
  }
  return peaks;
}

// The bowl's envelope, RMS over 100 ms windows, falls along a straight line in dB (an exponential tail);
// fitted from 1 s after the strike down to 50 dB under the loudest window, it falls 60 dB in 20 s or more.
TEST(CueSynthTest, TheBowlRingsWithAT60OfAtLeastTwentySeconds) {
  const std::vector<float> bowl = SynthesizeCue(CueSound::kBowl, kRate);
  EXPECT_GE(static_cast<double>(bowl.size()) / kRate, 25.0);
  const std::vector<double> db = WindowDb(bowl, 0.1);
  const double loudest = *std::max_element(db.begin(), db.end());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0;
  for (std::size_t w = 10; w < db.size() && db[w] > loudest - 50.0; ++w, ++n) {
    const double t = 0.1 * static_cast<double>(w);
    sx += t;
    sy += db[w];
    sxx += t * t;
    sxy += t * db[w];
  }
  ASSERT_GT(n, 100);  // over 10 s of tail above -50 dB
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const double t60 = -60.0 / slope;
  std::printf("bowl: T60 %.1f s (fitted over %.1f s of its envelope)\n", t60, 0.1 * n);
  EXPECT_GE(t60, 20.0);
  EXPECT_LE(t60, 45.0);  // and still a decay, not a drone
}

// At least ten partials within 40 dB of the strongest, and inharmonic: the second is no integer multiple of
// the first (a bowl's 2.83, not an organ pipe's 2 or 3).
TEST(CueSynthTest, TheBowlHasAtLeastTenInharmonicPartialsWithinFortyDecibels) {
  const std::vector<float> bowl = SynthesizeCue(CueSound::kBowl, kRate);
  const std::vector<double> magnitude = Spectrum(bowl, bowl.size());
  const double bin_hz = static_cast<double>(kRate) / static_cast<double>(2 * magnitude.size());
  const std::vector<double> peaks = PeaksWithin(magnitude, bin_hz, 40.0);
  std::printf("bowl: %zu partials within 40 dB:", peaks.size());
  for (double hz : peaks) std::printf(" %.0f", hz);
  std::printf(" Hz\n");
  EXPECT_GE(peaks.size(), 10u);
  ASSERT_GE(peaks.size(), 2u);
  const double ratio = peaks[1] / peaks[0];
  EXPECT_GT(std::abs(ratio - std::round(ratio)), 0.1) << ratio;
}

// Every sound dies away by itself: by 90 % of its length (before any fade) it is 60 dB under its loudest
// 50 ms, and its last 100 ms are under -80 dB relative to its peak; its last sample is zero.
TEST(CueSynthTest, EveryTailReachesSilenceByItselfBeforeTheBufferEnds) {
  for (CueSound cue : kAll) {
    const std::vector<float> x = SynthesizeCue(cue, kRate);
    ASSERT_FALSE(x.empty()) << core::ToString(cue);
    const std::vector<double> db = WindowDb(x, 0.05);
    const double loudest = *std::max_element(db.begin(), db.end());
    const auto before_fade = static_cast<std::size_t>(0.9 * static_cast<double>(db.size())) - 1;
    EXPECT_LT(db[before_fade], loudest - 60.0) << core::ToString(cue);
    float peak = 0.0f, last = 0.0f;
    for (float s : x) peak = std::max(peak, std::abs(s));
    for (std::size_t i = x.size() - kRate / 10; i < x.size(); ++i) last = std::max(last, std::abs(x[i]));
    EXPECT_LT(20.0 * std::log10(last / peak + 1e-30), -80.0) << core::ToString(cue);
    EXPECT_EQ(x.back(), 0.0f) << core::ToString(cue);
  }
}

// Each name sounds like itself: its strongest partial and its spectral centroid (first second) are not
// both within 12 % of another name's.
TEST(CueSynthTest, EveryCueNameHasItsOwnTimbre) {
  struct Print {
    double strongest_hz, centroid_hz;
  };
  std::vector<Print> prints;
  for (CueSound cue : kAll) {
    const std::vector<float> x = SynthesizeCue(cue, kRate);
    const std::size_t count = std::min<std::size_t>(x.size(), kRate);
    const std::vector<double> magnitude = Spectrum(x, count);
    const double bin_hz = static_cast<double>(kRate) / static_cast<double>(2 * magnitude.size());
    double weighted = 0.0, total = 0.0;
    for (std::size_t i = 0; i < magnitude.size(); ++i) {
      weighted += static_cast<double>(i) * bin_hz * magnitude[i] * magnitude[i];
      total += magnitude[i] * magnitude[i];
    }
    const auto strongest =
        static_cast<double>(std::max_element(magnitude.begin(), magnitude.end()) - magnitude.begin()) *
        bin_hz;
    prints.push_back({strongest, weighted / total});
    std::printf("%s: strongest %.0f Hz, centroid %.0f Hz\n", core::ToString(cue), strongest,
                weighted / total);
  }
  auto apart = [](double x, double y) { return std::abs(x - y) > 0.12 * std::max(x, y); };
  for (std::size_t i = 0; i < prints.size(); ++i) {
    for (std::size_t j = i + 1; j < prints.size(); ++j) {
      EXPECT_TRUE(apart(prints[i].strongest_hz, prints[j].strongest_hz) ||
                  apart(prints[i].centroid_hz, prints[j].centroid_hz))
          << core::ToString(kAll[i]) << " and " << core::ToString(kAll[j]);
    }
  }
}

TEST(CueSynthTest, TheSameSoundIsTheSameSamplesEveryTime) {
  for (CueSound cue : {CueSound::kChime, CueSound::kWood}) {
    EXPECT_EQ(SynthesizeCue(cue, kRate), SynthesizeCue(cue, kRate)) << core::ToString(cue);
    EXPECT_EQ(SynthesizeSoftCue(cue, kRate), SynthesizeSoftCue(cue, kRate)) << core::ToString(cue);
  }
}

// As the header says: at most kSoftCueLengthSeconds, peaking kSoftCueAttenuationDb under kCuePeak, starting
// at zero and ending at zero.
TEST(CueSynthTest, SoftCuesAreShortAndAsSoftAsTheHeaderSays) {
  for (CueSound cue : kAll) {
    const std::vector<float> x = SynthesizeSoftCue(cue, kRate);
    ASSERT_FALSE(x.empty()) << core::ToString(cue);
    EXPECT_LE(static_cast<double>(x.size()) / kRate, kSoftCueLengthSeconds) << core::ToString(cue);
    float peak = 0.0f;
    for (float s : x) peak = std::max(peak, std::abs(s));
    EXPECT_NEAR(20.0 * std::log10(peak / kCuePeak), -kSoftCueAttenuationDb, 0.01) << core::ToString(cue);
    EXPECT_EQ(x.front(), 0.0f) << core::ToString(cue);
    EXPECT_EQ(x.back(), 0.0f) << core::ToString(cue);
  }
}

}  // namespace
}  // namespace attune::audio
