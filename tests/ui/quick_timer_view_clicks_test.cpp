// tests/ui/quick_timer_view_clicks_test.cpp: the quick timer clicked through the headless fixture: each
// choice returns the changed spec, Start and Save return theirs, and with problems neither can be clicked.
#include <gtest/gtest.h>

#include <functional>

#include "ui/imgui_fixture.hpp"
#include "ui/quick_timer_view.hpp"

namespace attune::ui {
namespace {

using testing::ImGuiFixture;

QuickTimerView Box() {
  QuickTimerView view;
  view.spec.pattern = core::QuickPattern::kBox;
  view.spec.minutes = 5;
  view.title = "Box breathing, 5 minutes";
  view.length = "5 min 5 s";
  return view;
}

bool Nothing(const QuickTimerActions& a) { return !a.spec && !a.start && !a.save && !a.back; }

class QuickTimerClicksTest : public ::testing::Test {
 protected:
  ImGuiFixture ui_;
  QuickTimerView view_ = Box();
  std::function<QuickTimerActions()> draw_ = [this] { return DrawQuickTimer(view_, ui_.look()); };
  // The table the choices are laid out in pushes its own ID.
  static constexpr const char* kTable = "##quick_timer_columns";
};

TEST_F(QuickTimerClicksTest, DrawingAloneAsksForNothing) { EXPECT_TRUE(Nothing(ui_.Frames(3, draw_))); }

TEST_F(QuickTimerClicksTest, StartSaveAndBackReturnTheirActions) {
  const auto start = ui_.Click("##quick_timer", {"Start"}, draw_);
  EXPECT_TRUE(Nothing(start.press));
  EXPECT_TRUE(start.release.start);
  EXPECT_FALSE(start.release.save || start.release.back || start.release.spec);
  const QuickTimerActions save = ui_.Click("##quick_timer", {"Save as session"}, draw_).release;
  EXPECT_TRUE(save.save);
  EXPECT_FALSE(save.start || save.back);
  const QuickTimerActions back = ui_.Click("##quick_timer", {"Back"}, draw_).release;
  EXPECT_TRUE(back.back);
  EXPECT_FALSE(back.start || back.save);
}

TEST_F(QuickTimerClicksTest, WithProblemsStartAndSaveDoNothing) {
  view_.problems = {"Breathe in must be at least 0.5 s."};
  view_.length.clear();
  EXPECT_TRUE(Nothing(ui_.Click("##quick_timer", {"Start"}, draw_).release));
  EXPECT_TRUE(Nothing(ui_.Click("##quick_timer", {"Save as session"}, draw_).release));
}

TEST_F(QuickTimerClicksTest, ChoosingYourOwnPatternReturnsTheSpecWithIt) {
  const QuickTimerActions chosen = ui_.Click("##quick_timer", {kTable, "Your own"}, draw_).release;
  ASSERT_TRUE(chosen.spec);
  EXPECT_EQ(chosen.spec->pattern, core::QuickPattern::kCustom);
  EXPECT_EQ(chosen.spec->minutes, 5);
  EXPECT_FALSE(chosen.start);
}

TEST_F(QuickTimerClicksTest, TwoOfUsReturnsTwoPeopleAndThenOffersTheModes) {
  EXPECT_FALSE(ui_.Find("##quick_timer", {kTable, "Together: in and out at once"}, draw_));
  const QuickTimerActions two = ui_.Click("##quick_timer", {kTable, "Two of us"}, draw_).release;
  ASSERT_TRUE(two.spec);
  EXPECT_EQ(two.spec->people, 2);
  view_.spec = *two.spec;
  const QuickTimerActions half =
      ui_.Click("##quick_timer", {kTable, "Half: B takes one breath for two of A's"}, draw_).release;
  ASSERT_TRUE(half.spec);
  EXPECT_EQ(half.spec->mode, core::BreathMode::kHalf);
  EXPECT_EQ(half.spec->people, 2);
  const QuickTimerActions one = ui_.Click("##quick_timer", {kTable, "Just me"}, draw_).release;
  ASSERT_TRUE(one.spec);
  EXPECT_EQ(one.spec->people, 1);
}

TEST_F(QuickTimerClicksTest, PressingTheMinutesSliderInItsMiddleSetsAboutThirty) {
  const auto clicked = ui_.Click("##quick_timer", {kTable, "##minutes"}, draw_);
  ASSERT_TRUE(clicked.press.spec);
  EXPECT_NEAR(clicked.press.spec->minutes, 30, 1);
  EXPECT_EQ(clicked.press.spec->pattern, core::QuickPattern::kBox);
}

}  // namespace
}  // namespace attune::ui
