// The pacer: what one person's pacer shows at an instant, read from the compiled timeline.
#include "core/pacer.hpp"

#include <gtest/gtest.h>

#include "tests/core/compile_helpers.hpp"

namespace attune::core {
namespace {

using testing::CompileOrDie;

TEST(PacerTest, EaseIsFlatAtBothEndsAndHalfwayInTheMiddle) {
  EXPECT_DOUBLE_EQ(Ease(0.0), 0.0);
  EXPECT_DOUBLE_EQ(Ease(0.5), 0.5);
  EXPECT_DOUBLE_EQ(Ease(1.0), 1.0);
  EXPECT_DOUBLE_EQ(Ease(-3.0), 0.0);
  EXPECT_DOUBLE_EQ(Ease(7.0), 1.0);
  EXPECT_LT(Ease(0.001), 0.00001);
  EXPECT_GT(Ease(0.999), 0.99999);
}

TEST(PacerTest, LungsRiseThroughTheInhaleAndCountDown) {
  const Timeline t = CompileOrDie("attune: 1\ntitle: T\nsteps:\n  - breathe: 4-6\n    cycles: 2\n");
  const PacerState mid = PacerAt(t, Person::kA, Micros{2'000'000});
  EXPECT_EQ(mid.phase, PhaseKind::kInhale);
  EXPECT_DOUBLE_EQ(mid.lungs, 0.5);
  EXPECT_EQ(mid.left, Micros{2'000'000});
  EXPECT_EQ(mid.phase_length, Micros{4'000'000});
  EXPECT_DOUBLE_EQ(mid.progress, 0.5);
  EXPECT_EQ(mid.caption, "Breathe in");
  EXPECT_EQ(mid.step, 1);
  const PacerState top = PacerAt(t, Person::kA, Micros{4'000'000});
  EXPECT_EQ(top.phase, PhaseKind::kExhale);
  EXPECT_DOUBLE_EQ(top.lungs, 1.0);
  EXPECT_EQ(top.left, Micros{6'000'000});
}

TEST(PacerTest, TimeOutsideTheTimelineClampsToItsEnds) {
  const Timeline t = CompileOrDie("attune: 1\ntitle: T\nsteps:\n  - breathe: 4-6\n    cycles: 1\n");
  const PacerState before = PacerAt(t, Person::kA, Micros{-5'000'000});
  EXPECT_EQ(before.phase, PhaseKind::kInhale);
  EXPECT_EQ(before.left, Micros{4'000'000});
  const PacerState after = PacerAt(t, Person::kA, Micros{99'000'000});
  EXPECT_EQ(after.phase, PhaseKind::kExhale);
  EXPECT_EQ(after.left, Micros{0});
  EXPECT_DOUBLE_EQ(after.lungs, 0.0);
}

TEST(PacerTest, AlternatePartnerExhalesWhileFirstInhales) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: Test
people: 2
steps:
  - breathe: 4-4
    mode: alternate
    cycles: 2
)");
  EXPECT_EQ(PacerAt(t, Person::kA, Micros{1'000'000}).phase, PhaseKind::kInhale);
  EXPECT_EQ(PacerAt(t, Person::kB, Micros{1'000'000}).phase, PhaseKind::kExhale);
  EXPECT_EQ(PacerAt(t, Person::kBoth, Micros{1'000'000}).phase, PhaseKind::kInhale);
}

TEST(PacerTest, TensionFillsThroughTenseAndDrainsThroughRelease) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - pmr:
      prepare: 3s
      tense: 4s
      release: 10s
      groups: [ jaw ]
)");
  // Prepare (0-3 s): the instruction while the muscles are soft; tense (3-7 s); release (7-17 s).
  EXPECT_DOUBLE_EQ(PacerAt(t, Person::kA, Micros{0}).tension, 0.0);
  EXPECT_DOUBLE_EQ(PacerAt(t, Person::kA, Micros{2'000'000}).tension, 0.0);
  EXPECT_EQ(PacerAt(t, Person::kA, Micros{1'000'000}).phase, PhaseKind::kPrepare);
  EXPECT_EQ(PacerAt(t, Person::kA, Micros{1'000'000}).caption, "You might tense your jaw.");
  EXPECT_DOUBLE_EQ(PacerAt(t, Person::kA, Micros{5'000'000}).tension, 0.5);
  EXPECT_DOUBLE_EQ(PacerAt(t, Person::kA, Micros{7'000'000}).tension, 1.0);
  EXPECT_DOUBLE_EQ(PacerAt(t, Person::kA, Micros{12'000'000}).tension, 0.5);
  EXPECT_EQ(PacerAt(t, Person::kA, Micros{8'000'000}).phase, PhaseKind::kRelease);
}

TEST(PacerTest, AWaitGateShowsTheNextStepAtItsStart) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - say: Ready?
    wait: true
  - rest: 1m
)");
  const PacerState at_gate = PacerAt(t, Person::kA, Micros{3'000'000});
  EXPECT_EQ(at_gate.phase, PhaseKind::kRest);
  EXPECT_EQ(at_gate.caption, "Rest");
  EXPECT_EQ(at_gate.left, Micros{60'000'000});
}

TEST(PacerTest, LungsNeverJumpAcrossAShiftedStepAndBack) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
steps:
  - breathe: 4-6
    cycles: 2
  - breathe: 4-6
    shift: 30%
    cycles: 3
  - say: Rest a moment.
  - breathe: { phases: [ { inhale: 2 }, { inhale: 1 }, { exhale: 6 } ] }
    cycles: 2
)");
  for (const Person person : {Person::kA, Person::kB}) {
    double last = PacerAt(t, person, Micros{0}).lungs;
    for (Micros at{0}; at <= t.duration; at += Micros{1000}) {
      const double lungs = PacerAt(t, person, at).lungs;
      ASSERT_LE(std::abs(lungs - last), 0.002) << ToString(person) << " at " << FormatSecondsExact(at);
      last = lungs;
    }
  }
}

}  // namespace
}  // namespace attune::core
