#include "audio/resampler.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

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

std::vector<float> Resample(const std::vector<float>& input, int input_rate, int output_rate) {
  if (input_rate == output_rate || input.empty()) return input;
  const double ratio = static_cast<double>(output_rate) / static_cast<double>(input_rate);
  const SincKernel kernel(ratio);
  const int half_width = kernel.half_width();

  const auto out_size = static_cast<std::size_t>(std::llround(static_cast<double>(input.size()) * ratio));
  std::vector<float> output(out_size);
  const auto in_size = static_cast<long long>(input.size());
  for (std::size_t n = 0; n < out_size; ++n) {
    const double center = static_cast<double>(n) / ratio;
    const auto first = std::max<long long>(0, static_cast<long long>(std::ceil(center)) - half_width);
    const auto last =
        std::min<long long>(in_size - 1, static_cast<long long>(std::floor(center)) + half_width);
    double sum = 0.0;
    for (long long k = first; k <= last; ++k) {
      sum +=
          static_cast<double>(input[static_cast<std::size_t>(k)]) * kernel(center - static_cast<double>(k));
    }
    output[n] = static_cast<float>(sum);
  }
  return output;
}

}  // namespace attune::audio
