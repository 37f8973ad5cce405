// Partner names as a compile input (CompileOptions::name_a / name_b): the roles, every prompt, caption and
// title, and the lengths timed from spoken prompts read the names given; empty names keep the script's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/timeline.hpp"
#include "tests/core/compile_helpers.hpp"

namespace attune::core {
namespace {

using testing::LoadClean;
using testing::Rows;

const std::string kTwo = R"(attune: 1
title: Names
people: 2
roles:
  a: { name: Sam, color: "#6fa8dc" }
  b: { name: Robin, color: "#e69138" }
steps:
  - say: "Hello {name}."
    who: b
  - say: "{a} sits on the left, {b} on the right."
    title: "{a} and {b}"
  - breathe: 4-6
    cycles: 1
    say: "{a}, breathe with me."
  - turns:
      each: 1m
      prompt: "{giver} gives, {receiver} receives."
)";

// Spoken length: a tenth of a second a character, so a longer name is a longer prompt.
class CharacterSpeech : public SpeechLength {
 public:
  std::optional<Micros> Length(const std::string&, const std::string& text) const override {
    return Micros{100'000} * static_cast<std::int64_t>(text.size());
  }
};

Timeline CompileNamed(const Session& session, const std::string& a, const std::string& b,
                      const SpeechLength* speech = nullptr) {
  CompileOptions options;
  options.speech = speech;
  options.name_a = a;
  options.name_b = b;
  CompileResult compiled = Compile(session, options);
  EXPECT_TRUE(compiled.timeline.has_value());
  return compiled.timeline ? std::move(*compiled.timeline) : Timeline{};
}

// The two-person script above, loaded once per test.
class TimelineNamesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<Session> loaded = LoadClean(kTwo);
    ASSERT_TRUE(loaded.has_value());
    session_ = std::move(*loaded);
  }

  Timeline Named(const std::string& a, const std::string& b, const SpeechLength* speech = nullptr) const {
    return CompileNamed(session_, a, b, speech);
  }

  Session session_;
};

std::vector<std::string> PromptTexts(const Timeline& t) {
  std::vector<std::string> texts;
  for (const Prompt& p : t.prompts) texts.push_back(p.text);
  return texts;
}

std::vector<std::string> Captions(const Timeline& t) {
  std::vector<std::string> captions;
  for (const TimelinePhase& p : t.phases) captions.push_back(p.caption);
  return captions;
}

std::vector<std::string> Titles(const Timeline& t) {
  std::vector<std::string> titles;
  for (const TimelineStep& s : t.steps) titles.push_back(s.title);
  return titles;
}

TEST_F(TimelineNamesTest, GivenNamesAreTheRolesNamesAndKeepTheirColours) {
  const Timeline t = Named("Alex", "Jo");
  EXPECT_EQ(t.a.name, "Alex");
  EXPECT_EQ(t.b.name, "Jo");
  EXPECT_EQ(t.a.color, "#6fa8dc");
  EXPECT_EQ(t.b.color, "#e69138");
}

TEST_F(TimelineNamesTest, PromptsCaptionsAndTitlesReadTheGivenNames) {
  const Timeline t = Named("Alex", "Jo");
  EXPECT_THAT(PromptTexts(t), ::testing::ElementsAre("Hello Jo.", "Alex sits on the left, Jo on the right.",
                                                     "Alex, breathe with me.", "Alex gives, Jo receives.",
                                                     "Jo gives, Alex receives."));
  EXPECT_EQ(t.steps[1].title, "Alex and Jo");
  EXPECT_EQ(t.steps[0].title, "Hello Jo.");
  const std::vector<std::string> captions = Captions(t);
  EXPECT_THAT(captions, ::testing::Contains("Alex gives, Jo receives."));
  EXPECT_THAT(captions, ::testing::Contains("Jo gives, Alex receives."));
  EXPECT_THAT(captions, ::testing::Contains("Alex, breathe with me."));  // the breathe step's lead-in
  for (const std::string& caption : captions) {
    EXPECT_EQ(caption.find("Sam"), std::string::npos) << caption;
    EXPECT_EQ(caption.find("Robin"), std::string::npos) << caption;
  }
}

TEST_F(TimelineNamesTest, EmptyNamesKeepTheScriptsNames) {
  const Timeline t = Named("", "");
  EXPECT_EQ(t.a.name, "Sam");
  EXPECT_EQ(t.b.name, "Robin");
  EXPECT_THAT(PromptTexts(t),
              ::testing::ElementsAre("Hello Robin.", "Sam sits on the left, Robin on the right.",
                                     "Sam, breathe with me.", "Sam gives, Robin receives.",
                                     "Robin gives, Sam receives."));
  EXPECT_EQ(t.steps[1].title, "Sam and Robin");
}

TEST_F(TimelineNamesTest, OneGivenNameReplacesOnlyThatPartner) {
  const Timeline t = Named("", "Jo");
  EXPECT_EQ(t.a.name, "Sam");
  EXPECT_EQ(t.b.name, "Jo");
  EXPECT_EQ(t.prompts[1].text, "Sam sits on the left, Jo on the right.");
  EXPECT_EQ(t.prompts[3].text, "Sam gives, Jo receives.");
}

TEST_F(TimelineNamesTest, NamesAreTheSameAsASessionWhoseRolesCarryThem) {
  // The old way (CompileWithNames): patch the roles of the session, then compile. With a speech source
  // the names also time the breathe step's `auto` lead-in, so every row must agree, not only the texts.
  const CharacterSpeech speech;
  Session renamed = session_;
  renamed.a.name = "Alexandra";
  renamed.b.name = "Jo";
  CompileOptions plain;
  plain.speech = &speech;
  const CompileResult expected = Compile(renamed, plain);
  ASSERT_TRUE(expected.timeline.has_value());
  const Timeline t = Named("Alexandra", "Jo", &speech);
  EXPECT_EQ(t.duration, expected.timeline->duration);
  EXPECT_EQ(Rows(t), Rows(*expected.timeline));
  EXPECT_EQ(Captions(t), Captions(*expected.timeline));
  EXPECT_EQ(PromptTexts(t), PromptTexts(*expected.timeline));
  EXPECT_EQ(Titles(t), Titles(*expected.timeline));
  ASSERT_EQ(t.prompts.size(), expected.timeline->prompts.size());
  for (std::size_t i = 0; i < t.prompts.size(); ++i) {
    EXPECT_EQ(t.prompts[i].start, expected.timeline->prompts[i].start) << i;
    EXPECT_EQ(t.prompts[i].spoken_end, expected.timeline->prompts[i].spoken_end) << i;
  }
}

TEST_F(TimelineNamesTest, ALongerNameLengthensTheAutoLeadInItIsSpokenIn) {
  const CharacterSpeech speech;
  auto lead_in = [](const Timeline& t) {
    for (const TimelinePhase& p : t.phases) {
      if (p.kind == PhaseKind::kLeadIn) return p.end - p.start;
    }
    return Micros{0};
  };
  // "Al, breathe with me." is 20 characters (2 s spoken, 3 s lead-in); "Alexandra, ..." is 27 (3.7 s).
  EXPECT_EQ(lead_in(Named("Al", "", &speech)), Micros{3'000'000});
  EXPECT_EQ(lead_in(Named("Alexandra", "", &speech)), Micros{3'700'000});
}

TEST_F(TimelineNamesTest, AOnePersonSessionKeepsItsScriptsNames) {
  const std::optional<Session> session = LoadClean(R"(attune: 1
title: Solo
steps:
  - say: "Hello {name}."
)");
  ASSERT_TRUE(session.has_value());
  const Timeline t = CompileNamed(*session, "Alex", "Jo");
  EXPECT_EQ(t.a.name, "Partner A");
  EXPECT_EQ(t.b.name, "Partner B");
  ASSERT_EQ(t.prompts.size(), 1u);
  EXPECT_EQ(t.prompts[0].text, "Hello you.");
}

}  // namespace
}  // namespace attune::core
