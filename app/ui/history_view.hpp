// app/ui/history_view.hpp: the practice history screen: today, this week, current and longest streak, total
// time, a 12-week calendar heat map and a bar chart of minutes per day (drawn with ImGui's draw lists), and
// the recent practices. A function of a HistoryView that returns what the user asked for. UI thread only,
// inside an ImGui frame.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/history.hpp"
#include "core/streaks.hpp"
#include "ui/look.hpp"

namespace attune::ui {

struct HistoryRow {
  std::int64_t id = 0;
  std::string when;  // "2026-03-25 07:05"
  std::string title;
  std::string length;  // "4 min 35 s of 5 min", "1 min of 10 min, 9 min skipped"
  // "Completed", "Stopped early", "Interrupted", "Playing"; ", not counted" when under the threshold
  std::string state;
  bool completed = false;
  bool counted = true;
  bool deletable = true;  // not while it plays
};

struct HistoryView {
  core::HistoryStats stats;
  std::vector<HistoryRow> recent;   // newest first
  std::string notice;               // shown at the top, e.g. the file was damaged and moved aside
  bool available = true;            // false: no history could be opened (`notice` says why)
  std::int64_t confirm_delete = 0;  // the row whose deletion waits for a yes (0: none)
};

struct HistoryActions {
  bool back = false;
  bool dismiss_notice = false;
  bool export_csv = false;      // "Export CSV..."
  std::int64_t delete_row = 0;  // a row's "Delete": ask first
  bool confirm_delete = false;  // "Delete" in the question
  bool cancel_delete = false;   // "Keep" (or Esc) in the question
};

// Builds the view from every practice (any order) and the local time now (core::FormatLocalIso).
HistoryView MakeHistoryView(const std::vector<core::Practice>& practices, const std::string& now_local,
                            const core::StreakSettings& settings, int recent_count = 30);

// "Completed", "Stopped early", "Interrupted", "Playing".
const char* StateLabel(core::PracticeState state);

HistoryActions DrawHistory(const HistoryView& view, const Look& look);

}  // namespace attune::ui
