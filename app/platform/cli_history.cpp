// app/platform/cli_history.cpp: `attune history`, a summary of the practice history (today, this week,
// streaks, totals, recent practices), and `attune history --csv`, every practice as CSV on standard output.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/history.hpp"
#include "core/streaks.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

struct HistoryOptions {
  bool csv = false;
  int day_starts_hour = 0;
  int recent = 10;
};

std::int64_t NowUtcMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int RunHistory(const HistoryOptions& options) {
  const std::string path = core::DefaultHistoryPath();
  std::vector<core::Practice> practices;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    core::HistoryOpenResult opened = core::History::Open(path);
    if (!opened.notice.empty()) std::fprintf(stderr, "attune history: %s\n", opened.notice.c_str());
    if (!opened.history) {
      std::fprintf(stderr, "attune history: %s\n", opened.error.c_str());
      return kExitInvalid;
    }
    practices = opened.history->All();
  }
  std::string out;
  if (options.csv) {
    out = core::FormatHistoryCsv(practices);
  } else {
    core::StreakSettings settings;
    settings.day_offset = std::chrono::hours(options.day_starts_hour);
    const core::HistoryStats stats =
        core::ComputeStats(practices, core::FormatLocalIso(NowUtcMicros()), settings);
    out = core::FormatHistorySummary(stats, practices, options.recent);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : kExitInvalid;
}

void SetupHistory(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<HistoryOptions>();
  CLI::App* command = app.add_subcommand(
      "history", "Show your practice history: today, this week, streaks, minutes and recent practices");
  command->add_flag("--csv", options->csv,
                    "Write every practice as CSV (for spreadsheets) to standard output");
  command
      ->add_option("--day-starts", options->day_starts_hour,
                   "The hour after midnight at which a practice day begins (0-23, default 0)")
      ->check(CLI::Range(0, 23));
  command->add_option("--recent", options->recent, "How many recent practices the summary lists (default 10)")
      ->check(CLI::Range(0, 1000));
  command->callback([options, exit_code] { *exit_code = RunHistory(*options); });
}

const CommandRegistration kHistoryCommand{"history", SetupHistory};

}  // namespace
}  // namespace attune::platform
