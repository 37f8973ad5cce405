// audio/loudness.hpp: loudness by ITU-R BS.1770 / EBU R128 (libebur128): K-weighted, in LUFS (LU apart).
// The mixer levels its layers by these measurements when a session is prepared; tests measure rendered
// layers with them. Any thread but the audio thread (they allocate).
#pragma once

#include <cstddef>
#include <vector>

namespace attune::audio {

// What the measurements return for silence (or a span too short to measure): minus infinity.
double SilenceLufs();

// The integrated (gated) loudness of `frames` interleaved frames of `channels` (1: mono, 2: left and
// right) at `sample_rate` Hz, in LUFS. A mono channel counts once: a full-scale 997 Hz sine is -3.01 LUFS.
double IntegratedLoudness(const float* samples, std::size_t frames, int channels, int sample_rate);
double IntegratedLoudness(const std::vector<float>& samples, int channels, int sample_rate);

// The ungated loudness of the whole span (the mean square of the K-weighted signal over all of it), in
// LUFS: over 400 ms this is the momentary loudness at its end, over 3 s the short-term loudness.
double SpanLoudness(const float* samples, std::size_t frames, int channels, int sample_rate);

// The momentary loudness (400 ms windows) every `hop_frames` frames: value i is the loudness of the 400 ms
// ending at frame (i + 1) * hop_frames (the window is shorter at the start). `window_ms` 3000 gives the
// short-term loudness.
std::vector<double> WindowedLoudness(const float* samples, std::size_t frames, int channels, int sample_rate,
                                     std::size_t hop_frames, unsigned long window_ms = 400);

// The loudest momentary (400 ms) loudness over the span, in LUFS: how loud a strike is at its peak.
double MaxMomentaryLoudness(const float* samples, std::size_t frames, int channels, int sample_rate);

// Integrated loudness measured as samples arrive (a file read in blocks).
class LoudnessMeter {
 public:
  LoudnessMeter(int channels, int sample_rate);
  ~LoudnessMeter();
  LoudnessMeter(const LoudnessMeter&) = delete;
  LoudnessMeter& operator=(const LoudnessMeter&) = delete;
  void Add(const float* samples, std::size_t frames);
  double Integrated() const;  // LUFS of everything added so far

 private:
  struct State;
  State* state_;
};

// The linear gain that moves `lufs` to `target_lufs` (1 for silence).
float GainTo(double lufs, double target_lufs);

}  // namespace attune::audio
