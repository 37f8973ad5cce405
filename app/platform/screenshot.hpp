// app/platform/screenshot.hpp: what the app does before its first frame, from the command line (--start,
// --at, --paused, --blank, --screen), and the screenshot mode (--screenshot: a few frames drawn, the
// main window's pixels read back and written as a PNG, then exit).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/navigation.hpp"
#include "core/time.hpp"
#include "platform/app_shell.hpp"

namespace attune::platform {

class AppWindow;

// The startup steps, applied in this order to the agenda's first item (when there is an agenda):
// open it (and play it when `play`), seek and pause the player that started, or, for a screenshot of the
// player, play it from `shot_at` (paused, blank as asked). Then `screen`, whatever the agenda.
struct StartupPlan {
  bool play = false;         // --start (not with --screenshot): the first item plays at once
  core::Micros seek{-1};     // --start --at S (S > 0): from session time S; negative: from the start
  bool pause = false;        // --paused (not with --screenshot): the player that started pauses at once
  bool shot_player = false;  // --screenshot of the player (--at, or --screen player / end)
  core::Micros shot_at{0};   // ... at this session time (--at, at least 0)
  bool shot_paused = false;  // ... paused
  bool shot_blank = false;   // ... blanked
  // --screen library / history / quick-timer / end: the screen shown first (end: the session that plays
  // is finished, as played to its end). start and player: none (they follow from the rest).
  std::optional<core::Screen> screen;
};

// Pure: the plan of `options`.
StartupPlan PlanStartup(const AppOptions& options);

// How many frames a screenshot draws before reading the pixels (ImGui lays out windows over a few frames).
inline constexpr int kScreenshotFrames = 3;

// Draws kScreenshotFrames frames with `draw` (which renders into `window` without presenting), reads the
// window's pixels and writes them to `path` as a PNG. Returns the exit code: 0, or 1 with a message on
// stderr when the PNG cannot be written.
int TakeScreenshot(const AppWindow& window, const std::string& path, const std::function<void()>& draw);

}  // namespace attune::platform
