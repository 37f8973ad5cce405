// tests/ui/player_screen_clicks_test.cpp: the player's control bar, the presenter's buttons and the stop
// confirmation clicked through the headless fixture: each returns exactly its action.
#include <gtest/gtest.h>

#include <functional>

#include "ui/imgui_fixture.hpp"
#include "ui/player_screen.hpp"

namespace attune::ui {
namespace {

using testing::ImGuiFixture;

core::PlayerView Playing(core::StepKind kind) {
  core::PlayerView view;
  view.status = core::PlayerStatus::kPlaying;
  view.title = "Box breathing";
  view.kind = kind;
  view.step_number = 2;
  view.step_count = 5;
  view.step_title = kind == core::StepKind::kRest ? "Rest" : "Welcome";
  view.duration = std::chrono::minutes(5);
  view.elapsed = std::chrono::seconds(30);
  view.remaining = view.duration - view.elapsed;
  view.step_length = std::chrono::seconds(60);
  view.step_elapsed = std::chrono::seconds(10);
  view.caption = "You might let your shoulders soften.";
  return view;
}

// The actions set, by name, so that a failure says what else was asked for.
std::vector<std::string> Asked(const PlayerActions& a) {
  std::vector<std::string> names;
  const std::pair<bool, const char*> all[] = {
      {a.toggle_pause, "toggle_pause"},   {a.next, "next"},
      {a.previous, "previous"},           {a.stop, "stop"},
      {a.confirm_stop, "confirm_stop"},   {a.cancel_stop, "cancel_stop"},
      {a.continue_gate, "continue_gate"}, {a.extend_rest, "extend_rest"},
      {a.volume_up, "volume_up"},         {a.volume_down, "volume_down"},
      {a.toggle_mute, "toggle_mute"},     {a.toggle_fullscreen, "toggle_fullscreen"}};
  for (const auto& [set, name] : all) {
    if (set) names.emplace_back(name);
  }
  return names;
}

using Names = std::vector<std::string>;

class PlayerClicksTest : public ::testing::Test {
 protected:
  ImGuiFixture ui_;
  core::PlayerView view_ = Playing(core::StepKind::kSay);
  PlayerChrome chrome_;
  std::function<PlayerActions()> player_ = [this] { return DrawPlayer(view_, chrome_, ui_.look()); };
  std::function<PlayerActions()> presenter_ = [this] { return DrawPresenter(view_, chrome_, ui_.look()); };

  Names ClickPlayer(const char* label) {
    const auto clicked = ui_.Click("##player", {label}, player_);
    EXPECT_EQ(Asked(clicked.press), Names{}) << label;
    return Asked(clicked.release);
  }
  Names ClickPresenter(const char* label) {
    return Asked(ui_.Click("##presenter", {label}, presenter_).release);
  }
};

TEST_F(PlayerClicksTest, EachControlOfThePlayerReturnsItsOwnAction) {
  EXPECT_EQ(Asked(ui_.Frames(3, player_)), Names{});
  EXPECT_EQ(ClickPlayer("Pause"), Names{"toggle_pause"});
  EXPECT_EQ(ClickPlayer("< Previous"), Names{"previous"});
  EXPECT_EQ(ClickPlayer("Next >"), Names{"next"});
  EXPECT_EQ(ClickPlayer("Stop"), Names{"stop"});
  EXPECT_EQ(ClickPlayer("-"), Names{"volume_down"});
  EXPECT_EQ(ClickPlayer("+"), Names{"volume_up"});
  EXPECT_EQ(ClickPlayer("Mute"), Names{"toggle_mute"});
  EXPECT_EQ(ClickPlayer("Fullscreen"), Names{"toggle_fullscreen"});
}

TEST_F(PlayerClicksTest, PausedTheSameButtonSaysResumeAndStillTogglesPause) {
  view_.status = core::PlayerStatus::kPaused;
  EXPECT_FALSE(ui_.Find("##player", {"Pause"}, player_));
  EXPECT_EQ(ClickPlayer("Resume"), Names{"toggle_pause"});
}

TEST_F(PlayerClicksTest, AtAWaitGateContinueTakesThePauseButtonsPlace) {
  view_.waiting = true;
  view_.status = core::PlayerStatus::kWaiting;
  EXPECT_FALSE(ui_.Find("##player", {"Pause"}, player_));
  EXPECT_EQ(ClickPlayer("Continue"), Names{"continue_gate"});
}

// The operator's Continue is on the stage at every wait gate, even with the controls hidden; the audience
// window keeps only the room's prompt.
TEST_F(PlayerClicksTest, AWaitGateShowsItsOwnContinueButtonWithoutTheControls) {
  view_.waiting = true;
  view_.status = core::PlayerStatus::kWaiting;
  chrome_.show_controls = false;
  EXPECT_FALSE(ui_.Find("##player", {"Continue"}, player_));  // the control bar's is hidden
  EXPECT_EQ(ClickPlayer("Continue##gate"), Names{"continue_gate"});
  chrome_.audience = true;
  EXPECT_FALSE(ui_.Find("##player", {"Continue##gate"}, player_));
}

TEST_F(PlayerClicksTest, ARestOffersOneMoreMinute) {
  EXPECT_FALSE(ui_.Find("##player", {"+1 min"}, player_));
  view_ = Playing(core::StepKind::kRest);
  EXPECT_EQ(ClickPlayer("+1 min"), Names{"extend_rest"});
}

TEST_F(PlayerClicksTest, MutedTheMuteButtonSaysUnmute) {
  chrome_.muted = true;
  EXPECT_FALSE(ui_.Find("##player", {"Mute"}, player_));
  EXPECT_EQ(ClickPlayer("Unmute"), Names{"toggle_mute"});
}

TEST_F(PlayerClicksTest, WithoutControlsOrInTheAudienceWindowThereAreNoButtons) {
  chrome_.show_controls = false;
  EXPECT_FALSE(ui_.Find("##player", {"Pause"}, player_));
  chrome_.show_controls = true;
  chrome_.audience = true;
  EXPECT_FALSE(ui_.Find("##player", {"Stop"}, player_));
}

TEST_F(PlayerClicksTest, StopThenConfirmOrKeepGoing) {
  EXPECT_EQ(ClickPlayer("Stop"), Names{"stop"});
  chrome_.confirm_stop = true;  // the shell asks
  EXPECT_EQ(Asked(ui_.Click("##confirm_stop", {"Stop"}, player_).release), Names{"confirm_stop"});
  EXPECT_EQ(Asked(ui_.Click("##confirm_stop", {"Keep going"}, player_).release), Names{"cancel_stop"});
}

TEST_F(PlayerClicksTest, EachButtonOfThePresenterReturnsItsOwnAction) {
  EXPECT_EQ(Asked(ui_.Frames(3, presenter_)), Names{});
  EXPECT_EQ(ClickPresenter("Pause"), Names{"toggle_pause"});
  EXPECT_EQ(ClickPresenter("< Previous"), Names{"previous"});
  EXPECT_EQ(ClickPresenter("Next >"), Names{"next"});
  EXPECT_EQ(ClickPresenter("Stop"), Names{"stop"});
  EXPECT_EQ(ClickPresenter("-"), Names{"volume_down"});
  EXPECT_EQ(ClickPresenter("+"), Names{"volume_up"});
  EXPECT_EQ(ClickPresenter("Mute"), Names{"toggle_mute"});
  EXPECT_EQ(ClickPresenter("Fullscreen"), Names{"toggle_fullscreen"});
}

TEST_F(PlayerClicksTest, ThePresenterConfirmsStopInItsOwnDialog) {
  chrome_.confirm_stop = true;
  EXPECT_EQ(Asked(ui_.Click("##confirm_stop", {"Stop"}, presenter_).release), Names{"confirm_stop"});
  EXPECT_EQ(Asked(ui_.Click("##confirm_stop", {"Keep going"}, presenter_).release), Names{"cancel_stop"});
}

}  // namespace
}  // namespace attune::ui
