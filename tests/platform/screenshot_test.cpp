// tests/platform/screenshot_test.cpp: the startup plan read from the command line (--start, --at,
// --paused, --blank, --screen, with and without --screenshot).
#include "platform/screenshot.hpp"

#include <gtest/gtest.h>

namespace attune::platform {
namespace {

using core::Micros;

AppOptions Shot(double at, const std::string& screen = "") {
  AppOptions options;
  options.screenshot = "out.png";
  options.at = at;
  options.screen = screen;
  return options;
}

TEST(StartupPlanTest, NoOptionsOpensTheFirstItemWithoutPlaying) {
  const StartupPlan plan = PlanStartup(AppOptions{});
  EXPECT_FALSE(plan.play);
  EXPECT_LT(plan.seek.count(), 0);
  EXPECT_FALSE(plan.pause);
  EXPECT_FALSE(plan.shot_player);
  EXPECT_FALSE(plan.screen.has_value());
}

TEST(StartupPlanTest, StartAtAndPausedPlayFromThatTimeAndPause) {
  AppOptions options;
  options.start = true;
  options.at = 12.5;
  options.paused = true;
  const StartupPlan plan = PlanStartup(options);
  EXPECT_TRUE(plan.play);
  EXPECT_EQ(plan.seek, Micros{12'500'000});
  EXPECT_TRUE(plan.pause);
  EXPECT_FALSE(plan.shot_player);
}

TEST(StartupPlanTest, StartAtZeroPlaysFromTheBeginning) {
  AppOptions options;
  options.start = true;
  options.at = 0.0;
  EXPECT_LT(PlanStartup(options).seek.count(), 0);
}

TEST(StartupPlanTest, AScreenshotNeverPlaysLiveButShowsThePlayerAtTheGivenTime) {
  AppOptions options = Shot(40.0);
  options.start = true;
  options.paused = true;
  options.blank = true;
  const StartupPlan plan = PlanStartup(options);
  EXPECT_FALSE(plan.play);
  EXPECT_FALSE(plan.pause);
  EXPECT_TRUE(plan.shot_player);
  EXPECT_EQ(plan.shot_at, Micros{40'000'000});
  EXPECT_TRUE(plan.shot_paused);
  EXPECT_TRUE(plan.shot_blank);
}

TEST(StartupPlanTest, AScreenshotWithoutAtShowsTheFirstScreenUnlessThePlayerOrEndIsAsked) {
  EXPECT_FALSE(PlanStartup(Shot(-1.0)).shot_player);
  EXPECT_FALSE(PlanStartup(Shot(-1.0, "start")).shot_player);
  const StartupPlan player = PlanStartup(Shot(-1.0, "player"));
  EXPECT_TRUE(player.shot_player);
  EXPECT_EQ(player.shot_at, Micros{0});
  EXPECT_FALSE(player.screen.has_value());
  const StartupPlan end = PlanStartup(Shot(-1.0, "end"));
  EXPECT_TRUE(end.shot_player);
  EXPECT_EQ(end.screen, core::Screen::kEnd);
}

TEST(StartupPlanTest, ScreenNamesTheFirstScreen) {
  EXPECT_EQ(PlanStartup(Shot(-1.0, "library")).screen, core::Screen::kLibrary);
  EXPECT_EQ(PlanStartup(Shot(-1.0, "history")).screen, core::Screen::kHistory);
  EXPECT_EQ(PlanStartup(Shot(-1.0, "quick-timer")).screen, core::Screen::kQuickTimer);
  EXPECT_FALSE(PlanStartup(Shot(-1.0, "start")).screen.has_value());
  EXPECT_FALSE(PlanStartup(Shot(-1.0, "nonsense")).screen.has_value());
}

}  // namespace
}  // namespace attune::platform
