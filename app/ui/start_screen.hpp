// app/ui/start_screen.hpp: before starting (session details, the partners' names, volume, pacer style,
// Start) and the end screen (what was practised, how long, the streak). Functions of their views that
// return what the user asked for. UI thread only, inside an ImGui frame.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/player_view.hpp"
#include "core/settings.hpp"
#include "ui/look.hpp"

namespace attune::ui {

struct StartView {
  std::string title;
  std::string summary;
  std::string length;  // "4 min 35 s"
  int people = 1;
  std::string tags;
  std::string author;
  std::vector<std::string> steps;     // "Breathe 4-6  ·  1 min 30 s"
  std::vector<std::string> warnings;  // formatted diagnostics
  std::string name_a;                 // what the fields show (the remembered names, else the script's)
  std::string name_b;
  std::string colour_a;  // "#rrggbb"
  std::string colour_b;
  core::Settings settings;
  std::string audio_status;  // "" while a device plays, else e.g. "No audio device: playing silently"
  std::string agenda;        // "Session 1 of 3", or empty
  std::string notice;        // for the user, e.g. the settings file was corrupt and was kept aside
};

struct StartActions {
  bool start = false;
  bool back = false;
  std::optional<std::string> name_a;
  std::optional<std::string> name_b;
  std::optional<core::Settings> settings;  // volume, pacer style, reduced motion, pre-roll changed
};

StartActions DrawStart(const StartView& view, const Look& look);

struct EndView {
  core::EndSummary summary;
  std::string streak;  // "3 days in a row", or empty when the history is unavailable
  std::string next;    // the next session of an agenda, or empty
  std::string saving;  // "Not saved: REASON. Attune will retry." when the history lacks it, else empty
};

struct EndActions {
  bool again = false;
  bool library = false;
  bool next = false;  // the agenda's next session
  bool quit = false;
};

EndActions DrawEnd(const EndView& view, const Look& look);

}  // namespace attune::ui
