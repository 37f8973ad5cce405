// The loader's keys for spoken guidance (SESSION-FORMAT.md, revised 2026-12): title, lead_in, PMR prepare
// and its texts, region_cue, wait with a text, {a}/{b}, and the top-up inhale rule.
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

TEST(LoaderTitleTest, AnyStepMayCarryATitle) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - say: Hello.\n    title: Welcome\n"
                              "  - rest: 1m\n    title: Sitting\n  - rest: 1m\n");
  EXPECT_EQ(s.steps[0].common.title, "Welcome");
  EXPECT_EQ(s.steps[1].common.title, "Sitting");
  EXPECT_EQ(s.steps[2].common.title, std::nullopt);
}

TEST(LoaderTitleTest, ATitleIsNonEmptyShortText) {
  EXPECT_EQ(Check(kHead +
                  "steps:\n  - rest: 1m\n    title: \"\"\n  - rest: 1m\n    title: [a]\n"
                  "  - rest: 1m\n    title: " +
                  std::string(2001, 'x') + "\n"),
            (Lines{"test.yaml:5:12: error: 'title' must not be empty",
                   "test.yaml:7:12: error: 'title' must be text (got a list)",
                   "test.yaml:9:12: error: 'title' is 2001 characters long; text is at most 2000"}));
}

TEST(LoaderLeadInTest, ATimeZeroOrAutoWithItsLocationAndTheSayLocation) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - breathe: 4-6\n    cycles: 2\n    say: Breathe with me.\n"
                              "    lead_in: 8s\n"
                              "  - breathe: 4-6\n    cycles: 2\n    say: Again.\n    lead_in: 0\n"
                              "  - breathe: 4-6\n    cycles: 2\n    say: Once more.\n    lead_in: auto\n"
                              "  - breathe: 4-6\n    cycles: 2\n    say: Last.\n");
  EXPECT_EQ(s.steps[0].common.lead_in, 8s);
  EXPECT_EQ(s.steps[0].common.lead_in_location.line, 7);
  EXPECT_EQ(s.steps[0].common.lead_in_location.column, 14);
  EXPECT_EQ(s.steps[0].common.say_location.line, 6);
  EXPECT_EQ(s.steps[0].common.say_location.column, 10);
  EXPECT_EQ(s.steps[1].common.lead_in, 0s);
  EXPECT_EQ(s.steps[2].common.lead_in, std::nullopt);
  EXPECT_EQ(s.steps[2].common.lead_in_location.line, 15);
  EXPECT_EQ(s.steps[3].common.lead_in, std::nullopt);
  EXPECT_EQ(s.steps[3].common.lead_in_location.line, 0);
}

TEST(LoaderLeadInTest, ASayStepsSayLocationIsItsKindKeysValue) {
  const Session s = LoadOrDie(kHead + "steps:\n  - rest: 1m\n  - say:   Hello.\n");
  EXPECT_EQ(s.steps[1].common.say_location.line, 5);
  EXPECT_EQ(s.steps[1].common.say_location.column, 12);
}

TEST(LoaderLeadInTest, PmrBodyScanAndTurnsTakeALeadIn) {
  const Session s =
      LoadOrDie(kHead2 +
                "steps:\n  - pmr: {groups: [hands]}\n    say: Settle.\n    lead_in: 5s\n"
                "  - body_scan: {each: 30s, regions: [feet]}\n    say: Settle.\n    lead_in: 4s\n"
                "  - turns: {each: 1m}\n    say: Settle.\n    lead_in: 3s\n");
  EXPECT_EQ(s.steps[0].common.lead_in, 5s);
  EXPECT_EQ(s.steps[1].common.lead_in, 4s);
  EXPECT_EQ(s.steps[2].common.lead_in, 3s);
}

TEST(LoaderLeadInTest, OtherStepKindsHaveNoLeadIn) {
  EXPECT_EQ(
      Check(kHead + "steps:\n  - say: Hello.\n    lead_in: 2s\n  - rest: 1m\n    say: Sit.\n    lead_in: 2s\n"
                    "  - bell: bowl\n    lead_in: 2s\n"
                    "  - repeat: 2\n    lead_in: 1s\n    steps:\n      - rest: 1m\n"),
      (Lines{"test.yaml:5:5: error: 'lead_in' applies to breathe, pmr, body_scan and turns steps",
             "test.yaml:8:5: error: 'lead_in' applies to breathe, pmr, body_scan and turns steps",
             "test.yaml:10:5: error: 'lead_in' applies to breathe, pmr, body_scan and turns steps",
             "test.yaml:12:5: error: 'lead_in' applies to breathe, pmr, body_scan and turns steps"}));
}

TEST(LoaderLeadInTest, WithoutASayItIsAWarning) {
  const LoadResult result = LoadText(kHead + "steps:\n  - breathe: 4-6\n    cycles: 2\n    lead_in: 5s\n");
  EXPECT_TRUE(result.session.has_value());
  EXPECT_EQ(Formatted(result),
            (Lines{"test.yaml:6:5: warning: 'lead_in' has no effect without a 'say' on the step: it is the "
                   "time in which the prompt is spoken"}));
}

TEST(LoaderLeadInTest, BadValuesAreErrorsAtTheValue) {
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: 4-6\n    cycles: 2\n    say: A.\n    lead_in: soon\n"
                          "  - breathe: 4-6\n    cycles: 2\n    say: B.\n    lead_in: -2\n"
                          "  - breathe: 4-6\n    cycles: 2\n    say: C.\n    lead_in: [1]\n"),
            (Lines{"test.yaml:7:14: error: 'lead_in' must be a time such as 8s, or auto (got 'soon')",
                   "test.yaml:11:14: error: 'lead_in' must not be negative (got -2)",
                   "test.yaml:15:14: error: 'lead_in' must be a time such as 8s, or auto (got a list)"}));
}

TEST(LoaderLeadInTest, NearMissesSuggestTheNewKeys) {
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: 4-6\n    cycles: 2\n    say: A.\n    lead_inn: 5s\n"
                          "  - rest: 1m\n    titel: Sit\n"),
            (Lines{"test.yaml:7:5: error: unknown key 'lead_inn' in a breathe step; did you mean 'lead_in'?",
                   "test.yaml:9:5: error: unknown key 'titel' in a rest step; did you mean 'title'?"}));
}

TEST(LoaderPmrGuidanceTest, PrepareAndTheThreeTexts) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - pmr:\n      prepare: 6s\n      tense_say: Go.\n"
                              "      again_say: \"Again, {group}.\"\n      release_say: Let go.\n"
                              "      groups: [hands]\n"
                              "  - pmr:\n      prepare: auto\n      groups: [feet]\n");
  const auto& first = std::get<PmrStep>(s.steps[0].body);
  EXPECT_EQ(first.prepare, 6s);
  EXPECT_EQ(first.prepare_location.line, 5);
  EXPECT_EQ(first.prepare_location.column, 16);
  EXPECT_EQ(first.tense_say, "Go.");
  EXPECT_EQ(first.again_say, "Again, {group}.");
  EXPECT_EQ(first.release_say, "Let go.");
  EXPECT_EQ(first.prepare_say, "You might tense your {group}.");
  const auto& second = std::get<PmrStep>(s.steps[1].body);
  EXPECT_EQ(second.prepare, std::nullopt);
  EXPECT_EQ(second.tense_say, "Now.");
  EXPECT_EQ(second.again_say, "Once more: {group}.");
  EXPECT_EQ(second.release_say, "And release. Notice the difference.");
}

TEST(LoaderPmrGuidanceTest, PrepareMustBePositiveOrAutoAndTextsAreChecked) {
  EXPECT_EQ(Check(kHead + "steps:\n  - pmr:\n      prepare: 0\n      groups: [hands]\n"
                          "  - pmr:\n      prepare: later\n      tense_sya: Now.\n      release_say: [x]\n"
                          "      again_say: \"{grop} again\"\n      groups: [hands]\n"),
            (Lines{"test.yaml:5:16: error: 'prepare' must be more than 0 s",
                   "test.yaml:8:16: error: 'prepare' must be a time such as 8s, or auto (got 'later')",
                   "test.yaml:9:7: error: unknown key 'tense_sya' in 'pmr'; did you mean 'tense_say'?",
                   "test.yaml:10:20: error: 'release_say' must be text (got a list)",
                   "test.yaml:11:18: warning: unknown placeholder '{grop}' in 'again_say'; it will show as "
                   "written; did you mean '{group}'?"}));
}

TEST(LoaderBodyScanGuidanceTest, RegionCueOnTheStepOrInTheScan) {
  const Session s = LoadOrDie(kHead +
                              "steps:\n  - body_scan: {each: 30s, regions: [feet]}\n    region_cue: none\n"
                              "  - body_scan: {each: 30s, regions: [feet], region_cue: chime}\n"
                              "  - body_scan: {each: 30s, regions: [feet]}\n");
  EXPECT_EQ(std::get<BodyScanStep>(s.steps[0].body).region_cue, CueSound::kNone);
  EXPECT_EQ(std::get<BodyScanStep>(s.steps[1].body).region_cue, CueSound::kChime);
  EXPECT_EQ(std::get<BodyScanStep>(s.steps[2].body).region_cue, std::nullopt);
}

TEST(LoaderBodyScanGuidanceTest, RegionCueErrors) {
  EXPECT_EQ(
      Check(kHead + "steps:\n  - body_scan: {each: 30s, regions: [feet]}\n    region_cue: bwol\n"
                    "  - body_scan: {each: 30s, regions: [feet], region_cue: tone}\n    region_cue: wood\n"
                    "  - rest: 1m\n    region_cue: none\n"
                    "  - body_scan: {each: 30s, regions: [feet], region_cu: none}\n"),
      (Lines{"test.yaml:5:17: error: 'region_cue' must be one of bowl, chime, gong, wood, tone, none (got "
             "'bwol'); did you mean 'bowl'?",
             "test.yaml:6:45: error: 'region_cue' is given twice for this body scan (first on line 7)",
             "test.yaml:9:5: error: 'region_cue' does not belong in a rest step",
             "test.yaml:10:45: error: unknown key 'region_cu' in 'body_scan'; did you mean 'region_cue'?"}));
}

TEST(LoaderWaitTest, TrueFalseOrATextForTheRoom) {
  const Session s = LoadOrDie(kHead2 +
                              "steps:\n  - rest: 1m\n    wait: true\n  - rest: 1m\n    wait: false\n"
                              "  - rest: 1m\n    wait: When you are both ready\n"
                              "  - rest: 1m\n    wait: \"yes\"\n");
  EXPECT_TRUE(s.steps[0].common.wait);
  EXPECT_EQ(s.steps[0].common.wait_text, "");
  EXPECT_FALSE(s.steps[1].common.wait);
  EXPECT_TRUE(s.steps[2].common.wait);
  EXPECT_EQ(s.steps[2].common.wait_text, "When you are both ready");
  EXPECT_TRUE(s.steps[3].common.wait);
  EXPECT_EQ(s.steps[3].common.wait_text, "yes");
}

TEST(LoaderWaitTest, AnEmptyOrNonTextWaitIsAnError) {
  EXPECT_EQ(Check(kHead + "steps:\n  - rest: 1m\n    wait: \"\"\n  - rest: 1m\n    wait: [a]\n"
                          "  - rest: 1m\n    wait: no\n"),
            (Lines{"test.yaml:5:11: error: 'wait' must not be empty",
                   "test.yaml:7:11: error: 'wait' must be true, false or a text for the room (got a list)",
                   "test.yaml:9:11: error: 'wait' must be true or false (got 'no')"}));
}

TEST(LoaderPlaceholderGuidanceTest, PartnerNamesAreAllowedEverywhere) {
  const LoadResult result = LoadText(kHead2 +
                                     "steps:\n  - say: \"{a}, then {b}.\"\n"
                                     "  - pmr: {groups: [{group: hands, say: \"{a} and {b}: {group}\"}],"
                                     " tense_say: \"{a}\"}\n"
                                     "  - rest: 1m\n    wait: \"{a} and {b}, when ready\"\n");
  EXPECT_TRUE(result.session.has_value());
  EXPECT_EQ(Formatted(result), Lines{});
}

TEST(LoaderPlaceholderGuidanceTest, PartnerBInAOnePersonSessionIsAWarning) {
  const LoadResult result = LoadText(kHead + "steps:\n  - say: \"{a} and {b}.\"\n");
  EXPECT_TRUE(result.session.has_value());
  EXPECT_EQ(
      Formatted(result),
      (Lines{"test.yaml:4:10: warning: '{b}' in 'say' has no partner to name in a one-person session"}));
}

TEST(LoaderTopUpInhaleTest, ATopUpInhaleAfterAnInhaleIsNotWarned) {
  // The physiological sigh 2+1-6: the 1 s top-up follows the 2 s inhale.
  const LoadResult sigh = LoadText(kHead +
                                   "steps:\n  - breathe:\n      phases:\n        - inhale: 2\n"
                                   "        - inhale: 1\n        - exhale: 6\n    cycles: 3\n");
  EXPECT_TRUE(sigh.session.has_value());
  EXPECT_EQ(Formatted(sigh), Lines{});
}

TEST(LoaderTopUpInhaleTest, TheFirstInhaleOfACycleIsStillWarned) {
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe: 1-6\n    cycles: 3\n"),
            (Lines{"test.yaml:4:14: warning: an inhale of 1 s is shorter than 1.5 s and may feel rushed"}));
  // A short first inhale, then a top-up: only the first is warned (a zero hold between is no break);
  // after a real hold an inhale starts again, and is warned.
  EXPECT_EQ(Check(kHead + "steps:\n  - breathe:\n      phases:\n        - inhale: 1\n        - hold: 0\n"
                          "        - inhale: 1\n        - exhale: 6\n    cycles: 3\n"
                          "  - breathe:\n      phases:\n        - inhale: 2\n        - hold: 1\n"
                          "        - inhale: 1\n        - exhale: 6\n    cycles: 3\n"),
            (Lines{"test.yaml:6:19: warning: an inhale of 1 s is shorter than 1.5 s and may feel rushed",
                   "test.yaml:15:19: warning: an inhale of 1 s is shorter than 1.5 s and may feel rushed"}));
}

}  // namespace
}  // namespace attune::core
