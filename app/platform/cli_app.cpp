// app/platform/cli_app.cpp: the default command, the window: `attune [FILE...] [options]`. Adds the
// window's options to the top-level command line and runs the window when no subcommand was given.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "core/names.hpp"
#include "core/navigation.hpp"
#include "core/settings.hpp"
#include "core/terminal_text.hpp"
#include "platform/app_shell.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

// Session times are at most kMaxSessionLength (4 hours); a quit timer past a day is a typo; SDL numbers
// displays from 0 and no machine has 64.
constexpr double kMaxAtSeconds = 4 * 3600;
constexpr double kMaxQuitAfterSeconds = 24 * 3600;
constexpr double kMaxDisplay = 63;

// "1280x720" (or "1280X720"): digits only, each side in range. sscanf("%d") would take "+1280", " 1280"
// and "1280x720junk", and its overflow is undefined.
std::optional<std::pair<int, int>> ParseWindowSize(const std::string& text) {
  const std::size_t x = text.find_first_of("xX");
  if (x == std::string::npos) return std::nullopt;
  const auto side = [](const std::string& digits, int min, int max) -> std::optional<int> {
    if (digits.empty() || digits.size() > 5) return std::nullopt;
    int value = 0;
    for (const char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    if (value < min || value > max) return std::nullopt;
    return value;
  };
  const std::optional<int> w = side(text.substr(0, x), core::kMinWindowWidth, core::kMaxWindowSide);
  const std::optional<int> h = side(text.substr(x + 1), core::kMinWindowHeight, core::kMaxWindowSide);
  if (!w || !h) return std::nullopt;
  return std::make_pair(*w, *h);
}

std::string ExecutableDir() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string() : exe.parent_path().string();
}

}  // namespace

void AddWindowCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<AppOptions>();
  auto size = std::make_shared<std::string>();
  app.add_option("files", options->files,
                 "Session scripts to play, in order (an agenda); default: the library")
      ->check(CLI::ExistingFile);
  app.add_flag("--fullscreen", options->fullscreen, "Open fullscreen");
  app.add_option("--display", options->display, "The monitor to open on (0 = the first)")
      ->check(FiniteNumber(0, kMaxDisplay, ""));
  app.add_flag("--presenter", options->presenter,
               "A second window for the facilitator: notes, current and next step, clocks, controls");
  app.add_option("--screenshot", options->screenshot, "Render one frame to this PNG file and exit");
  app.add_option("--at", options->at,
                 "The session time in seconds to show (--screenshot) or to start from (--start)")
      ->check(FiniteNumber(0, kMaxAtSeconds, "seconds"));
  app.add_option("--size", *size, "Window size, WIDTHxHEIGHT (e.g. 1280x720)");
  app.add_flag("--start", options->start, "Start playing at once");
  app.add_option("--quit-after", options->quit_after, "Quit after this many seconds")
      ->check(FiniteNumber(0, kMaxQuitAfterSeconds, "seconds"));
  app.add_flag("--reduced-motion", options->reduced_motion, "The pacer fills a bar instead of growing");
  app.add_option("--theme", options->theme, "dark, light or high-contrast")
      ->check(CLI::IsMember(core::AllNames<core::Theme>()));
  app.add_option("--screen", options->screen,
                 "With --screenshot: library, start, player, end, history or quick-timer")
      ->check(CLI::IsMember(core::AllNames<core::Screen>()));
  app.add_flag("--paused", options->paused, "Pause at once (with --start, or a screenshot with --at)");
  app.add_flag("--blank", options->blank, "With --screenshot --at: show the blanked screen");
  app.add_option("--status-file", options->status_file,
                 "Keep the session's state (step, phase, seconds left, caption) in this file as JSON, and "
                 "as one line of text in PATH.txt, each replaced atomically at every change");
  app.callback([&app, options, size, exit_code]() {
    if (!app.get_subcommands().empty()) return;
    if (!size->empty()) {
      const std::optional<std::pair<int, int>> wh = ParseWindowSize(*size);
      if (!wh) {
        throw CLI::ValidationError("--size",
                                   "must be WIDTHxHEIGHT, 160x120 to 16384x16384, e.g. 1280x720 (got '" +
                                       core::EscapeForTerminal(*size) + "')");
      }
      options->width = wh->first;
      options->height = wh->second;
    }
    options->exe_dir = ExecutableDir();
    *exit_code = RunApp(*options);
  });
}

}  // namespace attune::platform
