// tests/ui/library_screen_clicks_test.cpp: the library clicked through the headless fixture: a row opens
// that row (a broken one opens nothing), the search, filters, buttons and the settings panel each return
// exactly their action.
#include <gtest/gtest.h>

#include <functional>

#include "ui/imgui_fixture.hpp"
#include "ui/library_screen.hpp"

namespace attune::ui {
namespace {

using testing::IdPart;
using testing::ImGuiFixture;

LibraryRow Row(const std::string& title, bool ok = true) {
  LibraryRow row;
  row.title = title;
  row.ok = ok;
  row.length = ok ? "5 min" : "";
  row.summary = "A summary of " + title + ".";
  row.source = "Built-in";
  row.path = "/sessions/" + title + ".yaml";
  if (!ok) row.diagnostics = {row.path + ":3:5: error: 'breathe' needs a pattern"};
  return row;
}

LibraryView ThreeRows() {
  LibraryView view;
  view.rows = {Row("Box breathing"), Row("Broken", false), Row("Body scan")};
  view.total = 3;
  view.user_folder = "/home/ada/.local/share/attune/sessions";
  view.history_available = true;
  return view;
}

bool Nothing(const LibraryActions& a) {
  return a.open == -1 && !a.filter_text && !a.filter_people && !a.filter_length && !a.toggle_settings &&
         !a.show_history && !a.quick_timer && !a.dismiss_notice && !a.settings && !a.quit && !a.clear_filters;
}

class LibraryClicksTest : public ::testing::Test {
 protected:
  ImGuiFixture ui_;
  LibraryView view_ = ThreeRows();
  std::function<LibraryActions()> draw_ = [this] { return DrawLibrary(view_, ui_.look()); };
};

TEST_F(LibraryClicksTest, DrawingAloneAsksForNothing) { EXPECT_TRUE(Nothing(ui_.Frames(3, draw_))); }

TEST_F(LibraryClicksTest, ClickingARowOpensThatRow) {
  const auto first = ui_.Click("##library/##list", {0, "##row"}, draw_);
  EXPECT_EQ(first.press.open, -1);
  EXPECT_EQ(first.release.open, 0);
  const auto third = ui_.Click("##library/##list", {2, "##row"}, draw_);
  EXPECT_EQ(third.release.open, 2);
  EXPECT_FALSE(third.release.toggle_settings);
}

TEST_F(LibraryClicksTest, ABrokenRowOpensNothing) {
  const auto clicked = ui_.Click("##library/##list", {1, "##row"}, draw_);
  EXPECT_TRUE(Nothing(clicked.release));
}

TEST_F(LibraryClicksTest, TypingInTheSearchReturnsTheText) {
  ui_.Click("##library", {"##search"}, draw_);
  const std::vector<LibraryActions> typed = ui_.Type("box", draw_);
  ASSERT_EQ(typed.size(), 3u);
  ASSERT_TRUE(typed[0].filter_text);
  EXPECT_EQ(*typed[0].filter_text, "b");
  ASSERT_TRUE(typed[2].filter_text);
  EXPECT_EQ(*typed[2].filter_text, "box");
  EXPECT_EQ(typed[2].open, -1);
}

TEST_F(LibraryClicksTest, ThePeopleFilterReturnsTheChosenIndex) {
  EXPECT_TRUE(Nothing(ui_.Click("##library", {"##people"}, draw_).release));
  ui_.Frame(draw_);
  const LibraryActions chosen = ui_.Click("##Combo_00", {IdPart(2), "Two people"}, draw_).release;
  ASSERT_TRUE(chosen.filter_people);
  EXPECT_EQ(*chosen.filter_people, 2);
  EXPECT_FALSE(chosen.filter_length);
}

TEST_F(LibraryClicksTest, TheLengthFilterReturnsTheChosenLength) {
  ui_.Click("##library", {"##length"}, draw_);
  ui_.Frame(draw_);
  const LibraryActions chosen = ui_.Click("##Combo_00", {IdPart(3), "Over 30 min"}, draw_).release;
  ASSERT_TRUE(chosen.filter_length);
  EXPECT_EQ(*chosen.filter_length, core::LengthFilter::kLong);
  EXPECT_FALSE(chosen.filter_people);
}

TEST_F(LibraryClicksTest, EachButtonReturnsItsOwnAction) {
  const LibraryActions quick = ui_.Click("##library", {"Quick timer"}, draw_).release;
  EXPECT_TRUE(quick.quick_timer);
  EXPECT_FALSE(quick.show_history || quick.toggle_settings);
  const LibraryActions history = ui_.Click("##library", {"History"}, draw_).release;
  EXPECT_TRUE(history.show_history);
  EXPECT_FALSE(history.quick_timer || history.toggle_settings);
  const LibraryActions settings = ui_.Click("##library", {"Settings"}, draw_).release;
  EXPECT_TRUE(settings.toggle_settings);
  EXPECT_FALSE(settings.quick_timer || settings.show_history);
}

TEST_F(LibraryClicksTest, WhenNothingMatchesClearFiltersIsOffered) {
  EXPECT_FALSE(ui_.Find("##library/##list", {"Clear filters"}, draw_));
  view_.rows.clear();
  view_.filter.text = "xylophone";
  const LibraryActions cleared = ui_.Click("##library/##list", {"Clear filters"}, draw_).release;
  EXPECT_TRUE(cleared.clear_filters);
  EXPECT_EQ(cleared.open, -1);
  view_.total = 0;  // no sessions at all: nothing to clear
  EXPECT_FALSE(ui_.Find("##library/##list", {"Clear filters"}, draw_));
}

TEST_F(LibraryClicksTest, WithoutAHistoryThereIsNoHistoryButton) {
  view_.history_available = false;
  EXPECT_FALSE(ui_.Find("##library", {"History"}, draw_));
  EXPECT_TRUE(ui_.Click("##library", {"Settings"}, draw_).release.toggle_settings);
}

TEST_F(LibraryClicksTest, DismissReturnsDismissNotice) {
  view_.notice = "Your settings file could not be read.";
  const LibraryActions dismissed = ui_.Click("##library", {"Dismiss"}, draw_).release;
  EXPECT_TRUE(dismissed.dismiss_notice);
  EXPECT_EQ(dismissed.open, -1);
}

TEST_F(LibraryClicksTest, TheOpenSettingsPanelClosesAndChangesSettings) {
  view_.show_settings = true;
  EXPECT_FALSE(ui_.Find("##library", {"Settings"}, draw_));
  EXPECT_TRUE(ui_.Click("##library", {"Close settings"}, draw_).release.toggle_settings);
  const LibraryActions mute = ui_.Click("##library/##settings", {"Mute"}, draw_).release;
  ASSERT_TRUE(mute.settings);
  EXPECT_TRUE(mute.settings->sound.muted);
  EXPECT_FALSE(mute.settings->reduced_motion);
  const LibraryActions reduced =
      ui_.Click("##library/##settings", {"Reduced motion (nothing grows)"}, draw_).release;
  ASSERT_TRUE(reduced.settings);
  EXPECT_TRUE(reduced.settings->reduced_motion);
  const auto volume = ui_.Click("##library/##settings", {"Volume"}, draw_);
  ASSERT_TRUE(volume.press.settings);
  EXPECT_NEAR(volume.press.settings->sound.master, 0.5f, 0.05f);
}

TEST_F(LibraryClicksTest, TheThemeComboReturnsTheLightTheme) {
  view_.show_settings = true;
  ui_.Click("##library/##settings", {"Theme"}, draw_);
  ui_.Frame(draw_);
  const LibraryActions chosen = ui_.Click("##Combo_00", {IdPart(1), "Light"}, draw_).release;
  ASSERT_TRUE(chosen.settings);
  EXPECT_EQ(chosen.settings->theme, core::Theme::kLight);
}

}  // namespace
}  // namespace attune::ui
