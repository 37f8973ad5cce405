// app/ui/player_screen.hpp: the player as the audience sees it (pacers, captions, step widgets, clocks)
// and the facilitator's presenter view. Functions of a PlayerView; they return what the user asked for.
// UI thread only, inside an ImGui frame.
#pragma once

#include <string>

#include "core/player_view.hpp"
#include "core/settings.hpp"
#include "ui/look.hpp"

namespace attune::ui {

// How the player is dressed around the session's own picture.
struct PlayerChrome {
  bool show_controls = true;    // the mouse moved recently: show the control bar
  bool blank = false;           // the screen is blanked (B or '.'): draw nothing but black
  bool audience = false;        // the audience window of a presenter setup: pacers and captions only
  bool reduced_motion = false;  // the pacer is a filling bar; nothing grows
  core::PacerStyle pacer_style = core::PacerStyle::kCircle;
  bool confirm_stop = false;  // ask "Stop this session?"
  float volume = 0.8f;        // master volume 0..1
  bool muted = false;
  std::string notice;  // a quiet line at the top ("No audio device: playing silently"), or empty
  std::string agenda;  // "Session 2 of 3", or empty
};

struct PlayerActions {
  bool toggle_pause = false;
  bool next = false;
  bool previous = false;
  bool stop = false;          // asked to stop (the shell asks for confirmation first)
  bool confirm_stop = false;  // confirmed
  bool cancel_stop = false;
  bool continue_gate = false;
  bool extend_rest = false;
  bool volume_up = false;
  bool volume_down = false;
  bool toggle_mute = false;
  bool toggle_fullscreen = false;
  // Not an action: how many pixels the pacer's size spans (circle radius range or bar height) as just
  // drawn, so that the platform redraws when it would move by one pixel. 0 when no pacer is drawn.
  float pacer_pixels = 0.0f;
};

// Draws the player filling the whole display (io.DisplaySize).
PlayerActions DrawPlayer(const core::PlayerView& view, const PlayerChrome& chrome, const Look& look);

// The facilitator's window: current and next step with notes, clocks, a small status of the pacers, and
// every control as a button.
PlayerActions DrawPresenter(const core::PlayerView& view, const PlayerChrome& chrome, const Look& look);

}  // namespace attune::ui
