// tests/ui/history_view_clicks_test.cpp: the history screen's Back and Dismiss clicked through the headless
// fixture.
#include <gtest/gtest.h>

#include <functional>

#include "ui/history_view.hpp"
#include "ui/imgui_fixture.hpp"

namespace attune::ui {
namespace {

using testing::ImGuiFixture;

class HistoryClicksTest : public ::testing::Test {
 protected:
  ImGuiFixture ui_;
  HistoryView view_ = MakeHistoryView({}, "2026-03-25T22:00:00+01:00", {});
  std::function<HistoryActions()> draw_ = [this] { return DrawHistory(view_, ui_.look()); };
};

TEST_F(HistoryClicksTest, BackReturnsBackOnly) {
  const HistoryActions drawn = ui_.Frames(3, draw_);
  EXPECT_FALSE(drawn.back || drawn.dismiss_notice);
  const auto clicked = ui_.Click("##history", {"Back"}, draw_);
  EXPECT_FALSE(clicked.press.back);
  EXPECT_TRUE(clicked.release.back);
  EXPECT_FALSE(clicked.release.dismiss_notice);
}

TEST_F(HistoryClicksTest, DismissReturnsDismissNotice) {
  EXPECT_FALSE(ui_.Find("##history", {"Dismiss"}, draw_));
  view_.notice = "The history file was damaged and was moved aside.";
  const HistoryActions dismissed = ui_.Click("##history", {"Dismiss"}, draw_).release;
  EXPECT_TRUE(dismissed.dismiss_notice);
  EXPECT_FALSE(dismissed.back);
}

TEST_F(HistoryClicksTest, WithoutAHistoryBackAndDismissStillWork) {
  view_.available = false;
  view_.notice = "No history could be opened.";
  EXPECT_TRUE(ui_.Click("##history", {"Dismiss"}, draw_).release.dismiss_notice);
  EXPECT_TRUE(ui_.Click("##history", {"Back"}, draw_).release.back);
}

}  // namespace
}  // namespace attune::ui
