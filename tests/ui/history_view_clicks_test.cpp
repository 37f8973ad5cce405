// tests/ui/history_view_clicks_test.cpp: the history screen's Back, Dismiss, Export CSV and a row's Delete
// (with its question) clicked through the headless fixture.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <vector>

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

std::vector<core::Practice> TwoPractices() {
  core::Practice kept;
  kept.id = 11;
  kept.title = "Box breathing";
  kept.start_utc_us = 1;
  kept.start_local = "2026-03-25T07:05:00+01:00";
  kept.actual = std::chrono::minutes(5);
  kept.planned = std::chrono::minutes(5);
  kept.state = core::PracticeState::kCompleted;
  core::Practice skipped = kept;
  skipped.id = 12;
  skipped.start_utc_us = 2;
  skipped.start_local = "2026-03-25T08:00:00+01:00";
  skipped.actual = std::chrono::seconds(12);
  skipped.skipped = std::chrono::minutes(5) - std::chrono::seconds(12);
  return {kept, skipped};
}

TEST_F(HistoryClicksTest, RowsSayWhatWasSkippedAndWhatIsNotCounted) {
  const HistoryView view = MakeHistoryView(TwoPractices(), "2026-03-25T22:00:00+01:00", {});
  ASSERT_EQ(view.recent.size(), 2u);
  EXPECT_EQ(view.recent[0].id, 12);
  EXPECT_EQ(view.recent[0].length, "12 s of 5 min, 4 min 48 s skipped");
  EXPECT_EQ(view.recent[0].state, "Completed, not counted");
  EXPECT_FALSE(view.recent[0].counted);
  EXPECT_EQ(view.recent[1].length, "5 min of 5 min");
  EXPECT_EQ(view.recent[1].state, "Completed");
  EXPECT_EQ(view.stats.total_sessions, 1);
}

TEST_F(HistoryClicksTest, ExportCsvAsksForTheExport) {
  view_ = MakeHistoryView(TwoPractices(), "2026-03-25T22:00:00+01:00", {});
  const HistoryActions exported = ui_.Click("##history", {"Export CSV"}, draw_).release;
  EXPECT_TRUE(exported.export_csv);
  EXPECT_FALSE(exported.back);
}

TEST_F(HistoryClicksTest, DeleteAsksFirstAndTheQuestionAnswersDeleteOrKeep) {
  view_ = MakeHistoryView(TwoPractices(), "2026-03-25T22:00:00+01:00", {});
  EXPECT_FALSE(ui_.Find("Delete this practice?", {"Delete"}, draw_));
  view_.confirm_delete = 12;
  const HistoryActions yes = ui_.Click("Delete this practice?", {"Delete"}, draw_).release;
  EXPECT_TRUE(yes.confirm_delete);
  EXPECT_FALSE(yes.cancel_delete);
  const HistoryActions no = ui_.Click("Delete this practice?", {"Keep"}, draw_).release;
  EXPECT_TRUE(no.cancel_delete);
  EXPECT_FALSE(no.confirm_delete);
}

}  // namespace
}  // namespace attune::ui
