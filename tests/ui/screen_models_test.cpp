// tests/ui/screen_models_test.cpp: the view-models the screens draw from, built from plain inputs.
#include "ui/screen_models.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace attune::ui {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

core::LibraryEntry Entry(const std::string& title, bool ok = true) {
  core::LibraryEntry entry;
  entry.path = "/s/" + title + ".yaml";
  entry.title = title;
  entry.ok = ok;
  entry.length = 90s;
  return entry;
}

// A two-person timeline with `count` steps of 10 s each, titled "Step 1", "Step 2", ...
std::shared_ptr<const core::Timeline> Steps(std::size_t count) {
  auto timeline = std::make_shared<core::Timeline>();
  timeline->people = 2;
  timeline->a.name = "Partner A";
  timeline->a.color = "#6fa8dc";
  timeline->b.name = "Partner B";
  timeline->b.color = "#e69138";
  for (std::size_t i = 0; i < count; ++i) {
    core::TimelineStep step;
    step.start = core::Micros(static_cast<std::int64_t>(i) * 10'000'000);
    step.end = step.start + 10s;
    step.title = "Step " + std::to_string(i + 1);
    timeline->steps.push_back(step);
  }
  return timeline;
}

TEST(ScreenModelsTest, LibraryViewShowsTheVisibleRowsInTheirOrderAndCountsAll) {
  const std::vector<core::LibraryEntry> entries = {Entry("Alpha"), Entry("Beta"), Entry("Gamma", false)};
  LibraryScreenState state;
  state.filter.text = "a";
  state.selected = 1;
  state.show_settings = true;
  core::Settings settings;
  settings.name_a = "Ann";
  const LibraryView view =
      MakeLibraryView(entries, {2, 0}, state, settings, "Settings were reset.", "/home/u/attune", true);
  ASSERT_EQ(view.rows.size(), 2u);
  EXPECT_EQ(view.rows[0].title, "Gamma");
  EXPECT_FALSE(view.rows[0].ok);
  EXPECT_EQ(view.rows[0].length, "");
  EXPECT_EQ(view.rows[1].title, "Alpha");
  EXPECT_EQ(view.rows[1].length, "1 min 30 s");
  EXPECT_EQ(view.total, 3);
  EXPECT_EQ(view.filter.text, "a");
  EXPECT_EQ(view.selected, 1);
  EXPECT_TRUE(view.show_settings);
  EXPECT_TRUE(view.history_available);
  EXPECT_EQ(view.notice, "Settings were reset.");
  EXPECT_EQ(view.user_folder, "/home/u/attune");
  EXPECT_EQ(view.settings.name_a, "Ann");
}

TEST(ScreenModelsTest, LibrarySelectionIsClampedToTheRowsOrNoneWithoutRows) {
  const std::vector<core::LibraryEntry> entries = {Entry("Alpha"), Entry("Beta")};
  LibraryScreenState state;
  state.selected = 7;
  state.scroll_to_selected = true;
  EXPECT_EQ(MakeLibraryView(entries, {0, 1}, state, {}, "", "", false).selected, 1);
  EXPECT_TRUE(MakeLibraryView(entries, {0, 1}, state, {}, "", "", false).scroll_to_selected);
  state.selected = -3;
  EXPECT_EQ(MakeLibraryView(entries, {0, 1}, state, {}, "", "", false).selected, 0);
  const LibraryView none = MakeLibraryView(entries, {}, state, {}, "", "", false);
  EXPECT_EQ(none.selected, -1);
  EXPECT_TRUE(none.rows.empty());
  EXPECT_EQ(none.total, 2);
  EXPECT_FALSE(none.history_available);
}

TEST(ScreenModelsTest, StartViewListsTwentyFourStepsThenHowManyMore) {
  core::LibraryEntry entry = Entry("Long");
  entry.timeline = Steps(27);
  const StartView view = MakeStartView(entry, {}, "", "");
  ASSERT_EQ(view.steps.size(), 25u);
  EXPECT_EQ(view.steps[0], "Step 1   10 s");
  EXPECT_EQ(view.steps[23], "Step 24   10 s");
  EXPECT_EQ(view.steps[24], "... and 3 more");
}

TEST(ScreenModelsTest, StartViewListsEveryStepOfAShortSession) {
  core::LibraryEntry entry = Entry("Short");
  entry.timeline = Steps(24);
  const StartView view = MakeStartView(entry, {}, "", "");
  ASSERT_EQ(view.steps.size(), 24u);
  EXPECT_EQ(view.steps.back(), "Step 24   10 s");
}

TEST(ScreenModelsTest, StartViewShowsTheEntryAndTheRememberedNamesElseTheScripts) {
  core::LibraryEntry entry = Entry("Together");
  entry.summary = "Breathe as one.";
  entry.people = 2;
  entry.tags = {"two people", "beginner"};
  entry.timeline = Steps(1);
  core::Settings settings;
  settings.name_a = "Ann";
  const StartView view = MakeStartView(entry, settings, "Session 2 of 3", "Settings were reset.");
  EXPECT_EQ(view.title, "Together");
  EXPECT_EQ(view.summary, "Breathe as one.");
  EXPECT_EQ(view.length, "1 min 30 s");
  EXPECT_EQ(view.people, 2);
  EXPECT_EQ(view.tags, "two people  ·  beginner");
  EXPECT_EQ(view.name_a, "Ann");
  EXPECT_EQ(view.name_b, "Partner B");
  EXPECT_EQ(view.colour_a, "#6fa8dc");
  EXPECT_EQ(view.colour_b, "#e69138");
  EXPECT_EQ(view.agenda, "Session 2 of 3");
  EXPECT_EQ(view.notice, "Settings were reset.");
  EXPECT_EQ(view.settings.name_a, "Ann");
}

TEST(ScreenModelsTest, StartViewCarriesEveryDiagnosticAsAWarning) {
  core::LibraryEntry entry = Entry("Warned");
  core::Diagnostic d;
  d.file = "warned.yaml";
  d.line = 3;
  d.column = 5;
  d.severity = core::Severity::kWarning;
  d.message = "this prompt runs past its step";
  entry.diagnostics = {d};
  const StartView view = MakeStartView(entry, {}, "", "");
  EXPECT_EQ(view.warnings, (std::vector<std::string>{d.Format()}));
  EXPECT_TRUE(view.steps.empty());  // no timeline: no steps, no names
  EXPECT_EQ(view.name_a, "");
}

TEST(ScreenModelsTest, StartViewOfARealScriptUsesTheCompilersStepTitles) {
  const fs::path path =
      fs::temp_directory_path() / ("attune-screen-models-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "attune: 1\ntitle: Real\nsteps:\n  - breathe: 4-6\n    cycles: 3\n  - rest: 1m\n";
  const core::LibraryEntry entry = core::LoadLibraryEntry(path.string(), core::LibrarySource::kNamed, {});
  fs::remove(path);
  ASSERT_TRUE(entry.ok);
  const StartView view = MakeStartView(entry, {}, "", "");
  ASSERT_EQ(view.steps.size(), 2u);
  EXPECT_EQ(view.steps[0], "Breathe 4-6   30 s");
  EXPECT_EQ(view.length, "1 min 30 s");
}

TEST(ScreenModelsTest, ChromeFollowsTheInputsAndTheSettings) {
  ChromeInputs inputs;
  inputs.mouse_recent = true;
  inputs.blank = true;
  inputs.audience = true;
  inputs.confirm_stop = true;
  inputs.audio_status = "No audio device: playing silently";
  inputs.agenda = "Session 1 of 2";
  core::Settings settings;
  settings.reduced_motion = true;
  settings.pacer_style = core::PacerStyle::kBar;
  settings.sound.master = 0.35f;
  settings.sound.muted = true;
  const PlayerChrome chrome = MakePlayerChrome(inputs, settings);
  EXPECT_TRUE(chrome.show_controls);
  EXPECT_TRUE(chrome.blank);
  EXPECT_TRUE(chrome.audience);
  EXPECT_TRUE(chrome.confirm_stop);
  EXPECT_TRUE(chrome.reduced_motion);
  EXPECT_EQ(chrome.pacer_style, core::PacerStyle::kBar);
  EXPECT_FLOAT_EQ(chrome.volume, 0.35f);
  EXPECT_TRUE(chrome.muted);
  EXPECT_EQ(chrome.notice, "No audio device: playing silently");
  EXPECT_EQ(chrome.agenda, "Session 1 of 2");
  inputs.mouse_recent = false;
  EXPECT_FALSE(MakePlayerChrome(inputs, settings).show_controls);
}

TEST(ScreenModelsTest, AScreenshotShowsNoControlsAndNoAudioNotice) {
  ChromeInputs inputs;
  inputs.screenshot = true;
  inputs.mouse_recent = true;
  inputs.audio_status = "No audio device: playing silently";
  inputs.agenda = "Session 1 of 2";
  const PlayerChrome chrome = MakePlayerChrome(inputs, {});
  EXPECT_FALSE(chrome.show_controls);
  EXPECT_EQ(chrome.notice, "");
  EXPECT_EQ(chrome.agenda, "Session 1 of 2");
}

TEST(ScreenModelsTest, EndViewNamesTheNextSessionWhenThereIsOne) {
  core::EndSummary summary;
  summary.title = "Calm";
  summary.headline = "You practised for 1 min 30 s.";
  const core::LibraryEntry next = Entry("Body scan");
  const EndView view = MakeEndView(summary, "3 days in a row", &next);
  EXPECT_EQ(view.summary.title, "Calm");
  EXPECT_EQ(view.summary.headline, "You practised for 1 min 30 s.");
  EXPECT_EQ(view.streak, "3 days in a row");
  EXPECT_EQ(view.next, "Body scan");
  EXPECT_EQ(MakeEndView(summary, "", nullptr).next, "");
}

TEST(ScreenModelsTest, StreakLineReadsAsAPersonSaysIt) {
  EXPECT_EQ(StreakLine(0), "");
  EXPECT_EQ(StreakLine(1), "Your first day of a new streak");
  EXPECT_EQ(StreakLine(2), "2 days in a row");
  EXPECT_EQ(StreakLine(12), "12 days in a row");
}

TEST(ScreenModelsTest, WindowTitleNamesTheOpenSessionOffTheLibrary) {
  const core::LibraryEntry calm = Entry("Calm");
  EXPECT_EQ(WindowTitle(core::Screen::kStart, &calm), "Calm — Attune");
  EXPECT_EQ(WindowTitle(core::Screen::kPlayer, &calm), "Calm — Attune");
  EXPECT_EQ(WindowTitle(core::Screen::kLibrary, &calm), "Attune");
  EXPECT_EQ(WindowTitle(core::Screen::kPlayer, nullptr), "Attune");
}

}  // namespace
}  // namespace attune::ui
