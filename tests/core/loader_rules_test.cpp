// The loader against the format page (shared/SESSION-FORMAT.md), rule by rule, with the exact text and
// place of every diagnostic.
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

TEST(LoaderTopLevelTest, AMinimalSessionLoadsWithDefaults) {
  const Session s = LoadOrDie("attune: 1\ntitle: Minimal\nsteps:\n  - rest: 5m\n");
  EXPECT_EQ(s.title, "Minimal");
  EXPECT_EQ(s.people, 1);
  EXPECT_EQ(s.language, "en");
  EXPECT_EQ(s.a.pan, -0.6);
  EXPECT_EQ(s.b.pan, 0.6);
  EXPECT_EQ(s.sound.cues, CueSound::kBowl);
  EXPECT_EQ(s.sound.breath, BreathSound::kGlide);
  EXPECT_EQ(s.sound.ambience, "none");
  EXPECT_EQ(s.sound.voice, VoiceMode::kAuto);
  ASSERT_EQ(s.steps.size(), 1u);
  EXPECT_EQ(std::get<RestStep>(s.steps[0].body).length, 300s);
  EXPECT_EQ(s.steps[0].common.location.line, 4);
  EXPECT_EQ(s.steps[0].common.location.column, 5);
}

TEST(LoaderTopLevelTest, MissingRequiredKeysAreReportedAtTheTop) {
  EXPECT_EQ(Check("summary: x\n"), (Lines{"test.yaml:1:1: error: missing required key 'attune'",
                                          "test.yaml:1:1: error: missing required key 'title'",
                                          "test.yaml:1:1: error: missing required key 'steps'"}));
}

TEST(LoaderTopLevelTest, VersionMustBeOne) {
  EXPECT_EQ(Check("attune: 2\ntitle: T\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:1:9: error: 'attune' must be 1 (got 2)"}));
  EXPECT_EQ(Check("attune: one\ntitle: T\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:1:9: error: 'attune' must be 1 (got 'one')"}));
}

TEST(LoaderTopLevelTest, UnknownKeysSuggestTheClosestKnownKey) {
  EXPECT_EQ(Check("attune: 1\ntitel: T\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:1:1: error: missing required key 'title'",
                   "test.yaml:2:1: error: unknown key 'titel' at the top level; did you mean 'title'?"}));
  EXPECT_EQ(Check(std::string(kHead) + "colour: red\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:3:1: error: unknown key 'colour' at the top level"}));
}

TEST(LoaderTopLevelTest, DuplicateKeysNameTheFirstLine) {
  EXPECT_EQ(Check("attune: 1\ntitle: A\nsteps: [{rest: 1}]\ntitle: B\n"),
            (Lines{"test.yaml:4:1: error: duplicate key 'title' (first at line 2)"}));
}

TEST(LoaderTopLevelTest, XKeysAreIgnoredAnywhere) {
  const Session s = LoadOrDie(
      "attune: 1\ntitle: T\nx-editor: {anything: [1, 2]}\nx-editor: again\nsteps:\n"
      "  - breathe: {inhale: 4, exhale: 6, x-note: hi}\n    cycles: 2\n    x-color: red\n");
  ASSERT_EQ(s.steps.size(), 1u);
}

TEST(LoaderTopLevelTest, PeopleIsOneOrTwo) {
  EXPECT_EQ(Check(std::string(kHead) + "people: 3\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:3:9: error: 'people' must be 1 or 2 (got 3)"}));
}

TEST(LoaderTopLevelTest, TitleMustBeNonEmptyText) {
  EXPECT_EQ(Check("attune: 1\ntitle:\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:2:1: error: 'title' must be text (got nothing)"}));
  EXPECT_EQ(Check("attune: 1\ntitle: [a]\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:2:8: error: 'title' must be text (got a list)"}));
}

TEST(LoaderTopLevelTest, TextIsAtMostTwoThousandCharacters) {
  EXPECT_EQ(Check(std::string(kHead) + "summary: " + std::string(2001, 'a') + "\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:3:10: error: 'summary' is 2001 characters long; text is at most 2000"}));
  const Session s =
      LoadOrDie(std::string(kHead) + "summary: " + std::string(1000, 'a') + "\nsteps: [{rest: 1}]\n");
  EXPECT_EQ(s.summary.size(), 1000u);
}

TEST(LoaderTopLevelTest, LanguageIsABcp47Tag) {
  EXPECT_EQ(LoadOrDie(std::string(kHead) + "language: pt-BR\nsteps: [{rest: 1}]\n").language, "pt-BR");
  EXPECT_EQ(
      Check(std::string(kHead) + "language: english!\nsteps: [{rest: 1}]\n"),
      (Lines{"test.yaml:3:11: error: 'language' must be a BCP 47 tag such as en or pt-BR (got 'english!')"}));
}

TEST(LoaderTopLevelTest, TagsAreAListOfText) {
  EXPECT_EQ(LoadOrDie(std::string(kHead) + "tags: [calm, sleep]\nsteps: [{rest: 1}]\n").tags,
            (std::vector<std::string>{"calm", "sleep"}));
  EXPECT_EQ(Check(std::string(kHead) + "tags: calm\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:3:7: error: 'tags' must be a list (got 'calm')"}));
}

TEST(LoaderTopLevelTest, RolesSetNamesColoursAndPan) {
  const Session s = LoadOrDie(std::string(kHead) +
                              "people: 2\nroles:\n  a: {name: Sam, color: \"#112233\", pan: -1}\n"
                              "  b: {name: Alex}\nsteps: [{rest: 1}]\n");
  EXPECT_EQ(s.a.name, "Sam");
  EXPECT_EQ(s.a.color, "#112233");
  EXPECT_EQ(s.a.pan, -1.0);
  EXPECT_EQ(s.b.name, "Alex");
  EXPECT_EQ(s.b.color, "#e69138");
  EXPECT_EQ(s.b.pan, 0.6);
}

TEST(LoaderTopLevelTest, RoleValuesAreChecked) {
  EXPECT_EQ(Check(std::string(kHead) +
                  "people: 2\nroles:\n  a: {color: red, pan: 1.5}\n  c: {name: C}\nsteps: [{rest: 1}]\n"),
            (Lines{"test.yaml:5:14: error: 'color' must be a colour \"#rrggbb\" (got 'red')",
                   "test.yaml:5:24: error: 'pan' must be a number from -1 to 1 (got 1.5)",
                   "test.yaml:6:3: error: unknown key 'c' in 'roles'"}));
}

TEST(LoaderTopLevelTest, RolesInAOnePersonSessionAreAWarning) {
  const LoadResult result = LoadText(std::string(kHead) + "roles:\n  a: {name: Sam}\nsteps: [{rest: 1}]\n");
  EXPECT_TRUE(result.session.has_value());
  EXPECT_EQ(Formatted(result),
            (Lines{"test.yaml:3:1: warning: 'roles' has no effect in a one-person session"}));
}

TEST(LoaderTopLevelTest, SoundChoicesAndSuggestions) {
  const Session s =
      LoadOrDie(std::string(kHead) +
                "sound: {cues: gong, breath: ticks, ambience: brown, voice: synth}\nsteps: [{rest: 1}]\n");
  EXPECT_EQ(s.sound.cues, CueSound::kGong);
  EXPECT_EQ(s.sound.breath, BreathSound::kTicks);
  EXPECT_EQ(s.sound.ambience, "brown");
  EXPECT_EQ(s.sound.voice, VoiceMode::kSynth);
  EXPECT_EQ(
      Check(std::string(kHead) + "sound: {cues: chim}\nsteps: [{rest: 1}]\n"),
      (Lines{"test.yaml:3:15: error: 'cues' must be one of bowl, chime, gong, wood, tone, none (got 'chim'); "
             "did you mean 'chime'?"}));
}

TEST(LoaderTopLevelTest, TheTopMustBeAMapping) {
  EXPECT_EQ(Check("- a\n- b\n"), (Lines{"test.yaml:1:1: error: a session must be a mapping with 'attune', "
                                        "'title' and 'steps' (got a list)"}));
  EXPECT_EQ(Check("just text\n"),
            (Lines{"test.yaml:1:1: error: a session must be a mapping with 'attune', 'title' "
                   "and 'steps' (got 'just text')"}));
}

TEST(LoaderTopLevelTest, AnEmptyFileIsAnError) {
  EXPECT_EQ(Check(""),
            (Lines{"test.yaml: error: the file is empty; a session needs 'attune', 'title' and 'steps'"}));
  EXPECT_EQ(Check("# only a comment\n"),
            (Lines{"test.yaml: error: the file is empty; a session needs 'attune', 'title' and 'steps'"}));
}

TEST(LoaderTopLevelTest, OneRunReportsEveryErrorInFileOrder) {
  EXPECT_EQ(
      Check("attune: 2\ntitle: T\nsteps:\n  - breathe: 4-0.2\n    cycles: 0\n  - rest: -1\n  - bell: gonk\n"),
      (Lines{"test.yaml:1:9: error: 'attune' must be 1 (got 2)",
             "test.yaml:4:14: error: 'exhale' must be at least 0.5 s (got 0.2 s)",
             "test.yaml:5:13: error: 'cycles' must be a whole number from 1 to 100000 (got 0)",
             "test.yaml:6:11: error: 'rest' must not be negative (got -1)",
             "test.yaml:7:11: error: 'bell' must be one of bowl, chime, gong, wood, tone, none (got 'gonk'); "
             "did you mean 'gong'?"}));
}

TEST(LoaderStepTest, AStepNeedsExactlyOneKind) {
  EXPECT_EQ(
      Check(std::string(kHead) + "steps:\n  - note: hi\n"),
      (Lines{"test.yaml:4:5: error: a step needs one kind key: say, breathe, body_scan, pmr, rest, bell, "
             "turns, repeat or use"}));
  EXPECT_EQ(
      Check(std::string(kHead) + "steps:\n  - rest: 1\n    bell: bowl\n"),
      (Lines{"test.yaml:5:5: error: a step has exactly one kind key; it already has 'rest', so 'bell' is not "
             "allowed"}));
}

TEST(LoaderStepTest, AStepWithTwoKindsIsStillCheckedAsItsFirstKind) {
  EXPECT_EQ(
      Check(std::string(kHead) + "steps:\n  - breathe: 4-0.2\n    rest: 1m\n    cycles: 0\n"),
      (Lines{"test.yaml:4:14: error: 'exhale' must be at least 0.5 s (got 0.2 s)",
             "test.yaml:5:5: error: a step has exactly one kind key; it already has 'breathe', so 'rest' is "
             "not allowed",
             "test.yaml:6:13: error: 'cycles' must be a whole number from 1 to 100000 (got 0)"}));
}

TEST(LoaderStepTest, KeysOfAnotherKindAndUnknownKeys) {
  EXPECT_EQ(Check(std::string(kHead) + "steps:\n  - rest: 1\n    cycles: 3\n    wiat: true\n"),
            (Lines{"test.yaml:5:5: error: 'cycles' does not belong in a rest step",
                   "test.yaml:6:5: error: unknown key 'wiat' in a rest step; did you mean 'wait'?"}));
}

TEST(LoaderStepTest, CommonKeysAreRead) {
  const Session s = LoadOrDie(std::string(kHead) +
                              "people: 2\nsteps:\n  - rest: 1m\n    say: Sit.\n    who: b\n    note: slow\n"
                              "    cue: wood\n    wait: true\n");
  const StepCommon& c = s.steps[0].common;
  EXPECT_EQ(c.say, "Sit.");
  EXPECT_EQ(c.who, Person::kB);
  EXPECT_EQ(c.note, "slow");
  EXPECT_EQ(c.cue, CueSound::kWood);
  EXPECT_TRUE(c.wait);
  EXPECT_EQ(
      Check(std::string(kHead) + "steps:\n  - rest: 1\n    wait: yes\n    cue: wod\n"),
      (Lines{"test.yaml:5:11: error: 'wait' must be true or false (got 'yes')",
             "test.yaml:6:10: error: 'cue' must be one of bowl, chime, gong, wood, tone, none (got 'wod'); "
             "did you mean 'wood'?"}));
}

TEST(LoaderStepTest, AOneLetterWhoGetsNoSuggestionButAMisspeltBothDoes) {
  EXPECT_EQ(
      Check(std::string(kHead) + "people: 2\nsteps:\n  - rest: 1\n    who: c\n  - rest: 1\n    who: bth\n"),
      (Lines{"test.yaml:6:10: error: 'who' must be one of a, b, both (got 'c')",
             "test.yaml:8:10: error: 'who' must be one of a, b, both (got 'bth'); did you mean 'both'?"}));
}

TEST(LoaderStepTest, WhoInAOnePersonSessionIsAWarning) {
  EXPECT_EQ(Check(std::string(kHead) + "steps:\n  - rest: 1\n    who: a\n"),
            (Lines{"test.yaml:5:5: warning: 'who' has no effect in a one-person session"}));
}

TEST(LoaderSayTest, DefaultLengthCountsWords) {
  const Session s =
      LoadOrDie(std::string(kHead) +
                "steps:\n  - say: Hello there.\n  - say: one two three four five six seven eight nine ten\n"
                "  - say: Hold.\n    for: 20s\n");
  EXPECT_EQ(std::get<SayStep>(s.steps[0].body).length, 3s);           // max(3, 1 + 0.9)
  EXPECT_EQ(std::get<SayStep>(s.steps[1].body).length, 5'500'000us);  // 1 + 4.5
  EXPECT_EQ(std::get<SayStep>(s.steps[2].body).length, 20s);
}

TEST(LoaderSayTest, SayMustNotBeEmptyAndForMustBePositive) {
  EXPECT_EQ(Check(std::string(kHead) + "steps:\n  - say: \"\"\n  - say: Hi\n    for: 0\n"),
            (Lines{"test.yaml:4:10: error: 'say' must not be empty",
                   "test.yaml:6:10: error: 'for' must be more than 0 s"}));
}

TEST(LoaderSayTest, TimesInEveryFormAndTheirErrors) {
  EXPECT_EQ(
      Check(std::string(kHead) +
            "steps:\n  - rest: 1m30s\n  - rest: 5 min\n  - rest: .nan\n  - rest: .inf\n  - rest: 5h\n"),
      (Lines{
          "test.yaml:5:11: error: 'rest' must be a time such as 20, 4.5, 90s or 1m30s (got '5 min')",
          "test.yaml:6:11: error: 'rest' must be a finite time (got .nan)",
          "test.yaml:7:11: error: 'rest' must be a finite time (got .inf)",
          "test.yaml:8:11: error: 'rest' must be at most 4 h, the longest a session may last (got '5h')"}));
}

}  // namespace
}  // namespace attune::core
