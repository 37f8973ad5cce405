// tests/ui/start_screen_clicks_test.cpp: the start and end screens clicked through the headless fixture:
// each button and control returns exactly its action, and nothing else.
#include <gtest/gtest.h>

#include "ui/imgui_fixture.hpp"
#include "ui/start_screen.hpp"

namespace attune::ui {
namespace {

using testing::IdPart;
using testing::ImGuiFixture;

StartView TwoPeople() {
  StartView view;
  view.title = "Breathing together";
  view.summary = "Two people breathe side by side.";
  view.length = "5 min 9 s";
  view.people = 2;
  view.steps = {"Say  ·  10 s", "Breathe 4-6  ·  2 min"};
  view.name_a = "Ann";
  view.name_b = "Ben";
  view.colour_a = "#6fa8dc";
  view.colour_b = "#e69138";
  view.settings.sound.master = 0.8f;
  view.settings.pre_roll_seconds = 5;
  return view;
}

bool Nothing(const StartActions& a) { return !a.start && !a.back && !a.name_a && !a.name_b && !a.settings; }

class StartScreenClicksTest : public ::testing::Test {
 protected:
  ImGuiFixture ui_;
  StartView view_ = TwoPeople();
  std::function<StartActions()> draw_ = [this] { return DrawStart(view_, ui_.look()); };
};

TEST_F(StartScreenClicksTest, DrawingAloneAsksForNothing) { EXPECT_TRUE(Nothing(ui_.Frames(3, draw_))); }

TEST_F(StartScreenClicksTest, StartReturnsStartOnTheRelease) {
  const auto clicked = ui_.Click("##start/##options", {"Start"}, draw_);
  EXPECT_TRUE(Nothing(clicked.hover));
  EXPECT_TRUE(Nothing(clicked.press));
  EXPECT_TRUE(clicked.release.start);
  EXPECT_FALSE(clicked.release.back);
  EXPECT_FALSE(clicked.release.settings);
}

TEST_F(StartScreenClicksTest, LibraryReturnsBack) {
  const auto clicked = ui_.Click("##start", {"< Library"}, draw_);
  EXPECT_TRUE(clicked.release.back);
  EXPECT_FALSE(clicked.release.start);
}

TEST_F(StartScreenClicksTest, TypingAfterTheFirstNameReturnsTheNewNameA) {
  const auto clicked = ui_.Click("##start/##options", {"##name_a"}, draw_);
  EXPECT_FALSE(clicked.release.name_a);  // clicking edits nothing
  const std::vector<StartActions> typed = ui_.Type("ie", draw_);
  ASSERT_EQ(typed.size(), 2u);
  ASSERT_TRUE(typed[0].name_a);
  EXPECT_EQ(*typed[0].name_a, "Anni");
  ASSERT_TRUE(typed[1].name_a);
  EXPECT_EQ(*typed[1].name_a, "Annie");
  EXPECT_FALSE(typed[1].name_b);
  EXPECT_FALSE(typed[1].start);
}

// Esc in a name field leaves it and keeps what was typed: the revert ImGui does is never reported as an
// edit (the typed name was reported as it was typed).
TEST_F(StartScreenClicksTest, EscInANameFieldKeepsTheTypedName) {
  // As the controller does: each reported name is kept and drawn from the next frame on.
  const std::function<StartActions()> keeping = [this] {
    const StartActions actions = DrawStart(view_, ui_.look());
    if (actions.name_a) view_.name_a = *actions.name_a;
    return actions;
  };
  ui_.Click("##start/##options", {"##name_a"}, keeping);
  const std::vector<StartActions> typed = ui_.Type("ie", keeping);
  ASSERT_TRUE(typed.back().name_a);
  EXPECT_EQ(*typed.back().name_a, "Annie");
  const StartActions escaped = ui_.PressKey(ImGuiKey_Escape, keeping);
  EXPECT_EQ(view_.name_a, "Annie");
  EXPECT_FALSE(escaped.name_a) << "reverted to '" << escaped.name_a.value_or("") << "'";
  EXPECT_FALSE(escaped.back);
}

TEST_F(StartScreenClicksTest, BackspaceInTheSecondNameReturnsNameB) {
  ui_.Click("##start/##options", {"##name_b"}, draw_);
  const StartActions erased = ui_.PressKey(ImGuiKey_Backspace, draw_);
  ASSERT_TRUE(erased.name_b);
  EXPECT_EQ(*erased.name_b, "Be");
  EXPECT_FALSE(erased.name_a);
}

TEST_F(StartScreenClicksTest, OnePersonHasNoNameFields) {
  view_.people = 1;
  EXPECT_FALSE(ui_.Find("##start/##options", {"##name_a"}, draw_));
  EXPECT_TRUE(ui_.Find("##start/##options", {"Start"}, draw_));
}

TEST_F(StartScreenClicksTest, MuteReturnsTheSettingsWithMuteOn) {
  const auto clicked = ui_.Click("##start/##options", {"Mute"}, draw_);
  ASSERT_TRUE(clicked.release.settings);
  EXPECT_TRUE(clicked.release.settings->sound.muted);
  EXPECT_FLOAT_EQ(clicked.release.settings->sound.master, 0.8f);
  EXPECT_FALSE(clicked.release.start);
}

TEST_F(StartScreenClicksTest, ReducedMotionReturnsTheSettingsWithItOn) {
  const auto clicked = ui_.Click("##start/##options", {"Reduced motion"}, draw_);
  ASSERT_TRUE(clicked.release.settings);
  EXPECT_TRUE(clicked.release.settings->reduced_motion);
  EXPECT_FALSE(clicked.release.settings->sound.muted);
}

TEST_F(StartScreenClicksTest, PressingTheVolumeSliderInItsMiddleSetsAboutHalf) {
  const auto clicked = ui_.Click("##start/##options", {"Volume"}, draw_);
  ASSERT_TRUE(clicked.press.settings);  // a slider changes as the button goes down
  EXPECT_NEAR(clicked.press.settings->sound.master, 0.5f, 0.05f);
  EXPECT_FALSE(clicked.press.settings->sound.muted);
}

TEST_F(StartScreenClicksTest, PressingTheCountdownSliderInItsMiddleSetsFifteenSeconds) {
  const auto clicked = ui_.Click("##start/##options", {"Countdown"}, draw_);
  ASSERT_TRUE(clicked.press.settings);
  EXPECT_NEAR(clicked.press.settings->pre_roll_seconds, 15, 1);
}

TEST_F(StartScreenClicksTest, ThePacerComboChoosesTheFillingBar) {
  const auto opened = ui_.Click("##start/##options", {"Pacer"}, draw_);
  EXPECT_TRUE(Nothing(opened.release));  // opening the list changes nothing
  ui_.Frame(draw_);                      // the list appears
  const auto chosen = ui_.Click("##Combo_00", {IdPart(1), "Filling bar"}, draw_);
  ASSERT_TRUE(chosen.release.settings);
  EXPECT_EQ(chosen.release.settings->pacer_style, core::PacerStyle::kBar);
}

EndView Finished(const std::string& next) {
  EndView view;
  view.summary.title = "Box breathing";
  view.summary.headline = "You practised for 5 min 9 s.";
  view.summary.lines = {"Paced breathing: 4 min"};
  view.streak = "3 days in a row";
  view.next = next;
  return view;
}

bool Nothing(const EndActions& a) { return !a.again && !a.library && !a.next && !a.quit; }

class EndScreenClicksTest : public ::testing::Test {
 protected:
  ImGuiFixture ui_;
  EndView view_ = Finished("Body scan");
  std::function<EndActions()> draw_ = [this] { return DrawEnd(view_, ui_.look()); };
};

TEST_F(EndScreenClicksTest, EachButtonReturnsItsOwnAction) {
  EXPECT_TRUE(Nothing(ui_.Frames(2, draw_)));
  const EndActions next = ui_.Click("##end", {"Next session"}, draw_).release;
  EXPECT_TRUE(next.next);
  EXPECT_FALSE(next.again || next.library || next.quit);
  const EndActions again = ui_.Click("##end", {"Again"}, draw_).release;
  EXPECT_TRUE(again.again);
  EXPECT_FALSE(again.next || again.library || again.quit);
  const EndActions library = ui_.Click("##end", {"Library"}, draw_).release;
  EXPECT_TRUE(library.library);
  EXPECT_FALSE(library.next || library.again || library.quit);
  const EndActions quit = ui_.Click("##end", {"Quit"}, draw_).release;
  EXPECT_TRUE(quit.quit);
  EXPECT_FALSE(quit.next || quit.again || quit.library);
}

TEST_F(EndScreenClicksTest, WithoutANextSessionThereIsNoNextButton) {
  view_ = Finished("");
  EXPECT_FALSE(ui_.Find("##end", {"Next session"}, draw_));
  EXPECT_TRUE(ui_.Click("##end", {"Again"}, draw_).release.again);
}

}  // namespace
}  // namespace attune::ui
