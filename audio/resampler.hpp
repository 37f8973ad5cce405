// audio/resampler.hpp: sample-rate conversion of prepared mono clips (speech at 22050 Hz, recorded voice
// and ambience files at any rate) to the output rate. Called while a session is prepared, never on the
// audio thread.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace attune::audio {

// The Kaiser-windowed sinc kernel of a conversion by `ratio` (output rate / input rate), tabulated at 512
// points per input sample and interpolated linearly: the one filter of Resample() and StreamResampler, so
// both give the same samples.
class SincKernel {
 public:
  explicit SincKernel(double ratio);
  // Input samples either side of an output sample's centre that the kernel reaches.
  int half_width() const { return half_width_; }
  // The kernel's weight at `x` input samples from the centre (0 beyond half_width()).
  double operator()(double x) const {
    const double position = std::abs(x) * kSteps;
    const auto index = static_cast<std::size_t>(position);
    if (index + 1 >= table_.size()) return 0.0;
    const double fraction = position - static_cast<double>(index);
    return table_[index] + (table_[index + 1] - table_[index]) * fraction;
  }

 private:
  static constexpr int kSteps = 512;
  int half_width_ = 0;
  std::vector<double> table_;
};

// Converts `input` (mono, at `input_rate` Hz) to `output_rate` Hz with a Kaiser-windowed sinc filter
// (32 taps at the input rate when upsampling, more when downsampling; cutoff at 0.92 x the lower Nyquist
// frequency, so no images or aliases above it, passband flat to about 0.1 dB). The output has
// round(size x output_rate / input_rate) samples and keeps the same time origin (output sample n is at
// input position n x input_rate / output_rate). Rates must be positive. Equal rates copy.
std::vector<float> Resample(const std::vector<float>& input, int input_rate, int output_rate);

}  // namespace attune::audio
