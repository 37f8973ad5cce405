// app/platform/cli_history.cpp: `attune history`, a summary of the practice history (today, this week,
// streaks, totals, recent practices), and `attune history --csv`, every practice as CSV on standard output.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/history.hpp"
#include "core/paths.hpp"
#include "core/settings.hpp"
#include "core/streaks.hpp"
#include "core/terminal_text.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

std::int64_t NowUtcMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int RunHistory(const HistoryArgs& args, std::ostream& out, std::ostream& err) {
  const std::string path = args.database.empty() ? core::DefaultHistoryPath() : args.database;
  std::vector<core::Practice> practices;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    // Read-only: no migration, no journal, nothing created or marked, so it works on a read-only file or
    // folder and never changes what it shows.
    core::HistoryOpenResult opened = core::History::OpenReadOnly(path);
    if (!opened.notice.empty()) err << "attune history: " << core::EscapeForTerminal(opened.notice) << '\n';
    if (!opened.history) {
      err << "attune history: " << core::EscapeForTerminal(opened.error) << '\n';
      return kExitInvalid;
    }
    practices = opened.history->All();
  }
  std::string text;
  if (args.csv) {
    text = core::FormatHistoryCsv(practices);
  } else {
    // The counting threshold is the user's setting; the file is only read here, never repaired or moved.
    core::StreakSettings settings;
    std::ifstream settings_file(core::SettingsPath());
    if (settings_file) {
      std::ostringstream text_in;
      text_in << settings_file.rdbuf();
      const core::SettingsParse parsed = core::ParseSettings(text_in.str());
      if (parsed.settings) settings = core::StreakSettingsFrom(*parsed.settings);
    }
    settings.day_offset = std::chrono::hours(args.day_starts_hour);
    const std::int64_t now = args.now_utc_micros != 0 ? args.now_utc_micros : NowUtcMicros();
    const core::HistoryStats stats = core::ComputeStats(practices, core::FormatLocalIso(now), settings);
    text = core::FormatHistorySummary(stats, practices, args.recent, settings);
  }
  // Titles, files and names come from scripts and the database: escaped for the terminal, line breaks
  // (and the CSV's CRLF row ends) kept. In the CSV an escape is also safer for the spreadsheet.
  out << core::EscapeForTerminal(text, {.keep_newlines = true});
  // A write that failed (a full disk, a closed pipe) is an error, not a silent success.
  return out.flush() ? kExitOk : kExitInvalid;
}

void AddHistoryCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<HistoryArgs>();
  CLI::App* command = app.add_subcommand(
      "history", "Show your practice history: today, this week, streaks, minutes and recent practices");
  command->add_flag("--csv", args->csv, "Write every practice as CSV (for spreadsheets) to standard output");
  command
      ->add_option("--day-starts", args->day_starts_hour,
                   "The hour after midnight at which a practice day begins (0-23, default 0)")
      ->check(CLI::Range(0, 23));
  command->add_option("--recent", args->recent, "How many recent practices the summary lists (default 10)")
      ->check(CLI::Range(0, 1000));
  command->callback([args, exit_code] { *exit_code = RunHistory(*args, std::cout, std::cerr); });
}

}  // namespace attune::platform
