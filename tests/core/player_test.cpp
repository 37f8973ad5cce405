// The player state machine: every transition, with exact clock and session times.
#include "core/player.hpp"

#include <gtest/gtest.h>

#include "tests/core/compile_helpers.hpp"

namespace attune::core {
namespace {

constexpr Micros S(double seconds) { return Micros(static_cast<std::int64_t>(seconds * 1'000'000)); }

// Steps: A 0-3 s, B 3-6 s (waits at 6 s), a rest 6-66 s, C 66-69 s.
std::shared_ptr<const Timeline> Gated() {
  return std::make_shared<const Timeline>(testing::CompileOrDie(R"(attune: 1
title: T
steps:
  - say: A
  - say: B
    wait: true
  - rest: 1m
  - say: C
)"));
}

TEST(PlayerTest, StartsReadyAtZero) {
  Player player(Gated(), S(3));
  EXPECT_EQ(player.status(), PlayerStatus::kReady);
  EXPECT_EQ(player.SessionTime(S(50)), Micros{0});
  EXPECT_STREQ(ToString(player.status()), "ready");
}

TEST(PlayerTest, PreRollCountsDownThenSessionTimeStartsAtItsEnd) {
  Player player(Gated(), S(3));
  player.Start(S(100));
  EXPECT_EQ(player.status(), PlayerStatus::kPreRoll);
  EXPECT_EQ(player.PreRollLeft(S(101)), S(2));
  EXPECT_EQ(player.SessionTime(S(101)), Micros{0});
  player.Update(S(103.5));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  EXPECT_EQ(player.SessionTime(S(103.5)), S(0.5));
  EXPECT_EQ(player.PreRollLeft(S(103.5)), Micros{0});
}

TEST(PlayerTest, ClockMapDuringPreRollAlreadyRunsFromTheCountdownsEnd) {
  // The audio thread renders ahead of the UI: before any Update() after the countdown, the map it copied
  // must already place session time 0 exactly at the countdown's end.
  Player player(Gated(), S(3));
  player.Start(S(100));
  const ClockMap map = player.clock_map();
  EXPECT_EQ(map.SessionAt(S(102.9)), Micros{0});
  EXPECT_EQ(map.SessionAt(S(103)), Micros{0});
  EXPECT_EQ(map.SessionAt(S(103.02)), S(0.02));
  player.Pause(S(101));
  EXPECT_EQ(player.clock_map().SessionAt(S(110)), Micros{0});
  player.Resume(S(110));
  EXPECT_EQ(player.clock_map().SessionAt(S(112)), Micros{0});
  EXPECT_EQ(player.clock_map().SessionAt(S(112.5)), S(0.5));
}

TEST(PlayerTest, PauseDuringPreRollFreezesTheCountdown) {
  Player player(Gated(), S(3));
  player.Start(S(0));
  player.Pause(S(1));
  EXPECT_EQ(player.status(), PlayerStatus::kPaused);
  player.Update(S(50));
  EXPECT_EQ(player.status(), PlayerStatus::kPaused);
  player.Resume(S(50));
  EXPECT_EQ(player.status(), PlayerStatus::kPreRoll);
  EXPECT_EQ(player.PreRollLeft(S(51)), S(1));
  player.Update(S(52));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  EXPECT_EQ(player.SessionTime(S(52.25)), S(0.25));
}

TEST(PlayerTest, PauseAndResumeKeepSessionTime) {
  Player player(Gated(), Micros{0});
  player.Start(S(10));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  const int revision = player.revision();
  player.TogglePause(S(11));
  EXPECT_EQ(player.status(), PlayerStatus::kPaused);
  EXPECT_GT(player.revision(), revision);
  EXPECT_EQ(player.SessionTime(S(40)), S(1));
  player.TogglePause(S(40));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  EXPECT_EQ(player.SessionTime(S(41.5)), S(2.5));
}

TEST(PlayerTest, ClockMapStopsExactlyAtAWaitGate) {
  Player player(Gated(), Micros{0});
  player.Start(S(0));
  EXPECT_EQ(player.clock_map().limit, S(6));
  EXPECT_EQ(player.clock_map().SessionAt(S(100)), S(6));
  player.Update(S(7));
  EXPECT_EQ(player.status(), PlayerStatus::kWaiting);
  EXPECT_EQ(player.SessionTime(S(30)), S(6));
  EXPECT_EQ(player.current_step(S(30)), 1);
}

TEST(PlayerTest, ContinueLeavesTheGateAndPlaysOn) {
  Player player(Gated(), Micros{0});
  player.Start(S(0));
  player.Update(S(7));
  player.Continue(S(20));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  EXPECT_EQ(player.SessionTime(S(21)), S(7));
  EXPECT_EQ(player.current_step(S(21)), 2);
  EXPECT_EQ(player.clock_map().limit, S(69));
}

TEST(PlayerTest, NextJumpsToTheNextStepsStart) {
  Player player(Gated(), Micros{0});
  player.Start(S(0));
  player.Next(S(1));
  EXPECT_EQ(player.SessionTime(S(1)), S(3));
  EXPECT_EQ(player.current_step(S(1)), 1);
  player.Next(S(2));  // past B's gate: moving on passes it
  EXPECT_EQ(player.SessionTime(S(2)), S(6));
  player.Update(S(3));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  EXPECT_EQ(player.SessionTime(S(3)), S(7));
}

TEST(PlayerTest, NextAtTheLastStepFinishes) {
  Player player(Gated(), Micros{0});
  player.StartAt(S(0), S(67));
  player.Next(S(1));
  EXPECT_EQ(player.status(), PlayerStatus::kFinished);
  EXPECT_EQ(player.SessionTime(S(5)), S(69));
}

TEST(PlayerTest, NextWhilePausedStaysPaused) {
  Player player(Gated(), Micros{0});
  player.Start(S(0));
  player.Pause(S(1));
  player.Next(S(2));
  EXPECT_EQ(player.status(), PlayerStatus::kPaused);
  EXPECT_EQ(player.SessionTime(S(9)), S(3));
}

TEST(PlayerTest, NextDuringThePreRollSkipsTheCountdown) {
  Player player(Gated(), S(3));
  player.Start(S(0));
  player.Next(S(1));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  EXPECT_EQ(player.SessionTime(S(1.5)), S(0.5));
}

TEST(PlayerTest, PreviousGoesBackToTheStepStartOrWithinTwoSecondsToThePreviousStep) {
  Player player(Gated(), Micros{0});
  player.Start(S(0));
  player.Update(S(5.5));
  player.Previous(S(5.5));  // 2.5 s into B: back to B's start
  EXPECT_EQ(player.SessionTime(S(5.5)), S(3));
  player.Previous(S(6));  // 0.5 s into B: back to A
  EXPECT_EQ(player.SessionTime(S(6)), S(0));
  EXPECT_EQ(player.current_step(S(6)), 0);
}

TEST(PlayerTest, PreviousFromAfterAGateHoldsAtItAgain) {
  Player player(Gated(), Micros{0});
  player.StartAt(S(0), S(7));
  player.Previous(S(0.5));  // 1.5 s into the rest: back to B
  EXPECT_EQ(player.SessionTime(S(0.5)), S(3));
  player.Update(S(10));
  EXPECT_EQ(player.status(), PlayerStatus::kWaiting);
  EXPECT_EQ(player.SessionTime(S(10)), S(6));
}

TEST(PlayerTest, ExtendRestGivesTheRestAnotherMinute) {
  Player player(Gated(), Micros{0});
  player.StartAt(S(0), S(10));
  EXPECT_FALSE(player.timeline()->steps.empty());
  const int revision = player.revision();
  EXPECT_TRUE(player.ExtendRest(S(1)));
  EXPECT_GT(player.revision(), revision);
  EXPECT_EQ(player.timeline()->duration, S(129));
  EXPECT_EQ(player.timeline()->steps[3].start, S(126));
  EXPECT_EQ(player.SessionTime(S(2)), S(12));
  EXPECT_EQ(player.clock_map().limit, S(129));
}

TEST(PlayerTest, ExtendRestOutsideARestDoesNothing) {
  Player player(Gated(), Micros{0});
  player.Start(S(0));
  const int revision = player.revision();
  EXPECT_FALSE(player.ExtendRest(S(1)));
  EXPECT_EQ(player.revision(), revision);
  EXPECT_EQ(player.timeline()->duration, S(69));
}

TEST(PlayerTest, StopFreezesTheSessionTime) {
  Player player(Gated(), Micros{0});
  player.Start(S(0));
  player.Stop(S(2));
  EXPECT_EQ(player.status(), PlayerStatus::kStopped);
  EXPECT_EQ(player.SessionTime(S(60)), S(2));
  EXPECT_STREQ(ToString(player.status()), "stopped");
}

TEST(PlayerTest, FinishesAtTheEndAndCanStartAgain) {
  Player player(Gated(), Micros{0});
  player.StartAt(S(0), S(66));
  player.Update(S(2));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  player.Update(S(3));
  EXPECT_EQ(player.status(), PlayerStatus::kFinished);
  EXPECT_EQ(player.SessionTime(S(90)), S(69));
  EXPECT_EQ(player.current_step(S(90)), 3);
  player.Start(S(100));
  EXPECT_EQ(player.status(), PlayerStatus::kPlaying);
  EXPECT_EQ(player.SessionTime(S(101)), S(1));
}

TEST(PlayerTest, UpdateIsIdempotentForTheSameNow) {
  Player player(Gated(), Micros{0});
  player.Start(S(0));
  player.Update(S(8));
  const int revision = player.revision();
  player.Update(S(8));
  EXPECT_EQ(player.revision(), revision);
  EXPECT_EQ(player.status(), PlayerStatus::kWaiting);
}

TEST(PlayerTest, ClockMapClampsReadingsBeforeItsAnchor) {
  const ClockMap map{true, S(10), S(1), S(5)};
  EXPECT_EQ(map.SessionAt(S(5)), Micros{0});
  EXPECT_EQ(map.SessionAt(S(12)), S(3));
  EXPECT_EQ(map.SessionAt(S(20)), S(5));
  const ClockMap paused{false, S(10), S(2), S(5)};
  EXPECT_EQ(paused.SessionAt(S(99)), S(2));
}

TEST(KeepsScreenAwake, OnlyWhileASessionIsUnderWay) {
  EXPECT_FALSE(KeepsScreenAwake(PlayerStatus::kReady));
  EXPECT_TRUE(KeepsScreenAwake(PlayerStatus::kPreRoll));
  EXPECT_TRUE(KeepsScreenAwake(PlayerStatus::kPlaying));
  EXPECT_FALSE(KeepsScreenAwake(PlayerStatus::kPaused));
  EXPECT_TRUE(KeepsScreenAwake(PlayerStatus::kWaiting));
  EXPECT_FALSE(KeepsScreenAwake(PlayerStatus::kFinished));
  EXPECT_FALSE(KeepsScreenAwake(PlayerStatus::kStopped));
}

}  // namespace
}  // namespace attune::core
