// audio/ambience_stream.hpp: an ambience file played from disk, never decoded whole. A filler thread reads
// the file with libsndfile in blocks, mixes it to mono, resamples it incrementally (StreamResampler) and
// keeps a ring of a few seconds filled around the playhead; the audio thread only copies frames that are
// already in the ring, lock-free. So memory is bounded whatever the file's length, preparing a session
// opens the file instead of decoding it, and destroying the stream waits for at most one block.
//
// What it plays: the file resampled to the output rate (x, L samples), normalized to kAmbienceRms, played
// through once and then looped. The seam is a 0.5 s equal-power crossfade of the file's tail into its head
// (as MakeLoop), so after the first pass the loop has L - crossfade samples. Channel 0 starts at the
// file's start; channel 1 plays the same sequence half a loop later, so the two sides are uncorrelated.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace attune::audio {

class AmbienceStream {
 public:
  struct Options {
    double crossfade_seconds = 0.5;
    double ring_seconds = 10.0;   // frames kept per channel
    double behind_seconds = 1.0;  // of those, kept behind the playhead (a short seek back stays audible)
    int block_frames = 16384;     // output frames the filler produces per step, at most
    double gain_seconds = 30.0;   // the level is measured on the file's first seconds (all of a short one)
    // When finite: the level is set by loudness instead, so that both channels together (each playing the
    // file) are this loud in LUFS (BS.1770), the peak still at most 0.5. Else the RMS is kAmbienceRms.
    double target_lufs = std::numeric_limits<double>::quiet_NaN();
  };

  // Opens `path` and starts the filler thread. Null with `*error` set ("not a readable audio file") when
  // the file cannot be read or holds no samples. Reads only the file's first `gain_seconds` here.
  static std::shared_ptr<AmbienceStream> Open(const std::string& path, int sample_rate, std::string* error);
  static std::shared_ptr<AmbienceStream> Open(const std::string& path, int sample_rate,
                                              const Options& options, std::string* error);
  // Stops the filler: it checks between blocks, so this waits for at most one block's decoding.
  ~AmbienceStream();
  AmbienceStream(const AmbienceStream&) = delete;
  AmbienceStream& operator=(const AmbienceStream&) = delete;

  // Audio thread, lock-free and allocation-free: copies frames [first, first + frames) of `channel` (0 or 1)
  // into `out` and returns true if all of them are in the ring; else returns false (the span is missing:
  // a seek, or an underrun) and `out` must be ignored. `frames` at most kMaxReadFrames.
  static constexpr int kMaxReadFrames = 256;
  bool Read(int channel, std::int64_t first, int frames, float* out) const;
  // Audio thread: where the playhead is (the first frame being rendered); the filler follows it.
  void SetPlayhead(std::int64_t frame) const { playhead_.store(frame, std::memory_order_relaxed); }

  // Not the audio thread: blocks until frames [first, first + frames) of both channels are in the ring (or
  // the stream is being destroyed), moving the playhead to `first`. For offline rendering: call before
  // each Render, so offline output is exactly the live output. `frames` at most max_prepare_frames().
  void PrepareSpan(std::int64_t first, int frames) const;
  int max_prepare_frames() const;

  // After the first pass, the loop's length in output frames (L - crossfade).
  std::int64_t loop_frames() const { return period_; }
  // The file resampled to the output rate, L frames (one pass, before the loop's seam).
  std::int64_t file_frames() const { return length_; }
  // The normalizing gain applied to the file's samples.
  float gain() const { return gain_; }

 private:
  struct Cursor;
  AmbienceStream() = default;
  void Run();
  bool Step(Cursor& cursor);
  void Reset(Cursor& cursor, std::int64_t v);
  bool Has(const Cursor& cursor, std::int64_t v, std::int64_t frames) const;
  std::int64_t FileIndex(std::int64_t v) const;

  std::string path_;
  int sample_rate_ = 48000;
  int input_rate_ = 48000;
  int channels_ = 1;
  std::int64_t input_frames_ = 0;
  std::int64_t length_ = 0;     // L: the file at the output rate
  std::int64_t crossfade_ = 0;  // 0 when the file is shorter than two crossfades
  std::int64_t period_ = 0;     // L - crossfade
  float gain_ = 1.0f;
  std::vector<float> head_;  // x[0, crossfade): what the tail fades into
  std::int64_t ring_frames_ = 0, behind_frames_ = 0;
  int block_frames_ = 16384;
  std::vector<std::unique_ptr<Cursor>> cursors_;

  mutable std::atomic<std::int64_t> playhead_{0};
  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable wake_;    // the filler: a span is wanted, or stop
  mutable std::condition_variable filled_;  // PrepareSpan: a block was written
  std::thread filler_;
};

}  // namespace attune::audio
