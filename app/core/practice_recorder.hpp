// app/core/practice_recorder.hpp: practice accounting for the history. Counts the time actually
// practised (the sum of the spans the player was playing, pauses and waits excluded) and decides when
// progress is written: at each step change, every 5 s, or when forced. Pure given `now` (the app's
// clock, any monotonic microseconds): it never reads a clock and never writes the history itself; it
// returns what to write, and WriteTo() writes it. UI thread only.
#pragma once

#include <cstdint>
#include <optional>

#include "core/time.hpp"

namespace attune::core {

class History;

// A History::UpdateProgress call to make.
struct ProgressUpdate {
  std::int64_t id = 0;
  Micros actual{0};      // time practised so far
  int reached_step = 0;  // 1-based
  Micros reached{0};     // session time reached
};

// A History::Finish call to make.
struct FinishRecord {
  std::int64_t id = 0;
  Micros actual{0};
  int reached_step = 0;
  Micros reached{0};
  bool completed = false;
};

class PracticeRecorder {
 public:
  static constexpr Micros kUpdateInterval{5'000'000};  // progress is written at least this often

  // A practice begins at `now` (not playing yet; the first Observe() that sees the player playing
  // starts the first span). `id` is what History::BeginPractice returned; 0 when there is no history
  // or the write failed: time is still counted, but nothing is returned to write.
  void Begin(std::int64_t id, Micros now);

  // The player as seen at `now`: `playing` (its status is kPlaying), `step` (the 1-based step it is
  // in) and `session_time`. Opens or closes the playing span (a span counts from the first Observe()
  // that sees it playing to the first that sees it not). Returns the progress to write when there is a
  // practice id and `force`, or the step differs from the one last written (always so the first time),
  // or kUpdateInterval has passed since the last write (or since Begin()).
  std::optional<ProgressUpdate> Observe(Micros now, bool playing, int step, Micros session_time,
                                        bool force = false);

  // The practice ends at `now`: closes any playing span and returns the final record (nullopt without a
  // practice id, or when already finished). `step` is the 1-based step reached and `reached` the
  // session time reached. Afterwards the id is 0: Observe() and Finish() return nothing until Begin().
  // (Calling Observe(now, ...) first, as the shell always did, changes nothing in the record.)
  std::optional<FinishRecord> Finish(Micros now, int step, Micros reached, bool completed);

  // The time practised up to `now` (a span still open counts up to `now`).
  Micros Practised(Micros now) const;
  std::int64_t id() const { return id_; }

 private:
  std::int64_t id_ = 0;
  Micros practised_{0};       // closed spans
  Micros playing_since_{-1};  // the open span's start; negative when none is open
  Micros last_write_{0};
  int written_step_ = 0;
};

// Writes `update` / `record` to `history`. Returns false if the write failed.
bool WriteTo(History& history, const ProgressUpdate& update);
bool WriteTo(History& history, const FinishRecord& record);

}  // namespace attune::core
