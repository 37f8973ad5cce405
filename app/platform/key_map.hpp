// app/platform/key_map.hpp: the keyboard, as a table from a key and where the user is to what they asked
// for. Pure (SDL's key codes only, no SDL calls); the shell applies the action.
#pragma once

#include <SDL_keycode.h>

#include <vector>

#include "core/navigation.hpp"

namespace attune::platform {

// What the shell knows when a key arrives.
struct KeyContext {
  core::Screen screen = core::Screen::kLibrary;
  bool waiting = false;       // player: a gate waits for the user to continue
  bool confirm_stop = false;  // player: "Stop this session?" is showing
  bool blank = false;         // player: the screen is blanked
  bool fullscreen = false;    // the main window is fullscreen
  bool text_focus = false;    // a text field has the keyboard (ImGui wants text)
  bool has_next = false;      // end screen: the agenda has a next session after this one
  // End screen: it has shown for less than kEndHold. The keys that go on (Enter, Right, PageDown, Space)
  // wait, so a clicker pressed on through the last step stops at the end instead of running into the
  // next agenda session; Esc still goes back.
  bool end_hold = false;
  bool help_open = false;  // the "?" overlay listing the keys is showing
};

inline constexpr core::Micros kEndHold{2'000'000};

enum class KeyAction {
  kNone,
  // The player.
  kTogglePause,
  kNext,
  kPrevious,
  kContinue,    // past a gate
  kExtendRest,  // one more minute of rest
  kAskStop,     // show "Stop this session?"
  kConfirmStop,
  kCancelStop,
  kVolumeUp,
  kVolumeDown,
  kToggleMute,
  kToggleBlank,
  kUnblank,
  // Any screen that has them.
  kToggleFullscreen,
  kLeaveFullscreen,
  kBack,  // to the library
  // The start screen and the end screen.
  kStart,           // start playing the open session
  kNextAgendaItem,  // play the agenda's next session
  // The library.
  kOpen,  // open the selected row
  kSelectDown,
  kSelectUp,
  kSelectPageDown,
  kSelectPageUp,
  kSelectFirst,
  kSelectLast,
  // Any screen: the overlay listing the keys ("?", or F1 even while typing); Esc also closes it.
  kToggleHelp,
};

// The action of `key` in `context`; kNone when the key means nothing there. Escape in the player
// unblanks first, then leaves fullscreen, then asks to stop; with the question showing it cancels it.
KeyAction MapKey(SDL_Keycode key, const KeyContext& context);

// One line of the "?" overlay: the keys as a person reads them ("Space"), what they do, and one SDL key of
// them (a test checks that MapKey gives it a meaning on that screen).
struct KeyHelp {
  const char* keys;
  const char* action;
  SDL_Keycode example;
};
// What the keys do on `screen`, in the order a person needs them; the overlay draws these lines.
std::vector<KeyHelp> KeyHelpFor(core::Screen screen);

// The library row selected after `action` (one of the kSelect actions; others keep `selected`), with
// `count` rows: clamped to 0 .. count - 1. Returns -1 when there are no rows.
int MoveSelection(KeyAction action, int selected, int count);

}  // namespace attune::platform
