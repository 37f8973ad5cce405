// app/platform/key_map.cpp: the key table of every screen: the player's transport, blanking, volume and
// stop question; the start and end screens; the library's row selection.
#include "platform/key_map.hpp"

#include <algorithm>

namespace attune::platform {
namespace {

bool IsEnter(SDL_Keycode key) { return key == SDLK_RETURN || key == SDLK_KP_ENTER; }

KeyAction PlayerKey(SDL_Keycode key, const KeyContext& context) {
  if (context.confirm_stop) {
    if (IsEnter(key) || key == SDLK_y) return KeyAction::kConfirmStop;
    if (key == SDLK_ESCAPE || key == SDLK_n) return KeyAction::kCancelStop;
    return KeyAction::kNone;
  }
  switch (key) {
    case SDLK_SPACE:
      return context.waiting ? KeyAction::kContinue : KeyAction::kTogglePause;
    case SDLK_RIGHT:
    case SDLK_PAGEDOWN:
      return context.waiting ? KeyAction::kContinue : KeyAction::kNext;
    case SDLK_LEFT:
    case SDLK_PAGEUP:
      return KeyAction::kPrevious;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
      return context.waiting ? KeyAction::kContinue : KeyAction::kNone;
    case SDLK_b:
    case SDLK_PERIOD:
      return KeyAction::kToggleBlank;
    case SDLK_F11:
    case SDLK_f:
      return KeyAction::kToggleFullscreen;
    case SDLK_ESCAPE:
      if (context.blank) return KeyAction::kUnblank;
      if (context.fullscreen) return KeyAction::kLeaveFullscreen;
      return KeyAction::kAskStop;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
      return KeyAction::kVolumeUp;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
      return KeyAction::kVolumeDown;
    case SDLK_m:
      return KeyAction::kToggleMute;
    case SDLK_e:
      return KeyAction::kExtendRest;
    default:
      return KeyAction::kNone;
  }
}

KeyAction LibraryKey(SDL_Keycode key, const KeyContext& context) {
  if (key == SDLK_ESCAPE) return context.fullscreen ? KeyAction::kLeaveFullscreen : KeyAction::kNone;
  if (key == SDLK_F11) return KeyAction::kToggleFullscreen;
  // Typing in the filter field keeps every key but the arrows and Enter (which move and open).
  if (context.text_focus && key != SDLK_DOWN && key != SDLK_UP && key != SDLK_RETURN) return KeyAction::kNone;
  switch (key) {
    case SDLK_DOWN:
      return KeyAction::kSelectDown;
    case SDLK_UP:
      return KeyAction::kSelectUp;
    case SDLK_PAGEDOWN:
      return KeyAction::kSelectPageDown;
    case SDLK_PAGEUP:
      return KeyAction::kSelectPageUp;
    case SDLK_HOME:
      return KeyAction::kSelectFirst;
    case SDLK_END:
      return KeyAction::kSelectLast;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
      return KeyAction::kOpen;
    default:
      return KeyAction::kNone;
  }
}

}  // namespace

KeyAction MapKey(SDL_Keycode key, const KeyContext& context) {
  // The overlay of keys takes every key while it shows: ?, F1 and Esc close it, the rest wait.
  const bool help_key =
      key == SDLK_F1 || ((key == SDLK_SLASH || key == SDLK_QUESTION) && !context.text_focus);
  if (context.help_open) return help_key || key == SDLK_ESCAPE ? KeyAction::kToggleHelp : KeyAction::kNone;
  if (help_key) return KeyAction::kToggleHelp;
  switch (context.screen) {
    case core::Screen::kPlayer:
      return PlayerKey(key, context);
    case core::Screen::kStart:
      if (context.text_focus) return KeyAction::kNone;
      if (IsEnter(key)) return KeyAction::kStart;
      if (key == SDLK_ESCAPE) return KeyAction::kBack;
      if (key == SDLK_F11 || key == SDLK_f) return KeyAction::kToggleFullscreen;
      return KeyAction::kNone;
    case core::Screen::kEnd:
      if (IsEnter(key) || key == SDLK_RIGHT || key == SDLK_PAGEDOWN || key == SDLK_SPACE) {
        if (context.end_hold) return KeyAction::kNone;
        return context.has_next ? KeyAction::kNextAgendaItem : KeyAction::kBack;
      }
      return key == SDLK_ESCAPE ? KeyAction::kBack : KeyAction::kNone;
    case core::Screen::kHistory:
    case core::Screen::kQuickTimer:
      return key == SDLK_ESCAPE && !context.text_focus ? KeyAction::kBack : KeyAction::kNone;
    case core::Screen::kLibrary:
      return LibraryKey(key, context);
  }
  return KeyAction::kNone;
}

std::vector<KeyHelp> KeyHelpFor(core::Screen screen) {
  switch (screen) {
    case core::Screen::kPlayer:
      return {{"Space", "pause or resume (at a wait: continue)", SDLK_SPACE},
              {"Right, Page Down", "next step", SDLK_RIGHT},
              {"Left, Page Up", "back to this step's start, or the one before", SDLK_LEFT},
              {"E", "one more minute of rest", SDLK_e},
              {"B, period", "blank the screen (again to show it)", SDLK_b},
              {"+ and -", "volume", SDLK_PLUS},
              {"M", "mute", SDLK_m},
              {"F, F11", "full screen", SDLK_f},
              {"Esc", "stop (asks first)", SDLK_ESCAPE},
              {"?, F1", "this list", SDLK_F1}};
    case core::Screen::kLibrary:
      return {{"Up, Down", "choose a session", SDLK_DOWN},
              {"Page Up, Page Down, Home, End", "move further", SDLK_PAGEDOWN},
              {"Enter", "open it", SDLK_RETURN},
              {"F11", "full screen", SDLK_F11},
              {"?, F1", "this list", SDLK_F1}};
    case core::Screen::kStart:
      return {{"Enter", "start", SDLK_RETURN},
              {"Esc", "back to the library", SDLK_ESCAPE},
              {"F, F11", "full screen", SDLK_f},
              {"?, F1", "this list", SDLK_F1}};
    case core::Screen::kEnd:
      return {
          {"Enter, Right, Page Down, Space", "the next session of the agenda, or the library", SDLK_RETURN},
          {"Esc", "back to the library", SDLK_ESCAPE},
          {"?, F1", "this list", SDLK_F1}};
    case core::Screen::kHistory:
    case core::Screen::kQuickTimer:
      return {{"Esc", "back to the library", SDLK_ESCAPE}, {"?, F1", "this list", SDLK_F1}};
  }
  return {};
}

int MoveSelection(KeyAction action, int selected, int count) {
  if (count <= 0) return -1;
  int moved = selected;
  switch (action) {
    case KeyAction::kSelectDown:
      moved = selected + 1;
      break;
    case KeyAction::kSelectUp:
      moved = selected - 1;
      break;
    case KeyAction::kSelectPageDown:
      moved = selected + 5;
      break;
    case KeyAction::kSelectPageUp:
      moved = selected - 5;
      break;
    case KeyAction::kSelectFirst:
      moved = 0;
      break;
    case KeyAction::kSelectLast:
      moved = count - 1;
      break;
    default:
      break;
  }
  return std::clamp(moved, 0, count - 1);
}

}  // namespace attune::platform
