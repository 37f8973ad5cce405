// audio/noise.hpp: ambience beds (pink or brown noise) as seamless loops, generated once when a session is
// prepared. The mixer reads a loop by absolute frame index, so any span renders the same samples.
#pragma once

#include <vector>

namespace attune::audio {

enum class NoiseColor { kPink, kBrown };

// The RMS level every ambience loop is normalized to (about -20 dBFS) before the per-layer volumes.
inline constexpr float kAmbienceRms = 0.1f;

// A mono loop of `seconds` at `sample_rate` Hz whose end joins its start without a click (the tail is
// crossfaded into the head). Deterministic: a fixed seed gives the same samples every time.
std::vector<float> MakeNoiseLoop(NoiseColor color, int sample_rate, double seconds);

// Turns any mono clip into a loop the same way (crossfade of `crossfade_seconds` at the seam) and
// normalizes it to kAmbienceRms. Clips shorter than twice the crossfade are returned as they are.
std::vector<float> MakeLoop(std::vector<float> clip, int sample_rate, double crossfade_seconds);

}  // namespace attune::audio
