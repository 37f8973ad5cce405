// audio/stream_resampler.hpp: the Resample() of resampler.hpp, computed block by block. An ambience file
// can last hours, so it is never held whole: its samples arrive in blocks, and each output sample is
// computed as soon as the input it needs has arrived, from carried-over history. The output is the same,
// sample for sample, as Resample() of the whole input (the same kernel, the same sums in the same order).
// Runs on the ambience filler thread, never on the audio thread (it allocates).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "audio/resampler.hpp"

namespace attune::audio {

class StreamResampler {
 public:
  // A stream of `input_size` mono samples at `input_rate` Hz, converted to `output_rate` Hz.
  StreamResampler(int input_rate, int output_rate, std::int64_t input_size);

  // round(input_size x output_rate / input_rate): the size of Resample() of the whole input.
  std::int64_t output_size() const { return output_size_; }

  // Restarts at output sample `first_output` (0..output_size()). Returns the input sample the caller must
  // feed from, onwards: the first one that output needs.
  std::int64_t Start(std::int64_t first_output);

  // Takes the next `count` input samples and appends to `*out` every output sample that they complete.
  // Once the last input sample has been fed, every output up to output_size() has been appended.
  void Feed(const float* input, std::size_t count, std::vector<float>* out);

  // The output sample Feed appends next.
  std::int64_t next_output() const { return next_output_; }
  // The input sample Feed expects next.
  std::int64_t next_input() const { return base_ + static_cast<std::int64_t>(history_.size()); }

 private:
  std::int64_t FirstInput(std::int64_t output) const;
  std::int64_t LastInput(std::int64_t output) const;

  int input_rate_ = 0, output_rate_ = 0;
  std::int64_t input_size_ = 0, output_size_ = 0;
  std::shared_ptr<const PolyphaseFilter> filter_;  // Resample()'s filter; null at equal rates
  std::int64_t next_output_ = 0;
  std::int64_t base_ = 0;       // the input sample history_[0] holds
  std::vector<float> history_;  // input from base_ on, kept while some output still needs it
};

}  // namespace attune::audio
