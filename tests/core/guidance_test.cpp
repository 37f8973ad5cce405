// tests/core/guidance_test.cpp: prompts timed to speech (issue 8): lead-ins, PMR prepare phases, soft
// region cues, no breath twice, {a}/{b}, titles, wait text, and the guidance warnings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "core/compile_helpers.hpp"
#include "core/timeline.hpp"

namespace attune::core {
namespace {

using testing::CompileOrDie;
using testing::CompileWithSpeech;
using ::testing::ElementsAre;
using testing::Rows;

// 0.4 s per word, exactly: a speech source the tests can count on.
class FakeSpeech : public SpeechLength {
 public:
  std::optional<Micros> Length(const std::string&, const std::string& text) const override {
    int words = 0;
    bool in_word = false;
    for (const char c : text) {
      const bool space = c == ' ';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    return Micros{400'000} * words;
  }
};

Timeline Spoken(const std::string& yaml) {
  static const FakeSpeech speech;
  CompileResult result = CompileWithSpeech(yaml, &speech);
  for (const Diagnostic& d : result.diagnostics) ADD_FAILURE() << d.Format();
  return result.timeline.value_or(Timeline{});
}

std::vector<std::string> Warnings(const std::string& yaml) {
  static const FakeSpeech speech;
  const CompileResult result = CompileWithSpeech(yaml, &speech);
  std::vector<std::string> lines;
  for (const Diagnostic& d : result.diagnostics) lines.push_back(d.Format());
  return lines;
}

// Two prompts one listener hears overlap: one starts before another's speech has ended.
bool AnyOverlap(const Timeline& t, Person listener) {
  Micros speaking_until{-1};
  for (const Prompt& p : t.prompts) {
    if (p.who != listener && p.who != Person::kBoth) continue;
    if (p.start < speaking_until) return true;
    speaking_until = std::max(speaking_until, p.spoken_end);
  }
  return false;
}

TEST(GuidanceTest, ABreathingStepsPromptIsSpokenInALeadInBeforeTheFirstBreath) {
  const Timeline t = Spoken(R"(attune: 1
title: T
steps:
  - breathe: 4-6
    cycles: 1
    say: "Let the breath find its own pace."
)");
  // 7 words: 2.8 s spoken, the lead-in 3.8 s.
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-3.800000 lead_in both", "3.800000-7.800000 inhale both",
                                   "7.800000-13.800000 exhale both"));
  EXPECT_FALSE(t.phases[0].count);
  EXPECT_EQ(t.phases[0].caption, "Let the breath find its own pace.");
  EXPECT_DOUBLE_EQ(t.phases[0].lungs_from, 0.0);
  EXPECT_DOUBLE_EQ(t.phases[0].lungs_to, 0.0);
  ASSERT_EQ(t.prompts.size(), 1u);
  EXPECT_EQ(t.prompts[0].start, Micros{0});
  EXPECT_EQ(t.prompts[0].spoken_end, Micros{2'800'000});
  EXPECT_EQ(t.prompts[0].end, Micros{13'800'000});  // the caption stays, as a smaller line
  EXPECT_EQ(t.prompts[0].role, PromptRole::kStep);
  EXPECT_EQ(t.prompts[0].line, 6);
  EXPECT_LT(t.prompts[0].spoken_end, t.phases[1].start);
}

TEST(GuidanceTest, LeadInZeroSpeaksOverTheFirstPhasesAndAnExplicitLeadInIsKept) {
  const Timeline none = Spoken(R"(attune: 1
title: T
steps:
  - breathe: 4-6
    cycles: 1
    say: "Breathe gently."
    lead_in: 0
)");
  EXPECT_THAT(Rows(none), ElementsAre("0.000000-4.000000 inhale both", "4.000000-10.000000 exhale both"));
  const Timeline fixed = Spoken(R"(attune: 1
title: T
steps:
  - breathe: 4-6
    cycles: 1
    say: "Breathe gently."
    lead_in: 5s
)");
  EXPECT_EQ(testing::Row(fixed.phases[0]), "0.000000-5.000000 lead_in both");
}

TEST(GuidanceTest, ALeadInTooShortForItsPromptIsAWarningThatSaysHowLongItLasts) {
  EXPECT_THAT(
      Warnings(R"(attune: 1
title: T
steps:
  - breathe: 4-6
    cycles: 1
    say: "one two three four five six seven eight nine ten eleven"
    lead_in: 2s
)"),
      ElementsAre("t.yaml:7:14: warning: 'lead_in' of 2 s is shorter than its prompt, which lasts 4.4 s "
                  "when spoken"));
}

TEST(GuidanceTest, PmrPreparesEachGroupThenTensesInSilenceThenReleases) {
  const Timeline t = Spoken(R"(attune: 1
title: T
steps:
  - pmr:
      tense: 7s
      release: 20s
      repeat: 2
      groups:
        - hands
        - { group: forehead, say: "You might raise your eyebrows as high as they comfortably go." }
)");
  // "You might tense your hands." 5 words = 2 s: prepare max(3, 3) = 3 s. "Once more: hands." 1.2 s: 3 s.
  // The forehead's 11 words = 4.4 s: prepare 5.4 s.
  EXPECT_THAT(Rows(t), ElementsAre("0.000000-3.000000 prepare both", "3.000000-10.000000 tense both",
                                   "10.000000-30.000000 release both", "30.000000-33.000000 prepare both",
                                   "33.000000-40.000000 tense both", "40.000000-60.000000 release both",
                                   "60.000000-65.400000 prepare both", "65.400000-72.400000 tense both",
                                   "72.400000-92.400000 release both", "92.400000-95.400000 prepare both",
                                   "95.400000-102.400000 tense both", "102.400000-122.400000 release both"));
  EXPECT_EQ(t.phases[3].caption, "Once more: hands.");
  EXPECT_EQ(t.phases[0].line, 9);
  EXPECT_EQ(t.phases[0].item, "hands");
  // In every tense phase only the short signal is spoken, and at least 5 s stay silent.
  for (const TimelinePhase& phase : t.phases) {
    if (phase.kind != PhaseKind::kTense) continue;
    Micros speech{0};
    for (const Prompt& p : t.prompts) {
      const Micros from = std::max(p.start, phase.start);
      const Micros to = std::min(p.spoken_end, phase.end);
      if (to > from) {
        speech += to - from;
        EXPECT_EQ(p.role, PromptRole::kSignal) << p.text;
        EXPECT_EQ(p.text, "Now.");
      }
    }
    EXPECT_GE(phase.end - phase.start - speech, Micros{5'000'000});
  }
  EXPECT_FALSE(AnyOverlap(t, Person::kA));
  // Soft cues at the later prepare phases; the tense cue is a full one.
  for (const Cue& cue : t.cues) {
    const bool at_prepare =
        cue.time == Micros{30'000'000} || cue.time == Micros{60'000'000} || cue.time == Micros{92'400'000};
    EXPECT_EQ(cue.soft, at_prepare) << FormatSecondsExact(cue.time);
  }
}

TEST(GuidanceTest, AnExplicitPrepareTooShortIsWarnedAtItsValue) {
  EXPECT_THAT(
      Warnings(R"(attune: 1
title: T
steps:
  - pmr:
      prepare: 2s
      groups:
        - { group: hands, say: "one two three four five six seven eight" }
)"),
      ElementsAre("t.yaml:5:16: warning: 'prepare' of 2 s is shorter than its prompt, which lasts 3.2 s "
                  "when spoken",
                  // and so it runs on into the tense signal "Now."
                  "t.yaml:7:11: warning: prompt overlaps \"Now.\" (line 7): it is still spoken 1.2 s after "
                  "that one starts"));
}

TEST(GuidanceTest, RegionCuesAreSoftAndTheFirstGetsOneAfterALeadIn) {
  const Timeline t = Spoken(R"(attune: 1
title: T
steps:
  - say: Settle.
  - body_scan:
      each: 20s
      regions: [left foot, left leg]
    say: "Let your attention rest on the body."
)");
  // A bowl step cue at 3 s, then soft bowls at the first region (after the 3.8 s lead-in) and the second.
  ASSERT_EQ(t.cues.size(), 3u);
  EXPECT_EQ(t.cues[0].time, Micros{3'000'000});
  EXPECT_FALSE(t.cues[0].soft);
  EXPECT_EQ(t.cues[1].time, Micros{6'800'000});
  EXPECT_TRUE(t.cues[1].soft);
  EXPECT_TRUE(t.cues[2].soft);
  EXPECT_FALSE(AnyOverlap(t, Person::kA));
  EXPECT_EQ(t.prompts[2].role, PromptRole::kItem);
  EXPECT_EQ(t.prompts[2].line, 7);
  const Timeline silent = Spoken(R"(attune: 1
title: T
steps:
  - say: Settle.
  - body_scan:
      each: 20s
      region_cue: none
      regions: [left foot, left leg]
)");
  ASSERT_EQ(silent.cues.size(), 1u);  // only the step cue
}

TEST(GuidanceTest, PartnerBEnteringAlternateAfterASharedExhaleRestsInsteadOfBreathingOutTwice) {
  const Timeline t = Spoken(R"(attune: 1
title: T
people: 2
steps:
  - breathe: 4-6
    cycles: 2
  - breathe: 5-5
    mode: alternate
    cycles: 2
)");
  const TimelinePhase* first_b = nullptr;
  const TimelinePhase* first_a = nullptr;
  for (const TimelinePhase& p : t.phases) {
    if (p.step != 2) continue;
    if (p.person == Person::kB && first_b == nullptr) first_b = &p;
    if (p.person == Person::kA && first_a == nullptr) first_a = &p;
  }
  ASSERT_NE(first_b, nullptr);
  ASSERT_NE(first_a, nullptr);
  EXPECT_EQ(testing::Row(*first_b), "20.000000-25.000000 hold_out b");
  EXPECT_EQ(first_b->caption, "Rest");
  EXPECT_DOUBLE_EQ(first_b->lungs_from, 0.0);
  EXPECT_DOUBLE_EQ(first_b->lungs_to, 0.0);
  EXPECT_EQ(testing::Row(*first_a), "20.000000-25.000000 inhale a");
  EXPECT_EQ(t.duration, Micros{40'000'000});  // no length changes
}

TEST(GuidanceTest, AStepThatOpensOnAnExhaleAfterARestIsNotChanged) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
steps:
  - say: Begin with a full breath out.
  - breathe: { phases: [{exhale: 4}, {inhale: 4}] }
    cycles: 1
)");
  EXPECT_EQ(t.phases[1].kind, PhaseKind::kExhale);
}

TEST(GuidanceTest, PartnerNamesTitleAndWaitText) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: T
people: 2
roles:
  a: { name: Sam, color: "#6fa8dc" }
  b: { name: Alex, color: "#e69138" }
steps:
  - say: "{a}, look at {b}."
    title: "Look up"
    wait: "When {a} and {b} are ready"
  - rest: 10s
    wait: true
  - say: "Done."
    wait: true
)");
  EXPECT_EQ(t.prompts[0].text, "Sam, look at Alex.");
  EXPECT_EQ(t.steps[0].title, "Look up");
  EXPECT_EQ(t.steps[1].title, "Rest 10 s");
  EXPECT_EQ(t.steps[0].wait_text, "When Sam and Alex are ready");
  std::vector<std::string> waits;
  for (const TimelinePhase& p : t.phases) {
    if (p.kind == PhaseKind::kWait) waits.push_back(p.caption);
  }
  EXPECT_THAT(waits, ElementsAre("When Sam and Alex are ready", "Rest", "Done."));
}

TEST(GuidanceTest, VoiceOffUsesTheReadingTime) {
  const Timeline t = Spoken(R"(attune: 1
title: T
sound: { voice: off }
steps:
  - breathe: 4-6
    cycles: 1
    say: "one two three four five six seven eight nine ten"
)");
  // Reading time 1 + 0.45 × 10 = 5.5 s, not the speech source's 4 s: the lead-in is 6.5 s.
  EXPECT_EQ(t.prompts[0].spoken_end, Micros{5'500'000});
  EXPECT_EQ(testing::Row(t.phases[0]), "0.000000-6.500000 lead_in both");
}

TEST(GuidanceTest, OverlappingPromptsAreWarnedOnceWithBothLines) {
  const std::vector<std::string> warnings = Warnings(R"(attune: 1
title: T
steps:
  - repeat: 3
    steps:
      - say: "one two three four five six seven eight nine ten"
        for: 2s
      - say: "Next."
)");
  EXPECT_THAT(
      warnings,
      ElementsAre(
          "t.yaml:6:14: warning: prompt lasts 4 s when spoken but has 2 s before the end of its "
          "step",
          "t.yaml:6:14: warning: prompt overlaps \"Next.\" (line 8): it is still spoken 2 s after that "
          "one starts"));
}

TEST(GuidanceTest, ExtendRestShiftsSpokenEnds) {
  const Timeline t = Spoken("attune: 1\ntitle: T\nsteps:\n  - rest: 10s\n  - say: \"Welcome back.\"\n");
  const std::optional<Timeline> longer = ExtendRestAt(t, Micros{1'000'000}, Micros{5'000'000});
  ASSERT_TRUE(longer.has_value());
  ASSERT_EQ(longer->prompts.size(), 1u);
  EXPECT_EQ(longer->prompts[0].start, Micros{15'000'000});
  EXPECT_EQ(longer->prompts[0].spoken_end, Micros{15'800'000});
}

}  // namespace
}  // namespace attune::core
