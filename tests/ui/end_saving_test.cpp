// tests/ui/end_saving_test.cpp: the end screen's view-model carries the saving state as the saver reports it
// (issue 10: a practice the history could not take is never presented as recorded).
#include <gtest/gtest.h>

#include "ui/screen_models.hpp"
#include "ui/start_screen.hpp"

namespace attune::ui {
namespace {

TEST(EndSavingTest, ANotSavedPracticeSaysSoAndASavedOneSaysNothingMore) {
  core::EndSummary summary;
  summary.title = "Box";
  summary.headline = "You practised for 6 s.";
  const EndView unsaved = MakeEndView(
      summary, "", nullptr, "Not saved: the history file is read-only (/h.sqlite). Attune will retry.");
  EXPECT_EQ(unsaved.saving, "Not saved: the history file is read-only (/h.sqlite). Attune will retry.");
  EXPECT_EQ(unsaved.summary.headline, "You practised for 6 s.");
  EXPECT_EQ(unsaved.streak, "");
  const EndView saved = MakeEndView(summary, "3 days in a row", nullptr);
  EXPECT_EQ(saved.saving, "");
  EXPECT_EQ(saved.streak, "3 days in a row");
}

}  // namespace
}  // namespace attune::ui
