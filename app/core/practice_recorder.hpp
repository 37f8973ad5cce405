// app/core/practice_recorder.hpp: practice accounting for the history. Counts the time actually
// practised (the sum of the spans the player was playing, pauses and waits excluded), the session time
// skipped over (reached without being played: Next, starting past the beginning), and decides when
// progress is written: at each step change, every 5 s, or when forced. Pure given `now` (the app's
// clock, any monotonic microseconds): it never reads a clock and never writes the history itself; it
// returns what to write, and WriteTo() writes it. UI thread only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/history.hpp"
#include "core/time.hpp"

namespace attune::core {

class History;

// A History::UpdateProgress call to make.
struct ProgressUpdate {
  std::int64_t id = 0;
  Micros actual{0};      // time practised so far
  int reached_step = 0;  // 1-based
  Micros reached{0};     // session time reached
  Micros skipped{0};     // of the session up to `reached`, the time never played
};

// A History::Finish call to make.
struct FinishRecord {
  std::int64_t id = 0;
  Micros actual{0};
  int reached_step = 0;
  Micros reached{0};
  bool completed = false;
  Micros skipped{0};
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
  // Of the session from 0 to `reached`, the time never played. Between two observations the session
  // advancing by no more than the clock (plus kJumpTolerance) was played; a larger advance, or one
  // backwards, is a jump, after which at most the clock's advance was played (taken as ending at the
  // later session time). Going back and playing again covers nothing new.
  Micros Skipped(Micros reached) const;
  // The session time played so far: sorted, disjoint [from, to) spans.
  const std::vector<std::pair<Micros, Micros>>& played() const { return covered_; }
  std::int64_t id() const { return id_; }

  static constexpr Micros kJumpTolerance{250'000};

 private:
  void Cover(Micros now, bool playing, Micros session_time);
  void AddCovered(Micros from, Micros to);

  std::int64_t id_ = 0;
  Micros practised_{0};                  // closed spans
  std::optional<Micros> playing_since_;  // the open span's start (any clock reading, even negative)
  Micros last_write_{0};
  int written_step_ = 0;
  // The last observation, and the session time played so far as sorted, disjoint [from, to) spans.
  bool observed_ = false;
  bool last_playing_ = false;
  Micros last_now_{0};
  Micros last_session_{0};
  std::vector<std::pair<Micros, Micros>> covered_;
};

// Writes `update` / `record` to `history`. Returns false if the write failed.
bool WriteTo(History& history, const ProgressUpdate& update);
bool WriteTo(History& history, const FinishRecord& record);

// Owns the history for the app and keeps every practice in memory until the history has it: a practice
// begun while the history cannot be written (a read-only file or folder, a full disk, a newer schema), or
// whose last write failed, is written again at the next write, at Retry() (the controller calls it every
// few seconds and at quit) and, when the history could not be opened, after reopening it. Nothing is ever
// claimed as saved that is not: Status() says what is pending and why. UI thread only.
class PracticeSaver {
 public:
  // Opens the history at `path` (History::Open); the result's `history` moves into the saver (see
  // history()), its `reason` is kept for Status(). Without a call to Open() the saver is off: Begin()
  // returns 0 and nothing is recorded (screenshots).
  HistoryOpenResult Open(const std::string& path);
  bool enabled() const { return !path_.empty(); }
  History* history() const { return history_.get(); }

  // A practice begins: written at once if possible. Returns the key to pass to PracticeRecorder::Begin
  // (never 0 while enabled: the practice is kept even when it could not be written).
  std::int64_t Begin(const PracticeStart& start);
  // What the recorder returned. Each call first retries what is pending.
  void Write(const ProgressUpdate& update);
  void Write(const FinishRecord& record);
  // Tries again to open the history (if it could not be) and to write every pending practice. Returns true
  // when nothing is pending.
  bool Retry();

  // Whether the practice of `key` is in the history as last reported (true for a key of 0 or unknown).
  bool Saved(std::int64_t key) const;
  std::size_t pending() const;
  // Why the last write failed, in the user's words ("the history file is read-only (PATH)"), or "".
  const std::string& reason() const { return reason_; }
  // For the end screen: "" when the practice of `key` is saved, else
  // "Not saved: REASON. Attune will retry."
  std::string Status(std::int64_t key) const;

 private:
  struct Entry {
    PracticeStart start;
    std::int64_t id = 0;  // its row, once written
    Progress progress;
    std::optional<bool> completed;  // set once finished
    bool dirty = true;              // the history does not have the latest of it
  };
  bool Flush(Entry& entry);
  void Reopen();

  std::string path_;
  std::unique_ptr<History> history_;
  std::map<std::int64_t, Entry> entries_;  // by key; finished and saved ones are dropped
  std::int64_t next_key_ = 1;
  std::string reason_;
};

}  // namespace attune::core
