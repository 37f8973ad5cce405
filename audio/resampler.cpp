#include "audio/resampler.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <numbers>
#include <numeric>
#include <utility>

namespace attune::audio {
namespace {

// Zeroth-order modified Bessel function of the first kind, for the Kaiser window.
double BesselI0(double x) {
  double sum = 1.0;
  double term = 1.0;
  for (int k = 1; k < 40; ++k) {
    term *= (x / (2.0 * k)) * (x / (2.0 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

}  // namespace

SincKernel::SincKernel(double ratio) {
  const double cutoff = 0.92 * std::min(1.0, ratio);  // in cycles per input sample x 2 (1 = Nyquist)
  half_width_ = static_cast<int>(std::ceil(16.0 / std::min(1.0, ratio)));
  const double beta = 8.0;
  const double i0_beta = BesselI0(beta);
  const int table_size = half_width_ * kSteps + 2;
  table_.resize(static_cast<std::size_t>(table_size));
  for (int i = 0; i < table_size; ++i) {
    const double x = static_cast<double>(i) / kSteps;
    const double r = x / half_width_;
    const double window = r >= 1.0 ? 0.0 : BesselI0(beta * std::sqrt(1.0 - r * r)) / i0_beta;
    const double arg = std::numbers::pi * cutoff * x;
    const double sinc = x == 0.0 ? 1.0 : std::sin(arg) / arg;
    table_[static_cast<std::size_t>(i)] = cutoff * sinc * window;
  }
}

PolyphaseFilter::PolyphaseFilter(int input_rate, int output_rate)
    : kernel_(static_cast<double>(output_rate) / static_cast<double>(input_rate)) {
  const std::int64_t divisor = std::gcd(std::int64_t{input_rate}, std::int64_t{output_rate});
  phases_ = output_rate / divisor;
  step_ = input_rate / divisor;
  taps_ = 2 * kernel_.half_width();
  if (phases_ * taps_ > kMaxTableSize) return;
  table_.resize(static_cast<std::size_t>(phases_ * taps_));
  for (std::int64_t phase = 0; phase < phases_; ++phase) {
    for (int t = 0; t < taps_; ++t) table_[static_cast<std::size_t>(phase * taps_ + t)] = Weight(phase, t);
  }
}

float PolyphaseFilter::Weight(std::int64_t phase, int tap) const {
  const double fraction = static_cast<double>(phase) / static_cast<double>(phases_);
  return static_cast<float>(kernel_(fraction + static_cast<double>(kernel_.half_width() - 1 - tap)));
}

std::int64_t PolyphaseFilter::FirstInput(std::int64_t n, std::int64_t input_size) const {
  return std::clamp<std::int64_t>(CentreInput(n) - kernel_.half_width() + 1, 0, input_size);
}

std::int64_t PolyphaseFilter::LastInput(std::int64_t n, std::int64_t input_size) const {
  return std::min<std::int64_t>(input_size - 1, CentreInput(n) + kernel_.half_width());
}

float PolyphaseFilter::Sample(std::int64_t centre, std::int64_t phase, const float* input,
                              std::int64_t origin, std::int64_t input_size) const {
  const std::int64_t first = centre - kernel_.half_width() + 1;  // the input of tap 0
  const float* row = table_.empty() ? nullptr : table_.data() + phase * taps_;
  // Eight partial sums, tap t into lane t % 8, added in one fixed order at the end: every path gives
  // the same float for the same output sample (this file is built without contraction into FMA).
  static_assert(kLanes == 8);
  float lanes[kLanes] = {};
  if (row && first >= 0 && first + taps_ <= input_size) {
    // Groups of 8 taps, then the rest one by one: exactly the taps are read (the caller's buffer may end
    // at the last one).
    using Quad = float __attribute__((vector_size(4 * sizeof(float))));
    const float* x = input + (first - origin);
    Quad low = {}, high = {};
    int t = 0;
    for (; t + kLanes <= taps_; t += kLanes) {
      Quad x0, x1, w0, w1;
      std::memcpy(&x0, x + t, sizeof x0);
      std::memcpy(&x1, x + t + 4, sizeof x1);
      std::memcpy(&w0, row + t, sizeof w0);
      std::memcpy(&w1, row + t + 4, sizeof w1);
      low += x0 * w0;
      high += x1 * w1;
    }
    std::memcpy(lanes, &low, sizeof low);
    std::memcpy(lanes + 4, &high, sizeof high);
    for (; t < taps_; ++t) lanes[t % kLanes] += x[t] * row[t];  // the same order as the path below
  } else {
    for (int t = 0; t < taps_; ++t) {
      const std::int64_t k = first + t;
      if (k < 0 || k >= input_size) continue;
      lanes[t % kLanes] += input[k - origin] * (row ? row[t] : Weight(phase, t));
    }
  }
  return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

float PolyphaseFilter::Apply(std::int64_t n, const float* input, std::int64_t origin,
                             std::int64_t input_size) const {
  const std::int64_t whole = n * step_;
  return Sample(whole / phases_, whole % phases_, input, origin, input_size);
}

void PolyphaseFilter::ApplyRange(std::int64_t n, std::int64_t count, const float* input, std::int64_t origin,
                                 std::int64_t input_size, float* out) const {
  const std::int64_t whole = n * step_;
  std::int64_t centre = whole / phases_;
  std::int64_t phase = whole % phases_;
  const std::int64_t centre_step = step_ / phases_;
  const std::int64_t phase_step = step_ % phases_;
  for (std::int64_t i = 0; i < count; ++i) {
    out[i] = Sample(centre, phase, input, origin, input_size);
    centre += centre_step;
    phase += phase_step;
    if (phase >= phases_) {
      phase -= phases_;
      ++centre;
    }
  }
}

std::shared_ptr<const PolyphaseFilter> SharedPolyphaseFilter(int input_rate, int output_rate) {
  // A handful of rate pairs recur (espeak's 22050 Hz to the output rate above all): building a filter
  // costs thousands of Bessel sums, so each is built once per process.
  static std::mutex mutex;
  static std::map<std::pair<int, int>, std::shared_ptr<const PolyphaseFilter>> filters;
  std::lock_guard lock(mutex);
  if (filters.size() >= 16 && !filters.contains({input_rate, output_rate})) filters.clear();
  auto& filter = filters[{input_rate, output_rate}];
  if (!filter) filter = std::make_shared<const PolyphaseFilter>(input_rate, output_rate);
  return filter;
}

std::vector<float> Resample(const std::vector<float>& input, int input_rate, int output_rate) {
  if (input_rate == output_rate || input.empty()) return input;
  const double ratio = static_cast<double>(output_rate) / static_cast<double>(input_rate);
  const auto filter = SharedPolyphaseFilter(input_rate, output_rate);
  const auto out_size = static_cast<std::size_t>(std::llround(static_cast<double>(input.size()) * ratio));
  std::vector<float> output(out_size);
  filter->ApplyRange(0, static_cast<std::int64_t>(out_size), input.data(), 0,
                     static_cast<std::int64_t>(input.size()), output.data());
  return output;
}

}  // namespace attune::audio
