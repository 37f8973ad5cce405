// app/platform/frame_pacer.hpp: when the window draws and how long the loop sleeps in between. Pure
// decisions over plain values (times, the player's next visible change, a signature of the picture); the
// shell reads the clock, waits for events and draws. A frame is drawn only when the picture would change.
#pragma once

#include <functional>
#include <string>

#include "core/player_view.hpp"
#include "core/time.hpp"

namespace attune::platform {

using core::Micros;

inline constexpr Micros kFrameInterval{16'667};  // at most 60 frames a second (after input)
// While a pacer moves, redraw when it has moved a pixel, but at most 24 times a second: a slow breathing
// circle moves 1-1.5 px per frame at that rate, and software GL pays ~3-4 ms per 1280x720 frame.
inline constexpr Micros kMotionInterval{41'667};
// Near the turns of a breath the circle moves less than a pixel per interval: look again this often
// (building the view and its signature costs CPU too; every millisecond was ~1700 looks in 10 s).
inline constexpr Micros kMotionRecheck{8'000};
inline constexpr Micros kControlsLinger{2'500'000};  // controls hide this long after the mouse stops
inline constexpr Micros kLibraryPoll{2'000'000};     // look for changed scripts this often
inline constexpr Micros kIdleWait{1'000'000};        // the longest sleep when nothing is due
inline constexpr Micros kPreparingRecheck{100'000};  // while audio prepares, look for it this often
inline constexpr int kFramesAfterInput = 3;          // frames drawn after any input (ImGui settles)
inline constexpr int kFramesAfterChange = 2;         // frames drawn after the library changed

// What the pacer needs to know at one look; plain values, no SDL.
struct FrameInputs {
  Micros now{0};
  bool player = false;   // the player screen shows a session: `hint`, `blank` and `last_mouse` count
  core::FrameHint hint;  // the player's next visible change at `now` (core::NextVisibleChange)
  bool blank = false;    // the screen is blanked: a moving pacer is not drawn
  Micros last_mouse{0};  // when the mouse last moved or clicked
  bool preparing_audio = false;
  Micros quit_at = Micros::max();  // --quit-after's deadline; Micros::max() for none
  // A text that differs whenever the picture would (the player's view, quantized to pixels). Called only
  // when a frame could be drawn; unset means "".
  std::function<std::string()> signature;
};

// What the pacer remembers between looks. Start with the defaults: the first frames are owed.
struct FramePacerState {
  Micros last_draw{0};
  Micros last_poll{0};
  int frames_to_draw = kFramesAfterInput;  // owed frames (after input), drawn at most 60 a second
  std::string last_signature;
};

enum class FrameReason {
  kOwed,       // drawn: a frame is owed after input or a change
  kChanged,    // drawn: the signature changed
  kTooSoon,    // not drawn: frames are owed but the last one is younger than kFrameInterval
  kUnchanged,  // not drawn: nothing visible changed
};

struct FrameDecision {
  bool draw = false;
  FrameReason reason = FrameReason::kUnchanged;
};

// How long the loop may sleep waiting for events before it looks again (>= 0): until an owed frame is
// due, the next visible change of the player (a moving pacer: its next 24 fps slot, rechecked every
// kMotionRecheck), the controls hiding, the library poll, preparing audio, the quit deadline; at most
// kIdleWait.
Micros FrameTimeout(const FrameInputs& inputs, const FramePacerState& state);

// Whether to draw at `inputs.now`; when drawing, records the frame in `state` (last draw, signature, one
// owed frame fewer). Owed frames wait for kFrameInterval after the last; otherwise a frame is drawn only
// when the signature differs from the last drawn one.
FrameDecision DecideFrame(const FrameInputs& inputs, FramePacerState& state);

// Input arrived (keys, mouse, window events): owe kFramesAfterInput frames.
void NoteInput(FramePacerState& state);
// Something outside the player changed (the library re-read a script): owe kFramesAfterChange frames.
void NoteChange(FramePacerState& state);
// True (and recorded) when it is time to look for changed scripts.
bool LibraryPollDue(Micros now, FramePacerState& state);
// The player's controls show while the mouse moved less than kControlsLinger ago.
bool ControlsShown(Micros now, Micros last_mouse);

}  // namespace attune::platform
