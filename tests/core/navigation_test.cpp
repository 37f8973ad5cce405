// tests/core/navigation_test.cpp: the screens' state machine, and sessions addressed by path.
#include "core/navigation.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace attune::core {
namespace {

namespace fs = std::filesystem;

TEST(NavigationTest, StartsOnTheLibraryWithNoSessionOpen) {
  const Navigation nav;
  EXPECT_EQ(nav.screen(), Screen::kLibrary);
  EXPECT_EQ(nav.session(), "");
  EXPECT_FALSE(nav.blank());
  EXPECT_FALSE(nav.confirming_stop());
}

TEST(NavigationTest, OpeningAGoodScriptShowsItsStartScreen) {
  Navigation nav;
  EXPECT_TRUE(nav.Open("/s/calm.yaml", true));
  EXPECT_EQ(nav.screen(), Screen::kStart);
  EXPECT_EQ(nav.session(), "/s/calm.yaml");
}

TEST(NavigationTest, OpeningABrokenScriptStaysOnTheLibraryButRemembersIt) {
  Navigation nav;
  EXPECT_TRUE(nav.Open("/s/broken.yaml", false));
  EXPECT_EQ(nav.screen(), Screen::kLibrary);
  EXPECT_EQ(nav.session(), "/s/broken.yaml");
}

TEST(NavigationTest, OpeningWhilePlayingChangesNothing) {
  Navigation nav;
  nav.Open("/s/calm.yaml", true);
  nav.Play("/s/calm.yaml");
  EXPECT_FALSE(nav.Open("/s/dropped.yaml", true));
  EXPECT_EQ(nav.screen(), Screen::kPlayer);
  EXPECT_EQ(nav.session(), "/s/calm.yaml");
}

TEST(NavigationTest, PlayThenFinishThenBackKeepsTheSession) {
  Navigation nav;
  nav.Open("/s/calm.yaml", true);
  nav.Play("/s/calm.yaml");
  EXPECT_EQ(nav.screen(), Screen::kPlayer);
  nav.Finish();
  EXPECT_EQ(nav.screen(), Screen::kEnd);
  nav.Back();
  EXPECT_EQ(nav.screen(), Screen::kLibrary);
  EXPECT_EQ(nav.session(), "/s/calm.yaml");
}

TEST(NavigationTest, AQuickTimerPlaysWithAnEmptyId) {
  Navigation nav;
  nav.Open("/s/calm.yaml", true);
  nav.Back();
  nav.ShowQuickTimer();
  EXPECT_EQ(nav.screen(), Screen::kQuickTimer);
  nav.Play("");
  EXPECT_EQ(nav.screen(), Screen::kPlayer);
  EXPECT_EQ(nav.session(), "");
}

TEST(NavigationTest, PlayAndFinishClearTheBlankScreenAndTheStopQuestion) {
  Navigation nav;
  nav.Play("/s/a.yaml");
  nav.ToggleBlank();
  nav.AskStop();
  EXPECT_TRUE(nav.blank());
  EXPECT_TRUE(nav.confirming_stop());
  nav.Finish();
  EXPECT_FALSE(nav.blank());
  EXPECT_FALSE(nav.confirming_stop());
  nav.SetBlank(true);
  nav.AskStop();
  nav.Play("/s/a.yaml");
  EXPECT_FALSE(nav.blank());
  EXPECT_FALSE(nav.confirming_stop());
  nav.AskStop();
  nav.CancelStop();
  EXPECT_FALSE(nav.confirming_stop());
  nav.ToggleBlank();
  nav.ToggleBlank();
  EXPECT_FALSE(nav.blank());
}

TEST(NavigationTest, HistoryOpensOnlyWhenThereIsOne) {
  Navigation nav;
  EXPECT_FALSE(nav.ShowHistory(false));
  EXPECT_EQ(nav.screen(), Screen::kLibrary);
  EXPECT_TRUE(nav.ShowHistory(true));
  EXPECT_EQ(nav.screen(), Screen::kHistory);
  nav.Back();
  EXPECT_EQ(nav.screen(), Screen::kLibrary);
}

TEST(NavigationTest, ContinueOnTheEndScreenLeavesItForTheNextItemOrGoesToTheLibrary) {
  Navigation nav;
  nav.Play("/s/a.yaml");
  nav.Finish();
  EXPECT_TRUE(nav.Continue(true));
  EXPECT_EQ(nav.screen(), Screen::kEnd);  // the shell opens and plays the next item
  EXPECT_FALSE(nav.Continue(false));
  EXPECT_EQ(nav.screen(), Screen::kLibrary);
}

TEST(NavigationTest, LibraryChangeSendsTheStartScreenBackWhenItsEntryVanishedOrBroke) {
  Navigation vanished;
  vanished.Open("/s/a.yaml", true);
  vanished.LibraryChanged(false, false);
  EXPECT_EQ(vanished.screen(), Screen::kLibrary);
  EXPECT_EQ(vanished.session(), "/s/a.yaml");

  Navigation broke;
  broke.Open("/s/a.yaml", true);
  broke.LibraryChanged(true, false);
  EXPECT_EQ(broke.screen(), Screen::kLibrary);

  Navigation fine;
  fine.Open("/s/a.yaml", true);
  fine.LibraryChanged(true, true);
  EXPECT_EQ(fine.screen(), Screen::kStart);
}

TEST(NavigationTest, LibraryChangeLeavesOtherScreensAlone) {
  Navigation end;
  end.Play("/s/a.yaml");
  end.Finish();
  end.LibraryChanged(false, false);
  EXPECT_EQ(end.screen(), Screen::kEnd);

  Navigation history;
  history.ShowHistory(true);
  history.LibraryChanged(false, false);
  EXPECT_EQ(history.screen(), Screen::kHistory);
}

TEST(NavigationTest, ScreensHaveTheNamesOfTheScreenOption) {
  EXPECT_STREQ(ToString(Screen::kLibrary), "library");
  EXPECT_STREQ(ToString(Screen::kStart), "start");
  EXPECT_STREQ(ToString(Screen::kPlayer), "player");
  EXPECT_STREQ(ToString(Screen::kEnd), "end");
  EXPECT_STREQ(ToString(Screen::kHistory), "history");
  EXPECT_STREQ(ToString(Screen::kQuickTimer), "quick-timer");
}

// With a real library on disk: ids are paths, so they survive re-sorting and notice removal.
class NavigationLibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attune-navigation-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& title, const std::string& extra = "") {
    const fs::path path = dir_ / name;
    std::ofstream(path) << "attune: 1\ntitle: " << title << "\nsteps:\n  - breathe: 4-6\n    cycles: 2\n"
                        << extra;
    return path.string();
  }
  fs::path dir_;
};

TEST_F(NavigationLibraryTest, TheOpenSessionSurvivesTheLibraryResorting) {
  Library library;
  library.AddFolder(dir_.string(), LibrarySource::kUser);
  const std::string mid = Write("mid.yaml", "Middle");
  library.AddFile(mid, LibrarySource::kUser);
  Navigation nav;
  const LibraryEntry* entry = FindEntry(library, mid);
  ASSERT_NE(entry, nullptr);
  nav.Open(entry->path, entry->ok);
  const int index_before = library.Find(mid);
  // A file whose title sorts first moves "Middle" to another index.
  library.AddFile(Write("first.yaml", "Aaa first"), LibrarySource::kUser);
  ASSERT_NE(library.Find(mid), index_before);
  const LibraryEntry* again = FindEntry(library, nav.session());
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->title, "Middle");
  EXPECT_EQ(library.entries()[static_cast<std::size_t>(index_before)].title, "Aaa first");
}

TEST_F(NavigationLibraryTest, ARefreshThatRemovesTheOpenEntryReturnsToTheLibrary) {
  const std::string calm = Write("calm.yaml", "Calm");
  Write("other.yaml", "Other");
  Library library;
  library.AddFolder(dir_.string(), LibrarySource::kUser);
  Navigation nav;
  const LibraryEntry* entry = FindEntry(library, calm);
  ASSERT_NE(entry, nullptr);
  nav.Open(entry->path, entry->ok);
  ASSERT_EQ(nav.screen(), Screen::kStart);
  fs::remove(calm);
  ASSERT_TRUE(library.Refresh());
  const LibraryEntry* now = FindEntry(library, nav.session());
  EXPECT_EQ(now, nullptr);
  nav.LibraryChanged(now != nullptr, now != nullptr && now->ok);
  EXPECT_EQ(nav.screen(), Screen::kLibrary);
}

TEST_F(NavigationLibraryTest, ARefreshThatBreaksTheOpenEntryReturnsToTheLibrary) {
  const std::string calm = Write("calm.yaml", "Calm");
  Library library;
  library.AddFolder(dir_.string(), LibrarySource::kUser);
  Navigation nav;
  const LibraryEntry* entry = FindEntry(library, calm);
  ASSERT_NE(entry, nullptr);
  nav.Open(entry->path, entry->ok);
  // Rewritten with an unknown key (and a different size, so Refresh notices).
  Write("calm.yaml", "Calm", "    exhal: 3\n");
  ASSERT_TRUE(library.Refresh());
  const LibraryEntry* now = FindEntry(library, nav.session());
  ASSERT_NE(now, nullptr);
  EXPECT_FALSE(now->ok);
  nav.LibraryChanged(true, now->ok);
  EXPECT_EQ(nav.screen(), Screen::kLibrary);
}

TEST_F(NavigationLibraryTest, FindEntryFindsNothingForTheEmptyIdOrAnUnlistedPath) {
  Write("calm.yaml", "Calm");
  Library library;
  library.AddFolder(dir_.string(), LibrarySource::kUser);
  EXPECT_EQ(FindEntry(library, ""), nullptr);
  EXPECT_EQ(FindEntry(library, (dir_ / "missing.yaml").string()), nullptr);
  ASSERT_NE(FindEntry(library, (dir_ / "calm.yaml").string()), nullptr);
  EXPECT_EQ(FindEntry(library, (dir_ / "calm.yaml").string())->title, "Calm");
}

}  // namespace
}  // namespace attune::core
