// app/platform/cli_app.cpp: the default command, the window: `attune [FILE...] [options]`. Adds the
// window's options to the top-level command line and runs the window when no subcommand was given.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "core/names.hpp"
#include "core/navigation.hpp"
#include "core/settings.hpp"
#include "platform/app_shell.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

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
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--presenter", options->presenter,
               "A second window for the facilitator: notes, current and next step, clocks, controls");
  app.add_option("--screenshot", options->screenshot, "Render one frame to this PNG file and exit");
  app.add_option("--at", options->at,
                 "The session time in seconds to show (--screenshot) or to start from (--start)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--size", *size, "Window size, WIDTHxHEIGHT (e.g. 1280x720)");
  app.add_flag("--start", options->start, "Start playing at once");
  app.add_option("--quit-after", options->quit_after, "Quit after this many seconds")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--reduced-motion", options->reduced_motion, "The pacer fills a bar instead of growing");
  app.add_option("--theme", options->theme, "dark, light or high-contrast")
      ->check(CLI::IsMember(core::AllNames<core::Theme>()));
  app.add_option("--screen", options->screen,
                 "With --screenshot: library, start, player, end, history or quick-timer")
      ->check(CLI::IsMember(core::AllNames<core::Screen>()));
  app.add_flag("--paused", options->paused, "Pause at once (with --start, or a screenshot with --at)");
  app.add_flag("--blank", options->blank, "With --screenshot --at: show the blanked screen");
  app.callback([&app, options, size, exit_code]() {
    if (!app.get_subcommands().empty()) return;
    if (!size->empty()) {
      int w = 0, h = 0;
      char x = 0;
      if (std::sscanf(size->c_str(), "%d%c%d", &w, &x, &h) != 3 || (x != 'x' && x != 'X') || w < 160 ||
          h < 120 || w > 16384 || h > 16384) {
        throw CLI::ValidationError("--size", "must be WIDTHxHEIGHT, e.g. 1280x720 (got '" + *size + "')");
      }
      options->width = w;
      options->height = h;
    }
    options->exe_dir = ExecutableDir();
    *exit_code = RunApp(*options);
  });
}

}  // namespace attune::platform
