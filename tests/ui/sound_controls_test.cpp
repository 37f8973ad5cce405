// tests/ui/sound_controls_test.cpp: the sound controls clicked through the headless fixture: the levels
// open and change, and without an audio device the controls say so and take no clicks.
#include "ui/sound_controls.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <functional>

#include "ui/imgui_fixture.hpp"

namespace attune::ui {
namespace {

using testing::ImGuiFixture;

class SoundControlsTest : public ::testing::Test {
 protected:
  ImGuiFixture ui_;
  core::SoundLevels sound_;
  std::string status_;
  std::function<bool()> draw_ = [this] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(600, 500));
    ImGui::Begin("##sound");
    const bool changed = DrawSoundControls(&sound_, status_, 300.0f, ui_.look());
    ImGui::End();
    return changed;
  };
};

TEST_F(SoundControlsTest, MuteAndEachLevelChangeTheirOwnSetting) {
  EXPECT_FALSE(ui_.Frames(2, draw_));
  EXPECT_TRUE(ui_.Click("##sound", {"Mute"}, draw_).release);
  EXPECT_TRUE(sound_.muted);
  EXPECT_FALSE(ui_.Find("##sound", {"Levels", "Voice"}, draw_));  // closed at first
  ui_.Click("##sound", {"Levels"}, draw_);
  ASSERT_TRUE(ui_.Find("##sound", {"Levels", "Ambience"}, draw_));
  const float ambience = sound_.ambience, breath = sound_.breath;
  // A click at the middle of a slider sets it to the middle of its range (voice and cues start at 1).
  const auto clicked = ui_.Click("##sound", {"Levels", "Voice"}, draw_);
  EXPECT_TRUE(clicked.press);
  EXPECT_NEAR(sound_.voice, 0.5f, 0.05f);
  ui_.Click("##sound", {"Levels", "Bells and cues"}, draw_);
  EXPECT_NEAR(sound_.cues, 0.5f, 0.05f);
  EXPECT_FLOAT_EQ(sound_.ambience, ambience);
  EXPECT_FLOAT_EQ(sound_.breath, breath);
}

TEST_F(SoundControlsTest, WithoutADeviceItSaysSoAndTheControlsTakeNoClicks) {
  status_ = "No audio device: playing silently";
  const core::SoundLevels before = sound_;
  EXPECT_FALSE(ui_.Click("##sound", {"Mute"}, draw_).release);
  EXPECT_EQ(sound_.muted, before.muted);
  EXPECT_FLOAT_EQ(sound_.master, before.master);
}

}  // namespace
}  // namespace attune::ui
