// audio/resampler.hpp: sample-rate conversion of prepared mono clips (speech at 22050 Hz, recorded voice
// and ambience files at any rate) to the output rate. Called while a session is prepared, never on the
// audio thread.
#pragma once

#include <vector>

namespace attune::audio {

// Converts `input` (mono, at `input_rate` Hz) to `output_rate` Hz with a Kaiser-windowed sinc filter
// (32 taps at the input rate when upsampling, more when downsampling; cutoff at 0.92 x the lower Nyquist
// frequency, so no images or aliases above it, passband flat to about 0.1 dB). The output has
// round(size x output_rate / input_rate) samples and keeps the same time origin (output sample n is at
// input position n x input_rate / output_rate). Rates must be positive. Equal rates copy.
std::vector<float> Resample(const std::vector<float>& input, int input_rate, int output_rate);

}  // namespace attune::audio
