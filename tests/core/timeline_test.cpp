// The timeline compiler: exact arithmetic for every step kind and mode, cues, prompts, limits.
#include "core/timeline.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/core/compile_helpers.hpp"

namespace attune::core {
namespace {

using testing::CompileOrDie;
using testing::CompileText;
using testing::CueRows;
using ::testing::ElementsAre;
using testing::Rows;

TEST(TimelineTest, AFourSixBreathLastsExactlyTenSeconds) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - breathe: 4-6
    cycles: 2
)");
  EXPECT_EQ(t.duration, Micros{20'000'000});
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-4.000000 inhale both", "4.000000-10.000000 exhale both",
                                   "10.000000-14.000000 inhale both", "14.000000-20.000000 exhale both"));
  EXPECT_EQ(t.phases[0].caption, "Breathe in");
  EXPECT_EQ(t.phases[1].caption, "Breathe out");
  EXPECT_EQ(t.phases[0].line, 4);
  EXPECT_EQ(t.phases[0].step, 1);
  EXPECT_EQ(t.steps[0].title, "Breathe 4-6");
}

TEST(TimelineTest, ForRoundsToNearestWholeCycleTiesUp) {
  auto length_for = [](const std::string& seconds) {
    return CompileOrDie("attune: 1\ntitle: T\nsteps:\n  - breathe: 4-6\n    for: " + seconds + "\n").duration;
  };
  EXPECT_EQ(length_for("25s"), Micros{30'000'000});  // 2.5 cycles: the tie goes up
  EXPECT_EQ(length_for("24.9s"), Micros{20'000'000});
  EXPECT_EQ(length_for("35.1s"), Micros{40'000'000});
  EXPECT_EQ(length_for("1s"), Micros{10'000'000});  // at least one cycle
}

TEST(TimelineTest, RampLastsNTimesMeanCycle) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - breathe: 4-4
    to: 5-5
    cycles: 4
)");
  // Cycles of 8, 8.667, 9.333 and 10 s: 4 x (8 + 10) / 2 = 36 s, each boundary rounded on the running total.
  EXPECT_EQ(t.duration, Micros{36'000'000});
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-4.000000 inhale both", "4.000000-8.000000 exhale both",
                                   "8.000000-12.333333 inhale both", "12.333333-16.666667 exhale both",
                                   "16.666667-21.333333 inhale both", "21.333333-26.000000 exhale both",
                                   "26.000000-31.000000 inhale both", "31.000000-36.000000 exhale both"));
  EXPECT_EQ(t.steps[0].title, "Breathe 4-4 to 5-5");
}

TEST(TimelineTest, RampOfOneCycleUsesTheMeanPattern) {
  const Timeline t =
      CompileOrDie("attune: 1\ntitle: T\nsteps:\n  - breathe: 4-4\n    to: 5-6\n    cycles: 1\n");
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-4.500000 inhale both", "4.500000-9.500000 exhale both"));
}

TEST(TimelineTest, AlternateModeShiftsPartnerByHalfACycle) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
steps:
  - breathe: 4-4
    mode: alternate
    cycles: 2
)");
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-4.000000 inhale a", "0.000000-4.000000 exhale b",
                                   "4.000000-8.000000 exhale a", "4.000000-8.000000 inhale b",
                                   "8.000000-12.000000 inhale a", "8.000000-12.000000 exhale b",
                                   "12.000000-16.000000 exhale a", "12.000000-16.000000 inhale b"));
  EXPECT_EQ(t.steps[0].mode, BreathMode::kAlternate);
  EXPECT_EQ(t.steps[0].title, "Breathe 4-4 · alternate");
}

TEST(TimelineTest, ShiftByAFractionWrapsTheCutPhaseWithinTheStep) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
steps:
  - breathe: 4-6
    shift: 25%
    cycles: 1
)");
  // b is 2.5 s behind: it opens with the last 2.5 s of a's exhale and closes with its first 3.5 s.
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-4.000000 inhale a", "0.000000-2.500000 exhale b",
                                   "2.500000-6.500000 inhale b", "4.000000-10.000000 exhale a",
                                   "6.500000-10.000000 exhale b"));
  const TimelinePhase& head = t.phases[4];
  EXPECT_DOUBLE_EQ(head.lungs_from, 1.0);
  EXPECT_DOUBLE_EQ(head.lungs_to, 1.0 - 3.5 / 6.0);
}

TEST(TimelineTest, ShiftByATimeMovesThePartnerBehind) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
steps:
  - breathe: 4-6
    shift: 4s
    cycles: 1
)");
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-4.000000 inhale a", "0.000000-4.000000 exhale b",
                                   "4.000000-10.000000 exhale a", "4.000000-8.000000 inhale b",
                                   "8.000000-10.000000 exhale b"));
}

TEST(TimelineTest, HalfModeRoundsCyclesUpToEven) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
steps:
  - breathe: 2-2
    mode: half
    cycles: 3
)");
  EXPECT_EQ(t.duration, Micros{16'000'000});
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-2.000000 inhale a", "0.000000-4.000000 inhale b",
                                   "2.000000-4.000000 exhale a", "4.000000-6.000000 inhale a",
                                   "4.000000-8.000000 exhale b", "6.000000-8.000000 exhale a",
                                   "8.000000-10.000000 inhale a", "8.000000-12.000000 inhale b",
                                   "10.000000-12.000000 exhale a", "12.000000-14.000000 inhale a",
                                   "12.000000-16.000000 exhale b", "14.000000-16.000000 exhale a"));
}

TEST(TimelineTest, ATwoPartInhaleRisesInTwoParts) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - breathe: { phases: [ { inhale: 2 }, { inhale: 1, label: "A little more" }, { exhale: 6 } ] }
    cycles: 1
)");
  ASSERT_EQ(t.phases.size(), 3u);
  EXPECT_DOUBLE_EQ(t.phases[0].lungs_to, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(t.phases[1].lungs_from, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(t.phases[1].lungs_to, 1.0);
  EXPECT_DOUBLE_EQ(t.phases[2].lungs_to, 0.0);
  EXPECT_EQ(t.phases[1].caption, "A little more");
  EXPECT_EQ(t.steps[0].title, "Breathe 2+1-6");
}

TEST(TimelineTest, StepLabelsAndCountAreCarriedToPhases) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - breathe: 4-7-8
    cycles: 1
    count: false
    labels: { inhale: "In through the nose", hold: "Rest at the top" }
)");
  ASSERT_EQ(t.phases.size(), 3u);
  EXPECT_EQ(t.phases[0].caption, "In through the nose");
  EXPECT_EQ(t.phases[1].caption, "Rest at the top");
  EXPECT_EQ(t.phases[2].caption, "Breathe out");
  EXPECT_FALSE(t.phases[0].count);
  EXPECT_DOUBLE_EQ(t.phases[1].lungs_from, 1.0);
  EXPECT_DOUBLE_EQ(t.phases[1].lungs_to, 1.0);
}

TEST(TimelineTest, SayLastsByWordsWithAThreeSecondFloor) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - say: Hello there
  - say: one two three four five six seven eight nine ten
  - say: Timed
    for: 1.5s
)");
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-3.000000 say both", "3.000000-8.500000 say both",
                                   "8.500000-10.000000 say both"));
  EXPECT_EQ(t.steps[1].title, "one two three four five…");
  ASSERT_EQ(t.prompts.size(), 3u);
  EXPECT_EQ(t.prompts[1].text, "one two three four five six seven eight nine ten");
  EXPECT_EQ(t.prompts[1].end, Micros{8'500'000});
}

TEST(TimelineTest, NameIsThePersonAddressedOrYou) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
roles:
  a: { name: Sam, color: "#6fa8dc" }
  b: { name: Alex, color: "#e69138" }
steps:
  - say: "{name}, breathe with me."
    who: b
  - say: "{name}, breathe with me."
)");
  EXPECT_EQ(t.phases[0].caption, "Alex, breathe with me.");
  EXPECT_EQ(t.prompts[0].who, Person::kB);
  EXPECT_EQ(t.phases[1].caption, "you, breathe with me.");
}

TEST(TimelineTest, StepCuesSoundAtEveryStepButTheFirst) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
sound: { cues: wood }
steps:
  - say: One
  - say: Two
  - say: Three
    cue: gong
  - say: Four
    cue: none
  - bell: chime
    strikes: 2
    gap: 4s
)");
  EXPECT_THAT(CueRows(t), ElementsAre("3.000000 wood both", "6.000000 gong both", "12.000000 chime both",
                                      "16.000000 chime both"));
  EXPECT_EQ(t.steps[4].title, "Bell × 2");
  EXPECT_EQ(t.duration, Micros{20'000'000});
}

TEST(TimelineTest, TicksCountOneAtInhalesAndTwoAtExhalesPerPerson) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
sound: { breath: ticks }
steps:
  - breathe: 2-1-2
    cycles: 1
  - breathe: 2-2
    mode: alternate
    cycles: 1
)");
  EXPECT_THAT(CueRows(t), ElementsAre("0.000000 tick both", "2.000000 tick both", "3.000000 tick both x2",
                                      "5.000000 bowl both", "5.000000 tick a", "5.000000 tick b",
                                      "7.000000 tick a x2", "7.000000 tick b"));
  // b left the first step on an exhale: its alternate step opens with a still "Rest" (one tick, a hold).
  EXPECT_EQ(t.phases[4].caption, "Rest");
}

TEST(TimelineTest, BodyScanHasARegionPhaseAndACueAtEachChange) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - say: Settle.
  - body_scan:
      each: 30s
      regions:
        - left foot
        - { region: left leg, for: 45s, say: "Let your attention travel up the left leg." }
)");
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-3.000000 say both", "3.000000-33.000000 region both",
                                   "33.000000-78.000000 region both"));
  EXPECT_EQ(t.phases[1].caption, "Bring your attention to your left foot.");
  EXPECT_EQ(t.phases[2].caption, "Let your attention travel up the left leg.");
  EXPECT_EQ(t.phases[1].line, 8);
  EXPECT_EQ(t.phases[2].line, 9);
  EXPECT_THAT(CueRows(t), ElementsAre("3.000000 bowl both", "33.000000 bowl both"));
  EXPECT_FALSE(t.cues[0].soft);  // the step cue
  EXPECT_TRUE(t.cues[1].soft);   // a region change
  EXPECT_EQ(t.steps[1].title, "Body scan · 2 regions");
  ASSERT_EQ(t.prompts.size(), 3u);
  EXPECT_EQ(t.prompts[2].start, Micros{33'000'000});
}

TEST(TimelineTest, PmrTensesThenReleasesEachGroupWithCues) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - pmr:
      tense: 5s
      release: 20s
      repeat: 2
      groups:
        - right hand
        - { group: forehead, say: "Raise your eyebrows as high as they go." }
)");
  // Each round: prepare (the instruction while soft; auto = its reading time + 1 s, at least 3 s), tense,
  // release. "You might tense your right hand." reads in 3.7 s; "Once more: right hand." in 3 s;
  // "Raise your eyebrows as high as they go." in 4.6 s; "Once more: forehead." in 3 s.
  EXPECT_EQ(t.duration, Micros{118'300'000});
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-4.700000 prepare both", "4.700000-9.700000 tense both",
                                   "9.700000-29.700000 release both", "29.700000-33.700000 prepare both",
                                   "33.700000-38.700000 tense both", "38.700000-58.700000 release both",
                                   "58.700000-64.300000 prepare both", "64.300000-69.300000 tense both",
                                   "69.300000-89.300000 release both", "89.300000-93.300000 prepare both",
                                   "93.300000-98.300000 tense both", "98.300000-118.300000 release both"));
  EXPECT_EQ(t.phases[0].caption, "You might tense your right hand.");
  EXPECT_EQ(t.phases[2].caption, "And release. Notice the difference.");
  EXPECT_EQ(t.phases[3].caption, "Once more: right hand.");
  EXPECT_EQ(t.phases[6].caption, "Raise your eyebrows as high as they go.");
  EXPECT_THAT(CueRows(t), ElementsAre("4.700000 bowl both", "9.700000 chime both", "29.700000 bowl both",
                                      "33.700000 bowl both", "38.700000 chime both", "58.700000 bowl both",
                                      "64.300000 bowl both", "69.300000 chime both", "89.300000 bowl both",
                                      "93.300000 bowl both", "98.300000 chime both"));
  // The prepare cues are soft; the tense and release cues are not.
  EXPECT_FALSE(t.cues[0].soft);
  EXPECT_TRUE(t.cues[2].soft);
  EXPECT_FALSE(t.cues[3].soft);
}

TEST(TimelineTest, IntervalBellsStrictlyInside) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - rest: 1m30s
    interval: 30s
  - rest: 1m
    interval: 30s
)");
  EXPECT_THAT(t.steps[0].interval_marks, ElementsAre(Micros{30'000'000}, Micros{60'000'000}));
  EXPECT_THAT(t.steps[1].interval_marks, ElementsAre(Micros{120'000'000}));
  EXPECT_THAT(CueRows(t), ElementsAre("30.000000 bowl both", "60.000000 bowl both", "90.000000 bowl both",
                                      "120.000000 bowl both"));
  EXPECT_EQ(t.steps[0].title, "Rest 1 min 30 s");
  EXPECT_EQ(t.phases[0].caption, "Rest");
}

TEST(TimelineTest, TurnsSwapGiverAndReceiverEveryTurnEachMarkedByTheSwapCue) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
roles:
  a: { name: Sam, color: "#6fa8dc" }
  b: { name: Alex, color: "#e69138" }
steps:
  - say: Begin.
  - turns:
      each: 1m
      rounds: 2
      first: b
      prompt: "{giver} gives, {receiver} receives."
)");
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-3.000000 say both", "3.000000-63.000000 turn both",
                                   "63.000000-123.000000 turn both", "123.000000-183.000000 turn both",
                                   "183.000000-243.000000 turn both"));
  EXPECT_EQ(t.phases[1].caption, "Alex gives, Sam receives.");
  EXPECT_EQ(t.phases[2].caption, "Sam gives, Alex receives.");
  EXPECT_THAT(CueRows(t), ElementsAre("3.000000 chime both", "63.000000 chime both", "123.000000 chime both",
                                      "183.000000 chime both"));
  EXPECT_EQ(t.steps[1].title, "Turns · 2 rounds");
}

TEST(TimelineTest, WaitAddsAZeroLengthRowAtTheStepsEnd) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - say: Are you ready?
    wait: true
  - say: Good.
)");
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-3.000000 say both", "3.000000-3.000000 wait both",
                                   "3.000000-6.000000 say both"));
  EXPECT_TRUE(t.steps[0].wait);
  EXPECT_EQ(t.phases[1].step, 1);
  // The room sees the step's prompt while held (how to continue is the controls' business).
  EXPECT_EQ(t.phases[1].caption, "Are you ready?");
}

TEST(TimelineTest, RepeatAndUseExpandInOrder) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
blocks:
  pair:
    - say: A
      for: 1s
    - say: B
      for: 2s
steps:
  - repeat: 2
    steps:
      - use: pair
  - say: C
    for: 1s
)");
  EXPECT_EQ(t.steps.size(), 5u);
  EXPECT_EQ(t.duration, Micros{7'000'000});
  EXPECT_EQ(t.phases[4].caption, "C");
  EXPECT_EQ(t.phases[3].step, 4);
}

Step SayFor(const std::string& text, Micros length, int line) {
  Step step;
  step.common.location = {line, 5};
  step.common.say = text;
  step.body = SayStep{length};
  return step;
}

TEST(TimelineTest, RepeatOfABillionIsRefusedQuickly) {
  // The loader caps `repeat` lower; the compiler must still size such a tree without expanding it.
  Session session;
  session.file = "t.yaml";
  session.steps.push_back(SayFor("Hi", Micros{1'000'000}, 4));
  Step repeat;
  repeat.common.location = {6, 5};
  repeat.body = RepeatStep{1'000'000'000, {SayFor("Again", Micros{1'000'000}, 8)}};
  session.steps.push_back(repeat);
  const CompileResult result = Compile(session);
  EXPECT_FALSE(result.timeline.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].Format(),
            "t.yaml:6:5: error: session is 277777 h 46 min long; the limit is 4 h");
}

TEST(TimelineTest, NestedRepeatsAreRefusedWithoutOverflow) {
  const CompileResult result = CompileText(R"(attune: 1
title: T
steps:
  - say: Hi
  - repeat: 100000
    steps:
      - repeat: 100000
        steps:
          - repeat: 100000
            steps:
              - repeat: 100000
                steps:
                  - say: x
                    for: 1s
)");
  EXPECT_FALSE(result.timeline.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].Format(), "t.yaml:5:5: error: session is far over the limit of 4 h");
}

TEST(TimelineTest, MoreThanAHundredThousandPhasesAreRefused) {
  const CompileResult exact = CompileText(R"(attune: 1
title: T
steps:
  - repeat: 50001
    steps:
      - say: a
        for: 0.1s
      - say: b
        for: 0.1s
)");
  ASSERT_EQ(exact.diagnostics.size(), 1u);
  EXPECT_EQ(exact.diagnostics[0].Format(),
            "t.yaml:4:5: error: session has 100,002 phases; the limit is 100,000");
  const CompileResult quick = CompileText(R"(attune: 1
title: T
steps:
  - repeat: 100000
    steps:
      - say: a
        for: 0.01s
      - say: b
        for: 0.01s
      - say: c
        for: 0.01s
)");
  ASSERT_EQ(quick.diagnostics.size(), 1u);
  EXPECT_EQ(quick.diagnostics[0].Format(),
            "t.yaml:4:5: error: session has over 200,000 phases; the limit is 100,000");
}

TEST(TimelineTest, ASessionOverTwoHoursIsWarnedAbout) {
  const CompileResult result = CompileText("attune: 1\ntitle: T\nsteps:\n  - rest: 2h30m\n");
  ASSERT_TRUE(result.timeline.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].Format(), "t.yaml: warning: session is 2 h 30 min long, over 2 h");
}

TEST(TimelineTest, PartnersWhoseLungsDifferGetTheirOwnRowsUntilTheyMeet) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
steps:
  - breathe: 4-4
    mode: alternate
    cycles: 1
  - say: Together now.
  - say: Still together.
)");
  // After the alternate step a is empty and b full: the first say eases both to rest, on their own rows.
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-4.000000 inhale a", "0.000000-4.000000 exhale b",
                                   "4.000000-8.000000 exhale a", "4.000000-8.000000 inhale b",
                                   "8.000000-11.000000 say a", "8.000000-11.000000 say b",
                                   "11.000000-14.000000 say both"));
  EXPECT_DOUBLE_EQ(t.phases[5].lungs_from, 1.0);
  EXPECT_DOUBLE_EQ(t.phases[5].lungs_to, 0.0);
}

TEST(TimelineTest, CuesInTakesTheHalfOpenWindow) {
  const Timeline t = CompileOrDie("attune: 1\ntitle: T\nsteps:\n  - say: A\n  - say: B\n  - say: C\n");
  EXPECT_EQ(CuesIn(t, Micros{0}, Micros{3'000'000}).size(), 1u);
  EXPECT_EQ(CuesIn(t, Micros{3'000'000}, Micros{6'000'000}).size(), 1u);
  EXPECT_EQ(CuesIn(t, Micros{3'000'000}, Micros{5'999'999}).size(), 0u);
  EXPECT_EQ(CuesIn(t, Micros{0}, Micros{9'000'000}).size(), 2u);
}

TEST(TimelineTest, StepAtClampsAndPicksTheStepStartingAtABoundary) {
  const Timeline t = CompileOrDie("attune: 1\ntitle: T\nsteps:\n  - say: A\n  - say: B\n");
  EXPECT_EQ(StepAt(t, Micros{-5}), 0);
  EXPECT_EQ(StepAt(t, Micros{2'999'999}), 0);
  EXPECT_EQ(StepAt(t, Micros{3'000'000}), 1);
  EXPECT_EQ(StepAt(t, Micros{60'000'000}), 1);
}

TEST(TimelineTest, ExtendRestMovesEverythingAfterTheRest) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - rest: 1m30s
    interval: 30s
  - say: Done.
)");
  EXPECT_FALSE(ExtendRestAt(t, Micros{90'000'000}, Micros{60'000'000}).has_value());
  const std::optional<Timeline> longer = ExtendRestAt(t, Micros{10'000'000}, Micros{60'000'000});
  ASSERT_TRUE(longer.has_value());
  EXPECT_EQ(longer->duration, Micros{153'000'000});
  EXPECT_THAT(Rows(*longer), ElementsAre("0.000000-150.000000 rest both", "150.000000-153.000000 say both"));
  EXPECT_THAT(CueRows(*longer),
              ElementsAre("30.000000 bowl both", "60.000000 bowl both", "90.000000 bowl both",
                          "120.000000 bowl both", "150.000000 bowl both"));
  EXPECT_EQ(longer->steps[1].start, Micros{150'000'000});
}

TEST(TimelineTest, StepKindsHaveTheirFormatNames) {
  EXPECT_STREQ(ToString(StepKind::kBodyScan), "body_scan");
  EXPECT_STREQ(ToString(StepKind::kTurns), "turns");
}

}  // namespace
}  // namespace attune::core

namespace attune::core {
namespace {

TEST(TimelineTest, RegionAndGroupRowsNameTheirItemAndTurnRowsTheirGiver) {
  const Timeline t = testing::CompileOrDie(R"(attune: 1
title: T
people: 2
steps:
  - body_scan:
      each: 10s
      regions: [left foot, { region: left leg, say: "Travel up the left leg." }]
  - pmr:
      tense: 5s
      release: 30s
      groups: [forehead]
  - turns:
      each: 1m
      first: b
)");
  ASSERT_EQ(t.phases.size(), 7u);
  EXPECT_EQ(t.phases[0].item, "left foot");
  EXPECT_EQ(t.phases[1].item, "left leg");
  EXPECT_EQ(t.phases[1].caption, "Travel up the left leg.");
  EXPECT_EQ(t.phases[2].kind, PhaseKind::kPrepare);
  EXPECT_EQ(t.phases[2].item, "forehead");
  EXPECT_EQ(t.phases[3].item, "forehead");
  EXPECT_EQ(t.phases[4].item, "forehead");
  EXPECT_EQ(t.phases[5].giver, Person::kB);
  EXPECT_EQ(t.phases[6].giver, Person::kA);
}

}  // namespace
}  // namespace attune::core
