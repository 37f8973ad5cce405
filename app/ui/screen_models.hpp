// app/ui/screen_models.hpp: the view-models the screens draw from, built from plain inputs (library
// entries, settings, the agenda's line, the shell's flags). Pure functions: no SDL, no ImGui calls, no
// clock; the shell gathers the inputs and draws the result. UI thread only.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/library.hpp"
#include "core/navigation.hpp"
#include "core/player_view.hpp"
#include "core/settings.hpp"
#include "ui/library_screen.hpp"
#include "ui/player_screen.hpp"
#include "ui/start_screen.hpp"

namespace attune::ui {

// What the shell keeps for the library screen between frames.
struct LibraryScreenState {
  core::LibraryFilter filter;
  int selected = 0;                 // the visible row the keyboard points at (clamped when drawn)
  bool scroll_to_selected = false;  // bring it into view next frame
  bool show_settings = false;
};

// The library screen: one row per index in `visible` (Library::Filter's result, indices into
// `entries`), `total` = every entry, the filter and selection from `state` (the selection clamped to
// the rows; -1 when there are none), and the rest as given.
LibraryView MakeLibraryView(const std::vector<core::LibraryEntry>& entries, const std::vector<int>& visible,
                            const LibraryScreenState& state, const core::Settings& settings,
                            const std::string& notice, const std::string& user_folder,
                            bool history_available);

// At most this many steps are listed before starting; then one line "... and N more".
inline constexpr std::size_t kStartStepsListed = 24;

// The start screen of `entry`: title, summary, length, people, tags joined by "  ·  ", the steps
// ("Breathe 4-6   1 min 30 s"), the partners' names (the remembered ones in `settings`, else the
// script's role names) and colours, every diagnostic formatted as a warning, `agenda` ("Session 1 of
// 3" or "") and `notice`.
StartView MakeStartView(const core::LibraryEntry& entry, const core::Settings& settings,
                        const std::string& agenda, const std::string& notice);

// What the player's chrome depends on besides the settings.
struct ChromeInputs {
  bool screenshot = false;    // a --screenshot run: no controls and no audio notice, ever
  bool mouse_recent = false;  // the mouse moved recently (the controls linger after it stops)
  bool blank = false;         // Navigation::blank()
  bool audience = false;      // a presenter window is open: this is the audience's window
  bool confirm_stop = false;  // Navigation::confirming_stop()
  std::string audio_status;   // SessionAudio::status(), e.g. "No audio device: playing silently"
  std::string agenda;         // Agenda::Text()
};

// The player's chrome: controls shown when the mouse moved recently (never in a screenshot), the
// overlays, the pacer style, reduced motion, volume and mute from `settings`, the audio notice (none in
// a screenshot) and the agenda line.
PlayerChrome MakePlayerChrome(const ChromeInputs& inputs, const core::Settings& settings);

// The end screen: the summary, the streak line, and the title of the agenda's next session (`next`,
// the library's entry for Agenda::Next(); nullptr when there is none or the library lost it).
// `saving`: PracticeSaver::Status() of the practice, "" when it is saved ("Not saved: ... Attune will
// retry.").
EndView MakeEndView(const core::EndSummary& summary, const std::string& streak,
                    const core::LibraryEntry* next, const std::string& saving = "");

// The streak line after a session: "" when there is no streak (0), "Your first day of a new streak"
// (1), "N days in a row" (2 and more). `current_streak` is HistoryStats::current_streak.
std::string StreakLine(int current_streak);

// The main window's title: "Attune" on the library, else "TITLE — Attune" with the open session's
// entry (`open`, nullptr for a quick timer or none: "Attune").
std::string WindowTitle(core::Screen screen, const core::LibraryEntry* open);

}  // namespace attune::ui
