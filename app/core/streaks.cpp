// app/core/streaks.cpp: calendar arithmetic, practice days, streaks and the `attune history` summary.
#include "core/streaks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

namespace attune::core {
namespace {

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Reads exactly `count` digits at `*pos`.
bool ReadDigits(const std::string& text, std::size_t* pos, int count, int* out) {
  int value = 0;
  for (int i = 0; i < count; ++i) {
    if (*pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[*pos]))) return false;
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
  }
  *out = value;
  return true;
}

bool Expect(const std::string& text, std::size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

std::string Plural(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

DayNumber DaysFromCivil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = FloorDiv(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(DayNumber day) {
  const std::int64_t z = day + 719468;
  const std::int64_t era = FloorDiv(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(DayNumber day) { return static_cast<int>(day + 3 - FloorDiv(day + 3, 7) * 7); }

std::string FormatDate(DayNumber day) {
  const CivilDate date = CivilFromDays(day);
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::optional<LocalTime> ParseLocalIso(const std::string& text) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, &pos, 4, &year) || !Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &month) ||
      !Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &day) || !Expect(text, &pos, 'T') ||
      !ReadDigits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') || !ReadDigits(text, &pos, 2, &minute) ||
      !Expect(text, &pos, ':') || !ReadDigits(text, &pos, 2, &second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  if (CivilFromDays(DaysFromCivil(year, month, day)).day != day) return std::nullopt;  // 2026-02-30
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t digits_start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == digits_start) return std::nullopt;
  }
  LocalTime local;
  local.wall_seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  if (pos == text.size()) return local;
  if (text[pos] == 'Z' && pos + 1 == text.size()) return local;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const int sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  int off_hours = 0, off_minutes = 0;
  if (!ReadDigits(text, &pos, 2, &off_hours)) return std::nullopt;
  if (pos < text.size() && text[pos] == ':') ++pos;
  if (!ReadDigits(text, &pos, 2, &off_minutes) || pos != text.size()) return std::nullopt;
  if (off_hours > 18 || off_minutes > 59) return std::nullopt;
  local.offset_seconds = sign * (off_hours * 3600 + off_minutes * 60);
  return local;
}

std::optional<DayNumber> PracticeDay(const std::string& start_local, Micros day_offset) {
  const std::optional<LocalTime> local = ParseLocalIso(start_local);
  if (!local) return std::nullopt;
  const std::int64_t offset_seconds = day_offset.count() / 1'000'000;
  return FloorDiv(local->wall_seconds - offset_seconds, 86400);
}

StreakSettings StreakSettingsFrom(const Settings& settings) {
  StreakSettings streak;
  streak.min_practice = std::chrono::seconds(settings.min_counted_seconds);
  return streak;
}

bool Counts(const Practice& practice, const StreakSettings& settings) {
  return practice.actual >= settings.min_practice;
}

HistoryStats ComputeStats(const std::vector<Practice>& practices, const std::string& now_local,
                          const StreakSettings& settings) {
  HistoryStats stats;
  std::map<DayNumber, DayTotal> days;
  for (const Practice& p : practices) {
    if (!Counts(p, settings)) continue;
    stats.total_practised += p.actual;
    ++stats.total_sessions;
    const std::optional<DayNumber> day = PracticeDay(p.start_local, settings.day_offset);
    if (!day) continue;
    DayTotal& total = days[*day];
    total.day = *day;
    total.practised += p.actual;
    ++total.sessions;
    total.counts = true;
  }
  const auto day_total = [&days](DayNumber day) {
    const auto it = days.find(day);
    if (it != days.end()) return it->second;
    DayTotal empty;
    empty.day = day;
    return empty;
  };
  const auto counts = [&days](DayNumber day) {
    const auto it = days.find(day);
    return it != days.end() && it->second.counts;
  };

  const std::optional<DayNumber> today = PracticeDay(now_local, settings.day_offset);
  stats.today = today.value_or(days.empty() ? 0 : days.rbegin()->first);
  stats.today_total = day_total(stats.today);

  const DayNumber monday = stats.today - Weekday(stats.today);
  for (DayNumber d = monday; d <= stats.today; ++d) {
    const DayTotal total = day_total(d);
    stats.week_practised += total.practised;
    stats.week_sessions += total.sessions;
  }

  DayNumber streak_day = counts(stats.today) ? stats.today : stats.today - 1;
  while (counts(streak_day)) {
    ++stats.current_streak;
    --streak_day;
  }
  int run = 0;
  DayNumber previous = 0;
  for (const auto& [day, total] : days) {
    if (!total.counts) continue;
    run = (run > 0 && day == previous + 1) ? run + 1 : 1;
    previous = day;
    stats.longest_streak = std::max(stats.longest_streak, run);
  }

  const DayNumber first = monday - 7 * (kCalendarWeeks - 1);
  for (DayNumber d = first; d < first + 7 * kCalendarWeeks; ++d) {
    stats.calendar.push_back(d <= stats.today ? day_total(d) : DayTotal{d, Micros{0}, 0, false});
  }
  for (DayNumber d = stats.today - (kBarChartDays - 1); d <= stats.today; ++d)
    stats.last_days.push_back(day_total(d));
  return stats;
}

int HeatLevel(const DayTotal& day) {
  if (day.sessions == 0 && day.practised.count() == 0) return 0;
  const std::int64_t minutes = day.practised.count() / 60'000'000;
  if (minutes < 10) return 1;
  if (minutes < 20) return 2;
  if (minutes < 40) return 3;
  return 4;
}

std::string FormatCalendarText(const HistoryStats& stats) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr char kLevels[] = {'.', '-', '+', '*', '#'};
  std::string out;
  for (std::size_t row = 0; row < 7; ++row) {
    std::string line = kDays[row];
    line += " ";
    for (std::size_t i = row; i < stats.calendar.size(); i += 7) {
      const DayTotal& day = stats.calendar[i];
      line += ' ';
      line += day.day > stats.today ? ' ' : kLevels[HeatLevel(day)];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string FormatMinutes(Micros t) {
  const std::int64_t minutes = t.count() < 0 ? 0 : t.count() / 60'000'000;
  if (minutes < 60) return fmt::format("{} min", minutes);
  if (minutes % 60 == 0) return fmt::format("{} h", minutes / 60);
  return fmt::format("{} h {} min", minutes / 60, minutes % 60);
}

std::string FormatHistorySummary(const HistoryStats& stats, const std::vector<Practice>& practices,
                                 int recent_count, const StreakSettings& settings) {
  std::string out;
  out += fmt::format("Today ({}): {}, {}\n", FormatDate(stats.today),
                     Plural(stats.today_total.sessions, "session", "sessions"),
                     FormatMinutes(stats.today_total.practised));
  out += fmt::format("This week: {}, {}\n", Plural(stats.week_sessions, "session", "sessions"),
                     FormatMinutes(stats.week_practised));
  out += fmt::format("Current streak: {}\n", Plural(stats.current_streak, "day", "days"));
  out += fmt::format("Longest streak: {}\n", Plural(stats.longest_streak, "day", "days"));
  out += fmt::format("Total: {}, {}\n", Plural(stats.total_sessions, "session", "sessions"),
                     FormatMinutes(stats.total_practised));
  if (!stats.calendar.empty()) {
    out += fmt::format(
        "\nLast 12 weeks, from {} ('.' none, '-' under 10 min, '+' under 20, '*' under 40, '#' 40 or "
        "more):\n",
        FormatDate(stats.calendar.front().day));
    out += FormatCalendarText(stats);
  }
  if (practices.empty() || recent_count <= 0) {
    if (practices.empty()) out += "\nNo practices yet.\n";
    return out;
  }
  out += "\nRecent practices:\n";
  std::vector<const Practice*> order;
  for (const Practice& p : practices) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(), [](const Practice* x, const Practice* y) {
    return x->start_utc_us != y->start_utc_us ? x->start_utc_us > y->start_utc_us : x->id > y->id;
  });
  const std::size_t shown = std::min(order.size(), static_cast<std::size_t>(recent_count));
  for (std::size_t i = 0; i < shown; ++i) {
    const Practice& p = *order[i];
    std::string when = p.start_local.substr(0, 16);
    if (when.size() == 16) when[10] = ' ';
    const std::string skipped =
        p.skipped >= std::chrono::seconds(1) ? ", " + FormatLength(p.skipped) + " skipped" : std::string();
    out += fmt::format("  {}  {}  {} of {}{}  {}{}\n", when, p.title, FormatLength(p.actual),
                       FormatLength(p.planned), skipped, ToString(p.state),
                       Counts(p, settings) ? "" : " (not counted)");
  }
  return out;
}

}  // namespace attune::core
