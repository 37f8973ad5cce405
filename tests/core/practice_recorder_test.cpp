// tests/core/practice_recorder_test.cpp: practised time over playing spans, and when progress is written.
#include "core/practice_recorder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "as_unprivileged.hpp"
#include "core/history.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;

constexpr Micros kT0{100'000'000};  // any clock reading: the recorder never assumes 0

TEST(PracticeRecorderTest, PractisedTimeIsTheSumOfThePlayingSpansWithoutPauses) {
  PracticeRecorder recorder;
  recorder.Begin(7, kT0);
  recorder.Observe(kT0 + 1s, true, 1, 0s);  // the pre-roll is over: playing from 1 s
  recorder.Observe(kT0 + 4s, true, 1, 3s);
  recorder.Observe(kT0 + 5s, false, 1, 4s);   // paused at 5 s: 4 s played
  recorder.Observe(kT0 + 65s, false, 1, 4s);  // a minute's pause does not count
  EXPECT_EQ(recorder.Practised(kT0 + 65s), 4s);
  recorder.Observe(kT0 + 66s, true, 1, 4s);  // playing again
  EXPECT_EQ(recorder.Practised(kT0 + 70s), 8s);
  const std::optional<FinishRecord> record = recorder.Finish(kT0 + 76s, 2, 14s, true);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->id, 7);
  EXPECT_EQ(record->actual, 4s + 10s);
  EXPECT_EQ(record->reached_step, 2);
  EXPECT_EQ(record->reached, 14s);
  EXPECT_TRUE(record->completed);
}

// Skipping is not practising: the session time jumped over (Next) is recorded as skipped, and only the
// spans actually played are "played".
TEST(PracticeRecorderTest, TimeJumpedOverIsSkippedNotPlayed) {
  PracticeRecorder recorder;
  recorder.Begin(4, kT0);
  recorder.Observe(kT0, false, 1, 0s);  // the pre-roll
  recorder.Observe(kT0 + 3s, true, 1, 0s);
  recorder.Observe(kT0 + 13s, true, 1, 10s);
  recorder.Observe(kT0 + 13s + 16ms, true, 3, 60s);  // Next, Next: on to 60 s
  recorder.Observe(kT0 + 23s + 16ms, true, 3, 70s);
  EXPECT_EQ(recorder.Skipped(70s), 50s - 16ms);  // the frame after the jump was played
  EXPECT_EQ(recorder.played(), (std::vector<std::pair<Micros, Micros>>{{0s, 10s}, {60s - 16ms, 70s}}));
  const std::optional<ProgressUpdate> update = recorder.Observe(kT0 + 30s, true, 3, 76s + 984ms, true);
  ASSERT_TRUE(update.has_value());
  EXPECT_EQ(update->skipped, 50s - 16ms);
  const std::optional<FinishRecord> record = recorder.Finish(kT0 + 35s, 3, 82s, true);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->skipped, 50s - 16ms);
  EXPECT_EQ(record->actual, 32s);
}

TEST(PracticeRecorderTest, SkippingThroughWhilePausedPlaysNothing) {
  PracticeRecorder recorder;
  recorder.Begin(5, kT0);
  recorder.Observe(kT0, true, 1, 0s);
  recorder.Observe(kT0 + 8s, true, 1, 8s);
  recorder.Observe(kT0 + 9s, false, 1, 8s);     // paused
  recorder.Observe(kT0 + 10s, false, 2, 60s);   // Next while paused
  recorder.Observe(kT0 + 11s, false, 3, 300s);  // Next at the last step: finished
  const std::optional<FinishRecord> record = recorder.Finish(kT0 + 11s, 3, 300s, true);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->actual, 9s);  // counted up to the frame that saw the pause
  EXPECT_EQ(record->skipped, 292s);
}

TEST(PracticeRecorderTest, StartingPastTheBeginningSkipsWhatCameBefore) {
  PracticeRecorder recorder;
  recorder.Begin(6, kT0);
  recorder.Observe(kT0, false, 1, 0s);          // ready
  recorder.Observe(kT0 + 20ms, true, 4, 120s);  // started from step 4 at 120 s
  recorder.Observe(kT0 + 10s + 20ms, true, 4, 130s);
  EXPECT_EQ(recorder.Skipped(130s), 120s - 20ms);
}

TEST(PracticeRecorderTest, GoingBackAndPlayingAgainIsPractiseButCoversNothingNew) {
  PracticeRecorder recorder;
  recorder.Begin(8, kT0);
  recorder.Observe(kT0, true, 1, 0s);
  recorder.Observe(kT0 + 30s, true, 2, 30s);
  recorder.Observe(kT0 + 30s + 16ms, true, 2, 20s);  // Previous: back to 20 s
  recorder.Observe(kT0 + 50s + 16ms, true, 3, 40s);
  EXPECT_EQ(recorder.Skipped(40s), 0s);
  EXPECT_EQ(recorder.Practised(kT0 + 50s + 16ms), 50s + 16ms);
  // A frame's jitter between clock and session time (under kJumpTolerance) is playing, not a skip.
  recorder.Observe(kT0 + 60s, true, 3, 50s + 100ms);
  EXPECT_EQ(recorder.Skipped(50s + 100ms), 0s);
}

TEST(PracticeRecorderTest, AnyClockReadingWorksEvenANegativeOne) {
  PracticeRecorder recorder;
  recorder.Begin(2, -5s);
  recorder.Observe(-5s, true, 1, 0s);
  const std::optional<FinishRecord> record = recorder.Finish(0s, 1, 5s, false);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->actual, 5s);
  EXPECT_EQ(record->skipped, 0s);
}

TEST(PracticeRecorderTest, FinishWhilePausedAddsNothingAfterThePause) {
  PracticeRecorder recorder;
  recorder.Begin(3, kT0);
  recorder.Observe(kT0, true, 1, 0s);
  recorder.Observe(kT0 + 30s, false, 1, 30s);
  const std::optional<FinishRecord> record = recorder.Finish(kT0 + 90s, 1, 30s, false);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->actual, 30s);
  EXPECT_FALSE(record->completed);
}

TEST(PracticeRecorderTest, ObservingBeforeFinishDoesNotChangeTheRecord) {
  auto run = [](bool observe_first) {
    PracticeRecorder recorder;
    recorder.Begin(1, kT0);
    recorder.Observe(kT0 + 2s, true, 1, 0s);
    if (observe_first) recorder.Observe(kT0 + 9s, true, 2, 7s);
    return recorder.Finish(kT0 + 9s, 2, 7s, false);
  };
  const std::optional<FinishRecord> with = run(true), without = run(false);
  ASSERT_TRUE(with && without);
  EXPECT_EQ(with->actual, 7s);
  EXPECT_EQ(without->actual, 7s);
}

TEST(PracticeRecorderTest, TheFirstObservationIsWrittenThenOnlyOnStepChangeOrAfterFiveSeconds) {
  PracticeRecorder recorder;
  recorder.Begin(5, kT0);
  // Step 1 has never been written: written at once.
  const std::optional<ProgressUpdate> first = recorder.Observe(kT0 + 100ms, true, 1, 0s);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->id, 5);
  EXPECT_EQ(first->reached_step, 1);
  EXPECT_EQ(first->actual, 0s);
  // Same step, under 5 s since the last write: nothing.
  EXPECT_FALSE(recorder.Observe(kT0 + 1s, true, 1, 900ms));
  EXPECT_FALSE(recorder.Observe(kT0 + 5s, true, 1, 4900ms));
  // The step changes: written now.
  const std::optional<ProgressUpdate> changed = recorder.Observe(kT0 + 5050ms, true, 2, 4950ms);
  ASSERT_TRUE(changed.has_value());
  EXPECT_EQ(changed->reached_step, 2);
  EXPECT_EQ(changed->reached, 4950ms);
  EXPECT_EQ(changed->actual, 4950ms);
  // Same step again: not until 5 s after that write.
  EXPECT_FALSE(recorder.Observe(kT0 + 10s, true, 2, 9900ms));
  EXPECT_FALSE(recorder.Observe(kT0 + 10049ms, true, 2, 9949ms));
  const std::optional<ProgressUpdate> later = recorder.Observe(kT0 + 10050ms, true, 2, 9950ms);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->actual, 9950ms);
  EXPECT_EQ(later->reached, 9950ms);
}

TEST(PracticeRecorderTest, FiveSecondsCountFromBeginWhenTheFirstStepIsZero) {
  PracticeRecorder recorder;
  recorder.Begin(5, kT0);
  // A step number equal to the last one written (0: none) waits for the interval, counted from Begin.
  EXPECT_FALSE(recorder.Observe(kT0 + 4s, false, 0, 0s));
  EXPECT_TRUE(recorder.Observe(kT0 + 5s, false, 0, 0s));
}

TEST(PracticeRecorderTest, ForceWritesEvenWithinTheInterval) {
  PracticeRecorder recorder;
  recorder.Begin(5, kT0);
  ASSERT_TRUE(recorder.Observe(kT0, true, 1, 0s));
  EXPECT_FALSE(recorder.Observe(kT0 + 1s, true, 1, 1s));
  const std::optional<ProgressUpdate> forced = recorder.Observe(kT0 + 2s, true, 1, 2s, true);
  ASSERT_TRUE(forced.has_value());
  EXPECT_EQ(forced->actual, 2s);
}

TEST(PracticeRecorderTest, WithoutAPracticeIdTimeCountsButNothingIsWritten) {
  PracticeRecorder recorder;
  recorder.Begin(0, kT0);
  EXPECT_FALSE(recorder.Observe(kT0, true, 1, 0s, true));
  EXPECT_FALSE(recorder.Observe(kT0 + 20s, true, 3, 20s));
  EXPECT_EQ(recorder.Practised(kT0 + 30s), 30s);
  EXPECT_FALSE(recorder.Finish(kT0 + 30s, 3, 30s, true));
}

TEST(PracticeRecorderTest, AFinishedPracticeWritesNothingMoreUntilTheNextBegins) {
  PracticeRecorder recorder;
  recorder.Begin(9, kT0);
  recorder.Observe(kT0, true, 1, 0s);
  ASSERT_TRUE(recorder.Finish(kT0 + 10s, 1, 10s, true));
  EXPECT_EQ(recorder.id(), 0);
  EXPECT_FALSE(recorder.Finish(kT0 + 11s, 1, 10s, true));
  EXPECT_FALSE(recorder.Observe(kT0 + 20s, true, 2, 10s, true));
  // "Again": a new practice starts from zero.
  recorder.Begin(10, kT0 + 30s);
  EXPECT_EQ(recorder.Practised(kT0 + 30s), 0s);
  recorder.Observe(kT0 + 31s, true, 1, 0s);
  const std::optional<FinishRecord> again = recorder.Finish(kT0 + 33s, 1, 2s, false);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, 10);
  EXPECT_EQ(again->actual, 2s);
}

TEST(PracticeRecorderTest, BeginDropsAPreviousPracticesOpenSpan) {
  PracticeRecorder recorder;
  recorder.Begin(1, kT0);
  recorder.Observe(kT0, true, 1, 0s);
  recorder.Begin(2, kT0 + 50s);
  const std::optional<ProgressUpdate> update = recorder.Observe(kT0 + 51s, true, 1, 0s);
  ASSERT_TRUE(update.has_value());
  EXPECT_EQ(update->id, 2);
  EXPECT_EQ(update->actual, 0s);  // the span opened at 51 s, not at 0 s of the old practice
}

TEST(PracticeRecorderTest, WriteToPutsTheUpdatesAndTheEndIntoTheHistory) {
  const fs::path dir = fs::temp_directory_path() / ("attune-recorder-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  HistoryOpenResult opened = History::Open((dir / "history.sqlite").string());
  ASSERT_TRUE(opened.history) << opened.error;
  History& history = *opened.history;
  PracticeStart start;
  start.title = "Calm";
  start.start_local = "2026-03-29T07:05:00+02:00";
  start.planned = 60s;
  PracticeRecorder recorder;
  recorder.Begin(history.BeginPractice(start), kT0);
  ASSERT_NE(recorder.id(), 0);
  const std::int64_t id = recorder.id();
  recorder.Observe(kT0, true, 1, 0s);
  const std::optional<ProgressUpdate> update = recorder.Observe(kT0 + 20s, true, 2, 20s);
  ASSERT_TRUE(update.has_value());
  ASSERT_TRUE(WriteTo(history, *update));
  std::optional<Practice> row = history.Get(id);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->actual, 20s);
  EXPECT_EQ(row->reached_step, 2);
  EXPECT_EQ(row->state, PracticeState::kPlaying);
  recorder.Observe(kT0 + 25s, false, 2, 25s);
  const std::optional<FinishRecord> record = recorder.Finish(kT0 + 40s, 2, 25s, false);
  ASSERT_TRUE(record.has_value());
  ASSERT_TRUE(WriteTo(history, *record));
  row = history.Get(id);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->actual, 25s);
  EXPECT_EQ(row->reached, 25s);
  EXPECT_EQ(row->state, PracticeState::kStopped);
  opened.history.reset();
  fs::remove_all(dir);
}

// ---- Hardening (issue 10): a practice the history cannot take is kept, shown as not saved, retried ----

PracticeStart SaverStart(const std::string& title) {
  PracticeStart start;
  start.title = title;
  start.file = "/sessions/box.yaml";
  start.start_utc_us = 1'774'760'700'000'000;
  start.start_local = "2026-03-29T07:05:00+02:00";
  start.planned = 60s;
  return start;
}

TEST(PracticeSaverTest, AReadOnlyHistoryIsNeverClaimedSavedAndIsWrittenOnRetry) {
  const fs::path dir = fs::temp_directory_path() / ("attune-saver-ro-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::all);
  const std::string path = (dir / "history.sqlite").string();
  testing_support::AsUnprivileged([&] {
    ASSERT_TRUE(History::Open(path).history);  // exists, owned by the one who runs the app
    fs::permissions(path, fs::perms::owner_read);
    PracticeSaver saver;
    const HistoryOpenResult opened = saver.Open(path);
    EXPECT_FALSE(saver.history());
    EXPECT_EQ(opened.reason, "the history file is read-only (" + path + ")");
    const std::int64_t key = saver.Begin(SaverStart("Box"));
    ASSERT_NE(key, 0);
    saver.Write(ProgressUpdate{key, 20s, 2, 20s});
    saver.Write(FinishRecord{key, 30s, 3, 60s, true});
    EXPECT_FALSE(saver.Saved(key));
    EXPECT_EQ(saver.pending(), 1u);
    EXPECT_EQ(saver.Status(key),
              "Not saved: the history file is read-only (" + path + "). Attune will retry.");
    EXPECT_FALSE(saver.Retry());  // still read-only: still pending
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_TRUE(saver.Retry());
    EXPECT_TRUE(saver.Saved(key));
    EXPECT_EQ(saver.Status(key), "");
    ASSERT_TRUE(saver.history());
    const std::vector<Practice> all = saver.history()->All();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].title, "Box");
    EXPECT_EQ(all[0].actual, 30s);
    EXPECT_EQ(all[0].reached_step, 3);
    EXPECT_EQ(all[0].state, PracticeState::kCompleted);
  });
  fs::remove_all(dir);
}

TEST(PracticeSaverTest, AFullDiskKeepsThePracticeUntilThereIsRoom) {
  const fs::path dir = fs::temp_directory_path() / ("attune-saver-full-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string path = (dir / "history.sqlite").string();
  PracticeSaver saver;
  saver.Open(path);
  ASSERT_TRUE(saver.history());
  saver.history()->LimitPagesForTest(0);
  const std::int64_t key = saver.Begin(SaverStart(std::string(6000, 'B')));  // needs pages it cannot have
  ASSERT_NE(key, 0);
  saver.Write(FinishRecord{key, 12s, 1, 12s, false});
  EXPECT_FALSE(saver.Saved(key));
  EXPECT_EQ(saver.Status(key), "Not saved: the disk is full (" + path + "). Attune will retry.");
  saver.history()->LimitPagesForTest(100000);
  EXPECT_TRUE(saver.Retry());
  EXPECT_TRUE(saver.Saved(key));
  const std::vector<Practice> all = saver.history()->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].actual, 12s);
  EXPECT_EQ(all[0].state, PracticeState::kStopped);
  fs::remove_all(dir);
}

TEST(PracticeSaverTest, OffWithoutOpenAndSavedAtOnceWhenAllIsWell) {
  PracticeSaver off;
  EXPECT_EQ(off.Begin(SaverStart("Box")), 0);
  const fs::path dir = fs::temp_directory_path() / ("attune-saver-ok-" + std::to_string(getpid()));
  fs::remove_all(dir);
  PracticeSaver saver;
  saver.Open((dir / "history.sqlite").string());
  ASSERT_TRUE(saver.history());
  const std::int64_t key = saver.Begin(SaverStart("Box"));
  EXPECT_TRUE(saver.Saved(key));
  saver.Write(FinishRecord{key, 5s, 1, 5s, true});
  EXPECT_TRUE(saver.Saved(key));
  EXPECT_EQ(saver.pending(), 0u);
  EXPECT_EQ(saver.history()->All().at(0).state, PracticeState::kCompleted);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace attune::core
