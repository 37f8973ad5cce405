#include "core/library.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace attune::core {
namespace {

namespace fs = std::filesystem;

const char* kSolo =
    "attune: 1\ntitle: Solo calm\nsummary: Slow breathing.\ntags: [sleep]\nsteps:\n  - breathe: 4-6\n    "
    "cycles: 6\n";
const char* kPair = "attune: 1\ntitle: Pair\npeople: 2\nsteps:\n  - breathe: 5-5\n    for: 12m\n";
const char* kBroken = "attune: 1\ntitle: Broken\nsteps:\n  - breathe: 4-6\n    cycles: 2\n    exhal: 3\n";

class LibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attune-library-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Write("solo.yaml", kSolo);
    Write("pair.yml", kPair);
    Write("broken.yaml", kBroken);
    Write("notes.txt", "not a script");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::vector<std::string> Titles(const Library& library, const LibraryFilter& filter) {
    std::vector<std::string> titles;
    for (const int i : library.Filter(filter))
      titles.push_back(library.entries()[static_cast<std::size_t>(i)].title);
    return titles;
  }
  fs::path dir_;
};

TEST_F(LibraryTest, FolderListsEveryScriptSortedByTitleWithBrokenOnesKept) {
  Library library;
  library.AddFolder(dir_.string(), LibrarySource::kUser);
  EXPECT_EQ(Titles(library, {}), (std::vector<std::string>{"broken.yaml", "Pair", "Solo calm"}));
  const LibraryEntry& broken = library.entries()[0];
  EXPECT_FALSE(broken.ok);
  ASSERT_FALSE(broken.diagnostics.empty());
  EXPECT_EQ(broken.diagnostics[0].line, 6);
  EXPECT_EQ(broken.diagnostics[0].column, 5);
  const LibraryEntry& solo = library.entries()[2];
  EXPECT_TRUE(solo.ok);
  EXPECT_EQ(solo.length, 60s);
  EXPECT_EQ(solo.people, 1);
  EXPECT_EQ(solo.tags, (std::vector<std::string>{"sleep"}));
  EXPECT_NE(solo.timeline, nullptr);
}

TEST_F(LibraryTest, FiltersByTextPeopleAndLength) {
  Library library;
  library.AddFolder(dir_.string(), LibrarySource::kUser);
  LibraryFilter text;
  text.text = "SLEEP";
  EXPECT_EQ(Titles(library, text), (std::vector<std::string>{"Solo calm"}));
  LibraryFilter two;
  two.people = 2;
  EXPECT_EQ(Titles(library, two), (std::vector<std::string>{"Pair"}));
  LibraryFilter short_ones;
  short_ones.length = LengthFilter::kShort;
  EXPECT_EQ(Titles(library, short_ones), (std::vector<std::string>{"Solo calm"}));
  LibraryFilter medium;
  medium.length = LengthFilter::kMedium;
  EXPECT_EQ(Titles(library, medium), (std::vector<std::string>{"Pair"}));
}

TEST_F(LibraryTest, EverydayWordsFindTheSessionsTheyMean) {
  Library library;
  library.AddFolder(ATTUNE_SOURCE_SESSIONS_DIR, LibrarySource::kBuiltIn);
  const auto found = [&](const std::string& text) {
    LibraryFilter filter;
    filter.text = text;
    return Titles(library, filter);
  };
  std::vector<std::string> for_two;
  for (const LibraryEntry& entry : library.entries()) {
    if (entry.people == 2) for_two.push_back(entry.title);
  }
  ASSERT_GE(for_two.size(), 4u);
  for (const char* word : {"couple", "Couples", "coup", "partner", "our relationship"}) {
    std::vector<std::string> titles = found(word);
    std::sort(titles.begin(), titles.end());
    std::vector<std::string> expected = for_two;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(titles, expected) << word;
  }
  const std::vector<std::string> sleep = found("insomnia");
  EXPECT_FALSE(sleep.empty());
  for (const std::string& title : sleep) EXPECT_EQ(std::count(for_two.begin(), for_two.end(), title), 0);
  EXPECT_FALSE(found("anxiety").empty());
  EXPECT_FALSE(found("muscle").empty());
  EXPECT_TRUE(found("xylophone").empty());
  EXPECT_TRUE(found("co").size() < library.entries().size());  // two letters apply no synonym
}

TEST_F(LibraryTest, RefreshReloadsChangedFilesAndNoticesNewAndRemovedOnes) {
  Library library;
  library.AddFolder(dir_.string(), LibrarySource::kUser);
  EXPECT_FALSE(library.Refresh());
  Write("broken.yaml", "attune: 1\ntitle: Fixed now\nsteps:\n  - rest: 1m\n");
  fs::last_write_time(dir_ / "broken.yaml", fs::last_write_time(dir_ / "broken.yaml") + 2s);
  Write("new.yaml", "attune: 1\ntitle: New one\nsteps:\n  - rest: 2m\n");
  fs::remove(dir_ / "pair.yml");
  EXPECT_TRUE(library.Refresh());
  EXPECT_EQ(Titles(library, {}), (std::vector<std::string>{"Fixed now", "New one", "Solo calm"}));
  EXPECT_TRUE(library.entries()[0].ok);
}

TEST_F(LibraryTest, NamedFileIsAddedOnceAndAMissingOneIsListedWithItsError) {
  Library library;
  library.AddFolder(dir_.string(), LibrarySource::kUser);
  EXPECT_EQ(library.AddFile((dir_ / "solo.yaml").string()), library.Find((dir_ / "solo.yaml").string()));
  EXPECT_EQ(library.entries().size(), 3u);
  const int missing = library.AddFile((dir_ / "gone.yaml").string());
  ASSERT_GE(missing, 0);
  EXPECT_FALSE(library.entries()[static_cast<std::size_t>(missing)].ok);
  EXPECT_FALSE(library.entries()[static_cast<std::size_t>(missing)].diagnostics.empty());
}

}  // namespace
}  // namespace attune::core
