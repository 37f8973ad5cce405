// tests/platform/frame_pacer_test.cpp: the frame pacing decisions, one look at a time and as a simulated
// loop (sleep FrameTimeout, look, draw when DecideFrame says so) over seconds of a session.
#include "platform/frame_pacer.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace attune::platform {
namespace {

constexpr Micros kSecond{1'000'000};
constexpr Micros kLongAgo{-10'000'000'000};

FrameInputs PlayerAt(Micros now) {
  FrameInputs inputs;
  inputs.now = now;
  inputs.player = true;
  inputs.last_mouse = kLongAgo;
  return inputs;
}

FramePacerState Settled(Micros last_draw, const std::string& signature = "same") {
  FramePacerState state;
  state.frames_to_draw = 0;
  state.last_draw = last_draw;
  state.last_poll = last_draw;
  state.last_signature = signature;
  return state;
}

struct SimulatedRun {
  std::vector<Micros> draws;
  int looks = 0;
};

// The shell's loop without events: sleep the timeout, look, draw when told to. `picture(t)` is the
// signature of what the screen would show at t; `hint(t)` the player's next visible change.
SimulatedRun Simulate(Micros from, Micros to, FramePacerState& state,
                      const std::function<std::string(Micros)>& picture,
                      const std::function<core::FrameHint(Micros)>& hint) {
  SimulatedRun run;
  Micros now = from;
  while (now < to) {
    FrameInputs inputs = PlayerAt(now);
    inputs.hint = hint(now);
    now += FrameTimeout(inputs, state);
    if (now >= to) break;
    ++run.looks;
    inputs.now = now;
    inputs.signature = [&picture, now] { return picture(now); };
    if (DecideFrame(inputs, state).draw) run.draws.push_back(now);
  }
  return run;
}

core::FrameHint Moving(Micros) { return {true, Micros::max()}; }
core::FrameHint Still(Micros) { return {false, Micros::max()}; }

TEST(FramePacerTest, PausedWithNoMouseSleepsASecondAtATimeAndNeverDraws) {
  FramePacerState state = Settled(Micros{0});
  const SimulatedRun run = Simulate(
      Micros{0}, 10 * kSecond + Micros{1}, state, [](Micros) { return std::string("same"); }, Still);
  EXPECT_TRUE(run.draws.empty());
  EXPECT_EQ(run.looks, 10);
  FrameInputs inputs = PlayerAt(Micros{123'456});
  EXPECT_EQ(FrameTimeout(inputs, state), kIdleWait);
}

TEST(FramePacerTest, StillPictureSleepsUntilItsNextVisibleChange) {
  FramePacerState state = Settled(Micros{0});
  FrameInputs inputs = PlayerAt(Micros{100'000});
  inputs.hint = {false, Micros{300'000}};  // a countdown digit changes in 300 ms
  EXPECT_EQ(FrameTimeout(inputs, state), Micros{300'500});
  inputs.hint = {false, Micros{5'000'000}};  // beyond the idle wait: look again after a second
  EXPECT_EQ(FrameTimeout(inputs, state), kIdleWait);
}

TEST(FramePacerTest, CountdownDrawsOncePerDigit) {
  FramePacerState state = Settled(Micros{0}, "10");
  // The digit shows whole seconds left of 10 s, rounded up; it changes at every whole second.
  const auto digit = [](Micros t) {
    return std::to_string((10 * kSecond - t + kSecond - Micros{1}) / kSecond);
  };
  const auto hint = [](Micros t) { return core::FrameHint{false, kSecond - t % kSecond}; };
  const SimulatedRun run = Simulate(Micros{0}, Micros{5'200'000}, state, digit, hint);
  ASSERT_EQ(run.draws.size(), 5u);
  for (std::size_t i = 0; i < run.draws.size(); ++i) {
    const Micros second = kSecond * static_cast<int>(i + 1);
    EXPECT_GE(run.draws[i], second);
    EXPECT_LE(run.draws[i], second + Micros{1000}) << i;
  }
  EXPECT_LE(run.looks, 6);
}

TEST(FramePacerTest, MovingPacerDrawsAtMost24FramesASecond) {
  FramePacerState state = Settled(Micros{0}, "");
  // A fast pacer: a new pixel every millisecond.
  const SimulatedRun run = Simulate(
      Micros{0}, 10 * kSecond, state, [](Micros t) { return std::to_string(t.count() / 1000); }, Moving);
  EXPECT_GE(run.draws.size(), 230u);
  EXPECT_LE(run.draws.size(), 240u);
  for (std::size_t i = 1; i < run.draws.size(); ++i)
    EXPECT_GE(run.draws[i] - run.draws[i - 1], kMotionInterval);
  EXPECT_EQ(static_cast<std::size_t>(run.looks), run.draws.size());  // it slept to each slot, no busy looks
}

TEST(FramePacerTest, SlowPacerDrawsOnlyWhenItMovedAPixelAndLooksEvery8Ms) {
  FramePacerState state = Settled(Micros{0}, "0");
  // Near a turn: one pixel every 100 ms.
  const SimulatedRun run = Simulate(
      Micros{0}, 2 * kSecond, state, [](Micros t) { return std::to_string(t.count() / 100'000); }, Moving);
  EXPECT_GE(run.draws.size(), 19u);
  EXPECT_LE(run.draws.size(), 20u);
  // After a draw it sleeps to the next 24 fps slot, then looks every kMotionRecheck: never more often.
  EXPECT_LE(run.looks, static_cast<int>(2 * kSecond / kMotionRecheck) + 1);
  EXPECT_GE(run.looks, static_cast<int>(2 * kSecond / Micros{100'000}) * 5);
}

TEST(FramePacerTest, MovingPacerWaitsForItsNextSlotThenRechecks) {
  const FramePacerState state = Settled(Micros{1'000'000});
  FrameInputs inputs = PlayerAt(Micros{1'010'000});
  inputs.hint = {true, Micros::max()};
  EXPECT_EQ(FrameTimeout(inputs, state), Micros{1'000'000} + kMotionInterval - Micros{1'010'000});
  inputs.now = Micros{1'040'000};  // the slot is 1.667 ms away: still wait the recheck interval
  EXPECT_EQ(FrameTimeout(inputs, state), kMotionRecheck);
  inputs.now = Micros{1'100'000};  // past the slot
  EXPECT_EQ(FrameTimeout(inputs, state), kMotionRecheck);
}

TEST(FramePacerTest, BlankScreenDoesNotFollowTheMovingPacer) {
  const FramePacerState state = Settled(Micros{0});
  FrameInputs inputs = PlayerAt(Micros{10'000});
  inputs.hint = {true, Micros::max()};
  inputs.blank = true;
  EXPECT_EQ(FrameTimeout(inputs, state), kIdleWait);
}

TEST(FramePacerTest, InputDrawsThreeFramesAtMost60ASecondWithin16Ms) {
  FramePacerState state = Settled(Micros{1'000'000});
  const Micros key{1'005'000};  // a key press 5 ms after the last frame
  NoteInput(state);
  EXPECT_EQ(state.frames_to_draw, kFramesAfterInput);
  FrameInputs inputs = PlayerAt(key);
  int signatures = 0;
  inputs.signature = [&signatures] {
    ++signatures;
    return std::string("same");
  };
  EXPECT_EQ(DecideFrame(inputs, state).reason, FrameReason::kTooSoon);
  EXPECT_EQ(signatures, 0);  // too soon: the view is not even built
  const Micros wait = FrameTimeout(inputs, state);
  EXPECT_EQ(wait, Micros{1'000'000} + kFrameInterval - key);
  std::vector<Micros> draws;
  Micros now = key + wait;
  for (int look = 0; look < 10; ++look) {
    inputs.now = now;
    if (DecideFrame(inputs, state).draw) draws.push_back(now);
    now += FrameTimeout(inputs, state);
  }
  ASSERT_EQ(draws.size(), 3u);  // the owed frames, though nothing changed
  EXPECT_LE(draws[0] - key, kFrameInterval);
  EXPECT_EQ(draws[1] - draws[0], kFrameInterval);
  EXPECT_EQ(draws[2] - draws[1], kFrameInterval);
  EXPECT_EQ(state.frames_to_draw, 0);
}

TEST(FramePacerTest, OwedFrameDrawsAtOnceWhenTheLastIsOldEnough) {
  FramePacerState state = Settled(Micros{0});
  NoteInput(state);
  FrameInputs inputs = PlayerAt(Micros{500'000});
  EXPECT_EQ(FrameTimeout(inputs, state), Micros{0});
  const FrameDecision decision = DecideFrame(inputs, state);
  EXPECT_TRUE(decision.draw);
  EXPECT_EQ(decision.reason, FrameReason::kOwed);
  EXPECT_EQ(state.last_draw, Micros{500'000});
  EXPECT_EQ(state.frames_to_draw, kFramesAfterInput - 1);
}

TEST(FramePacerTest, DrawsOnlyWhenTheSignatureChanges) {
  FramePacerState state = Settled(Micros{0}, "a");
  FrameInputs inputs = PlayerAt(Micros{100'000});
  inputs.signature = [] { return std::string("a"); };
  EXPECT_EQ(DecideFrame(inputs, state).reason, FrameReason::kUnchanged);
  EXPECT_EQ(state.last_draw, Micros{0});
  inputs.signature = [] { return std::string("b"); };
  const FrameDecision decision = DecideFrame(inputs, state);
  EXPECT_TRUE(decision.draw);
  EXPECT_EQ(decision.reason, FrameReason::kChanged);
  EXPECT_EQ(state.last_signature, "b");
  EXPECT_EQ(state.last_draw, Micros{100'000});
  EXPECT_EQ(DecideFrame(inputs, state).reason, FrameReason::kUnchanged);
}

TEST(FramePacerTest, LibraryChangeOwesTwoFramesButNeverLessThanOwed) {
  FramePacerState state = Settled(Micros{0});
  NoteChange(state);
  EXPECT_EQ(state.frames_to_draw, kFramesAfterChange);
  NoteInput(state);
  NoteChange(state);
  EXPECT_EQ(state.frames_to_draw, kFramesAfterInput);
}

TEST(FramePacerTest, ControlsLingerKeepsTheLoopAwakeToHideThem) {
  const FramePacerState state = Settled(Micros{0});
  FrameInputs inputs = PlayerAt(Micros{3'000'000});
  inputs.last_mouse = Micros{1'000'000};  // the controls hide at 3.5 s
  EXPECT_TRUE(ControlsShown(inputs.now, inputs.last_mouse));
  EXPECT_EQ(FrameTimeout(inputs, state), Micros{501'000});
  inputs.now = inputs.last_mouse + kControlsLinger;
  EXPECT_FALSE(ControlsShown(inputs.now, inputs.last_mouse));
  EXPECT_EQ(FrameTimeout(inputs, state), kIdleWait);
}

TEST(FramePacerTest, LibraryScreenWakesForThePollEveryTwoSeconds) {
  FramePacerState state = Settled(Micros{0});
  FrameInputs inputs;
  inputs.now = Micros{1'500'000};
  inputs.hint = {true, Micros::max()};  // ignored off the player
  inputs.last_mouse = inputs.now;       // so is the mouse
  EXPECT_EQ(FrameTimeout(inputs, state), kLibraryPoll - Micros{1'500'000});
  EXPECT_FALSE(LibraryPollDue(Micros{1'999'999}, state));
  EXPECT_TRUE(LibraryPollDue(Micros{2'000'000}, state));
  EXPECT_EQ(state.last_poll, Micros{2'000'000});
  EXPECT_FALSE(LibraryPollDue(Micros{2'000'001}, state));
  inputs.now = Micros{5'000'000};  // overdue: look at once
  EXPECT_EQ(FrameTimeout(inputs, state), Micros{0});
}

TEST(FramePacerTest, PreparingAudioAndTheQuitDeadlineShortenTheSleep) {
  const FramePacerState state = Settled(Micros{0});
  FrameInputs inputs = PlayerAt(Micros{10'000});
  inputs.preparing_audio = true;
  EXPECT_EQ(FrameTimeout(inputs, state), kPreparingRecheck);
  inputs.quit_at = Micros{40'000};
  EXPECT_EQ(FrameTimeout(inputs, state), Micros{30'000});
  inputs.quit_at = Micros{5'000};  // past
  EXPECT_EQ(FrameTimeout(inputs, state), Micros{0});
}

}  // namespace
}  // namespace attune::platform
