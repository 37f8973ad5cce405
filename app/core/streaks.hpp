// app/core/streaks.hpp: totals, streaks and calendars over the practice history. Pure functions of the
// practices and of "now"; they never read the clock or the process's time zone.
//
// Days. Each practice belongs to the practice day of the local wall time it started at (its `start_local`,
// recorded with the UTC offset in force then), shifted back by the day offset from the settings: with an
// offset of 3 h, a practice at 01:30 counts for the day before. So a flight across time zones or a DST change
// never moves a practice to another day: the day is what the person's own clock said. A practice that runs
// past the boundary counts wholly for the day it began.
// A practice "counts" when at least `min_practice` of it was practised (default 30 s, the setting
// min_counted_seconds): a start abandoned after a few seconds, or a session skipped through, is kept in the
// history but not counted in any total, and does not make a streak day. A day counts for a streak when a
// practice on it counts. Weeks begin on Monday.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/history.hpp"
#include "core/settings.hpp"
#include "core/time.hpp"

namespace attune::core {

// A day as a number: days since 1970-01-01 (negative before). Pure calendar arithmetic (proleptic Gregorian).
using DayNumber = std::int64_t;
DayNumber DaysFromCivil(int year, int month, int day);
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};
CivilDate CivilFromDays(DayNumber day);
int Weekday(DayNumber day);             // 0 = Monday .. 6 = Sunday
std::string FormatDate(DayNumber day);  // "2026-03-29"

// A local wall time as recorded: "2026-03-29T07:05:00+02:00" (also accepts "Z", a fraction of a second, and
// no offset at all, which reads as +00:00).
struct LocalTime {
  std::int64_t wall_seconds = 0;  // the wall clock reading as seconds since 1970-01-01T00:00:00 (no zone)
  int offset_seconds = 0;         // its offset from UTC (east positive)
};
std::optional<LocalTime> ParseLocalIso(const std::string& text);

struct StreakSettings {
  Micros day_offset{0};             // the practice day begins at local midnight + this (0..23 h)
  Micros min_practice{30'000'000};  // a practice with less practised time than this does not count
};
// The counting rule of `settings` (min_counted_seconds).
StreakSettings StreakSettingsFrom(const Settings& settings);
// Whether `practice` counts in the totals and streaks: its practised time reaches settings.min_practice.
bool Counts(const Practice& practice, const StreakSettings& settings);

// The practice day of a local time (nullopt if `start_local` does not parse).
std::optional<DayNumber> PracticeDay(const std::string& start_local, Micros day_offset);

struct DayTotal {
  DayNumber day = 0;
  Micros practised{0};  // sum of the practices' actual time that day
  int sessions = 0;     // practices that day that count (every state)
  bool counts = false;  // the day counts for a streak
};

inline constexpr int kCalendarWeeks = 12;
inline constexpr int kBarChartDays = 28;

struct HistoryStats {
  DayNumber today = 0;
  DayTotal today_total;
  Micros week_practised{0};  // this week, Monday to today
  int week_sessions = 0;
  int current_streak = 0;  // counting days ending today, or yesterday while today has no practice yet
  int longest_streak = 0;
  Micros total_practised{0};
  int total_sessions = 0;
  // 12 weeks by 7 days, Monday first, oldest first: from the Monday 11 weeks before this week's up to this
  // week's Sunday (days after today have zero totals).
  std::vector<DayTotal> calendar;
  std::vector<DayTotal> last_days;  // the 28 days ending today, oldest first
};

// Everything the history view and `attune history` show, over the practices that count (Counts). `now_local`
// is the local time now, as FormatLocalIso gives it. Practices whose start_local does not parse are left out
// of the day-based figures but still counted in the totals.
HistoryStats ComputeStats(const std::vector<Practice>& practices, const std::string& now_local,
                          const StreakSettings& settings);

// The heat-map level of a day: 0 no practice, 1 under 10 min, 2 under 20, 3 under 40, 4 from 40 min.
int HeatLevel(const DayTotal& day);

// The 12-week calendar as text, one line per weekday (Monday first), one column per week (oldest first):
// '.' no practice, '-' under 10 min, '+' under 20, '*' under 40, '#' 40 min or more; days after today blank.
//   "Mon  . . - ..."
std::string FormatCalendarText(const HistoryStats& stats);

// Whole minutes, rounded down, as the view shows them: "0 min", "45 min", "2 h 5 min".
std::string FormatMinutes(Micros t);

// `attune history` without options: the summary a person reads (totals, streaks, the calendar as text),
// ending with up to `recent_count` recent practices, newest first (with the time skipped, and "(not counted)"
// on those under `settings`' threshold).
std::string FormatHistorySummary(const HistoryStats& stats, const std::vector<Practice>& practices,
                                 int recent_count, const StreakSettings& settings);

}  // namespace attune::core
