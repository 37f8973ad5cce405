#include "audio/stream_resampler.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace attune::audio {
namespace {

// The same Bessel function, filter parameters and table as resampler.cpp, so both give the same samples
// (tests/audio/ambience_stream_test.cpp compares them).
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

constexpr int kSteps = 512;

}  // namespace

StreamResampler::StreamResampler(int input_rate, int output_rate, std::int64_t input_size)
    : input_rate_(input_rate), output_rate_(output_rate), input_size_(std::max<std::int64_t>(0, input_size)) {
  if (input_rate_ == output_rate_) {
    output_size_ = input_size_;
    return;
  }
  ratio_ = static_cast<double>(output_rate) / static_cast<double>(input_rate);
  output_size_ = std::llround(static_cast<double>(input_size_) * ratio_);
  const double cutoff = 0.92 * std::min(1.0, ratio_);
  half_width_ = static_cast<int>(std::ceil(16.0 / std::min(1.0, ratio_)));
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

double StreamResampler::Kernel(double x) const {
  const double position = std::abs(x) * kSteps;
  const auto index = static_cast<std::size_t>(position);
  if (index + 1 >= table_.size()) return 0.0;
  const double fraction = position - static_cast<double>(index);
  return table_[index] + (table_[index + 1] - table_[index]) * fraction;
}

std::int64_t StreamResampler::FirstInput(std::int64_t output) const {
  if (input_rate_ == output_rate_) return output;
  const double center = static_cast<double>(output) / ratio_;
  return std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil(center)) - half_width_);
}

std::int64_t StreamResampler::LastInput(std::int64_t output) const {
  if (input_rate_ == output_rate_) return output;
  const double center = static_cast<double>(output) / ratio_;
  return std::min<std::int64_t>(input_size_ - 1, static_cast<std::int64_t>(std::floor(center)) + half_width_);
}

std::int64_t StreamResampler::Start(std::int64_t first_output) {
  next_output_ = std::clamp<std::int64_t>(first_output, 0, output_size_);
  base_ = std::min(FirstInput(next_output_), input_size_);
  history_.clear();
  return base_;
}

void StreamResampler::Feed(const float* input, std::size_t count, std::vector<float>* out) {
  history_.insert(history_.end(), input, input + count);
  const std::int64_t available = next_input();
  while (next_output_ < output_size_ && LastInput(next_output_) < available) {
    if (input_rate_ == output_rate_) {
      out->push_back(history_[static_cast<std::size_t>(next_output_ - base_)]);
    } else {
      // Exactly Resample()'s sum for this output sample.
      const double center = static_cast<double>(next_output_) / ratio_;
      const std::int64_t first = FirstInput(next_output_);
      const std::int64_t last = LastInput(next_output_);
      double sum = 0.0;
      for (std::int64_t k = first; k <= last; ++k) {
        sum += static_cast<double>(history_[static_cast<std::size_t>(k - base_)]) *
               Kernel(center - static_cast<double>(k));
      }
      out->push_back(static_cast<float>(sum));
    }
    ++next_output_;
  }
  // Keep only the input that the next outputs still need.
  const std::int64_t keep_from = std::min(FirstInput(next_output_), available);
  if (keep_from > base_) {
    history_.erase(history_.begin(), history_.begin() + static_cast<std::ptrdiff_t>(keep_from - base_));
    base_ = keep_from;
  }
}

}  // namespace attune::audio
