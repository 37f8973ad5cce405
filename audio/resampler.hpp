// audio/resampler.hpp: sample-rate conversion of prepared mono clips (speech at 22050 Hz, recorded voice
// and ambience files at any rate) to the output rate. Called while a session is prepared, never on the
// audio thread.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace attune::audio {

// The Kaiser-windowed sinc kernel of a conversion by `ratio` (output rate / input rate), tabulated at 512
// points per input sample and interpolated linearly; PolyphaseFilter samples it.
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

// SincKernel sampled at every phase of a conversion from `input_rate` to `output_rate` Hz: output sample n
// is centred at input position n x input_rate / output_rate exactly (integer part q, phase p of the
// output rate / gcd phases), and its value is the sum over the taps k = q - half_width + 1 .. q +
// half_width of input[k] x kernel(centre - k) (inputs before 0 or from the input's size on count as
// silence), in float, in 8 partial sums added in a fixed order. The weights are tabulated once per phase
// when the table is small (every common pair of rates), else computed per sample; either way the same
// numbers, so Resample() and StreamResampler agree sample for sample.
class PolyphaseFilter {
 public:
  PolyphaseFilter(int input_rate, int output_rate);
  int half_width() const { return kernel_.half_width(); }
  // q above: the input sample output `n` is centred on or just after.
  std::int64_t CentreInput(std::int64_t n) const { return n * step_ / phases_; }
  // The first and last input sample output `n` reads (clamped to the input).
  std::int64_t FirstInput(std::int64_t n, std::int64_t input_size) const;
  std::int64_t LastInput(std::int64_t n, std::int64_t input_size) const;
  // Output sample `n`. `input` holds input samples `origin` onwards, at least FirstInput..LastInput of n.
  float Apply(std::int64_t n, const float* input, std::int64_t origin, std::int64_t input_size) const;
  // Outputs n .. n + count - 1 into `out`, exactly as Apply() each.
  void ApplyRange(std::int64_t n, std::int64_t count, const float* input, std::int64_t origin,
                  std::int64_t input_size, float* out) const;

 private:
  static constexpr std::int64_t kMaxTableSize = std::int64_t{1} << 19;  // weights (2 MB)
  static constexpr int kLanes = 8;
  float Weight(std::int64_t phase, int tap) const;
  float Sample(std::int64_t centre, std::int64_t phase, const float* input, std::int64_t origin,
               std::int64_t input_size) const;

  SincKernel kernel_;
  std::int64_t phases_ = 1;   // output_rate / gcd
  std::int64_t step_ = 1;     // input_rate / gcd
  int taps_ = 0;              // 2 x half_width
  std::vector<float> table_;  // phases_ x taps_, empty when computed per sample
};

// The filter of a pair of rates, built once per process and shared (thread-safe).
std::shared_ptr<const PolyphaseFilter> SharedPolyphaseFilter(int input_rate, int output_rate);

// Converts `input` (mono, at `input_rate` Hz) to `output_rate` Hz with a Kaiser-windowed sinc filter
// (32 taps at the input rate when upsampling, more when downsampling; cutoff at 0.92 x the lower Nyquist
// frequency, so no images or aliases above it, passband flat to about 0.1 dB). The output has
// round(size x output_rate / input_rate) samples and keeps the same time origin (output sample n is at
// input position n x input_rate / output_rate). Rates must be positive. Equal rates copy.
std::vector<float> Resample(const std::vector<float>& input, int input_rate, int output_rate);

}  // namespace attune::audio
