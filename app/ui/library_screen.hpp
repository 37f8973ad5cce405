// app/ui/library_screen.hpp: the library (every session with title, length, people, tags and summary;
// broken scripts with their diagnostics), its filters, and the settings panel. A function of a
// LibraryView that returns what the user asked for. UI thread only, inside an ImGui frame.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/library.hpp"
#include "core/settings.hpp"
#include "ui/look.hpp"

namespace attune::ui {

struct LibraryRow {
  std::string title;
  std::string length;  // "4 min 35 s"; empty for a broken script
  int people = 1;
  std::string tags;  // "two people · beginner"
  std::string summary;
  std::string source;  // "Built-in", "Yours", "Opened"
  std::string path;
  bool ok = true;
  std::vector<std::string> diagnostics;  // formatted "file:line:col: error: ..."
};

struct LibraryView {
  std::vector<LibraryRow> rows;  // already filtered
  int total = 0;                 // entries before filtering
  core::LibraryFilter filter;
  std::string user_folder;   // where to put one's own scripts
  std::string notice;        // e.g. the settings file was corrupt
  core::Settings settings;   // for the settings panel
  std::string audio_status;  // "" while a device plays, else e.g. "No audio device: playing silently"
  bool show_settings = false;
  bool history_available = false;
  int selected = -1;                // the row the keyboard points at (Up/Down, Enter opens); -1: none
  bool scroll_to_selected = false;  // bring it into view this frame
};

struct LibraryActions {
  int open = -1;                           // row index to open (before starting)
  std::optional<std::string> filter_text;  // the search text changed
  std::optional<int> filter_people;
  std::optional<core::LengthFilter> filter_length;
  bool toggle_settings = false;
  bool clear_filters = false;  // "Clear filters", offered when no session matches
  bool show_history = false;
  bool quick_timer = false;
  bool dismiss_notice = false;
  std::optional<core::Settings> settings;  // the settings panel changed something
  bool quit = false;
};

LibraryRow MakeLibraryRow(const core::LibraryEntry& entry);

LibraryActions DrawLibrary(const LibraryView& view, const Look& look);

}  // namespace attune::ui
