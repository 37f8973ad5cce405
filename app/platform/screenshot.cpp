// app/platform/screenshot.cpp: the startup plan read from the command line, and the screenshot itself
// (frames drawn without presenting, pixels read back from GL, a PNG written with stb_image_write).
#include "platform/screenshot.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/names.hpp"
#include "core/terminal_text.hpp"
#include "platform/app_window.hpp"

namespace attune::platform {

StartupPlan PlanStartup(const AppOptions& options) {
  StartupPlan plan;
  const bool screenshot = !options.screenshot.empty();
  plan.play = options.start && !screenshot;
  if (plan.play && options.at > 0.0) plan.seek = core::FromSeconds(options.at);
  plan.pause = options.paused && !screenshot;
  plan.shot_player =
      screenshot && (options.at >= 0.0 || options.screen == "player" || options.screen == "end");
  if (plan.shot_player) {
    plan.shot_at = core::FromSeconds(std::max(0.0, options.at));
    plan.shot_paused = options.paused;
    plan.shot_blank = options.blank;
  }
  // --screen start and player are where the agenda's start already leads; the others are set here.
  const std::optional<core::Screen> named = core::FromName<core::Screen>(options.screen);
  if (named == core::Screen::kLibrary || named == core::Screen::kHistory ||
      named == core::Screen::kQuickTimer || named == core::Screen::kEnd) {
    plan.screen = *named;
  }
  return plan;
}

int TakeScreenshot(const AppWindow& window, const std::string& path, const std::function<void()>& draw) {
  for (int i = 0; i < kScreenshotFrames; ++i) draw();
  int width = 0, height = 0;
  const std::vector<unsigned char> pixels = window.ReadPixels(&width, &height);
  if (WritePng(path, pixels, width, height)) return 0;
  std::fprintf(stderr, "attune: cannot write %s\n", core::EscapeForTerminal(path).c_str());
  return 1;
}

}  // namespace attune::platform
