// audio/noise.hpp: ambience beds of pink or brown noise. NoiseBed generates them continuously, never
// looped, as a pure function of the frame index, so a seek renders the same samples as playing through;
// MakeNoiseLoop and MakeLoop make seamless loops (a file's loop seam, tests).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
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

// Continuous noise, two uncorrelated channels. Sample n of a channel is the noise filter run over counter-
// based white noise from a fixed point before n's block (blocks of kBlockSeconds, each warmed up over
// kSettleSeconds of its own), so it depends on n alone: any span, split any way, gives the same samples,
// and the seams between blocks differ from a continuous run by less than 1e-4 of the signal (inaudible).
// Normalized to `target_lufs` (BS.1770, both channels, measured on its first seconds when made).
class NoiseBed {
 public:
  static constexpr double kBlockSeconds = 2.0;
  static constexpr double kSettleSeconds = 0.5;

  NoiseBed(NoiseColor color, int sample_rate, double target_lufs);
  NoiseBed(const NoiseBed&) = delete;
  NoiseBed& operator=(const NoiseBed&) = delete;

  // Writes frames [first, first + frames) of `channel` (0 or 1) into `out`, for `first` >= 0. No locks, no
  // allocation: safe on the audio thread. A call that continues the previous one on its channel (the
  // common case) costs one filter step per frame; any other costs up to one block more.
  void Fill(int channel, std::int64_t first, int frames, float* out) const;
  NoiseColor color() const { return color_; }
  float gain() const { return gain_; }

 private:
  struct Filter {
    double b[7] = {};
    double brown = 0.0, dc = 0.0;
    std::int64_t next = -1;  // the frame this state produces next; -1: none
    std::int64_t block = -1;
  };
  double Step(Filter& filter, int channel, std::int64_t n) const;
  void Run(Filter& filter, int channel, std::int64_t first, int frames, float* out) const;

  NoiseColor color_;
  int sample_rate_;
  std::int64_t block_frames_, settle_frames_;
  double leak_, dc_coefficient_;
  float gain_ = 1.0f;
  // The state where the last Fill of each channel stopped (a cache: recomputing gives the same samples).
  mutable Filter cache_[2];
  mutable std::atomic<bool> busy_[2] = {false, false};
};

}  // namespace attune::audio
