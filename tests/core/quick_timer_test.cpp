#include "core/quick_timer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/loader.hpp"
#include "core/timeline.hpp"

namespace attune::core {
namespace {

// Loads and compiles a quick timer's script; every diagnostic (error or warning) fails the test.
// The timer's prompt is spoken in a lead-in before the first breath (no speech source here: the reading
// time plus 1 s); the breathing itself keeps the asked length.
Micros LeadIn(const Timeline& timeline) {
  EXPECT_FALSE(timeline.phases.empty());
  if (timeline.phases.empty() || timeline.phases.front().kind != PhaseKind::kLeadIn) return Micros{0};
  return timeline.phases.front().end - timeline.phases.front().start;
}

Timeline CompileClean(const QuickTimerSpec& spec) {
  const std::string yaml = QuickTimerYaml(spec);
  LoadResult loaded = LoadSessionText(yaml, QuickTimerFileName(spec), ".");
  for (const Diagnostic& d : loaded.diagnostics) ADD_FAILURE() << d.Format() << "\n" << yaml;
  if (!loaded.session) return Timeline{};
  CompileResult compiled = Compile(*loaded.session);
  for (const Diagnostic& d : compiled.diagnostics) ADD_FAILURE() << d.Format() << "\n" << yaml;
  return compiled.timeline.value_or(Timeline{});
}

TEST(QuickTimerTest, BoxForFiveMinutesIsTheExactScript) {
  QuickTimerSpec spec;
  EXPECT_EQ(QuickTimerYaml(spec),
            "# A quick timer, made by Attune. Edit it freely: it is an ordinary session script.\n"
            "attune: 1\n"
            "title: \"Box breathing, 5 min\"\n"
            "summary: \"A quick timer: Box breathing (4-4-4-4) for 5 minutes, for one person.\"\n"
            "tags: [quick timer, breathing, one person]\n"
            "people: 1\n"
            "steps:\n"
            "  - breathe: 4-4-4-4\n"
            "    for: 5m\n"
            "    say: \"Settle in and follow the pacer. You may breathe naturally at any time. If you feel "
            "light-headed, return to natural breathing.\"\n"
            "  - bell: bowl\n");
  EXPECT_EQ(QuickTimerFileName(spec), "quick-box-5min.yaml");
}

TEST(QuickTimerTest, EveryPatternLoadsCleanAloneAndForTwoInEachMode) {
  for (const QuickPattern pattern : kQuickPatterns) {
    for (const auto& [people, mode] : std::vector<std::pair<int, BreathMode>>{{1, BreathMode::kTogether},
                                                                              {2, BreathMode::kTogether},
                                                                              {2, BreathMode::kAlternate},
                                                                              {2, BreathMode::kHalf}}) {
      QuickTimerSpec spec;
      spec.pattern = pattern;
      spec.people = people;
      spec.mode = mode;
      spec.minutes = 10;
      SCOPED_TRACE(QuickTimerTitle(spec));
      const Timeline timeline = CompileClean(spec);
      EXPECT_EQ(timeline.title, QuickTimerTitle(spec));
      EXPECT_EQ(timeline.people, people);
      // Ten minutes of breathing in whole cycles (within half a cycle), then a 5 s bell.
      EXPECT_GT(LeadIn(timeline), Micros{3'000'000});
      EXPECT_NEAR(ToSeconds(timeline.duration - LeadIn(timeline)), 605.0, 10.0);
    }
  }
}

TEST(QuickTimerTest, CoherentForTenMinutesIsSixtyBreathsAndABell) {
  QuickTimerSpec spec;
  spec.pattern = QuickPattern::kCoherent;
  spec.minutes = 10;
  const Timeline timeline = CompileClean(spec);
  EXPECT_EQ(timeline.duration - LeadIn(timeline), 605s);
}

TEST(QuickTimerTest, CustomNumbersKeepTheirDecimalsAndNamesAreQuoted) {
  QuickTimerSpec spec;
  spec.pattern = QuickPattern::kCustom;
  spec.custom = {4.5, 0, 6.25, 1};
  spec.minutes = 2;
  spec.people = 2;
  spec.mode = BreathMode::kAlternate;
  spec.name_a = "Ana \"A\"";
  spec.name_b = "Ben: #2";
  EXPECT_EQ(QuickTimerTitle(spec), "Breathing 4.5-0-6.25-1, 2 min, alternate");
  EXPECT_EQ(QuickTimerFileName(spec), "quick-custom-4-5-0-6-25-1-2min-alternate.yaml");
  const Timeline timeline = CompileClean(spec);
  EXPECT_EQ(timeline.a.name, "Ana \"A\"");
  EXPECT_EQ(timeline.b.name, "Ben: #2");
  // 11.75 s cycles: 120 / 11.75 = 10.2 -> 10 cycles, 117.5 s, then the bell.
  EXPECT_EQ(timeline.duration - LeadIn(timeline), 122'500'000us);
}

TEST(QuickTimerTest, BuildGivesATimelineToPlayWithoutSaving) {
  QuickTimerSpec spec;
  spec.pattern = QuickPattern::k478;
  spec.minutes = 1;
  const QuickTimerBuild build = BuildQuickTimer(spec);
  ASSERT_TRUE(build.timeline.has_value());
  EXPECT_TRUE(build.problems.empty());
  EXPECT_EQ(build.yaml, QuickTimerYaml(spec));
  EXPECT_EQ(build.timeline->file, "");
  EXPECT_EQ(build.timeline->title, "4-7-8 breathing, 1 min");
  // 60 / 19 = 3.2 -> 3 cycles of 19 s, then the bell, after the prompt's lead-in.
  EXPECT_EQ(build.timeline->duration - LeadIn(*build.timeline), 62s);
  spec.minutes = 0;
  EXPECT_FALSE(BuildQuickTimer(spec).timeline.has_value());
}

TEST(QuickTimerTest, ProblemsAreSentencesAboutTheNumbers) {
  QuickTimerSpec spec;
  spec.pattern = QuickPattern::kCustom;
  spec.custom = {0.2, -1, 100, 30};
  spec.minutes = 0;
  EXPECT_EQ(QuickTimerProblems(spec), (std::vector<std::string>{
                                          "Minutes must be from 1 to 240 (got 0).",
                                          "Breathe in must be at least 0.5 s (got 0.2 s).",
                                          "Hold must be at least 0 s (got -1 s).",
                                          "A breath may last at most 2 minutes (got 129.2 s).",
                                      }));
  EXPECT_TRUE(QuickTimerProblems(QuickTimerSpec{}).empty());
}

TEST(QuickTimerTest, SavingNeverOverwritesAndLeavesNoTemporaryFile) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("attune-quick-timer-test-" + std::to_string(getpid()));
  fs::remove_all(dir);
  QuickTimerSpec spec;
  const QuickTimerSave first = SaveQuickTimer(spec, (dir / "sessions").string());
  const QuickTimerSave second = SaveQuickTimer(spec, (dir / "sessions").string());
  ASSERT_TRUE(first.ok) << first.error;
  ASSERT_TRUE(second.ok) << second.error;
  EXPECT_EQ(first.path, (dir / "sessions" / "quick-box-5min.yaml").string());
  EXPECT_EQ(second.path, (dir / "sessions" / "quick-box-5min-2.yaml").string());
  std::ifstream in(first.path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), QuickTimerYaml(spec));
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "sessions")) ++files;
  EXPECT_EQ(files, 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace attune::core
