#include "audio/stream_resampler.hpp"

#include <algorithm>
#include <cmath>

namespace attune::audio {
StreamResampler::StreamResampler(int input_rate, int output_rate, std::int64_t input_size)
    : input_rate_(input_rate), output_rate_(output_rate), input_size_(std::max<std::int64_t>(0, input_size)) {
  if (input_rate_ == output_rate_) {
    output_size_ = input_size_;
    return;
  }
  ratio_ = static_cast<double>(output_rate) / static_cast<double>(input_rate);
  output_size_ = std::llround(static_cast<double>(input_size_) * ratio_);
  kernel_ = SincKernel(ratio_);
  half_width_ = kernel_.half_width();
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
               kernel_(center - static_cast<double>(k));
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
