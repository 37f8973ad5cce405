// app/core/status_report.hpp: what `--status-file` tells other programs (OBS's text source, a stream
// overlay, a script) about the session playing: as JSON and as one line of text. Pure: a function of the
// player's view, so every field is a unit test.
#pragma once

#include <string>

#include "core/player_view.hpp"

namespace attune::core {

struct StatusReport {
  std::string state = "idle";  // "idle" (no session on screen), or core::ToString(PlayerStatus): "ready",
                               // "pre-roll", "playing", "paused", "waiting", "finished", "stopped"
  std::string session;         // the session's title
  int step_number = 0;         // 1-based; 0 when idle
  int step_count = 0;
  std::string step;            // the step's title
  std::string phase;           // what the person does now: "Breathe in", "Tense", "Rest", ...; "" when none
  int phase_seconds_left = 0;  // the pacer's countdown digit; 0 without one
  int seconds_left = 0;        // until the session ends, whole seconds rounded up
  int step_seconds_left = 0;   // until the step ends, whole seconds rounded up
  std::string caption;         // the large caption on screen
};

// The report for `view` (a session on the player), or for no session (`view` null: "idle").
StatusReport MakeStatusReport(const PlayerView* view);

// One JSON object with the report's fields (keys as the struct's names), UTF-8, ending in a newline.
std::string StatusJson(const StatusReport& report);
// One line for a text overlay, e.g. "Box Breathing · 3/6 Box breathing · Breathe in 3 · 4:12 left",
// ending in a newline; line breaks inside any text become spaces.
std::string StatusLine(const StatusReport& report);

}  // namespace attune::core
