#include "core/player_view.hpp"

#include <gtest/gtest.h>

#include "compile_helpers.hpp"

namespace attune::core {
namespace {

using testing::CompileOrDie;

const char* kTwoPeople = R"(
attune: 1
title: Two
people: 2
roles:
  a: { name: Ann, color: "#6fa8dc" }
  b: { name: Ben, color: "#e69138" }
steps:
  - say: Settle in.
    for: 10s
    note: Dim the lights.
  - breathe: 4-6
    mode: alternate
    cycles: 2
    say: One in, one out.
  - say: Ann, just listen.
    who: a
    for: 5s
    wait: true
  - turns:
      each: 1m
      rounds: 1
)";

TEST(PlayerViewTest, OnePersonInhaleShowsBreatheInWithItsCountdown) {
  const Timeline timeline = CompileOrDie(R"(
attune: 1
title: Solo
steps:
  - breathe: 4-6
    cycles: 2
    say: Breathe with the circle.
)");
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, 1'500'000us, 0us);
  ASSERT_EQ(view.pacers.size(), 1u);
  EXPECT_EQ(view.pacers[0].label, "Breathe in");
  EXPECT_EQ(view.pacers[0].seconds_left, 3);
  EXPECT_TRUE(view.pacers[0].show_count);
  EXPECT_EQ(view.pacers[0].name, "");
  EXPECT_EQ(view.caption, "Breathe with the circle.");
  EXPECT_EQ(view.step_number, 1);
  EXPECT_EQ(view.step_count, 1);
  EXPECT_EQ(view.elapsed, 1'500'000us);
  EXPECT_EQ(view.remaining, 18'500'000us);
  EXPECT_EQ(view.next_title, "");
  EXPECT_EQ(view.mode_text, "");
}

TEST(PlayerViewTest, LungsGrowThroughAnInhale) {
  const Timeline timeline = CompileOrDie("attune: 1\ntitle: S\nsteps:\n  - breathe: 4-6\n    cycles: 1\n");
  const double start = BuildPlayerView(timeline, PlayerStatus::kPlaying, 0us, 0us).pacers[0].lungs;
  const double end = BuildPlayerView(timeline, PlayerStatus::kPlaying, 3'900'000us, 0us).pacers[0].lungs;
  EXPECT_LT(start, 0.01);
  EXPECT_GT(end, 0.99);
}

TEST(PlayerViewTest, AlternateStepGivesThePartnersOppositePhasesWithTheirNames) {
  const Timeline timeline = CompileOrDie(kTwoPeople);
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, 11s, 0us);
  ASSERT_EQ(view.pacers.size(), 2u);
  EXPECT_EQ(view.pacers[0].name, "Ann");
  EXPECT_EQ(view.pacers[1].name, "Ben");
  EXPECT_EQ(view.pacers[0].color, "#6fa8dc");
  EXPECT_EQ(view.pacers[0].label, "Breathe in");
  EXPECT_EQ(view.pacers[1].label, "Breathe out");
  EXPECT_EQ(view.mode_text, "Alternate: as one breathes in, the other breathes out");
  EXPECT_EQ(view.step_title, timeline.steps[1].title);
}

TEST(PlayerViewTest, OwnNamesReplaceTheScriptsRoleNames) {
  const Timeline timeline = CompileOrDie(kTwoPeople);
  PlayerViewOptions options;
  options.name_a = "Kim";
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, 11s, 0us, options);
  EXPECT_EQ(view.pacers[0].name, "Kim");
  EXPECT_EQ(view.pacers[1].name, "Ben");
}

TEST(PlayerViewTest, SayStepShowsItsPromptTheNextStepAndTheNote) {
  const Timeline timeline = CompileOrDie(kTwoPeople);
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, 2s, 0us);
  EXPECT_EQ(view.kind, StepKind::kSay);
  EXPECT_TRUE(view.pacers.empty());
  EXPECT_EQ(view.caption, "Settle in.");
  EXPECT_EQ(view.note, "Dim the lights.");
  EXPECT_EQ(view.next_title, timeline.steps[1].title);
}

TEST(PlayerViewTest, PromptForOnePartnerIsShownOnlyOnTheirSide) {
  const Timeline timeline = CompileOrDie(R"(
attune: 1
title: Who
people: 2
steps:
  - breathe: 4-4
    cycles: 2
  - breathe: 4-4
    cycles: 2
    say: Only for b.
    who: b
)");
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, 17s, 0us);
  ASSERT_EQ(view.pacers.size(), 2u);
  EXPECT_EQ(view.pacers[0].caption, "");
  EXPECT_EQ(view.pacers[1].caption, "Only for b.");
  EXPECT_EQ(view.caption, "");
}

TEST(PlayerViewTest, PreRollShowsTheWholeSecondsLeftRoundedUp) {
  const Timeline timeline = CompileOrDie(kTwoPeople);
  EXPECT_EQ(BuildPlayerView(timeline, PlayerStatus::kPreRoll, 0us, 4'200'000us).pre_roll_seconds, 5);
  EXPECT_EQ(BuildPlayerView(timeline, PlayerStatus::kPreRoll, 0us, 1us).pre_roll_seconds, 1);
  EXPECT_EQ(BuildPlayerView(timeline, PlayerStatus::kPlaying, 0us, 0us).pre_roll_seconds, 0);
}

TEST(PlayerViewTest, WaitGateKeepsTheEndedStepOnScreenAndSaysWaiting) {
  const Timeline timeline = CompileOrDie(kTwoPeople);
  const Micros gate = timeline.steps[2].end;
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kWaiting, gate, 0us);
  EXPECT_TRUE(view.waiting);
  EXPECT_EQ(view.step_number, 3);
}

TEST(PlayerViewTest, TurnsNameWhoGivesAndWhoReceivesAndWhenTheySwap) {
  const Timeline timeline = CompileOrDie(kTwoPeople);
  const Micros start = timeline.steps[3].start;
  PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, start + 10s, 0us);
  EXPECT_EQ(view.kind, StepKind::kTurns);
  EXPECT_EQ(view.giver, "Ann");
  EXPECT_EQ(view.receiver, "Ben");
  EXPECT_EQ(view.turn_number, 1);
  EXPECT_EQ(view.turn_count, 2);
  EXPECT_EQ(view.turn_left, 50s);
  view = BuildPlayerView(timeline, PlayerStatus::kPlaying, start + 70s, 0us);
  EXPECT_EQ(view.giver, "Ben");
  EXPECT_EQ(view.receiver, "Ann");
  EXPECT_EQ(view.turn_number, 2);
}

TEST(PlayerViewTest, PmrGaugeFillsOnTenseAndDrainsOnRelease) {
  const Timeline timeline = CompileOrDie(R"(
attune: 1
title: P
steps:
  - pmr:
      tense: 6s
      release: 20s
      groups: [right hand]
)");
  const PlayerView early = BuildPlayerView(timeline, PlayerStatus::kPlaying, 1s, 0us);
  const PlayerView late = BuildPlayerView(timeline, PlayerStatus::kPlaying, 5s, 0us);
  const PlayerView release = BuildPlayerView(timeline, PlayerStatus::kPlaying, 16s, 0us);
  EXPECT_TRUE(early.tensing);
  EXPECT_LT(early.tension, late.tension);
  EXPECT_FALSE(release.tensing);
  EXPECT_LT(release.tension, late.tension);
}

TEST(PlayerViewTest, RestShowsTimeLeftAndIntervalMarksAsFractions) {
  const Timeline timeline = CompileOrDie(R"(
attune: 1
title: R
steps:
  - say: Sit.
    for: 10s
  - rest: 1m30s
    interval: 30s
)");
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, 40s, 0us);
  EXPECT_EQ(view.kind, StepKind::kRest);
  EXPECT_EQ(view.rest_left, 60s);
  ASSERT_EQ(view.rest_marks.size(), 2u);
  EXPECT_DOUBLE_EQ(view.rest_marks[0], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(view.rest_marks[1], 2.0 / 3.0);
}

TEST(PlayerViewTest, BodyScanRegionLightsTheAreaItNames) {
  EXPECT_EQ(BodyAreasOf("left foot"), kBodyLeftFoot);
  EXPECT_EQ(BodyAreasOf("You might bring your attention to your right knee."), kBodyRightLeg);
  EXPECT_EQ(BodyAreasOf("both hands"), kBodyLeftHand | kBodyRightHand);
  EXPECT_EQ(BodyAreasOf("the top of the head"), kBodyHead);
  EXPECT_EQ(BodyAreasOf("the whole body breathing"), kBodyWhole);
  EXPECT_EQ(BodyAreasOf("the sounds in the room"), 0u);
}

TEST(PlayerViewTest, HoldIsStillAndWakesAtTheNextDigit) {
  const Timeline timeline = CompileOrDie("attune: 1\ntitle: H\nsteps:\n  - breathe: 4-7-8\n    cycles: 1\n");
  const FrameHint inhale = NextVisibleChange(timeline, PlayerStatus::kPlaying, 1s, 0us);
  EXPECT_TRUE(inhale.moving);
  const FrameHint hold = NextVisibleChange(timeline, PlayerStatus::kPlaying, 5'250'000us, 0us);
  EXPECT_FALSE(hold.moving);
  EXPECT_EQ(hold.until_change, 750'000us);
}

TEST(PlayerViewTest, PausedOrFinishedNeverWakesByItself) {
  const Timeline timeline = CompileOrDie(kTwoPeople);
  EXPECT_EQ(NextVisibleChange(timeline, PlayerStatus::kPaused, 11s, 0us).until_change, Micros::max());
  EXPECT_EQ(NextVisibleChange(timeline, PlayerStatus::kFinished, 11s, 0us).until_change, Micros::max());
  EXPECT_EQ(NextVisibleChange(timeline, PlayerStatus::kPreRoll, 0us, 2'300'000us).until_change, 300'000us);
}

TEST(PlayerViewTest, EndSummarySaysWhatWasPractisedAndForHowLong) {
  const Timeline timeline = CompileOrDie(R"(
attune: 1
title: End
steps:
  - say: Hello.
    for: 10s
  - breathe: 5-5
    cycles: 6
  - rest: 2m
)");
  const EndSummary done = BuildEndSummary(timeline, timeline.duration, true);
  EXPECT_EQ(done.title, "End");
  EXPECT_EQ(done.headline, "You practised for 3 min 10 s.");
  EXPECT_EQ(done.lines,
            (std::vector<std::string>{"Guidance: 10 s", "Paced breathing: 1 min", "Quiet rest: 2 min"}));
  const EndSummary stopped = BuildEndSummary(timeline, 40s, false);
  EXPECT_EQ(stopped.headline, "You stopped after 40 s.");
  EXPECT_EQ(stopped.lines, (std::vector<std::string>{"Guidance: 10 s", "Paced breathing: 30 s"}));
}

}  // namespace
}  // namespace attune::core
