// The built-in sessions (sessions/*.yaml): each loads and compiles clean, and each stays faithful to the
// practice it teaches (shared/PRACTICES.md). Also checks that the loader agrees with sessions/schema.json
// on the schema's fixtures (tests/data/schema).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "core/loader.hpp"
#include "core/loader_messages.hpp"
#include "core/timeline.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> YamlFilesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string SessionPath(const std::string& name) { return (fs::path(ATTUNE_SESSIONS_DIR) / name).string(); }

struct Compiled {
  Session session;
  Timeline timeline;
  Diagnostics diagnostics;  // of loading and compiling, in that order
};

// Loads and compiles a built-in session; fails the test (and returns nullopt) on any error.
std::optional<Compiled> LoadBuiltIn(const std::string& name) {
  LoadResult loaded = LoadSessionFile(SessionPath(name));
  std::string errors;
  for (const Diagnostic& d : loaded.diagnostics) {
    if (d.severity == Severity::kError) errors += d.Format() + "\n";
  }
  if (!loaded.session) {
    ADD_FAILURE() << name << " does not load:\n" << errors;
    return std::nullopt;
  }
  CompileResult compiled = Compile(*loaded.session);
  for (const Diagnostic& d : compiled.diagnostics) {
    if (d.severity == Severity::kError) errors += d.Format() + "\n";
  }
  if (!compiled.timeline) {
    ADD_FAILURE() << name << " does not compile:\n" << errors;
    return std::nullopt;
  }
  Diagnostics all = loaded.diagnostics;
  all.insert(all.end(), compiled.diagnostics.begin(), compiled.diagnostics.end());
  return Compiled{*loaded.session, *compiled.timeline, all};
}

// The steps of `steps` in played order, with `use` expanded and `repeat` bodies listed once.
void Flatten(const Session& session, const std::vector<Step>& steps, std::vector<const Step*>* out) {
  for (const Step& step : steps) {
    if (const auto* use = std::get_if<UseStep>(&step.body)) {
      Flatten(session, session.blocks.at(use->block), out);
    } else if (const auto* repeat = std::get_if<RepeatStep>(&step.body)) {
      Flatten(session, repeat->steps, out);
    } else {
      out->push_back(&step);
    }
  }
}

std::vector<const Step*> FlatSteps(const Session& session) {
  std::vector<const Step*> out;
  Flatten(session, session.steps, &out);
  return out;
}

std::vector<const TimelinePhase*> PhasesOf(const Timeline& timeline, PhaseKind kind) {
  std::vector<const TimelinePhase*> out;
  for (const TimelinePhase& phase : timeline.phases) {
    if (phase.kind == kind && phase.person != Person::kB) out.push_back(&phase);
  }
  return out;
}

Micros TotalOf(const Timeline& timeline, PhaseKind kind) {
  Micros total{0};
  for (const TimelinePhase* phase : PhasesOf(timeline, kind)) total += phase->end - phase->start;
  return total;
}

bool AnyPromptContains(const Timeline& timeline, const std::string& words) {
  return std::any_of(timeline.prompts.begin(), timeline.prompts.end(),
                     [&](const Prompt& p) { return p.text.find(words) != std::string::npos; });
}

class BuiltInSessionTest : public testing::TestWithParam<std::string> {};

TEST_P(BuiltInSessionTest, LoadsAndCompilesWithoutErrorsOrUnexplainedWarnings) {
  const std::optional<Compiled> c = LoadBuiltIn(GetParam());
  ASSERT_TRUE(c);
  // No warning at all: no prompt overlaps another or runs past its time, no lead_in or prepare is too
  // short, and the cyclic sigh's 1 s top-up inhale no longer warns (it follows another inhale).
  std::vector<std::string> warnings;
  for (const Diagnostic& d : c->diagnostics) warnings.push_back(d.Format());
  EXPECT_EQ(warnings, std::vector<std::string>{});
}

TEST_P(BuiltInSessionTest, NoPromptTalksOverAnotherAndEveryStepPromptEndsBeforeItsFirstBreath) {
  const std::optional<Compiled> c = LoadBuiltIn(GetParam());
  ASSERT_TRUE(c);
  // One voice at a time, for each listener (reading time: the slowest of the speech sources).
  for (std::size_t i = 0; i < c->timeline.prompts.size(); ++i) {
    for (std::size_t j = i + 1; j < c->timeline.prompts.size(); ++j) {
      const Prompt& p = c->timeline.prompts[i];
      const Prompt& q = c->timeline.prompts[j];
      const bool same_listener = p.who == Person::kBoth || q.who == Person::kBoth || p.who == q.who;
      if (same_listener) {
        EXPECT_LE(p.spoken_end, q.start) << "line " << p.line << " talks over line " << q.line;
      }
    }
  }
  // A breathing step's own prompt is spoken in its lead-in, before the first breath.
  for (const TimelinePhase& phase : c->timeline.phases) {
    if (phase.kind != PhaseKind::kLeadIn) continue;
    const auto prompt = std::find_if(c->timeline.prompts.begin(), c->timeline.prompts.end(),
                                     [&](const Prompt& p) { return p.start == phase.start; });
    ASSERT_NE(prompt, c->timeline.prompts.end()) << "line " << phase.line;
    EXPECT_LE(prompt->spoken_end, phase.end) << "line " << phase.line;
  }
}

TEST_P(BuiltInSessionTest, NoSessionAssumesFeetOnTheFloorOrClosedEyes) {
  const std::optional<Compiled> c = LoadBuiltIn(GetParam());
  ASSERT_TRUE(c);
  for (const char* assumption :
       {"feet on the floor", "feet resting on the floor", "close your eyes", "open your eyes when"}) {
    EXPECT_FALSE(AnyPromptContains(c->timeline, assumption)) << assumption;
  }
}

TEST_P(BuiltInSessionTest, HasTheLibraryFieldsAndItsSummaryStatesItsExactLength) {
  const std::optional<Compiled> c = LoadBuiltIn(GetParam());
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->session.title.empty());
  EXPECT_EQ(c->session.language, "en");
  EXPECT_FALSE(c->session.tags.empty());
  EXPECT_NE(c->session.author, "");
  const std::string length = "(" + FormatLength(c->timeline.duration) + ")";
  EXPECT_NE(c->session.summary.find(length), std::string::npos)
      << c->session.summary << "\n does not end with the compiled length " << length;
}

TEST_P(BuiltInSessionTest, SaysAnyoneMayStopOrBreatheNaturally) {
  const std::optional<Compiled> c = LoadBuiltIn(GetParam());
  ASSERT_TRUE(c);
  const bool invites = AnyPromptContains(c->timeline, "at any time") ||
                       AnyPromptContains(c->timeline, "whenever you") ||
                       AnyPromptContains(c->timeline, "stop whenever");
  EXPECT_TRUE(invites);
}

// The lines of the YAML mappings that carry their own `for:` (read from the file, not from the loader).
void AuthoredForLines(const YAML::Node& node, std::set<int>* lines) {
  if (node.IsMap()) {
    if (node["for"]) lines->insert(node.Mark().line + 1);
    for (const auto& entry : node) AuthoredForLines(entry.second, lines);
  } else if (node.IsSequence()) {
    for (const auto& item : node) AuthoredForLines(item, lines);
  }
}

// The author's guide's rule: a `say` step written with `for:` lasts at least the reading time of its words,
// 1 s + 0.45 s a word and at least 3 s. Only lengths the author wrote are checked: the loader gives every
// other say step exactly that reading time (literal values in loader_rules_test), so checking those here
// would compare the loader's formula with itself.
TEST_P(BuiltInSessionTest, EveryAuthoredSayLengthIsAtLeastTheReadingTimeOfItsWords) {
  const std::optional<Compiled> c = LoadBuiltIn(GetParam());
  ASSERT_TRUE(c);
  std::set<int> authored;
  AuthoredForLines(YAML::LoadFile(SessionPath(GetParam())), &authored);
  for (const Step* step : FlatSteps(c->session)) {
    const auto* say = std::get_if<SayStep>(&step->body);
    if (!say || !authored.count(step->common.location.line)) continue;
    ASSERT_TRUE(say->length) << "line " << step->common.location.line;
    const std::string& text = *step->common.say;
    const long words = std::count(text.begin(), text.end(), ' ') + 1;
    const Micros reading{std::max<long>(3'000'000, 1'000'000 + 450'000 * words)};
    EXPECT_GE(*say->length, reading) << "line " << step->common.location.line << ": " << text;
  }
}

// The check above sees the authored lengths: the first say step of Box breathing is written `for: 20s`.
TEST(BuiltInSessionsTest, AuthoredSayLengthsAreFoundByTheirLine) {
  const std::optional<Compiled> c = LoadBuiltIn("box-breathing.yaml");
  ASSERT_TRUE(c);
  std::set<int> authored;
  AuthoredForLines(YAML::LoadFile(SessionPath("box-breathing.yaml")), &authored);
  const Step& first = c->session.steps.at(0);
  ASSERT_TRUE(std::holds_alternative<SayStep>(first.body));
  EXPECT_EQ(first.common.location.line, 14);
  EXPECT_EQ(authored.count(14), 1u);
  EXPECT_EQ(std::get<SayStep>(first.body).length, FromSeconds(20));
}

// No breath twice: for each person, the breathing phases on either side of a step boundary (with only
// holds, rests and lead-ins between them) never go the same way twice.
TEST_P(BuiltInSessionTest, NoPersonBreathesInTwiceOrOutTwiceAcrossAStepBoundary) {
  const std::optional<Compiled> c = LoadBuiltIn(GetParam());
  ASSERT_TRUE(c);
  for (const Person person : {Person::kA, Person::kB}) {
    if (person == Person::kB && c->session.people != 2) continue;
    const TimelinePhase* last = nullptr;  // the last inhale or exhale, while nothing else intervened
    for (const TimelinePhase& phase : c->timeline.phases) {
      if (phase.person != person && phase.person != Person::kBoth) continue;
      if (phase.kind == PhaseKind::kHold || phase.kind == PhaseKind::kHoldOut ||
          phase.kind == PhaseKind::kLeadIn || phase.start == phase.end) {
        continue;
      }
      if (phase.kind != PhaseKind::kInhale && phase.kind != PhaseKind::kExhale) {
        last = nullptr;
        continue;
      }
      if (last != nullptr && last->step != phase.step) {
        EXPECT_NE(last->kind, phase.kind)
            << ToString(person) << " at line " << phase.line << ", " << ToSeconds(phase.start) << " s";
      }
      last = &phase;
    }
  }
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Sessions, BuiltInSessionTest, testing::ValuesIn(YamlFilesIn(ATTUNE_SESSIONS_DIR)),
                         TestName);

TEST(BuiltInSessionsTest, IncludeEveryPracticeTheLibraryOffers) {
  const std::vector<std::string> expected = {"body-scan-10.yaml",
                                             "body-scan-25.yaml",
                                             "body-scan-45.yaml",
                                             "box-breathing.yaml",
                                             "breathing-together.yaml",
                                             "coherent-for-two.yaml",
                                             "conflict-pause.yaml",
                                             "extended-exhale.yaml",
                                             "four-seven-eight.yaml",
                                             "physiological-sigh.yaml",
                                             "pmr-16.yaml",
                                             "pmr-4.yaml",
                                             "pmr-7.yaml",
                                             "quiet-sitting.yaml",
                                             "resonance-5-5.yaml",
                                             "resonance-6.yaml",
                                             "time-out-for-two.yaml",
                                             "turn-taking-touch.yaml"};
  EXPECT_EQ(YamlFilesIn(ATTUNE_SESSIONS_DIR), expected);
}

TEST(BuiltInSessionsTest, WithHoldsOrFastBreathingSayLightHeadednessMeansReturnToNaturalBreathing) {
  std::vector<std::string> with_holds_or_fast_breaths;
  for (const std::string& name : YamlFilesIn(ATTUNE_SESSIONS_DIR)) {
    const std::optional<Compiled> c = LoadBuiltIn(name);
    ASSERT_TRUE(c);
    bool holds = !PhasesOf(c->timeline, PhaseKind::kHold).empty() ||
                 !PhasesOf(c->timeline, PhaseKind::kHoldOut).empty();
    for (const TimelinePhase* inhale : PhasesOf(c->timeline, PhaseKind::kInhale)) {
      if (inhale->end - inhale->start < 1500ms) holds = true;  // a quick top-up breath counts as fast
    }
    if (!holds) continue;
    with_holds_or_fast_breaths.push_back(name);
    EXPECT_TRUE(
        AnyPromptContains(c->timeline, "If you feel light-headed or tingly, return to natural breathing."))
        << name;
  }
  EXPECT_EQ(
      with_holds_or_fast_breaths,
      (std::vector<std::string>{"box-breathing.yaml", "four-seven-eight.yaml", "physiological-sigh.yaml"}));
}

TEST(BuiltInSessionsTest, BreathingTogetherIsAFiveMinuteSessionForTwoThatBreathesTogetherThenAlternates) {
  const std::optional<Compiled> c = LoadBuiltIn("breathing-together.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->session.people, 2);
  EXPECT_EQ(c->timeline.duration, 313s);
  // b leaves the shared exhale and, half a cycle behind a, would begin `alternate` on another exhale:
  // that first phase rests instead, labelled "Rest", with its length unchanged.
  const TimelinePhase* first_b = nullptr;
  for (const TimelinePhase& phase : c->timeline.phases) {
    if (phase.person == Person::kB && phase.kind != PhaseKind::kLeadIn) {
      first_b = &phase;
      break;
    }
  }
  ASSERT_NE(first_b, nullptr);
  EXPECT_EQ(first_b->kind, PhaseKind::kHoldOut);
  EXPECT_EQ(first_b->caption, "Rest");
  EXPECT_EQ(first_b->end - first_b->start, 5s);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "Partner A begins with the in-breath"));
  std::vector<BreathMode> modes;
  for (const TimelineStep& step : c->timeline.steps) {
    if (step.kind == StepKind::kBreathe) modes.push_back(step.mode);
  }
  EXPECT_EQ(modes,
            (std::vector<BreathMode>{BreathMode::kTogether, BreathMode::kTogether, BreathMode::kAlternate}));
}

TEST(BuiltInSessionsTest, FourSevenEightOpensWithWeilsExhaleThenAtMostFourCyclesInThroughTheNose) {
  const std::optional<Compiled> c = LoadBuiltIn("four-seven-eight.yaml");
  ASSERT_TRUE(c);
  auto inhales = PhasesOf(c->timeline, PhaseKind::kInhale);
  const auto holds = PhasesOf(c->timeline, PhaseKind::kHold);
  auto exhales = PhasesOf(c->timeline, PhaseKind::kExhale);
  // Weil's opening: a natural breath in, then a complete breath out through the mouth, then four cycles.
  ASSERT_EQ(inhales.size(), 5u);
  EXPECT_EQ(inhales.front()->caption, "A natural breath in");
  inhales.erase(inhales.begin());
  ASSERT_EQ(holds.size(), inhales.size());
  ASSERT_EQ(exhales.size(), inhales.size() + 1);
  EXPECT_LT(exhales.front()->end, inhales.front()->start + 1us);
  EXPECT_EQ(exhales.front()->caption, "Breathe out completely through the mouth");
  EXPECT_TRUE(AnyPromptContains(c->timeline, "exhale completely through the mouth"));
  exhales.erase(exhales.begin());
  for (std::size_t i = 0; i < inhales.size(); ++i) {
    EXPECT_EQ(inhales[i]->end - inhales[i]->start, 4s);
    EXPECT_EQ(holds[i]->end - holds[i]->start, 7s);
    EXPECT_EQ(exhales[i]->end - exhales[i]->start, 8s);
    EXPECT_EQ(inhales[i]->caption, "Breathe in through the nose");
    EXPECT_EQ(exhales[i]->caption, "Breathe out through the mouth");
  }
}

TEST(BuiltInSessionsTest, BoxBreathingHasFourEqualSidesOfFourSeconds) {
  const std::optional<Compiled> c = LoadBuiltIn("box-breathing.yaml");
  ASSERT_TRUE(c);
  for (PhaseKind kind : {PhaseKind::kInhale, PhaseKind::kHold, PhaseKind::kExhale, PhaseKind::kHoldOut}) {
    const auto phases = PhasesOf(c->timeline, kind);
    EXPECT_EQ(phases.size(), 12u) << ToString(kind);
    for (const TimelinePhase* phase : phases) EXPECT_EQ(phase->end - phase->start, 4s) << ToString(kind);
  }
}

TEST(BuiltInSessionsTest, ResonanceSessionsBreatheSixAndFiveAndAHalfTimesAMinute) {
  const std::optional<Compiled> six = LoadBuiltIn("resonance-6.yaml");
  ASSERT_TRUE(six);
  const auto six_inhales = PhasesOf(six->timeline, PhaseKind::kInhale);
  const auto six_exhales = PhasesOf(six->timeline, PhaseKind::kExhale);
  ASSERT_EQ(six_inhales.size(), 72u);  // twelve minutes: six at 5-5, six at 4-6
  ASSERT_EQ(six_exhales.size(), 72u);
  for (std::size_t i = 0; i < 72; ++i) {
    EXPECT_EQ((six_inhales[i]->end - six_inhales[i]->start) + (six_exhales[i]->end - six_exhales[i]->start),
              10s);
  }
  EXPECT_EQ(six_inhales[0]->end - six_inhales[0]->start, 5s);
  EXPECT_EQ(six_inhales[35]->end - six_inhales[35]->start, 5s);
  EXPECT_EQ(six_inhales[36]->end - six_inhales[36]->start, 4s);
  EXPECT_TRUE(AnyPromptContains(six->timeline, "Ten to twenty"));

  const std::optional<Compiled> five = LoadBuiltIn("resonance-5-5.yaml");
  ASSERT_TRUE(five);
  const auto inhales = PhasesOf(five->timeline, PhaseKind::kInhale);
  const auto exhales = PhasesOf(five->timeline, PhaseKind::kExhale);
  ASSERT_EQ(inhales.size(), 56u);  // 6 easing in from 5-5, then 50 at 5.5 a minute
  const Micros last_cycle =
      (inhales.back()->end - inhales.back()->start) + (exhales.back()->end - exhales.back()->start);
  EXPECT_NEAR(60.0 / ToSeconds(last_cycle), 5.5, 0.0001);
}

TEST(BuiltInSessionsTest, CoherentForTwoBreathesAtFivePointFiveTogetherAndHasAHalfSection) {
  const std::optional<Compiled> c = LoadBuiltIn("coherent-for-two.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->session.people, 2);
  int half_steps = 0;
  for (const TimelineStep& step : c->timeline.steps) half_steps += step.mode == BreathMode::kHalf ? 1 : 0;
  EXPECT_EQ(half_steps, 1);
  int coherent_inhales = 0;
  for (const TimelinePhase* inhale : PhasesOf(c->timeline, PhaseKind::kInhale)) {
    coherent_inhales += inhale->end - inhale->start == 5450ms ? 1 : 0;
  }
  EXPECT_EQ(coherent_inhales, 22 + 16 + 1);  // the two coherent steps, and the last cycle of the ramp
  EXPECT_GE(c->timeline.duration, 12min);
  EXPECT_LE(c->timeline.duration, 15min);
}

TEST(BuiltInSessionsTest, PhysiologicalSighIsTwoInhalesAndALongExhaleForFiveMinutes) {
  const std::optional<Compiled> c = LoadBuiltIn("physiological-sigh.yaml");
  ASSERT_TRUE(c);
  const auto inhales = PhasesOf(c->timeline, PhaseKind::kInhale);
  const auto exhales = PhasesOf(c->timeline, PhaseKind::kExhale);
  ASSERT_EQ(exhales.size(), 33u);
  ASSERT_EQ(inhales.size(), 66u);
  EXPECT_EQ(inhales[0]->end - inhales[0]->start, 2s);
  EXPECT_EQ(inhales[1]->end - inhales[1]->start, 1s);
  EXPECT_EQ(exhales[0]->end - exhales[0]->start, 6s);
  EXPECT_EQ(inhales[1]->caption, "A little more");
  EXPECT_EQ(TotalOf(c->timeline, PhaseKind::kInhale) + TotalOf(c->timeline, PhaseKind::kExhale), 297s);
}

std::vector<std::string> PmrGroups(const Session& session) {
  std::vector<std::string> groups;
  for (const Step* step : FlatSteps(session)) {
    if (const auto* pmr = std::get_if<PmrStep>(&step->body)) {
      for (const PmrGroup& group : pmr->groups) groups.push_back(group.group);
    }
  }
  return groups;
}

void ExpectPmrTimesFaithful(const Timeline& timeline) {
  const auto tenses = PhasesOf(timeline, PhaseKind::kTense);
  const auto releases = PhasesOf(timeline, PhaseKind::kRelease);
  ASSERT_FALSE(tenses.empty());
  EXPECT_EQ(tenses.size(), releases.size());
  for (const TimelinePhase* tense : tenses) {
    EXPECT_GE(tense->end - tense->start, 5s);
    EXPECT_LE(tense->end - tense->start, 7s);
  }
  for (const TimelinePhase* release : releases) {
    EXPECT_GE(release->end - release->start, 30s);
    EXPECT_LE(release->end - release->start, 40s);
  }
  // Instruction, then action: every tense phase follows a prepare phase, and apart from the short
  // "Now." that starts it, nothing is spoken in it: at least 5 s of pure tension.
  for (const TimelinePhase* tense : tenses) {
    const auto prepared = std::find_if(
        timeline.phases.begin(), timeline.phases.end(),
        [&](const TimelinePhase& p) { return p.kind == PhaseKind::kPrepare && p.end == tense->start; });
    EXPECT_NE(prepared, timeline.phases.end()) << "line " << tense->line;
    Micros spoken_until = tense->start;
    for (const Prompt& prompt : timeline.prompts) {
      if (prompt.start >= tense->end || prompt.spoken_end <= tense->start) continue;
      EXPECT_EQ(prompt.start, tense->start) << "line " << prompt.line << " talks into the tension";
      EXPECT_EQ(prompt.text, "Now.");
      spoken_until = std::max(spoken_until, prompt.spoken_end);
    }
    // Reading time of "Now." is 3 s (espeak: well under 1 s), so 4 s here means 6 s and more when heard.
    EXPECT_GE(tense->end - spoken_until, 4s) << "line " << tense->line;
  }
  const auto rests = PhasesOf(timeline, PhaseKind::kRest);
  ASSERT_FALSE(rests.empty());
  EXPECT_GT(rests.back()->start, releases.back()->start);
  EXPECT_EQ(rests.back()->end - rests.back()->start, 2min);
}

TEST(BuiltInSessionsTest, PmrSixteenHasBernsteinAndBorkovecsGroupsInOrderWithFaithfulTimes) {
  const std::optional<Compiled> c = LoadBuiltIn("pmr-16.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(
      PmrGroups(c->session),
      (std::vector<std::string>{
          "dominant hand and forearm", "dominant upper arm", "non-dominant hand and forearm",
          "non-dominant upper arm", "forehead", "upper cheeks and nose", "lower cheeks and jaw",
          "neck and throat", "chest, shoulders and upper back", "abdomen", "dominant thigh", "dominant calf",
          "dominant foot", "non-dominant thigh", "non-dominant calf", "non-dominant foot"}));
  ExpectPmrTimesFaithful(c->timeline);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "cramp"));
  // Each group once, and the practice says why: a shorter form for people who know it.
  EXPECT_EQ(PhasesOf(c->timeline, PhaseKind::kTense).size(), 16u);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "Each group comes once, for people who know the practice"));
}

TEST(BuiltInSessionsTest, PmrFourHasBernsteinAndBorkovecsFourGroupsTwiceAsInvitations) {
  const std::optional<Compiled> c = LoadBuiltIn("pmr-4.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(PmrGroups(c->session),
            (std::vector<std::string>{"both arms", "face and neck", "chest, shoulders, back and abdomen",
                                      "both legs"}));
  ExpectPmrTimesFaithful(c->timeline);
  EXPECT_EQ(PhasesOf(c->timeline, PhaseKind::kTense).size(), 8u);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "cramp"));
  EXPECT_TRUE(AnyPromptContains(c->timeline, "You might make two fists"));
  EXPECT_TRUE(AnyPromptContains(c->timeline, "Once more: both arms."));
}

TEST(BuiltInSessionsTest, PmrSevenHasBernsteinAndBorkovecsGroupsTwiceAndLastsFifteenToTwentyMinutes) {
  const std::optional<Compiled> c = LoadBuiltIn("pmr-7.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(PmrGroups(c->session), (std::vector<std::string>{"dominant arm", "non-dominant arm", "face",
                                                             "neck", "chest, shoulders, back and abdomen",
                                                             "dominant leg", "non-dominant leg"}));
  ExpectPmrTimesFaithful(c->timeline);
  EXPECT_EQ(PhasesOf(c->timeline, PhaseKind::kTense).size(), 14u);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "cramp"));
  EXPECT_GE(c->timeline.duration, 15min);
  EXPECT_LE(c->timeline.duration, 20min);
}

std::vector<std::string> Regions(const Session& session) {
  std::vector<std::string> regions;
  for (const Step* step : FlatSteps(session)) {
    if (const auto* scan = std::get_if<BodyScanStep>(&step->body)) {
      for (const BodyRegion& region : scan->regions) regions.push_back(region.region);
    }
  }
  return regions;
}

TEST(BuiltInSessionsTest, BodyScansFollowTheMbsrOrderFromTheLeftToesToTheWholeBody) {
  const std::optional<Compiled> short_scan = LoadBuiltIn("body-scan-10.yaml");
  ASSERT_TRUE(short_scan);
  EXPECT_EQ(Regions(short_scan->session),
            (std::vector<std::string>{
                "left foot",         "left ankle",      "left calf",  "left knee",       "left thigh",
                "right foot",        "right ankle",     "right calf", "right knee",      "right thigh",
                "pelvis and hips",   "lower back",      "upper back", "belly",           "chest",
                "fingers and hands", "wrists and arms", "shoulders",  "neck and throat", "face",
                "top of the head",   "whole body"}));
  EXPECT_TRUE(AnyPromptContains(short_scan->timeline, "toes of your left foot"));
  EXPECT_TRUE(AnyPromptContains(short_scan->timeline, "drowsy"));
  EXPECT_EQ(short_scan->timeline.duration, 610s);

  const std::optional<Compiled> long_scan = LoadBuiltIn("body-scan-25.yaml");
  ASSERT_TRUE(long_scan);
  EXPECT_EQ(Regions(long_scan->session), (std::vector<std::string>{"left toes",
                                                                   "left foot",
                                                                   "left ankle",
                                                                   "left calf and shin",
                                                                   "left knee",
                                                                   "left thigh",
                                                                   "right toes",
                                                                   "right foot",
                                                                   "right ankle",
                                                                   "right calf and shin",
                                                                   "right knee",
                                                                   "right thigh",
                                                                   "pelvis and hips",
                                                                   "lower back",
                                                                   "upper back",
                                                                   "belly",
                                                                   "chest",
                                                                   "fingers",
                                                                   "hands",
                                                                   "wrists and forearms",
                                                                   "elbows and upper arms",
                                                                   "shoulders",
                                                                   "neck and throat",
                                                                   "jaw and mouth",
                                                                   "nose and cheeks",
                                                                   "eyes and forehead",
                                                                   "top of the head",
                                                                   "whole body"}));
  EXPECT_TRUE(AnyPromptContains(long_scan->timeline, "drowsy"));
  EXPECT_GE(long_scan->timeline.duration, 20min);
  EXPECT_LE(long_scan->timeline.duration, 25min);
  // Long silences: most of each region is quiet after its prompt.
  EXPECT_EQ(TotalOf(long_scan->timeline, PhaseKind::kRegion), 1270s);

  const std::optional<Compiled> classic = LoadBuiltIn("body-scan-45.yaml");
  ASSERT_TRUE(classic);
  const std::vector<std::string> regions = Regions(classic->session);
  ASSERT_GE(regions.size(), 20u);
  EXPECT_EQ(regions.front(), "left toes");
  EXPECT_EQ(regions.back(), "whole body");
  const auto at = [&](const std::string& region) {
    return std::find(regions.begin(), regions.end(), region) - regions.begin();
  };
  // MBSR order: left leg, right leg, pelvis, back, belly, chest, arms from the fingers, shoulders, neck,
  // face, the top of the head, the whole body.
  const std::vector<std::string> order = {"left toes",         "left thigh",      "right toes",
                                          "right thigh",       "pelvis and hips", "lower back",
                                          "upper back",        "belly",           "chest",
                                          "fingers",           "shoulders",       "neck and throat",
                                          "eyes and forehead", "top of the head", "whole body"};
  for (std::size_t i = 1; i < order.size(); ++i) {
    EXPECT_LT(at(order[i - 1]), at(order[i])) << order[i - 1] << " before " << order[i];
    EXPECT_LT(at(order[i]), static_cast<std::ptrdiff_t>(regions.size())) << order[i];
  }
  EXPECT_GE(classic->timeline.duration, 40min);
  EXPECT_LE(classic->timeline.duration, 50min);
  EXPECT_TRUE(AnyPromptContains(classic->timeline, "drowsy"));
  // Long silences: the regions' words take under a sixth of their time.
  Micros spoken{0};
  for (const Prompt& prompt : classic->timeline.prompts) {
    if (prompt.role == PromptRole::kItem) spoken += prompt.spoken_end - prompt.start;
  }
  EXPECT_LT(spoken * 6, TotalOf(classic->timeline, PhaseKind::kRegion));
}

// What a teacher says in a body scan: the mind-wandering instruction, permission to skip a region or rest
// with another anchor, and varied words, not one template sentence for every region.
TEST(BuiltInSessionsTest, BodyScansInviteBackTheWanderingMindAllowAnotherAnchorAndVaryTheirWords) {
  for (const std::string name : {"body-scan-10.yaml", "body-scan-25.yaml", "body-scan-45.yaml"}) {
    const std::optional<Compiled> c = LoadBuiltIn(name);
    ASSERT_TRUE(c);
    EXPECT_TRUE(AnyPromptContains(c->timeline, "as minds do")) << name;
    EXPECT_TRUE(AnyPromptContains(c->timeline, "gently bring it back") ||
                AnyPromptContains(c->timeline, "gently come back"))
        << name;
    EXPECT_TRUE(AnyPromptContains(c->timeline, "You may skip any part of the body")) << name;
    EXPECT_TRUE(AnyPromptContains(c->timeline, "the breath or the sounds") ||
                AnyPromptContains(c->timeline, "on the breath or on the sounds"))
        << name;
    std::vector<std::string> texts;
    for (const Prompt& prompt : c->timeline.prompts) {
      if (prompt.role == PromptRole::kItem) texts.push_back(prompt.text);
    }
    const std::size_t items = texts.size();
    std::sort(texts.begin(), texts.end());
    texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
    std::size_t templated = 0;
    for (const std::string& text : texts) {
      templated += text.rfind("You might bring your attention to your ", 0) == 0 ? 1u : 0u;
    }
    EXPECT_EQ(texts.size(), items) << name << ": every region has its own words";
    EXPECT_LE(templated * 4, items) << name << ": at most a quarter of the regions use the template";
    // Region changes are soft cues, never a ringing bowl.
    for (const TimelinePhase* region : PhasesOf(c->timeline, PhaseKind::kRegion)) {
      for (const Cue& cue : c->timeline.cues) {
        if (cue.time == region->start && region->start != region->end && cue.time != 0s) {
          const bool step_start =
              std::any_of(c->timeline.steps.begin(), c->timeline.steps.end(),
                          [&](const TimelineStep& step) { return step.start == cue.time; });
          if (!step_start) {
            EXPECT_TRUE(cue.soft) << name << " at " << ToSeconds(cue.time) << " s";
          }
        }
      }
    }
  }
}

TEST(BuiltInSessionsTest, QuietSittingHasAStartBellIntervalBellsAndThreeEndStrikesFiveSecondsApart) {
  const std::optional<Compiled> c = LoadBuiltIn("quiet-sitting.yaml");
  ASSERT_TRUE(c);
  std::vector<Micros> rest_marks;
  for (const TimelineStep& step : c->timeline.steps) {
    if (step.kind == StepKind::kRest) rest_marks = step.interval_marks;
  }
  EXPECT_EQ(rest_marks, (std::vector<Micros>{20s + 5min, 20s + 10min, 20s + 15min}));
  std::vector<Micros> cue_times;
  for (const Cue& cue : c->timeline.cues) {
    EXPECT_EQ(cue.sound, CueSound::kBowl);
    cue_times.push_back(cue.time);
  }
  const Micros end_bell = 20s + 20min;
  EXPECT_EQ(cue_times, (std::vector<Micros>{15s, 20s + 5min, 20s + 10min, 20s + 15min, end_bell,
                                            end_bell + 5s, end_bell + 10s}));
  EXPECT_EQ(c->timeline.duration, 1250s);
}

TEST(BuiltInSessionsTest, ExtendedExhaleForSleepMakesNoCueSoundAndLengthensTheOutBreathToEight) {
  const std::optional<Compiled> c = LoadBuiltIn("extended-exhale.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->timeline.cues.size(), 0u);
  const auto exhales = PhasesOf(c->timeline, PhaseKind::kExhale);
  ASSERT_EQ(exhales.size(), 8u + 25u);
  EXPECT_EQ(exhales.front()->end - exhales.front()->start, 6s);
  EXPECT_EQ(exhales.back()->end - exhales.back()->start, 8s);
}

TEST(BuiltInSessionsTest, TurnTakingAsksForConsentAndWaitsForBothBeforeEqualTurns) {
  const std::optional<Compiled> c = LoadBuiltIn("turn-taking-touch.yaml");
  ASSERT_TRUE(c);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "what feels welcome"));
  EXPECT_TRUE(AnyPromptContains(c->timeline, "stop at any time"));
  const auto turns = PhasesOf(c->timeline, PhaseKind::kTurn);
  ASSERT_EQ(turns.size(), 4u);
  for (const TimelinePhase* turn : turns) EXPECT_EQ(turn->end - turn->start, 4min);
  const auto waits = PhasesOf(c->timeline, PhaseKind::kWait);
  ASSERT_EQ(waits.size(), 2u);  // before the first turn, and between the two rounds
  EXPECT_LT(waits[0]->start, turns[0]->start);
  EXPECT_GT(waits[1]->start, turns[1]->start);
  EXPECT_LE(waits[1]->start, turns[2]->start);
  for (const TimelinePhase* wait : waits) EXPECT_EQ(wait->start, wait->end);
  std::vector<std::string> wait_texts;
  for (const TimelineStep& step : c->timeline.steps) {
    if (step.wait) wait_texts.push_back(step.wait_text);
  }
  EXPECT_EQ(wait_texts, (std::vector<std::string>{"When you are both ready",
                                                  "When you are both ready for a second round"}));
  // Sensate focus closes by describing sensations, not by rating pleasure.
  EXPECT_TRUE(AnyPromptContains(c->timeline, "describe what you sensed"));
  EXPECT_TRUE(AnyPromptContains(c->timeline, "warm or cool, pressure, texture"));
  EXPECT_FALSE(AnyPromptContains(c->timeline, "enjoyed"));
}

TEST(BuiltInSessionsTest, ConflictPauseBreathesSlowlyTogetherForThreeMinutesThenInvitesIStatements) {
  const std::optional<Compiled> c = LoadBuiltIn("conflict-pause.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(TotalOf(c->timeline, PhaseKind::kInhale) + TotalOf(c->timeline, PhaseKind::kExhale), 3min);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "I statements"));
  EXPECT_TRUE(AnyPromptContains(c->timeline, "listen"));
  EXPECT_EQ(PhasesOf(c->timeline, PhaseKind::kWait).size(), 1u);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "time-out for two") ||
              c->session.summary.find("time-out for two") != std::string::npos);
}

TEST(BuiltInSessionsTest, TimeOutForTwoKeepsTwentyMinutesApartBetweenAnAgreedReturnAndTheReturn) {
  const std::optional<Compiled> c = LoadBuiltIn("time-out-for-two.yaml");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->session.people, 2);
  EXPECT_GE(c->timeline.duration, 20min);
  EXPECT_LE(c->timeline.duration, 30min);
  EXPECT_TRUE(AnyPromptContains(c->timeline, "flooded"));
  EXPECT_TRUE(AnyPromptContains(c->timeline, "at least twenty minutes"));
  EXPECT_TRUE(AnyPromptContains(c->timeline, "agree on a time to come back"));
  EXPECT_TRUE(AnyPromptContains(c->timeline, "not to rehearse the argument"));
  std::vector<const TimelineStep*> gates;
  for (const TimelineStep& step : c->timeline.steps) {
    if (step.wait) gates.push_back(&step);
  }
  ASSERT_EQ(gates.size(), 2u);
  EXPECT_EQ(gates[0]->wait_text, "When you have agreed a time to come back");
  EXPECT_EQ(gates[1]->wait_text, "When you both feel calm and ready to come back");
  EXPECT_GE(gates[1]->end - gates[0]->end, 20min);  // the time apart
  EXPECT_GT(TotalOf(c->timeline, PhaseKind::kInhale) + TotalOf(c->timeline, PhaseKind::kExhale), 7min);
  EXPECT_GE(TotalOf(c->timeline, PhaseKind::kRest), 10min);
}

// The schema (sessions/schema.json) and the loader agree: what the schema rejects, the loader rejects.
// Each fixture's second line is the loader's first error, "# loader: LINE:COLUMN: error: MESSAGE".
class SchemaFixtureTest : public testing::TestWithParam<std::string> {};

TEST_P(SchemaFixtureTest, IsAlsoRejectedByTheLoaderWithTheMessageItNames) {
  const fs::path path = fs::path(ATTUNE_TEST_DATA_DIR) / "schema" / "invalid" / GetParam();
  std::ifstream file(path);
  std::string first_line, second_line;
  std::getline(file, first_line);
  std::getline(file, second_line);
  const std::string prefix = "# loader: ";
  ASSERT_EQ(second_line.rfind(prefix, 0), 0u) << "the second line must start with '" << prefix << "'";
  const LoadResult loaded = LoadSessionFile(path.string());
  const auto first_error = std::find_if(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::kError; });
  ASSERT_NE(first_error, loaded.diagnostics.end());
  EXPECT_EQ(first_error->Format(), path.string() + ":" + second_line.substr(prefix.size()));
  EXPECT_FALSE(loaded.session);
}

INSTANTIATE_TEST_SUITE_P(Invalid, SchemaFixtureTest,
                         testing::ValuesIn(YamlFilesIn(fs::path(ATTUNE_TEST_DATA_DIR) / "schema" /
                                                       "invalid")),
                         TestName);

TEST(SchemaFixturesTest, TheFixtureWithEveryFeatureLoadsAndCompilesWithoutErrors) {
  const fs::path path = fs::path(ATTUNE_TEST_DATA_DIR) / "schema" / "valid" / "every-feature.yaml";
  LoadResult loaded = LoadSessionFile(path.string());
  std::string errors;
  for (const Diagnostic& d : loaded.diagnostics) errors += d.Format() + "\n";
  ASSERT_TRUE(loaded.session) << errors;
  const CompileResult compiled = Compile(*loaded.session);
  for (const Diagnostic& d : compiled.diagnostics) errors += d.Format() + "\n";
  EXPECT_TRUE(compiled.timeline) << errors;
}

}  // namespace
}  // namespace attune::core
