// tests/core/agenda_test.cpp: the agenda of sessions named on the command line (or the default one).
#include "core/agenda.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/library.hpp"
#include "core/navigation.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;

// A library as a table: path -> loaded ok; paths not in it are not listed.
EntryLookup Table(std::map<std::string, bool> entries) {
  return [entries](const std::string& path) {
    const auto it = entries.find(path);
    return it == entries.end() ? EntryStatus{} : EntryStatus{true, it->second};
  };
}

const std::vector<std::string> kThree = {"/s/a.yaml", "/s/b.yaml", "/s/c.yaml"};

TEST(AgendaTest, TheFilesNamedOnTheCommandLineAreTheAgendaInOrder) {
  const Agenda agenda = Agenda::AtStart(kThree, "/s/last.yaml", "/builtin/bt.yaml",
                                        Table({{"/s/last.yaml", true}, {"/builtin/bt.yaml", true}}));
  EXPECT_EQ(agenda.items(), kThree);
  EXPECT_EQ(agenda.current(), 0u);
  EXPECT_EQ(agenda.CurrentPath(), "/s/a.yaml");
}

TEST(AgendaTest, WithoutFilesTheLastSessionPlayedWhenItStillLoads) {
  const Agenda agenda = Agenda::AtStart({}, "/s/last.yaml", "/builtin/bt.yaml",
                                        Table({{"/s/last.yaml", true}, {"/builtin/bt.yaml", true}}));
  EXPECT_EQ(agenda.items(), (std::vector<std::string>{"/s/last.yaml"}));
}

TEST(AgendaTest, ALastSessionThatVanishedOrBrokeGivesWayToTheBuiltInOne) {
  const EntryLookup lookup = Table({{"/s/broken.yaml", false}, {"/builtin/bt.yaml", true}});
  EXPECT_EQ(Agenda::AtStart({}, "/s/gone.yaml", "/builtin/bt.yaml", lookup).items(),
            (std::vector<std::string>{"/builtin/bt.yaml"}));
  EXPECT_EQ(Agenda::AtStart({}, "/s/broken.yaml", "/builtin/bt.yaml", lookup).items(),
            (std::vector<std::string>{"/builtin/bt.yaml"}));
  EXPECT_EQ(Agenda::AtStart({}, "", "/builtin/bt.yaml", lookup).items(),
            (std::vector<std::string>{"/builtin/bt.yaml"}));
}

TEST(AgendaTest, TheFallbackIsUsedEvenBrokenButNotWhenUnlisted) {
  EXPECT_EQ(Agenda::AtStart({}, "", "/builtin/bt.yaml", Table({{"/builtin/bt.yaml", false}})).items(),
            (std::vector<std::string>{"/builtin/bt.yaml"}));
  EXPECT_TRUE(Agenda::AtStart({}, "", "/builtin/bt.yaml", Table({})).empty());
  EXPECT_TRUE(Agenda::AtStart({}, "/s/gone.yaml", "", Table({})).empty());
}

TEST(AgendaTest, SelectMovesTheCurrentItemWithinTheAgendaOnly) {
  Agenda agenda(kThree);
  EXPECT_TRUE(agenda.Select(2));
  EXPECT_EQ(agenda.CurrentPath(), "/s/c.yaml");
  EXPECT_FALSE(agenda.Select(3));
  EXPECT_EQ(agenda.current(), 2u);
  EXPECT_EQ(Agenda().CurrentPath(), "");
  EXPECT_FALSE(Agenda().Select(0));
}

TEST(AgendaTest, TheOpenSessionIsTheCurrentItemOnlyByItsPath) {
  Agenda agenda(kThree);
  EXPECT_TRUE(agenda.IsCurrent("/s/a.yaml"));
  EXPECT_FALSE(agenda.IsCurrent("/s/b.yaml"));
  EXPECT_FALSE(agenda.IsCurrent(""));  // a quick timer
  EXPECT_FALSE(Agenda().IsCurrent(""));
}

TEST(AgendaTest, NextIsTheFollowingItemWhileTheCurrentOneIsOpen) {
  Agenda agenda(kThree);
  EXPECT_EQ(agenda.Next("/s/a.yaml"), "/s/b.yaml");
  EXPECT_EQ(agenda.Next("/s/other.yaml"), std::nullopt);
  agenda.Select(1);
  EXPECT_EQ(agenda.Next("/s/b.yaml"), "/s/c.yaml");
  agenda.Select(2);
  EXPECT_EQ(agenda.Next("/s/c.yaml"), std::nullopt);
}

TEST(AgendaTest, TextCountsSessionsOnlyForTheCurrentItemOfTwoOrMore) {
  Agenda agenda(kThree);
  EXPECT_EQ(agenda.Text("/s/a.yaml"), "Session 1 of 3");
  EXPECT_EQ(agenda.Text("/s/b.yaml"), "");
  agenda.Select(1);
  EXPECT_EQ(agenda.Text("/s/b.yaml"), "Session 2 of 3");
  EXPECT_EQ(agenda.Text(""), "");
  EXPECT_EQ(Agenda({"/s/a.yaml"}).Text("/s/a.yaml"), "");
  EXPECT_EQ(Agenda().Text(""), "");
}

TEST(AgendaTest, ItemsSurviveTheLibraryResorting) {
  const fs::path dir = fs::temp_directory_path() / ("attune-agenda-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& title) {
    std::ofstream(dir / name) << "attune: 1\ntitle: " << title
                              << "\nsteps:\n  - breathe: 4-6\n    cycles: 2\n";
    return (dir / name).string();
  };
  const std::string zen = write("zen.yaml", "Zen");
  const std::string mid = write("mid.yaml", "Mid");
  Library library;
  library.AddFile(zen);
  library.AddFile(mid);
  Agenda agenda({zen, mid});
  const int mid_before = library.Find(mid);
  library.AddFile(write("aaa.yaml", "Aaa"));  // sorts first: every index moves
  ASSERT_NE(library.Find(mid), mid_before);
  const std::optional<std::string> next = agenda.Next(zen);
  ASSERT_TRUE(next.has_value());
  const LibraryEntry* entry = FindEntry(library, *next);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->title, "Mid");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace attune::core
