// app/ui/quick_timer_view.hpp: the quick timer screen, reached from the library: choose a pattern (box,
// 4-7-8, coherent, sigh, or your own four numbers), the minutes, one or two people and a mode, then Start, or
// "Save as session" into the user's sessions folder. A function of a QuickTimerView that returns what the
// user asked for; the caller keeps the spec. UI thread only, inside an ImGui frame.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/quick_timer.hpp"
#include "ui/look.hpp"

namespace attune::ui {

struct QuickTimerView {
  core::QuickTimerSpec spec;
  std::string title;                  // core::QuickTimerTitle(spec)
  std::string length;                 // the compiled script's length, "5 min 5 s"; empty when it has problems
  std::vector<std::string> problems;  // core::QuickTimerProblems(spec) and any loader diagnostic
  std::string saved_to;    // after a save: the file written (shown with "it is now in your library")
  std::string save_error;  // after a failed save
};

struct QuickTimerActions {
  std::optional<core::QuickTimerSpec> spec;  // the user changed something
  bool start = false;                        // play it now (only offered when it has no problems)
  bool save = false;                         // "Save as session"
  bool back = false;
};

// Builds the view: the title, the problems and, when there are none, the exact length of the script the spec
// makes (loaded and compiled as any script is).
QuickTimerView MakeQuickTimerView(const core::QuickTimerSpec& spec);

QuickTimerActions DrawQuickTimer(const QuickTimerView& view, const Look& look);

}  // namespace attune::ui
