// `attune plan` output: the exact JSON and table a tool or an author reads.
#include "core/plan.hpp"

#include <gtest/gtest.h>

#include "tests/core/compile_helpers.hpp"

namespace attune::core {
namespace {

using testing::CompileOrDie;

TEST(PlanTest, JsonHasTheFormatPagesKeysWithExactTimes) {
  const Timeline t = CompileOrDie(R"(attune: 1
title: Small
steps:
  - say: Hi.
  - breathe: 4-6
    cycles: 1
)");
  EXPECT_EQ(FormatPlanJson(t), R"({
  "title": "Small",
  "people": 1,
  "duration": 13.000000,
  "phases": [
    {"start": 0.000000, "end": 3.000000, "kind": "say", "person": "both", "step": 1, "line": 4, "caption": "Hi."},
    {"start": 3.000000, "end": 7.000000, "kind": "inhale", "person": "both", "step": 2, "line": 5, "caption": "Breathe in"},
    {"start": 7.000000, "end": 13.000000, "kind": "exhale", "person": "both", "step": 2, "line": 5, "caption": "Breathe out"}
  ],
  "cues": [
    {"time": 3.000000, "sound": "bowl", "person": "both", "soft": false}
  ],
  "prompts": [
    {"start": 0.000000, "end": 3.000000, "text": "Hi.", "person": "both", "step": 1, "line": 4}
  ],
  "steps": [
    {"start": 0.000000, "end": 3.000000, "kind": "say", "line": 4, "title": "Hi.", "wait": false},
    {"start": 3.000000, "end": 13.000000, "kind": "breathe", "line": 5, "title": "Breathe 4-6", "wait": false}
  ]
}
)");
}

TEST(PlanTest, JsonEscapesQuotesAndControlCharactersAndKeepsUtf8) {
  Timeline t;
  t.title = "A \"quiet\" río\nline\ttab\x01 \\ end";
  const std::string json = FormatPlanJson(t);
  EXPECT_NE(json.find(R"("title": "A \"quiet\" río\nline\ttab\u0001 \\ end",)"), std::string::npos) << json;
  EXPECT_NE(json.find("\"phases\": [],\n  \"cues\": [],\n  \"prompts\": [],\n  \"steps\": []\n}"),
            std::string::npos)
      << json;
}

TEST(PlanTest, TextListsRowsCuesAndTheTotalLength) {
  const Timeline t = CompileOrDie("attune: 1\ntitle: Small\nsteps:\n  - say: Hi.\n  - rest: 1m\n");
  EXPECT_EQ(FormatPlanText(t), R"(Small
1 person · 2 steps · 2 phases · 1 cue

    start        end  who   kind      step  line  caption
 0.000000   3.000000  both  say          1     4  Hi.
 3.000000  63.000000  both  rest         2     5  Rest

Prompts (start, where the speech ends, when the caption goes)
 0.000000   3.000000   3.000000  both     1     4  Hi.

Steps
   1   0.000000  Hi.  line 4
   2   3.000000  Rest 1 min  line 5

Cues
 3.000000  bowl   both

Total length: 1 min 3 s (63.000000 s)
)");
}

// Each prompt is listed with where its speech ends (spoken_end), not where its caption goes.
TEST(PlanTest, PromptsListTheirSpokenEndAndSoftCuesAreMarked) {
  Timeline t;
  t.title = "P";
  t.duration = FromSeconds(20);
  Prompt prompt;
  prompt.start = FromSeconds(1);
  prompt.end = FromSeconds(20);
  prompt.spoken_end = Micros{3'456'789};
  prompt.text = "You might \"soften\".";
  prompt.who = Person::kB;
  prompt.step = 2;
  prompt.line = 9;
  t.prompts = {prompt};
  Cue cue;
  cue.time = FromSeconds(5);
  cue.sound = CueSound::kWood;
  cue.soft = true;
  t.cues = {cue};
  const std::string json = FormatPlanJson(t);
  EXPECT_NE(
      json.find(
          R"({"start": 1.000000, "end": 3.456789, "text": "You might \"soften\".", "person": "b", "step": 2, "line": 9})"),
      std::string::npos)
      << json;
  EXPECT_NE(json.find(R"({"time": 5.000000, "sound": "wood", "person": "both", "soft": true})"),
            std::string::npos)
      << json;
  const std::string text = FormatPlanText(t);
  EXPECT_NE(text.find(" 1.000000   3.456789  20.000000  b        2     9  You might \"soften\"."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("wood   both  (soft)"), std::string::npos) << text;
}

}  // namespace
}  // namespace attune::core
