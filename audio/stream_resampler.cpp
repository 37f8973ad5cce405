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
  const double ratio = static_cast<double>(output_rate) / static_cast<double>(input_rate);
  output_size_ = std::llround(static_cast<double>(input_size_) * ratio);
  filter_ = SharedPolyphaseFilter(input_rate, output_rate);
}

std::int64_t StreamResampler::FirstInput(std::int64_t output) const {
  if (!filter_) return output;
  return filter_->FirstInput(output, input_size_);
}

std::int64_t StreamResampler::LastInput(std::int64_t output) const {
  if (!filter_) return output;
  return filter_->LastInput(output, input_size_);
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
    if (!filter_) {
      out->push_back(history_[static_cast<std::size_t>(next_output_ - base_)]);
    } else {
      out->push_back(filter_->Apply(next_output_, history_.data(), base_, input_size_));  // Resample()'s sum
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
