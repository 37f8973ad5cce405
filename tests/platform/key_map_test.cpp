// tests/platform/key_map_test.cpp: every rule of the key table, screen by screen.
#include "platform/key_map.hpp"

#include <gtest/gtest.h>

namespace attune::platform {
namespace {

using core::Screen;

KeyContext On(Screen screen) {
  KeyContext context;
  context.screen = screen;
  return context;
}

TEST(KeyMapTest, PlayerSpaceTogglesPauseOrContinuesAtAGate) {
  KeyContext context = On(Screen::kPlayer);
  EXPECT_EQ(MapKey(SDLK_SPACE, context), KeyAction::kTogglePause);
  context.waiting = true;
  EXPECT_EQ(MapKey(SDLK_SPACE, context), KeyAction::kContinue);
}

TEST(KeyMapTest, PlayerRightAndPageDownGoToTheNextStepOrContinueAtAGate) {
  KeyContext context = On(Screen::kPlayer);
  EXPECT_EQ(MapKey(SDLK_RIGHT, context), KeyAction::kNext);
  EXPECT_EQ(MapKey(SDLK_PAGEDOWN, context), KeyAction::kNext);
  context.waiting = true;
  EXPECT_EQ(MapKey(SDLK_RIGHT, context), KeyAction::kContinue);
  EXPECT_EQ(MapKey(SDLK_PAGEDOWN, context), KeyAction::kContinue);
}

TEST(KeyMapTest, PlayerLeftAndPageUpGoBackEvenAtAGate) {
  KeyContext context = On(Screen::kPlayer);
  EXPECT_EQ(MapKey(SDLK_LEFT, context), KeyAction::kPrevious);
  EXPECT_EQ(MapKey(SDLK_PAGEUP, context), KeyAction::kPrevious);
  context.waiting = true;
  EXPECT_EQ(MapKey(SDLK_LEFT, context), KeyAction::kPrevious);
  EXPECT_EQ(MapKey(SDLK_PAGEUP, context), KeyAction::kPrevious);
}

TEST(KeyMapTest, PlayerEnterContinuesOnlyAtAGate) {
  KeyContext context = On(Screen::kPlayer);
  EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_KP_ENTER, context), KeyAction::kNone);
  context.waiting = true;
  EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kContinue);
  EXPECT_EQ(MapKey(SDLK_KP_ENTER, context), KeyAction::kContinue);
}

TEST(KeyMapTest, PlayerBAndPeriodBlankTheScreen) {
  KeyContext context = On(Screen::kPlayer);
  EXPECT_EQ(MapKey(SDLK_b, context), KeyAction::kToggleBlank);
  EXPECT_EQ(MapKey(SDLK_PERIOD, context), KeyAction::kToggleBlank);
  context.blank = true;
  EXPECT_EQ(MapKey(SDLK_b, context), KeyAction::kToggleBlank);
}

TEST(KeyMapTest, PlayerF11AndFToggleFullscreen) {
  KeyContext context = On(Screen::kPlayer);
  EXPECT_EQ(MapKey(SDLK_F11, context), KeyAction::kToggleFullscreen);
  EXPECT_EQ(MapKey(SDLK_f, context), KeyAction::kToggleFullscreen);
  context.fullscreen = true;
  EXPECT_EQ(MapKey(SDLK_f, context), KeyAction::kToggleFullscreen);
}

TEST(KeyMapTest, PlayerEscapeUnblanksThenLeavesFullscreenThenAsksToStop) {
  KeyContext context = On(Screen::kPlayer);
  context.blank = true;
  context.fullscreen = true;
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kUnblank);
  context.blank = false;
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kLeaveFullscreen);
  context.fullscreen = false;
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kAskStop);
  context.blank = true;  // blank in a window: unblank first
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kUnblank);
}

TEST(KeyMapTest, PlayerVolumeMuteAndExtendKeys) {
  const KeyContext context = On(Screen::kPlayer);
  EXPECT_EQ(MapKey(SDLK_PLUS, context), KeyAction::kVolumeUp);
  EXPECT_EQ(MapKey(SDLK_EQUALS, context), KeyAction::kVolumeUp);
  EXPECT_EQ(MapKey(SDLK_KP_PLUS, context), KeyAction::kVolumeUp);
  EXPECT_EQ(MapKey(SDLK_MINUS, context), KeyAction::kVolumeDown);
  EXPECT_EQ(MapKey(SDLK_KP_MINUS, context), KeyAction::kVolumeDown);
  EXPECT_EQ(MapKey(SDLK_m, context), KeyAction::kToggleMute);
  EXPECT_EQ(MapKey(SDLK_e, context), KeyAction::kExtendRest);
}

TEST(KeyMapTest, PlayerIgnoresOtherKeysAndTextFocus) {
  KeyContext context = On(Screen::kPlayer);
  EXPECT_EQ(MapKey(SDLK_x, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_HOME, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_y, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_n, context), KeyAction::kNone);
  context.text_focus = true;  // the player has no text field: keys still work
  EXPECT_EQ(MapKey(SDLK_SPACE, context), KeyAction::kTogglePause);
}

TEST(KeyMapTest, StopQuestionTakesEnterAndYAsYesEscapeAndNAsNoAndNothingElse) {
  KeyContext context = On(Screen::kPlayer);
  context.confirm_stop = true;
  context.blank = true;
  context.fullscreen = true;
  EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kConfirmStop);
  EXPECT_EQ(MapKey(SDLK_KP_ENTER, context), KeyAction::kConfirmStop);
  EXPECT_EQ(MapKey(SDLK_y, context), KeyAction::kConfirmStop);
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kCancelStop);
  EXPECT_EQ(MapKey(SDLK_n, context), KeyAction::kCancelStop);
  EXPECT_EQ(MapKey(SDLK_SPACE, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_RIGHT, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_b, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_f, context), KeyAction::kNone);
}

TEST(KeyMapTest, StartScreenEnterStartsEscapeGoesBackFToggleFullscreen) {
  KeyContext context = On(Screen::kStart);
  EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kStart);
  EXPECT_EQ(MapKey(SDLK_KP_ENTER, context), KeyAction::kStart);
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kBack);
  EXPECT_EQ(MapKey(SDLK_F11, context), KeyAction::kToggleFullscreen);
  EXPECT_EQ(MapKey(SDLK_f, context), KeyAction::kToggleFullscreen);
  EXPECT_EQ(MapKey(SDLK_SPACE, context), KeyAction::kNone);
  context.fullscreen = true;  // Escape goes back even in fullscreen
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kBack);
}

TEST(KeyMapTest, StartScreenKeysGoToTheNameFieldsWhileTheyHaveFocus) {
  KeyContext context = On(Screen::kStart);
  context.text_focus = true;
  EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_f, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_F11, context), KeyAction::kNone);
}

TEST(KeyMapTest, EndScreenEnterRightPageDownAndSpacePlayTheNextItemOrGoBack) {
  KeyContext context = On(Screen::kEnd);
  for (const SDL_Keycode key : {SDLK_RETURN, SDLK_KP_ENTER, SDLK_RIGHT, SDLK_PAGEDOWN, SDLK_SPACE}) {
    context.has_next = true;
    EXPECT_EQ(MapKey(key, context), KeyAction::kNextAgendaItem) << key;
    context.has_next = false;
    EXPECT_EQ(MapKey(key, context), KeyAction::kBack) << key;
  }
  context.has_next = true;
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kBack);
  EXPECT_EQ(MapKey(SDLK_LEFT, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_f, context), KeyAction::kNone);
}

// A clicker pressed on through the last step stops at the end: for kEndHold the keys that go on wait.
TEST(KeyMapTest, EndScreenHoldsTheKeysThatGoOnForAMomentButEscStillGoesBack) {
  KeyContext context = On(Screen::kEnd);
  context.has_next = true;
  context.end_hold = true;
  for (const SDL_Keycode key : {SDLK_RETURN, SDLK_RIGHT, SDLK_PAGEDOWN, SDLK_SPACE})
    EXPECT_EQ(MapKey(key, context), KeyAction::kNone) << key;
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kBack);
  context.end_hold = false;
  EXPECT_EQ(MapKey(SDLK_PAGEDOWN, context), KeyAction::kNextAgendaItem);
}

// "?" (or F1, even while typing) opens the list of keys on every screen; while it shows, it takes every
// key: ?, F1 and Esc close it, the others do nothing (Space does not pause behind it).
TEST(KeyMapTest, QuestionMarkOpensTheKeyListWhichTakesEveryKeyUntilClosed) {
  for (const Screen screen : {Screen::kLibrary, Screen::kStart, Screen::kPlayer, Screen::kEnd,
                              Screen::kHistory, Screen::kQuickTimer}) {
    KeyContext context = On(screen);
    EXPECT_EQ(MapKey(SDLK_SLASH, context), KeyAction::kToggleHelp) << ToString(screen);
    EXPECT_EQ(MapKey(SDLK_F1, context), KeyAction::kToggleHelp);
    context.text_focus = true;
    EXPECT_NE(MapKey(SDLK_SLASH, context), KeyAction::kToggleHelp);  // typed into the field
    EXPECT_EQ(MapKey(SDLK_F1, context), KeyAction::kToggleHelp);
    context.text_focus = false;
    context.help_open = true;
    EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kToggleHelp);
    EXPECT_EQ(MapKey(SDLK_SPACE, context), KeyAction::kNone);
    EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kNone);
  }
}

// The list tells the truth: each of its lines names a key that means something on that screen.
TEST(KeyMapTest, EveryLineOfTheKeyListNamesAKeyThatWorksThere) {
  for (const Screen screen : {Screen::kLibrary, Screen::kStart, Screen::kPlayer, Screen::kEnd,
                              Screen::kHistory, Screen::kQuickTimer}) {
    const std::vector<KeyHelp> lines = KeyHelpFor(screen);
    EXPECT_GE(lines.size(), 2u) << ToString(screen);
    for (const KeyHelp& line : lines) {
      KeyContext context = On(screen);
      context.has_next = true;
      EXPECT_NE(MapKey(line.example, context), KeyAction::kNone) << ToString(screen) << ": " << line.keys;
    }
  }
}

TEST(KeyMapTest, HistoryAndQuickTimerEscapeGoesBackUnlessTyping) {
  for (const Screen screen : {Screen::kHistory, Screen::kQuickTimer}) {
    KeyContext context = On(screen);
    EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kBack);
    EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kNone);
    EXPECT_EQ(MapKey(SDLK_F11, context), KeyAction::kNone);
    context.text_focus = true;
    EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kNone);
  }
}

TEST(KeyMapTest, LibraryMovesTheSelectionAndOpens) {
  const KeyContext context = On(Screen::kLibrary);
  EXPECT_EQ(MapKey(SDLK_DOWN, context), KeyAction::kSelectDown);
  EXPECT_EQ(MapKey(SDLK_UP, context), KeyAction::kSelectUp);
  EXPECT_EQ(MapKey(SDLK_PAGEDOWN, context), KeyAction::kSelectPageDown);
  EXPECT_EQ(MapKey(SDLK_PAGEUP, context), KeyAction::kSelectPageUp);
  EXPECT_EQ(MapKey(SDLK_HOME, context), KeyAction::kSelectFirst);
  EXPECT_EQ(MapKey(SDLK_END, context), KeyAction::kSelectLast);
  EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kOpen);
  EXPECT_EQ(MapKey(SDLK_KP_ENTER, context), KeyAction::kOpen);
  EXPECT_EQ(MapKey(SDLK_f, context), KeyAction::kNone);  // f is typing, not fullscreen, here
  EXPECT_EQ(MapKey(SDLK_SPACE, context), KeyAction::kNone);
}

TEST(KeyMapTest, LibraryEscapeLeavesFullscreenOnlyAndF11TogglesIt) {
  KeyContext context = On(Screen::kLibrary);
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_F11, context), KeyAction::kToggleFullscreen);
  context.fullscreen = true;
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kLeaveFullscreen);
  context.text_focus = true;  // also while typing in the filter
  EXPECT_EQ(MapKey(SDLK_ESCAPE, context), KeyAction::kLeaveFullscreen);
  EXPECT_EQ(MapKey(SDLK_F11, context), KeyAction::kToggleFullscreen);
}

TEST(KeyMapTest, LibraryFilterFieldKeepsAllButTheArrowsAndReturn) {
  KeyContext context = On(Screen::kLibrary);
  context.text_focus = true;
  EXPECT_EQ(MapKey(SDLK_DOWN, context), KeyAction::kSelectDown);
  EXPECT_EQ(MapKey(SDLK_UP, context), KeyAction::kSelectUp);
  EXPECT_EQ(MapKey(SDLK_RETURN, context), KeyAction::kOpen);
  EXPECT_EQ(MapKey(SDLK_KP_ENTER, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_PAGEDOWN, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_PAGEUP, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_HOME, context), KeyAction::kNone);
  EXPECT_EQ(MapKey(SDLK_END, context), KeyAction::kNone);
}

TEST(KeyMapTest, SelectionMovesByOneAndFiveAndClampsToTheRows) {
  EXPECT_EQ(MoveSelection(KeyAction::kSelectDown, 2, 10), 3);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectUp, 2, 10), 1);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectPageDown, 2, 10), 7);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectPageDown, 7, 10), 9);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectPageUp, 7, 10), 2);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectPageUp, 2, 10), 0);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectUp, 0, 10), 0);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectDown, 9, 10), 9);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectFirst, 6, 10), 0);
  EXPECT_EQ(MoveSelection(KeyAction::kSelectLast, 1, 10), 9);
  EXPECT_EQ(MoveSelection(KeyAction::kOpen, 12, 10), 9);  // a stale selection is clamped
  EXPECT_EQ(MoveSelection(KeyAction::kSelectDown, 0, 0), -1);
}

}  // namespace
}  // namespace attune::platform
