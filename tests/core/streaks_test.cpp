#include "core/streaks.hpp"

#include <gtest/gtest.h>

namespace attune::core {
namespace {

Practice Done(const std::string& start_local, int minutes, PracticeState state = PracticeState::kCompleted) {
  Practice p;
  p.start_local = start_local;
  p.actual = std::chrono::minutes(minutes);
  p.planned = std::chrono::minutes(minutes);
  p.state = state;
  return p;
}

TEST(StreaksTest, CalendarArithmeticRoundTripsAndKnowsWeekdays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2026, 3, 29), 20541);
  EXPECT_EQ(FormatDate(20541), "2026-03-29");
  EXPECT_EQ(FormatDate(DaysFromCivil(2024, 2, 29) + 1), "2024-03-01");
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(Weekday(DaysFromCivil(2026, 3, 29)), 6);  // a Sunday
  EXPECT_EQ(Weekday(DaysFromCivil(2026, 3, 30)), 0);  // a Monday
  EXPECT_EQ(Weekday(-1), 2);                          // 1969-12-31, a Wednesday
}

TEST(StreaksTest, ParsesLocalTimesWithTheirOffsets) {
  const auto local = ParseLocalIso("2026-03-29T07:05:00+02:00");
  ASSERT_TRUE(local.has_value());
  EXPECT_EQ(local->wall_seconds, 20541LL * 86400 + 7 * 3600 + 5 * 60);
  EXPECT_EQ(local->offset_seconds, 7200);
  EXPECT_EQ(ParseLocalIso("2026-11-01T23:30:00-0500")->offset_seconds, -18000);
  EXPECT_EQ(ParseLocalIso("2026-11-01T23:30:00.250Z")->offset_seconds, 0);
  EXPECT_FALSE(ParseLocalIso("2026-02-30T10:00:00+00:00").has_value());
  EXPECT_FALSE(ParseLocalIso("2026-03-29 07:05:00+02:00").has_value());
  EXPECT_FALSE(ParseLocalIso("").has_value());
}

TEST(StreaksTest, DayOffsetMovesEarlyMorningPracticeToThePreviousDay) {
  EXPECT_EQ(PracticeDay("2026-03-29T01:30:00+02:00", 0h), DaysFromCivil(2026, 3, 29));
  EXPECT_EQ(PracticeDay("2026-03-29T01:30:00+02:00", 3h), DaysFromCivil(2026, 3, 28));
  EXPECT_EQ(PracticeDay("2026-03-29T03:00:00+02:00", 3h), DaysFromCivil(2026, 3, 29));
}

TEST(StreaksTest, ConsecutiveDaysMakeACurrentStreakAndGapsEndIt) {
  const std::vector<Practice> practices = {
      Done("2026-03-01T08:00:00+01:00", 10), Done("2026-03-02T08:00:00+01:00", 10),
      Done("2026-03-03T08:00:00+01:00", 10), Done("2026-03-04T08:00:00+01:00", 10),
      Done("2026-03-07T08:00:00+01:00", 10), Done("2026-03-08T21:00:00+01:00", 10)};
  const HistoryStats stats = ComputeStats(practices, "2026-03-08T22:00:00+01:00", {});
  EXPECT_EQ(stats.current_streak, 2);
  EXPECT_EQ(stats.longest_streak, 4);
  EXPECT_EQ(stats.total_sessions, 6);
  EXPECT_EQ(stats.total_practised, 60min);
}

TEST(StreaksTest, StreakStaysAliveUntilTodayEndsWithoutPractice) {
  const std::vector<Practice> practices = {Done("2026-03-06T08:00:00+01:00", 10),
                                           Done("2026-03-07T08:00:00+01:00", 10)};
  EXPECT_EQ(ComputeStats(practices, "2026-03-08T07:00:00+01:00", {}).current_streak, 2);
  EXPECT_EQ(ComputeStats(practices, "2026-03-09T07:00:00+01:00", {}).current_streak, 0);
  EXPECT_EQ(ComputeStats(practices, "2026-03-09T07:00:00+01:00", {}).longest_streak, 2);
}

// Under the threshold (30 s by default, a setting) a practice is kept but counts nowhere: not as a
// session, not in the minutes, not for a streak, whether it was stopped or skipped through to "completed".
TEST(StreaksTest, PracticesUnderTheThresholdCountNowhereWhateverTheirState) {
  Practice aborted = Done("2026-03-08T08:00:00+01:00", 0, PracticeState::kStopped);
  aborted.actual = 600ms;  // a start abandoned in its pre-roll
  Practice skipped_through = Done("2026-03-08T08:10:00+01:00", 0);
  skipped_through.actual = 12s;
  skipped_through.planned = 10min;
  skipped_through.skipped = 10min - 12s;
  const std::vector<Practice> practices = {Done("2026-03-07T08:00:00+01:00", 10), aborted, skipped_through};
  const HistoryStats stats = ComputeStats(practices, "2026-03-08T09:00:00+01:00", {});
  EXPECT_EQ(stats.today_total.sessions, 0);
  EXPECT_EQ(stats.today_total.practised, 0s);
  EXPECT_FALSE(stats.today_total.counts);
  EXPECT_EQ(stats.total_sessions, 1);
  EXPECT_EQ(stats.total_practised, 10min);
  EXPECT_EQ(stats.current_streak, 1);  // yesterday's, still alive

  // At exactly the threshold it counts; a setting of 10 s counts the skipped-through one too.
  Practice half_minute = aborted;
  half_minute.actual = 30s;
  EXPECT_TRUE(Counts(half_minute, {}));
  EXPECT_FALSE(Counts(skipped_through, {}));
  Settings settings;
  settings.min_counted_seconds = 10;
  const StreakSettings lenient = StreakSettingsFrom(settings);
  EXPECT_TRUE(Counts(skipped_through, lenient));
  EXPECT_EQ(ComputeStats(practices, "2026-03-08T09:00:00+01:00", lenient).today_total.sessions, 1);
  EXPECT_EQ(ComputeStats(practices, "2026-03-08T09:00:00+01:00", lenient).current_streak, 2);
}

TEST(StreaksTest, DstSpringForwardKeepsTwoPracticesOnTheSameDay) {
  // Europe/Berlin, 2026-03-29: clocks go from 02:00 +01:00 to 03:00 +02:00.
  const std::vector<Practice> practices = {Done("2026-03-28T23:30:00+01:00", 5),
                                           Done("2026-03-29T01:30:00+01:00", 5),
                                           Done("2026-03-29T23:30:00+02:00", 5)};
  const HistoryStats stats = ComputeStats(practices, "2026-03-29T23:45:00+02:00", {});
  EXPECT_EQ(stats.today_total.sessions, 2);
  EXPECT_EQ(stats.today_total.practised, 10min);
  EXPECT_EQ(stats.current_streak, 2);
}

TEST(StreaksTest, DstFallBackRepeatedHourStaysOnOneDay) {
  // Europe/Berlin, 2026-10-25: 02:30 happens twice, at +02:00 and then at +01:00.
  const std::vector<Practice> practices = {Done("2026-10-25T02:30:00+02:00", 5),
                                           Done("2026-10-25T02:30:00+01:00", 5)};
  const HistoryStats stats = ComputeStats(practices, "2026-10-25T12:00:00+01:00", {});
  EXPECT_EQ(stats.today_total.sessions, 2);
  EXPECT_EQ(stats.current_streak, 1);
}

TEST(StreaksTest, FlyingEastCountsDaysByTheLocalClockNotByUtc) {
  // 23:30 in New York, then 07:00 in London: only 2.5 hours apart in UTC, but two local days.
  const std::vector<Practice> practices = {Done("2026-06-01T23:30:00-04:00", 10),
                                           Done("2026-06-02T07:00:00+01:00", 10)};
  const HistoryStats stats = ComputeStats(practices, "2026-06-02T08:00:00+01:00", {});
  EXPECT_EQ(stats.current_streak, 2);
  EXPECT_EQ(stats.today_total.sessions, 1);
}

TEST(StreaksTest, FlyingWestTwoPracticesOnOneLocalDayCountOnce) {
  // 08:00 in Tokyo, then 20:00 the same date in Los Angeles: a day apart in UTC, one local date.
  const std::vector<Practice> practices = {Done("2026-06-01T08:00:00+09:00", 10),
                                           Done("2026-06-01T20:00:00-07:00", 10)};
  const HistoryStats stats = ComputeStats(practices, "2026-06-01T21:00:00-07:00", {});
  EXPECT_EQ(stats.current_streak, 1);
  EXPECT_EQ(stats.longest_streak, 1);
  EXPECT_EQ(stats.today_total.practised, 20min);
}

TEST(StreaksTest, WeekBeginsOnMondayAndCountsUpToToday) {
  const std::vector<Practice> practices = {Done("2026-03-22T08:00:00+01:00", 7),   // Sunday before
                                           Done("2026-03-23T08:00:00+01:00", 11),  // Monday
                                           Done("2026-03-25T08:00:00+01:00", 13)};
  const HistoryStats stats = ComputeStats(practices, "2026-03-25T20:00:00+01:00", {});
  EXPECT_EQ(stats.week_sessions, 2);
  EXPECT_EQ(stats.week_practised, 24min);
}

TEST(StreaksTest, CalendarCoversTwelveWeeksEndingThisSunday) {
  const std::vector<Practice> practices = {Done("2026-03-25T08:00:00+01:00", 13)};
  const HistoryStats stats = ComputeStats(practices, "2026-03-25T20:00:00+01:00", {});
  ASSERT_EQ(stats.calendar.size(), 84u);
  EXPECT_EQ(FormatDate(stats.calendar.front().day), "2026-01-05");
  EXPECT_EQ(FormatDate(stats.calendar.back().day), "2026-03-29");
  EXPECT_EQ(Weekday(stats.calendar.front().day), 0);
  EXPECT_EQ(stats.calendar[79].practised, 13min);
  ASSERT_EQ(stats.last_days.size(), 28u);
  EXPECT_EQ(FormatDate(stats.last_days.back().day), "2026-03-25");
  EXPECT_EQ(stats.last_days.back().practised, 13min);
}

TEST(StreaksTest, FormatsMinutesAsPeopleReadThem) {
  EXPECT_EQ(FormatMinutes(59s), "0 min");
  EXPECT_EQ(FormatMinutes(45min), "45 min");
  EXPECT_EQ(FormatMinutes(120min), "2 h");
  EXPECT_EQ(FormatMinutes(125min + 30s), "2 h 5 min");
}

TEST(StreaksTest, SummaryListsTotalsStreaksAndRecentPractices) {
  std::vector<Practice> practices = {Done("2026-03-24T08:00:00+01:00", 10),
                                     Done("2026-03-25T07:05:00+01:00", 5)};
  practices[0].title = "Box breathing";
  practices[0].start_utc_us = 1;
  practices[1].title = "Quiet sitting";
  practices[1].start_utc_us = 2;
  practices[1].state = PracticeState::kInterrupted;
  practices[1].actual = 150s;
  const HistoryStats stats = ComputeStats(practices, "2026-03-25T20:00:00+01:00", {});
  EXPECT_EQ(
      FormatHistorySummary(stats, practices, 5, {}),
      "Today (2026-03-25): 1 session, 2 min\n"
      "This week: 2 sessions, 12 min\n"
      "Current streak: 2 days\n"
      "Longest streak: 2 days\n"
      "Total: 2 sessions, 12 min\n"
      "\n"
      "Last 12 weeks, from 2026-01-05 ('.' none, '-' under 10 min, '+' under 20, '*' under 40, '#' 40 or "
      "more):\n"
      "Mon  . . . . . . . . . . . .\n"
      "Tue  . . . . . . . . . . . +\n"
      "Wed  . . . . . . . . . . . -\n"
      "Thu  . . . . . . . . . . .\n"
      "Fri  . . . . . . . . . . .\n"
      "Sat  . . . . . . . . . . .\n"
      "Sun  . . . . . . . . . . .\n"
      "\n"
      "Recent practices:\n"
      "  2026-03-25 07:05  Quiet sitting  2 min 30 s of 5 min  interrupted\n"
      "  2026-03-24 08:00  Box breathing  10 min of 10 min  completed\n");
}

}  // namespace
}  // namespace attune::core
