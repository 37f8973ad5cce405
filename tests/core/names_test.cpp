// tests/core/names_test.cpp: the enum name tables (core/names.hpp): every value has one name, names are
// unique, ToString and FromName are inverse, and anything else is rejected.
#include "core/names.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

#include "core/history.hpp"
#include "core/model.hpp"
#include "core/quick_timer.hpp"
#include "core/settings.hpp"
#include "core/timeline.hpp"

namespace attune::core {
namespace {

// Every value of a contiguous enum from its first enumerator (0) to `last`, counted without the table.
template <typename E>
void ExpectRoundTrip(E last) {
  std::set<std::string> seen;
  const int count = static_cast<int>(last) + 1;
  for (int i = 0; i < count; ++i) {
    const E value = static_cast<E>(i);
    const std::string name = ToString(value);
    EXPECT_FALSE(name.empty()) << "value " << i << " has no name";
    EXPECT_TRUE(seen.insert(name).second) << "'" << name << "' names two values";
    const std::optional<E> back = FromName<E>(name);
    ASSERT_TRUE(back.has_value()) << "'" << name << "' does not parse";
    EXPECT_EQ(static_cast<int>(*back), i) << "'" << name << "'";
  }
  EXPECT_EQ(AllNames<E>().size(), static_cast<std::size_t>(count)) << "the table has extra entries";
  EXPECT_EQ(std::string(ToString(static_cast<E>(count))), "") << "a value outside the enum has a name";
}

// Names that are not in the table: a different case, stray spaces, empty, and the caller's `near` misses.
template <typename E>
void ExpectRejected(std::initializer_list<const char*> near) {
  for (const std::string& name : AllNames<E>()) {
    std::string upper = name;
    for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (upper != name) {
      EXPECT_FALSE(FromName<E>(upper)) << upper;
    }
    EXPECT_FALSE(FromName<E>(" " + name)) << "' " << name << "'";
    EXPECT_FALSE(FromName<E>(name + " ")) << "'" << name << " '";
    EXPECT_FALSE(FromName<E>(name.substr(0, name.size() - 1))) << name.substr(0, name.size() - 1);
  }
  EXPECT_FALSE(FromName<E>(""));
  for (const char* name : near) EXPECT_FALSE(FromName<E>(name)) << name;
}

TEST(NamesTest, EveryValueOfEveryEnumRoundTrips) {
  ExpectRoundTrip(Person::kBoth);
  ExpectRoundTrip(CueSound::kTick);
  ExpectRoundTrip(BreathSound::kNone);
  ExpectRoundTrip(VoiceMode::kOff);
  ExpectRoundTrip(PhaseKind::kWait);
  ExpectRoundTrip(BreathMode::kShift);
  ExpectRoundTrip(StepKind::kTurns);
  ExpectRoundTrip(Theme::kHighContrast);
  ExpectRoundTrip(PacerStyle::kBar);
  ExpectRoundTrip(PracticeState::kInterrupted);
  ExpectRoundTrip(QuickPattern::kCustom);
}

TEST(NamesTest, UnknownNamesAreRejected) {
  ExpectRejected<Person>({"c", "ab", "A"});
  ExpectRejected<CueSound>({"bell", "ticks"});
  ExpectRejected<BreathSound>({"tick", "glides"});
  ExpectRejected<VoiceMode>({"on", "espeak"});
  ExpectRejected<PhaseKind>({"hold-out", "holdout", "lead-in", "turns"});
  ExpectRejected<BreathMode>({"together ", "alternating"});
  ExpectRejected<StepKind>({"body-scan", "repeat", "use", "turn"});
  ExpectRejected<Theme>({"high_contrast", "highcontrast"});
  ExpectRejected<PacerStyle>({"bars"});
  ExpectRejected<PracticeState>({"complete", "stop"});
  ExpectRejected<QuickPattern>({"478", "4-7-8 breathing", "Box breathing"});
}

// The spellings scripts, plans, settings files and the history database already contain.
TEST(NamesTest, NamesAreTheWrittenSpellings) {
  EXPECT_STREQ(ToString(PhaseKind::kHoldOut), "hold_out");
  EXPECT_STREQ(ToString(PhaseKind::kLeadIn), "lead_in");
  EXPECT_STREQ(ToString(StepKind::kBodyScan), "body_scan");
  EXPECT_STREQ(ToString(Theme::kHighContrast), "high-contrast");
  EXPECT_STREQ(ToString(QuickPattern::k478), "4-7-8");
  EXPECT_STREQ(ToString(CueSound::kNone), "none");
  EXPECT_STREQ(ToString(BreathSound::kTicks), "ticks");
  EXPECT_STREQ(ToString(VoiceMode::kRecorded), "recorded");
  EXPECT_STREQ(ToString(PracticeState::kInterrupted), "interrupted");
  EXPECT_EQ(PracticeStateFromString("stopped"), PracticeState::kStopped);
  EXPECT_EQ(PracticeStateFromString("Stopped"), std::nullopt);
}

TEST(NamesTest, NamesOfListsTheGivenValuesInTheirOrder) {
  const std::array<CueSound, 3> cues = {CueSound::kTone, CueSound::kBowl, CueSound::kNone};
  EXPECT_EQ(NamesOf<CueSound>(cues), (std::vector<std::string>{"tone", "bowl", "none"}));
  EXPECT_EQ(AllNames<Person>(), (std::vector<std::string>{"a", "b", "both"}));
}

}  // namespace
}  // namespace attune::core
