// app/core/history_export.cpp: a practice's start record (script hash, local time) and the history as CSV
// (text, and a new file that never replaces one).
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>

#include "core/history.hpp"
#include "core/streaks.hpp"

namespace attune::core {
namespace {

void AppendCsvField(std::string* out, const std::string& field) {
  std::string value = field;
  // A text starting with one of these would run as a formula in a spreadsheet: keep it text.
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    *out += value;
    return;
  }
  *out += '"';
  for (const char c : value) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

std::string FormatSecondsMillis(Micros t) {
  const std::int64_t ms = (t.count() + 500) / 1000;
  return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

std::string FormatUtcIso(std::int64_t utc_us) {
  const std::int64_t seconds = utc_us >= 0 ? utc_us / 1'000'000 : -((-utc_us + 999'999) / 1'000'000);
  const std::int64_t day = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const std::int64_t in_day = seconds - day * 86400;
  const CivilDate date = CivilFromDays(day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day, in_day / 3600,
                     in_day / 60 % 60, in_day % 60);
}

}  // namespace

std::string ScriptHash(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

std::string FormatLocalIso(std::int64_t utc_us) {
  const std::time_t seconds =
      static_cast<std::time_t>(utc_us >= 0 ? utc_us / 1'000'000 : -((-utc_us + 999'999) / 1'000'000));
  std::tm local{};
  localtime_r(&seconds, &local);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
  const long offset = local.tm_gmtoff;
  const long magnitude = offset < 0 ? -offset : offset;
  return fmt::format("{}{}{:02}:{:02}", date, offset < 0 ? '-' : '+', magnitude / 3600, magnitude / 60 % 60);
}

PracticeStart MakePracticeStart(const Timeline& timeline, const std::string& script_text,
                                std::int64_t start_utc_us) {
  PracticeStart start;
  start.title = timeline.title;
  start.file = timeline.file;
  start.script_hash = ScriptHash(script_text);
  start.people = timeline.people;
  if (timeline.people == 2) {
    start.name_a = timeline.a.name;
    start.name_b = timeline.b.name;
  }
  start.start_utc_us = start_utc_us;
  start.start_local = FormatLocalIso(start_utc_us);
  start.planned = timeline.duration;
  return start;
}

std::string FormatHistoryCsv(const std::vector<Practice>& practices) {
  std::string out =
      "id,title,file,script_hash,people,name_a,name_b,start_local,start_utc,planned_s,actual_s,reached_step,"
      "reached_s,state,skipped_s\r\n";
  for (const Practice& p : practices) {
    out += std::to_string(p.id) + ",";
    AppendCsvField(&out, p.title);
    out += ",";
    AppendCsvField(&out, p.file);
    out += "," + p.script_hash + "," + std::to_string(p.people) + ",";
    AppendCsvField(&out, p.name_a);
    out += ",";
    AppendCsvField(&out, p.name_b);
    out += ",";
    AppendCsvField(&out, p.start_local);
    out += "," + FormatUtcIso(p.start_utc_us) + "," + FormatSecondsMillis(p.planned) + "," +
           FormatSecondsMillis(p.actual) + "," + std::to_string(p.reached_step) + "," +
           FormatSecondsMillis(p.reached) + "," + ToString(p.state) + "," + FormatSecondsMillis(p.skipped) +
           "\r\n";
  }
  return out;
}

std::string ExportHistoryCsv(const std::vector<Practice>& practices, const std::string& folder,
                             const std::string& date, std::string* error) {
  const std::string text = FormatHistoryCsv(practices);
  for (int n = 1; n < 1000; ++n) {
    const std::string path =
        folder + "/attune-history-" + date + (n == 1 ? "" : "-" + std::to_string(n)) + ".csv";
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0) {
      *error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
      return "";
    }
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t wrote = write(fd, text.data() + done, text.size() - done);
      if (wrote < 0 && errno == EINTR) continue;
      if (wrote <= 0) break;
      done += static_cast<std::size_t>(wrote);
    }
    const int saved_errno = errno;
    const bool closed = close(fd) == 0;
    if (done != text.size() || !closed) {
      unlink(path.c_str());  // our own new, partial file
      *error =
          fmt::format("cannot write {}: {}", path, std::strerror(done != text.size() ? saved_errno : errno));
      return "";
    }
    return path;
  }
  *error = "cannot find a free file name for the export in " + folder;
  return "";
}

}  // namespace attune::core
