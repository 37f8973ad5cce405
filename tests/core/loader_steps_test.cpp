// The loader's step kinds: breathe (all five pattern forms), body_scan, pmr, rest, bell, turns, repeat, use.
#include <gtest/gtest.h>

#include "core/test_util.hpp"

namespace attune::core {
namespace {

using testing::Check;
using testing::Formatted;
using testing::Lines;
using testing::LoadOrDie;
using testing::LoadText;

using testing::kHead;
using testing::kHead2;

std::vector<std::pair<PhaseKind, Micros>> Phases(const Pattern& pattern) {
  std::vector<std::pair<PhaseKind, Micros>> out;
  for (const PatternPhase& p : pattern.phases) out.emplace_back(p.kind, p.length);
  return out;
}

const BreatheStep& Breathe(const Session& s, std::size_t i) {
  return std::get<BreatheStep>(s.steps.at(i).body);
}

TEST(LoaderBreatheTest, CompactPatternsOfTwoThreeAndFourNumbers) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - breathe: 4-6\n    cycles: 1\n  - breathe: 4-7-8\n    cycles: 1\n"
                              "  - breathe: 4-4-4-4\n    cycles: 1\n  - breathe: 5.45-5.45\n    cycles: 1\n");
  using P = std::vector<std::pair<PhaseKind, Micros>>;
  EXPECT_EQ(Phases(Breathe(s, 0).pattern), (P{{PhaseKind::kInhale, 4s}, {PhaseKind::kExhale, 6s}}));
  EXPECT_EQ(Phases(Breathe(s, 1).pattern),
            (P{{PhaseKind::kInhale, 4s}, {PhaseKind::kHold, 7s}, {PhaseKind::kExhale, 8s}}));
  EXPECT_EQ(Phases(Breathe(s, 2).pattern), (P{{PhaseKind::kInhale, 4s},
                                              {PhaseKind::kHold, 4s},
                                              {PhaseKind::kExhale, 4s},
                                              {PhaseKind::kHoldOut, 4s}}));
  EXPECT_EQ(Breathe(s, 3).pattern.CycleLength(), 10'900'000us);
}

TEST(LoaderBreatheTest, MappingPatternWithHoldsDefaultingToAbsent) {
  const Session s =
      LoadOrDie(kHead + "steps:\n  - breathe: {inhale: 4, exhale: 8, hold_out: 2}\n    cycles: 2\n");
  using P = std::vector<std::pair<PhaseKind, Micros>>;
  EXPECT_EQ(Phases(Breathe(s, 0).pattern),
            (P{{PhaseKind::kInhale, 4s}, {PhaseKind::kExhale, 8s}, {PhaseKind::kHoldOut, 2s}}));
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: {inhale: 4, exhal: 6}\n    cycles: 2\n"),
            (Lines{"test.yaml:4:14: error: missing required key 'exhale'",
                   "test.yaml:4:26: error: unknown key 'exhal' in a pattern; did you mean 'exhale'?"}));
}

TEST(LoaderBreatheTest, RateAndRatioSplitTheCycleExactly) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - breathe: {rate: 6, ratio: \"1:2\"}\n    cycles: 2\n"
                              "  - breathe: {rate: 5.5}\n    cycles: 2\n"
                              "  - breathe: {rate: 4, ratio: \"4:1:4:1\"}\n    cycles: 1\n");
  using P = std::vector<std::pair<PhaseKind, Micros>>;
  EXPECT_EQ(Phases(Breathe(s, 0).pattern),
            (P{{PhaseKind::kInhale, 3'333'333us}, {PhaseKind::kExhale, 6'666'667us}}));
  EXPECT_EQ(Breathe(s, 1).pattern.CycleLength(), 10'909'091us);
  EXPECT_EQ(Phases(Breathe(s, 2).pattern), (P{{PhaseKind::kInhale, 6s},
                                              {PhaseKind::kHold, 1'500'000us},
                                              {PhaseKind::kExhale, 6s},
                                              {PhaseKind::kHoldOut, 1'500'000us}}));
  EXPECT_EQ(
      Check(kHead + "steps:\n  - breathe: {rate: 6, ratio: \"1:2:3\"}\n    cycles: 2\n"),
      (Lines{"test.yaml:4:31: error: 'ratio' must be \"I:E\" or \"I:H:E:H\" with inhale and exhale above 0, "
             "such as \"1:2\" (got '1:2:3')"}));
}

TEST(LoaderBreatheTest, ExplicitPhasesWithLabels) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - breathe:\n      phases:\n        - {inhale: 2}\n"
                              "        - {inhale: 1, label: Top up}\n        - {exhale: 6}\n    cycles: 5\n");
  const Pattern& p = Breathe(s, 0).pattern;
  ASSERT_EQ(p.phases.size(), 3u);
  EXPECT_EQ(p.phases[1].kind, PhaseKind::kInhale);
  EXPECT_EQ(p.phases[1].length, 1s);
  EXPECT_EQ(p.phases[1].label, "Top up");
  EXPECT_EQ(p.CycleLength(), 9s);
}

TEST(LoaderBreatheTest, ExplicitPhasesNeedOnePhaseEachAndBothDirections) {
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe:\n      phases:\n        - {inhale: 2, exhale: 2}\n"
                          "        - {inhale: 2}\n    cycles: 5\n"),
            (Lines{"test.yaml:6:11: error: each item of 'phases' needs exactly one of inhale, hold, exhale, "
                   "hold_out"}));
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe:\n      phases:\n        - {inhale: 2}\n        - {hold: 2}\n"
                          "    cycles: 5\n"),
            (Lines{"test.yaml:6:9: error: 'phases' needs at least one inhale and one exhale"}));
}

TEST(LoaderBreatheTest, NamedPatternsAndSuggestions) {
  const Session s = LoadOrDie(kHead + "patterns:\n  settle: 4-6\nsteps:\n  - breathe: settle\n    for: 1m\n");
  EXPECT_EQ(Breathe(s, 0).pattern.CycleLength(), 10s);
  EXPECT_EQ(Breathe(s, 0).length, 60s);
  EXPECT_EQ(Check(kHead + "patterns:\n  settle: 4-6\nsteps:\n  - breathe: setle\n    for: 1m\n"),
            (Lines{"test.yaml:6:14: error: unknown pattern 'setle'; did you mean 'settle'?"}));
}

TEST(LoaderBreatheTest, AnUnknownPatternWithoutACloseNameSaysWhatAPatternIs) {
  EXPECT_EQ(
      Check(kHead + "steps:\n  - breathe: four-six\n    cycles: 2\n"),
      (Lines{"test.yaml:4:14: error: unknown pattern 'four-six'; give seconds such as \"4-6\", a mapping, "
             "or the name of an entry of 'patterns'"}));
}

TEST(LoaderBreatheTest, EveryPhaseOfAnIncompletePatternIsStillChecked) {
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: {inhale: 0.2, exhal: 4}\n    cycles: 2\n"),
            (Lines{"test.yaml:4:14: error: missing required key 'exhale'",
                   "test.yaml:4:23: error: 'inhale' must be at least 0.5 s (got 0.2 s)",
                   "test.yaml:4:28: error: unknown key 'exhal' in a pattern; did you mean 'exhale'?"}));
  EXPECT_EQ(
      Check(kHead + "patterns:\n  quick: {inhale: 0.2, exhale: 4, hodl: 1}\nsteps:\n  - breathe: quick\n"
                    "    cycles: 2\n"),
      (Lines{"test.yaml:4:19: error: 'inhale' must be at least 0.5 s (got 0.2 s)",
             "test.yaml:4:35: error: unknown key 'hodl' in a pattern; did you mean 'hold'?"}));
  EXPECT_EQ(
      Check(kHead + "steps:\n  - breathe: {phases: [{inhale: 0.2}, {exhale: 4, hold: 1}]}\n    cycles: 2\n"),
      (Lines{"test.yaml:4:33: error: 'inhale' must be at least 0.5 s (got 0.2 s)",
             "test.yaml:4:39: error: each item of 'phases' needs exactly one of inhale, hold, exhale, "
             "hold_out"}));
  EXPECT_EQ(
      Check(kHead + "steps:\n  - breathe: {phases: [{inhale: x}]}\n    cycles: 2\n"),
      (Lines{"test.yaml:4:23: error: 'phases' needs at least one inhale and one exhale",
             "test.yaml:4:33: error: 'inhale' must be a time such as 20, 4.5, 90s or 1m30s (got 'x')"}));
  EXPECT_EQ(
      Check(kHead + "steps:\n  - breathe: {ratio: \"1:x\"}\n    cycles: 2\n"),
      (Lines{"test.yaml:4:14: error: missing required key 'rate'",
             "test.yaml:4:22: error: 'ratio' must be \"I:E\" or \"I:H:E:H\" with inhale and exhale above 0, "
             "such as \"1:2\" (got '1:x')"}));
}

TEST(LoaderBreatheTest, PatternAndBlockNamesMustStartWithALetterAndAreReportedWhereDefined) {
  EXPECT_EQ(Check(kHead + "patterns:\n  2fast: 2-2\nblocks:\n  _calm: [{rest: 1}]\nsteps:\n"
                          "  - breathe: 2fast\n    cycles: 3\n  - use: _calm\n"),
            (Lines{"test.yaml:4:3: error: pattern name '2fast' must start with a letter",
                   "test.yaml:6:3: error: block name '_calm' must start with a letter"}));
  const Session s = LoadOrDie(kHead + "patterns:\n  Fast2: 2-2\nsteps:\n  - breathe: Fast2\n    cycles: 3\n");
  EXPECT_EQ(Breathe(s, 0).pattern.CycleLength(), 4s);
}

TEST(LoaderBreatheTest, PhaseMinimumsAndCycleMaximumAreErrors) {
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: {inhale: 0.4, exhale: 0.2}\n    cycles: 1\n"
                          "  - breathe: 60-61\n    cycles: 1\n"),
            (Lines{"test.yaml:4:23: error: 'inhale' must be at least 0.5 s (got 0.4 s)",
                   "test.yaml:4:36: error: 'exhale' must be at least 0.5 s (got 0.2 s)",
                   "test.yaml:6:14: error: a breathing cycle must be at most 2 min (got 121 s)"}));
}

TEST(LoaderBreatheTest, ShortInhaleLongHoldAndShortCycleAreWarnings) {
  const LoadResult result = LoadText(kHead +
                                     "steps:\n  - breathe: 1-31-1.5\n    cycles: 1\n"
                                     "  - breathe: 1.5-1\n    cycles: 1\n");
  EXPECT_TRUE(result.session.has_value());
  EXPECT_EQ(Formatted(result),
            (Lines{"test.yaml:4:14: warning: an inhale of 1 s is shorter than 1.5 s and may feel rushed",
                   "test.yaml:4:14: warning: a breath hold of 31 s is longer than 30 s",
                   "test.yaml:6:14: warning: a breathing cycle of 2.5 s is shorter than 3 s"}));
}

TEST(LoaderBreatheTest, ExactlyOneOfCyclesAndFor) {
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: 4-6\n  - breathe: 4-6\n    cycles: 2\n    for: 1m\n"),
            (Lines{"test.yaml:4:5: error: a breathe step needs 'cycles' or 'for'",
                   "test.yaml:7:5: error: give either 'cycles' or 'for', not both"}));
}

TEST(LoaderBreatheTest, RampTargetMustHaveTheSameShape) {
  const Session s =
      LoadOrDie(kHead + "steps:\n  - breathe: 4-4\n    to: {inhale: 5, exhale: 7}\n    cycles: 6\n");
  EXPECT_EQ(Breathe(s, 0).to->CycleLength(), 12s);
  EXPECT_EQ(
      Check(kHead + "steps:\n  - breathe: 4-4\n    to: 4-7-8\n    cycles: 6\n"),
      (Lines{"test.yaml:5:9: error: 'to' must have the same phases as the pattern (inhale, exhale), got "
             "(inhale, hold, exhale)"}));
}

TEST(LoaderBreatheTest, ModeShiftAndTheirRules) {
  const Session s = LoadOrDie(kHead2 +
                              "steps:\n  - breathe: 5-5\n    mode: alternate\n    cycles: 2\n"
                              "  - breathe: 5-5\n    shift: 25%\n    cycles: 2\n"
                              "  - breathe: 5-5\n    shift: 1s\n    cycles: 2\n");
  EXPECT_EQ(Breathe(s, 0).mode, BreathMode::kAlternate);
  EXPECT_EQ(Breathe(s, 1).mode, BreathMode::kShift);
  EXPECT_EQ(Breathe(s, 1).shift_fraction, 0.25);
  EXPECT_EQ(Breathe(s, 2).shift_time, 1s);
  EXPECT_EQ(
      Check(kHead2 + "steps:\n  - breathe: 5-5\n    mode: alternat\n    shift: 2s\n    cycles: 2\n"),
      (Lines{
          "test.yaml:6:11: error: 'mode' must be one of together, alternate, half (got 'alternat'); did you "
          "mean 'alternate'?",
          "test.yaml:7:5: error: give either 'shift' or 'mode', not both"}));
}

TEST(LoaderBreatheTest, ModeInAOnePersonSessionIsAWarning) {
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: 5-5\n    mode: half\n    cycles: 2\n"),
            (Lines{"test.yaml:5:5: warning: 'mode' has no effect in a one-person session"}));
}

TEST(LoaderBreatheTest, LabelsAndCount) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - breathe: 4-6\n    cycles: 2\n    count: false\n"
                              "    labels: {inhale: In through the nose}\n");
  EXPECT_FALSE(Breathe(s, 0).count);
  EXPECT_EQ(Breathe(s, 0).labels.at(PhaseKind::kInhale), "In through the nose");
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: 4-6\n    cycles: 2\n    labels: {inhal: In}\n"),
            (Lines{"test.yaml:6:14: error: unknown key 'inhal' in 'labels'; did you mean 'inhale'?"}));
}

TEST(LoaderBodyScanTest, RegionsTakeEachOrTheirOwnTime) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - body_scan:\n      each: 30s\n      regions:\n        - left foot\n"
                              "        - {region: left leg, for: 45s, say: Travel up.}\n");
  const auto& scan = std::get<BodyScanStep>(s.steps[0].body);
  EXPECT_EQ(scan.prompt, "Bring your attention to your {region}.");
  ASSERT_EQ(scan.regions.size(), 2u);
  EXPECT_EQ(scan.regions[0].region, "left foot");
  EXPECT_EQ(scan.regions[0].length, 30s);
  EXPECT_EQ(scan.regions[1].length, 45s);
  EXPECT_EQ(scan.regions[1].say, "Travel up.");
  EXPECT_EQ(scan.regions[1].location.line, 8);
  EXPECT_EQ(
      Check(kHead + "steps:\n  - body_scan:\n      regions: [left foot]\n"),
      (Lines{"test.yaml:5:17: error: region 'left foot' needs a time: give it 'for', or give 'body_scan' an "
             "'each'"}));
}

TEST(LoaderPmrTest, DefaultsAndGroups) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - pmr:\n      groups:\n        - right hand\n"
                              "        - {group: forehead, say: Raise your eyebrows.}\n");
  const auto& pmr = std::get<PmrStep>(s.steps[0].body);
  EXPECT_EQ(pmr.tense, 7s);
  EXPECT_EQ(pmr.release, 30s);
  EXPECT_EQ(pmr.repeat, 1);
  ASSERT_EQ(pmr.groups.size(), 2u);
  EXPECT_EQ(pmr.groups[1].say, "Raise your eyebrows.");
  EXPECT_EQ(Check(kHead + "steps:\n  - pmr: {tense: 5s, groups: []}\n"),
            (Lines{"test.yaml:4:30: error: 'groups' must not be empty"}));
}

TEST(LoaderRestBellTest, RestIntervalAndBellStrikes) {
  const Session s =
      LoadOrDie(kHead + "steps:\n  - rest: 1m30s\n    interval: 30s\n  - bell: gong\n    strikes: 3\n");
  EXPECT_EQ(std::get<RestStep>(s.steps[0].body).interval, 30s);
  const auto& bell = std::get<BellStep>(s.steps[1].body);
  EXPECT_EQ(bell.sound, CueSound::kGong);
  EXPECT_EQ(bell.strikes, 3);
  EXPECT_EQ(bell.gap, 5s);
  EXPECT_EQ(Check(kHead + "steps:\n  - bell: bowl\n    cue: chime\n"),
            (Lines{"test.yaml:5:5: error: 'cue' does not belong in a bell step: its strikes are its sound"}));
}

TEST(LoaderTurnsTest, TurnsNeedTwoPeople) {
  const Session s = LoadOrDie(kHead2 + "steps:\n  - turns: {each: 5m, rounds: 2, first: b}\n");
  const auto& turns = std::get<TurnsStep>(s.steps[0].body);
  EXPECT_EQ(turns.each, 300s);
  EXPECT_EQ(turns.rounds, 2);
  EXPECT_EQ(turns.first, Person::kB);
  EXPECT_EQ(turns.swap_cue, CueSound::kChime);
  EXPECT_EQ(Check(kHead + "steps:\n  - turns: {each: 5m}\n"),
            (Lines{"test.yaml:4:5: error: 'turns' needs two people (people: 2)"}));
}

TEST(LoaderRepeatUseTest, RepeatAndUseStayATree) {
  const Session s = LoadOrDie(kHead +
                              "blocks:\n  settle:\n    - rest: 1\n    - use: inner\n  inner: [{bell: bowl}]\n"
                              "steps:\n  - repeat: 3\n    steps:\n      - use: settle\n");
  const auto& repeat = std::get<RepeatStep>(s.steps[0].body);
  EXPECT_EQ(repeat.times, 3);
  EXPECT_EQ(std::get<UseStep>(repeat.steps[0].body).block, "settle");
  EXPECT_EQ(s.blocks.at("settle").size(), 2u);
}

TEST(LoaderRepeatUseTest, AbsurdCountsAreRefusedWithTheLimit) {
  EXPECT_EQ(
      Check(kHead +
            "steps:\n  - repeat: 1000000001\n    steps: [{rest: 1}]\n  - bell: bowl\n    strikes: 100001\n"),
      (Lines{"test.yaml:4:13: error: 'repeat' must be a whole number from 1 to 1000000000 (got 1000000001)",
             "test.yaml:7:14: error: 'strikes' must be a whole number from 1 to 100000 (got 100001)"}));
  EXPECT_TRUE(
      LoadText(kHead + "steps:\n  - repeat: 1000000000\n    steps: [{rest: 1}]\n").session.has_value());
}

TEST(LoaderRepeatUseTest, UnknownBlocksSuggestAName) {
  EXPECT_EQ(Check(kHead + "blocks:\n  settle: [{rest: 1}]\nsteps:\n  - use: setle\n"),
            (Lines{"test.yaml:6:10: error: unknown block 'setle'; did you mean 'settle'?"}));
}

TEST(LoaderRepeatUseTest, ABlockThatUsesItselfReportsTheCycle) {
  EXPECT_EQ(
      Check(kHead + "blocks:\n  a: [{use: b}]\n  b:\n    - rest: 1\n    - use: a\nsteps:\n  - use: a\n"),
      (Lines{"test.yaml:7:7: error: block 'a' uses itself: a -> b -> a"}));
  EXPECT_EQ(Check(kHead + "blocks:\n  a: [{use: a}]\nsteps:\n  - use: a\n"),
            (Lines{"test.yaml:4:8: error: block 'a' uses itself: a -> a"}));
}

TEST(LoaderRepeatUseTest, NestingIsAtMostEightCountingUses) {
  std::string eight = kHead + "steps:\n";
  std::string indent = "  ";
  for (int i = 0; i < 8; ++i) {
    eight += indent + "- repeat: 2\n" + indent + "  steps:\n";
    indent += "    ";
  }
  eight += indent + "- rest: 1\n";
  EXPECT_TRUE(LoadText(eight).session.has_value());
  EXPECT_EQ(
      Check(kHead + "blocks:\n  deep:\n    - repeat: 2\n      steps:\n        - repeat: 2\n          steps:\n"
                    "            - repeat: 2\n              steps:\n                - repeat: 2\n"
                    "                  steps: [{rest: 1}]\n"
                    "steps:\n  - repeat: 2\n    steps:\n      - repeat: 2\n        steps:\n"
                    "          - repeat: 2\n            steps:\n              - repeat: 2\n"
                    "                steps: [{use: deep}]\n"),
      (Lines{"test.yaml:21:26: error: 'repeat' and 'use' nest 9 levels deep here; at most 8 are allowed"}));
}

}  // namespace
}  // namespace attune::core

namespace attune::core {
namespace {

TEST(LoaderMoreRulesTest, DuplicateKeysInsideAStepAndAPattern) {
  EXPECT_EQ(
      Check(kHead +
            "steps:\n  - rest: 1\n    note: a\n    note: b\n  - breathe: {inhale: 4, exhale: 6, inhale: 5}\n"
            "    cycles: 1\n"),
      (Lines{"test.yaml:6:5: error: duplicate key 'note' (first at line 5)",
             "test.yaml:7:37: error: duplicate key 'inhale' (first at line 7)"}));
}

TEST(LoaderMoreRulesTest, ShiftMustBeATimeOrAPercentageUnderOneHundred) {
  EXPECT_EQ(
      Check(kHead2 + "steps:\n  - breathe: 5-5\n    shift: 100%\n    cycles: 2\n"),
      (Lines{
          "test.yaml:6:12: error: 'shift' must be a time such as 1s, or a part of a cycle from 0% to under "
          "100% such as 25% (got '100%')"}));
  EXPECT_EQ(
      Check(kHead2 + "steps:\n  - breathe: 5-5\n    shift: 150%\n    cycles: 2\n"),
      (Lines{
          "test.yaml:6:12: error: 'shift' must be a time such as 1s, or a part of a cycle from 0% to under "
          "100% such as 25% (got '150%')"}));
}

TEST(LoaderMoreRulesTest, ANamedPatternCanBeARampTargetAndXKeysAmongNamesAreIgnored) {
  const Session s = LoadOrDie(kHead +
                              "patterns:\n  slow: 5-7\n  x-draft: nonsense\nblocks:\n  x-old: 3\n"
                              "steps:\n  - breathe: 4-6\n    to: slow\n    cycles: 4\n");
  EXPECT_EQ(s.patterns.size(), 1u);
  EXPECT_TRUE(s.blocks.empty());
  EXPECT_EQ(Breathe(s, 0).to->CycleLength(), 12s);
}

TEST(LoaderMoreRulesTest, ZeroLengthHoldsKeepThePatternsShape) {
  const Session s = LoadOrDie(kHead + "steps:\n  - breathe: 4-0-8-0\n    to: 4-2-8-2\n    cycles: 3\n");
  EXPECT_EQ(Breathe(s, 0).pattern.phases.size(), 4u);
  EXPECT_EQ(Breathe(s, 0).pattern.phases[1].length, 0us);
}

TEST(LoaderMoreRulesTest, EveryTagIsTextAndIntervalsArePositive) {
  EXPECT_EQ(Check(kHead + "tags: [calm, [x]]\nsteps:\n  - rest: 1m\n    interval: 0\n"),
            (Lines{"test.yaml:3:14: error: 'tags' must be text (got a list)",
                   "test.yaml:6:15: error: 'interval' must be more than 0 s"}));
}

TEST(LoaderMoreRulesTest, StepsOfARepeatAreRequiredAndNotEmpty) {
  EXPECT_EQ(Check(kHead + "steps:\n  - repeat: 2\n  - repeat: 2\n    steps: []\n"),
            (Lines{"test.yaml:4:5: error: missing required key 'steps'",
                   "test.yaml:6:12: error: 'steps' must not be empty"}));
}

}  // namespace
}  // namespace attune::core

namespace attune::core {
namespace {

TEST(LoaderPlaceholderTest, UnknownPlaceholdersAreWarningsWithASuggestion) {
  const LoadResult result =
      LoadText(kHead2 +
               "steps:\n  - say: Welcome, {nmae}.\n"
               "  - body_scan:\n      each: 30s\n      prompt: Notice your {regoin}.\n"
               "      regions: [left foot]\n"
               "  - turns: {each: 1m, prompt: \"{giver} gives, {receiver} receives, {name}.\"}\n");
  EXPECT_TRUE(result.session.has_value());
  EXPECT_EQ(
      Formatted(result),
      (Lines{
          "test.yaml:5:10: warning: unknown placeholder '{nmae}' in 'say'; it will show as written; did you "
          "mean '{name}'?",
          "test.yaml:8:15: warning: unknown placeholder '{regoin}' in 'prompt'; it will show as written; did "
          "you mean '{region}'?"}));
}

TEST(LoaderPlaceholderTest, AnUnknownPlaceholderWithoutACloseOneListsTheKnownOnes) {
  EXPECT_EQ(
      Formatted(LoadText(kHead + "steps:\n  - say: Notice your {region}.\n")),
      (Lines{"test.yaml:4:10: warning: unknown placeholder '{region}' in 'say'; it will show as written "
             "(here you may use {name}, {a}, {b})"}));
}

}  // namespace
}  // namespace attune::core
