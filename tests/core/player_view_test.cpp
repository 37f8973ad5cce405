#include "core/player_view.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "compile_helpers.hpp"

namespace attune::core {
namespace {

using testing::CompileOrDie;

// The `n`th (0-based) phase of `kind` that `person` plays (theirs or both's); fails the test when none.
const TimelinePhase& NthPhase(const Timeline& timeline, PhaseKind kind, int n = 0,
                              Person person = Person::kA) {
  for (const TimelinePhase& phase : timeline.phases) {
    if (phase.kind != kind || (phase.person != person && phase.person != Person::kBoth)) continue;
    if (n-- == 0) return phase;
  }
  ADD_FAILURE() << "no phase " << ToString(kind) << " #" << n;
  static const TimelinePhase kNone;
  return kNone;
}

// A timeline built by hand, the way the compiler lays out spoken guidance: a step's prompt in its lead-in,
// then its phases; items with their own prompts; PMR signals. Times in seconds.
class HandTimeline {
 public:
  explicit HandTimeline(int people = 1) { timeline_.people = people; }
  HandTimeline& Step(StepKind kind, double start, double end) {
    TimelineStep step;
    step.kind = kind;
    step.start = FromSeconds(start);
    step.end = FromSeconds(end);
    step.title = "Step " + std::to_string(timeline_.steps.size() + 1);
    timeline_.steps.push_back(step);
    timeline_.duration = std::max(timeline_.duration, step.end);
    return *this;
  }
  HandTimeline& Phase(PhaseKind kind, double start, double end, std::string caption = {},
                      Person person = Person::kBoth, double lungs_from = 0.0, double lungs_to = 0.0) {
    TimelinePhase phase;
    phase.kind = kind;
    phase.start = FromSeconds(start);
    phase.end = FromSeconds(end);
    phase.person = person;
    phase.step = static_cast<int>(timeline_.steps.size());
    phase.caption = std::move(caption);
    phase.lungs_from = lungs_from;
    phase.lungs_to = lungs_to;
    timeline_.phases.push_back(phase);
    return *this;
  }
  HandTimeline& Item(std::string item) {
    timeline_.phases.back().item = std::move(item);
    return *this;
  }
  HandTimeline& Say(PromptRole role, double start, double spoken_end, double end, std::string text,
                    Person who = Person::kBoth) {
    Prompt prompt;
    prompt.role = role;
    prompt.start = FromSeconds(start);
    prompt.spoken_end = FromSeconds(spoken_end);
    prompt.end = FromSeconds(end);
    prompt.text = std::move(text);
    prompt.who = who;
    prompt.step = static_cast<int>(timeline_.steps.size());
    timeline_.prompts.push_back(prompt);
    return *this;
  }
  HandTimeline& WaitText(std::string text) {
    timeline_.steps.back().wait = true;
    timeline_.steps.back().wait_text = std::move(text);
    return *this;
  }
  Timeline Done() {
    std::stable_sort(timeline_.phases.begin(), timeline_.phases.end(),
                     [](const TimelinePhase& a, const TimelinePhase& b) { return a.start < b.start; });
    std::stable_sort(timeline_.prompts.begin(), timeline_.prompts.end(),
                     [](const Prompt& a, const Prompt& b) { return a.start < b.start; });
    return timeline_;
  }

 private:
  Timeline timeline_;
};

PlayerView At(const Timeline& timeline, double seconds) {
  return BuildPlayerView(timeline, PlayerStatus::kPlaying, FromSeconds(seconds), 0us);
}

// Breathe 4-6 after a 5 s lead-in whose prompt is spoken for 4 s.
Timeline BreatheWithLeadIn() {
  return HandTimeline()
      .Step(StepKind::kBreathe, 0, 25)
      .Phase(PhaseKind::kLeadIn, 0, 5, "You might let the breath find its own pace.")
      .Phase(PhaseKind::kInhale, 5, 9, "Breathe in", Person::kBoth, 0.0, 1.0)
      .Phase(PhaseKind::kExhale, 9, 15, "Breathe out", Person::kBoth, 1.0, 0.0)
      .Phase(PhaseKind::kInhale, 15, 19, "Breathe in", Person::kBoth, 0.0, 1.0)
      .Phase(PhaseKind::kExhale, 19, 25, "Breathe out", Person::kBoth, 1.0, 0.0)
      .Say(PromptRole::kStep, 0, 4, 25, "You might let the breath find its own pace.")
      .Done();
}

TEST(PlayerViewTest, InALeadInThePromptIsTheLargeTextAndThePacerRestsWithoutACount) {
  const Timeline timeline = BreatheWithLeadIn();
  const PlayerView view = At(timeline, 2.0);
  EXPECT_TRUE(view.lead_in);
  EXPECT_EQ(view.phase, PhaseKind::kLeadIn);
  EXPECT_EQ(view.caption, "You might let the breath find its own pace.");
  EXPECT_EQ(view.caption_role, PromptRole::kStep);
  EXPECT_EQ(view.steady_line, "");
  ASSERT_EQ(view.pacers.size(), 1u);
  EXPECT_EQ(view.pacers[0].label, "");
  EXPECT_FALSE(view.pacers[0].show_count);
  EXPECT_FALSE(view.pacers[0].breathing);
  EXPECT_EQ(view.pacers[0].lungs, 0.0);
  EXPECT_FALSE(NextVisibleChange(timeline, PlayerStatus::kPlaying, 2s, 0us).moving);
}

TEST(PlayerViewTest, OnceSpokenTheStepPromptBecomesTheSteadyLineAndThePhaseLabelIsLarge) {
  const Timeline timeline = BreatheWithLeadIn();
  const PlayerView quiet = At(timeline, 4.5);  // still the lead-in, the speech has ended
  EXPECT_TRUE(quiet.lead_in);
  EXPECT_EQ(quiet.caption, "");
  EXPECT_EQ(quiet.steady_line, "You might let the breath find its own pace.");
  const PlayerView inhale = At(timeline, 6.0);
  EXPECT_FALSE(inhale.lead_in);
  EXPECT_EQ(inhale.caption, "");
  EXPECT_EQ(inhale.steady_line, "You might let the breath find its own pace.");
  EXPECT_EQ(inhale.pacers[0].label, "Breathe in");
  EXPECT_TRUE(inhale.pacers[0].show_count);
  EXPECT_EQ(inhale.pacers[0].seconds_left, 3);
  const PlayerView exhale = At(timeline, 20.0);
  EXPECT_EQ(exhale.pacers[0].label, "Breathe out");
  EXPECT_EQ(exhale.pacers[0].seconds_left, 5);
  EXPECT_EQ(exhale.steady_line, "You might let the breath find its own pace.");
}

TEST(PlayerViewTest, TheFrameWakesWhenAPromptsSpeechEnds) {
  const Timeline timeline = BreatheWithLeadIn();
  EXPECT_EQ(NextVisibleChange(timeline, PlayerStatus::kPlaying, 3'700'000us, 0us).until_change, 300'000us);
}

TEST(PlayerViewTest, APromptSpokenOverTheFirstBreathsIsLargeUntilItsSpeechEnds) {
  const Timeline timeline = HandTimeline()
                                .Step(StepKind::kBreathe, 0, 10)
                                .Phase(PhaseKind::kInhale, 0, 4, "Breathe in", Person::kBoth, 0.0, 1.0)
                                .Phase(PhaseKind::kExhale, 4, 10, "Breathe out", Person::kBoth, 1.0, 0.0)
                                .Say(PromptRole::kStep, 0, 3, 10, "Breathe with the circle.")
                                .Done();
  const PlayerView spoken = At(timeline, 1.0);
  EXPECT_EQ(spoken.caption, "Breathe with the circle.");
  EXPECT_EQ(spoken.steady_line, "");
  EXPECT_EQ(spoken.pacers[0].label, "Breathe in");
  const PlayerView after = At(timeline, 3.5);
  EXPECT_EQ(after.caption, "");
  EXPECT_EQ(after.steady_line, "Breathe with the circle.");
  EXPECT_EQ(after.pacers[0].label, "Breathe in");
}

TEST(PlayerViewTest, ARegionsPromptIsTheLargeTextAndTheStepsPromptStaysSmall) {
  const Timeline timeline =
      HandTimeline()
          .Step(StepKind::kBodyScan, 0, 46)
          .Phase(PhaseKind::kLeadIn, 0, 6, "Let the body rest.")
          .Phase(PhaseKind::kRegion, 6, 26, "left foot")
          .Item("left foot")
          .Phase(PhaseKind::kRegion, 26, 46, "the sounds in the room")
          .Item("the sounds in the room")
          .Say(PromptRole::kStep, 0, 5, 46, "Let the body rest.")
          .Say(PromptRole::kItem, 6, 9, 26, "You might bring your attention to your left foot.")
          .Say(PromptRole::kItem, 26, 29, 46, "Now the sounds in the room.")
          .Done();
  const PlayerView lead_in = At(timeline, 1.0);
  EXPECT_EQ(lead_in.caption, "Let the body rest.");
  EXPECT_EQ(lead_in.region, "");
  EXPECT_EQ(lead_in.body_areas, 0u);
  const PlayerView foot = At(timeline, 20.0);  // long after the region's prompt was spoken
  EXPECT_EQ(foot.caption, "You might bring your attention to your left foot.");
  EXPECT_EQ(foot.caption_role, PromptRole::kItem);
  EXPECT_EQ(foot.steady_line, "Let the body rest.");
  EXPECT_EQ(foot.region, "Left foot");
  EXPECT_EQ(foot.body_areas, kBodyLeftFoot);
  const PlayerView sounds = At(timeline, 27.0);
  EXPECT_EQ(sounds.caption, "Now the sounds in the room.");
  EXPECT_EQ(sounds.region, "The sounds in the room");
  EXPECT_EQ(sounds.body_areas, 0u);
}

// One PMR group as a teacher gives it: instruction while soft, "Now." and tension, then release. The
// signals' own ends are their spoken ends, so they must stay up through their phase by themselves.
Timeline OneGroup() {
  return HandTimeline()
      .Step(StepKind::kPmr, 0, 45)
      .Phase(PhaseKind::kLeadIn, 0, 4, "Settle in.")
      .Phase(PhaseKind::kPrepare, 4, 8, "right hand")
      .Item("right hand")
      .Phase(PhaseKind::kTense, 8, 15, "right hand")
      .Item("right hand")
      .Phase(PhaseKind::kRelease, 15, 45, "right hand")
      .Item("right hand")
      .Say(PromptRole::kStep, 0, 3, 45, "Settle in.")
      .Say(PromptRole::kItem, 4, 7, 45, "You might make a fist with your right hand.")
      .Say(PromptRole::kSignal, 8, 9, 9, "Now.")
      .Say(PromptRole::kSignal, 15, 18, 18, "And release. Notice the difference.")
      .Done();
}

TEST(PlayerViewTest, PmrPrepareShowsTheInstructionWithAnEmptyGauge) {
  const Timeline timeline = OneGroup();
  const PlayerView lead_in = At(timeline, 1.0);
  EXPECT_EQ(lead_in.caption, "Settle in.");
  EXPECT_EQ(lead_in.group, "");
  EXPECT_EQ(lead_in.phase_label, "");
  const PlayerView prepare = At(timeline, 7.5);
  EXPECT_EQ(prepare.phase, PhaseKind::kPrepare);
  EXPECT_EQ(prepare.caption, "You might make a fist with your right hand.");
  EXPECT_EQ(prepare.steady_line, "Settle in.");
  EXPECT_EQ(prepare.group, "Right hand");
  EXPECT_EQ(prepare.phase_label, "Get ready");
  EXPECT_EQ(prepare.tension, 0.0);
  EXPECT_FALSE(prepare.tensing);
}

TEST(PlayerViewTest, PmrSignalsShowWithTheTenseAndReleaseStatesThroughTheirPhases) {
  const Timeline timeline = OneGroup();
  const PlayerView early = At(timeline, 9.0);
  const PlayerView late = At(timeline, 14.0);
  EXPECT_EQ(early.phase_label, "Tense");
  EXPECT_TRUE(early.tensing);
  EXPECT_EQ(early.caption, "Now.");
  EXPECT_EQ(early.caption_role, PromptRole::kSignal);
  EXPECT_EQ(late.caption, "Now.");  // never the instruction again while the muscles are tense
  EXPECT_GT(early.tension, 0.0);
  EXPECT_LT(early.tension, late.tension);
  const PlayerView release = At(timeline, 30.0);
  EXPECT_EQ(release.phase_label, "Release");
  EXPECT_FALSE(release.tensing);
  EXPECT_EQ(release.caption, "And release. Notice the difference.");
  EXPECT_LT(release.tension, late.tension);
  EXPECT_EQ(release.group, "Right hand");
}

TEST(PlayerViewTest, AWaitGateShowsTheWaitTextToTheRoom) {
  const Timeline timeline = HandTimeline()
                                .Step(StepKind::kSay, 0, 5)
                                .Phase(PhaseKind::kSay, 0, 5, "Sit facing each other.")
                                .Say(PromptRole::kStep, 0, 3, 5, "Sit facing each other.")
                                .WaitText("When you are both ready")
                                .Step(StepKind::kRest, 5, 65)
                                .Phase(PhaseKind::kRest, 5, 65)
                                .Done();
  const PlayerView gate = BuildPlayerView(timeline, PlayerStatus::kWaiting, 5s, 0us);
  EXPECT_TRUE(gate.waiting);
  EXPECT_EQ(gate.step_number, 1);
  EXPECT_EQ(gate.caption, "When you are both ready");
  EXPECT_EQ(gate.steady_line, "");
  // A `say` step's prompt stays large after it is spoken.
  EXPECT_EQ(At(timeline, 4.0).caption, "Sit facing each other.");
}

TEST(PlayerViewTest, ALeadInBeforeTurnsNamesWhoGivesFirstAndWhen) {
  HandTimeline hand(2);
  hand.Step(StepKind::kTurns, 0, 130)
      .Phase(PhaseKind::kLeadIn, 0, 10, "Take your time.")
      .Phase(PhaseKind::kTurn, 10, 70, "turn", Person::kA)
      .Phase(PhaseKind::kTurn, 10, 70, "turn", Person::kB)
      .Phase(PhaseKind::kTurn, 70, 130, "turn", Person::kA)
      .Phase(PhaseKind::kTurn, 70, 130, "turn", Person::kB)
      .Say(PromptRole::kStep, 0, 2, 130, "Take your time.")
      .Say(PromptRole::kItem, 10, 14, 70, "Ann, your turn to give.");
  Timeline timeline = hand.Done();
  timeline.a.name = "Ann";
  timeline.b.name = "Ben";
  for (TimelinePhase& phase : timeline.phases) {
    if (phase.kind == PhaseKind::kTurn) phase.giver = phase.start == 10s ? Person::kA : Person::kB;
  }
  const PlayerView before = At(timeline, 4.0);
  EXPECT_EQ(before.turn_number, 0);
  EXPECT_EQ(before.turn_count, 2);
  EXPECT_EQ(before.giver, "Ann");
  EXPECT_EQ(before.turn_left, 6s);
  EXPECT_EQ(before.caption, "");
  EXPECT_EQ(before.steady_line, "Take your time.");
  const PlayerView first = At(timeline, 20.0);
  EXPECT_EQ(first.turn_number, 1);
  EXPECT_EQ(first.caption, "Ann, your turn to give.");
  EXPECT_EQ(At(timeline, 80.0).giver, "Ben");
}

TEST(PlayerViewTest, APartnersOwnPromptIsSplitLikeTheSharedOne) {
  const Timeline timeline = HandTimeline(2)
                                .Step(StepKind::kBreathe, 0, 13)
                                .Phase(PhaseKind::kLeadIn, 0, 3, "For b.")
                                .Phase(PhaseKind::kInhale, 3, 8, "Breathe in", Person::kA, 0.0, 1.0)
                                .Phase(PhaseKind::kExhale, 3, 8, "Breathe out", Person::kB, 1.0, 0.0)
                                .Phase(PhaseKind::kExhale, 8, 13, "Breathe out", Person::kA, 1.0, 0.0)
                                .Phase(PhaseKind::kInhale, 8, 13, "Breathe in", Person::kB, 0.0, 1.0)
                                .Say(PromptRole::kStep, 0, 2, 13, "For b.", Person::kB)
                                .Done();
  const PlayerView spoken = At(timeline, 1.0);
  ASSERT_EQ(spoken.pacers.size(), 2u);
  EXPECT_EQ(spoken.pacers[1].caption, "For b.");
  EXPECT_EQ(spoken.pacers[0].caption, "");
  EXPECT_EQ(spoken.caption, "");
  const PlayerView later = At(timeline, 9.0);
  EXPECT_EQ(later.pacers[1].caption, "");
  EXPECT_EQ(later.pacers[1].steady_line, "For b.");
  EXPECT_EQ(later.pacers[1].label, "Breathe in");
  EXPECT_EQ(later.pacers[0].label, "Breathe out");
  EXPECT_EQ(later.pacers[0].steady_line, "");
}

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
  // The second breath: the prompt (spoken in the lead-in, or over the first breath) has been said.
  const Micros t = NthPhase(timeline, PhaseKind::kInhale, 1).start + 1'500'000us;
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, t, 0us);
  ASSERT_EQ(view.pacers.size(), 1u);
  EXPECT_EQ(view.pacers[0].label, "Breathe in");
  EXPECT_EQ(view.pacers[0].seconds_left, 3);
  EXPECT_TRUE(view.pacers[0].show_count);
  EXPECT_EQ(view.pacers[0].name, "");
  EXPECT_EQ(view.caption, "");
  EXPECT_EQ(view.steady_line, "Breathe with the circle.");
  EXPECT_EQ(view.step_number, 1);
  EXPECT_EQ(view.step_count, 1);
  EXPECT_EQ(view.elapsed, t);
  EXPECT_EQ(view.remaining, timeline.duration - t);
  EXPECT_EQ(view.remaining, 8'500'000us);
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
  const Micros t = NthPhase(timeline, PhaseKind::kInhale).start + 1s;
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, t, 0us);
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
  const Micros t = NthPhase(timeline, PhaseKind::kInhale).start + 1s;
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, t, 0us, options);
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
  // Near the step's end, long after the prompt was spoken: b's side keeps it as the steady line.
  const PlayerView view = BuildPlayerView(timeline, PlayerStatus::kPlaying, timeline.steps[1].end - 1s, 0us);
  ASSERT_EQ(view.pacers.size(), 2u);
  EXPECT_EQ(view.pacers[0].caption, "");
  EXPECT_EQ(view.pacers[0].steady_line, "");
  EXPECT_EQ(view.pacers[1].caption, "");
  EXPECT_EQ(view.pacers[1].steady_line, "Only for b.");
  EXPECT_EQ(view.caption, "");
  EXPECT_EQ(view.steady_line, "");
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
  const Micros tense = NthPhase(timeline, PhaseKind::kTense).start;
  const PlayerView early = BuildPlayerView(timeline, PlayerStatus::kPlaying, tense + 1s, 0us);
  const PlayerView late = BuildPlayerView(timeline, PlayerStatus::kPlaying, tense + 5s, 0us);
  const PlayerView release = BuildPlayerView(timeline, PlayerStatus::kPlaying, tense + 16s, 0us);
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

// 10 s of guidance, 1 min of paced breathing, 2 min of rest: the end summaries' session.
constexpr const char* kEndScript = R"(
attune: 1
title: End
steps:
  - say: Hello.
    for: 10s
  - breathe: 5-5
    cycles: 6
  - rest: 2m
)";

TEST(PlayerViewTest, EndSummarySaysWhatWasPractisedAndForHowLong) {
  const Timeline timeline = CompileOrDie(kEndScript);
  EndFacts whole;
  whole.completed = true;
  whole.reached = whole.practised = timeline.duration;
  whole.played = {{0us, timeline.duration}};
  const EndSummary done = BuildEndSummary(timeline, whole);
  EXPECT_EQ(done.title, "End");
  EXPECT_EQ(done.headline, "You practised for 3 min 10 s.");
  EXPECT_EQ(done.lines,
            (std::vector<std::string>{"Guidance: 10 s", "Paced breathing: 1 min", "Quiet rest: 2 min"}));
  EXPECT_TRUE(done.counted);
  EXPECT_EQ(done.note, "");
  EndFacts part;
  part.reached = part.practised = 40s;
  part.played = {{0us, 40s}};
  const EndSummary stopped = BuildEndSummary(timeline, part);
  EXPECT_EQ(stopped.headline, "You stopped after 40 s.");
  EXPECT_EQ(stopped.lines, (std::vector<std::string>{"Guidance: 10 s", "Paced breathing: 30 s"}));
}

// A run skipped through to the end is not praised as a whole practice: the headline says what was skipped,
// the lines count only what was played, and under the threshold it is not counted.
TEST(PlayerViewTest, EndSummaryOfASkippedRunSaysWhatWasSkippedAndThatItIsNotCounted) {
  const Timeline timeline = CompileOrDie(kEndScript);
  EndFacts skipped;
  skipped.completed = true;
  skipped.reached = timeline.duration;
  skipped.practised = 20s;
  skipped.skipped = timeline.duration - 20s;
  skipped.played = {{0us, 10s}, {70s, 80s}};  // the guidance, then 10 s of the rest
  const EndSummary summary = BuildEndSummary(timeline, skipped);
  EXPECT_EQ(summary.headline, "You reached the end: 20 s practised, 2 min 50 s skipped.");
  EXPECT_EQ(summary.lines, (std::vector<std::string>{"Guidance: 10 s", "Quiet rest: 10 s"}));
  EXPECT_FALSE(summary.counted);
  EXPECT_EQ(summary.note,
            "Under 30 s of practice: kept in your history, not counted in your totals or streak.");

  EndFacts aborted;  // stopped during a pre-roll: nothing played
  aborted.practised = 600ms;
  const EndSummary short_one = BuildEndSummary(timeline, aborted);
  EXPECT_EQ(short_one.headline, "You stopped after 0.6 s.");
  EXPECT_TRUE(short_one.lines.empty());
  EXPECT_FALSE(short_one.counted);

  EndFacts stopped_after_skip;  // the threshold is a setting
  stopped_after_skip.reached = 100s;
  stopped_after_skip.practised = 40s;
  stopped_after_skip.skipped = 60s;
  stopped_after_skip.played = {{0us, 40s}};
  stopped_after_skip.min_counted = 45s;
  const EndSummary stopped = BuildEndSummary(timeline, stopped_after_skip);
  EXPECT_EQ(stopped.headline, "You stopped after 40 s of practice (1 min skipped).");
  EXPECT_FALSE(stopped.counted);
  EXPECT_EQ(stopped.note,
            "Under 45 s of practice: kept in your history, not counted in your totals or streak.");
}

}  // namespace
}  // namespace attune::core
