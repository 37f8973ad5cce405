// app/platform/app_shell.hpp: the window's program. RunApp owns SDL from init to quit (app_shell.cpp);
// what the app does is AppController's, keys are key_map's, frame decisions frame_pacer's.
#pragma once

#include <string>
#include <vector>

namespace attune::platform {

struct AppOptions {
  std::vector<std::string> files;  // sessions to play in order (an agenda); empty = the default session
  bool fullscreen = false;
  int display = -1;        // -1 = as last time
  bool presenter = false;  // a second window for the facilitator
  std::string screenshot;  // render one frame to this PNG and exit
  double at = -1.0;        // session time (s) for the screenshot; < 0 = the first screen as is
  int width = 0;           // window size; 0 = as last time
  int height = 0;
  bool start = false;        // start playing at once
  double quit_after = -1.0;  // quit after this many seconds
  bool reduced_motion = false;
  std::string theme;    // "dark", "light", "high-contrast"; empty = the settings'
  std::string screen;   // for screenshots: library, start, player, end, history, quick-timer
  bool paused = false;  // pause at once (with `start`, or a screenshot with `at`)
  bool blank = false;
  std::string exe_dir;      // the executable's folder (to find installed sessions)
  std::string status_file;  // --status-file: the session's state as JSON here (and a line at PATH.txt)
};

// Runs the window until the user quits. Returns the process exit code (0, or 1 when no window could be
// created, with SDL's reason on stderr).
int RunApp(const AppOptions& options);

}  // namespace attune::platform
