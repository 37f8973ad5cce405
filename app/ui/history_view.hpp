// app/ui/history_view.hpp: the practice history screen: today, this week, current and longest streak, total
// time, a 12-week calendar heat map and a bar chart of minutes per day (drawn with ImGui's draw lists), and
// the recent practices. A function of a HistoryView that returns what the user asked for. UI thread only,
// inside an ImGui frame.
#pragma once

#include <string>
#include <vector>

#include "core/history.hpp"
#include "core/streaks.hpp"
#include "ui/look.hpp"

namespace attune::ui {

struct HistoryRow {
  std::string when;  // "2026-03-25 07:05"
  std::string title;
  std::string length;  // "4 min 35 s of 5 min"
  std::string state;   // "Completed", "Stopped early", "Interrupted", "Playing"
  bool completed = false;
};

struct HistoryView {
  core::HistoryStats stats;
  std::vector<HistoryRow> recent;  // newest first
  std::string notice;              // shown at the top, e.g. the file was damaged and moved aside
  bool available = true;           // false: no history could be opened (`notice` says why)
};

struct HistoryActions {
  bool back = false;
  bool dismiss_notice = false;
};

// Builds the view from every practice (any order) and the local time now (core::FormatLocalIso).
HistoryView MakeHistoryView(const std::vector<core::Practice>& practices, const std::string& now_local,
                            const core::StreakSettings& settings, int recent_count = 30);

// "Completed", "Stopped early", "Interrupted", "Playing".
const char* StateLabel(core::PracticeState state);

HistoryActions DrawHistory(const HistoryView& view, const Look& look);

}  // namespace attune::ui
