// The loader's building blocks: time values, did-you-mean, and the raw-text guard.
#include <gtest/gtest.h>

#include "core/duration.hpp"
#include "core/suggest.hpp"
#include "core/yaml_guard.hpp"

namespace attune::core {
namespace {

Micros TimeOf(std::string_view text) {
  const ParsedTime parsed = ParseTime(text);
  EXPECT_EQ(parsed.error, TimeError::kNone) << text;
  return parsed.value;
}

TEST(TimeParseTest, PlainNumbersAreSeconds) {
  EXPECT_EQ(TimeOf("20"), 20'000'000us);
  EXPECT_EQ(TimeOf("4.5"), 4'500'000us);
  EXPECT_EQ(TimeOf(".5"), 500'000us);
  EXPECT_EQ(TimeOf("0"), 0us);
}

TEST(TimeParseTest, UnitsInOrderHoursMinutesSeconds) {
  EXPECT_EQ(TimeOf("90s"), 90'000'000us);
  EXPECT_EQ(TimeOf("2m"), 120'000'000us);
  EXPECT_EQ(TimeOf("1m30s"), 90'000'000us);
  EXPECT_EQ(TimeOf("1.5s"), 1'500'000us);
  EXPECT_EQ(TimeOf("1h"), 3'600'000'000us);
  EXPECT_EQ(TimeOf("1h2m3s"), 3'723'000'000us);
  EXPECT_EQ(TimeOf("1.5m"), 90'000'000us);
}

TEST(TimeParseTest, DecimalsAreExactToTheMicrosecond) {
  EXPECT_EQ(TimeOf("5.45"), 5'450'000us);
  EXPECT_EQ(TimeOf("0.000001"), 1us);
  EXPECT_EQ(TimeOf("0.0000005"), 1us);
  EXPECT_EQ(TimeOf("0.0000004"), 0us);
}

TEST(TimeParseTest, RejectsUnitsOutOfOrderRepeatedOrUnknown) {
  for (const char* text : {"30s1m", "1m1m", "5 s", "5ms", "5x", "", "s", "1m30", "abc", "1e3", "4-6"}) {
    EXPECT_EQ(ParseTime(text).error, TimeError::kSyntax) << text;
  }
}

TEST(TimeParseTest, RejectsNegativeNanAndInfinity) {
  EXPECT_EQ(ParseTime("-5").error, TimeError::kNegative);
  EXPECT_EQ(ParseTime("-1m").error, TimeError::kNegative);
  EXPECT_EQ(ParseTime(".nan").error, TimeError::kNotFinite);
  EXPECT_EQ(ParseTime(".inf").error, TimeError::kNotFinite);
  EXPECT_EQ(ParseTime("-.Inf").error, TimeError::kNotFinite);
}

TEST(TimeParseTest, RejectsTimesOverFourHoursWithoutOverflow) {
  EXPECT_EQ(ParseTime("4h").error, TimeError::kNone);
  EXPECT_EQ(ParseTime("4h1s").error, TimeError::kTooLong);
  EXPECT_EQ(ParseTime("99999999999999999999").error, TimeError::kSyntax);
  EXPECT_EQ(ParseTime("9999999999999h").error, TimeError::kTooLong);
}

TEST(TimeParseTest, SecondsTextUsesOnlyTheDecimalsItNeeds) {
  EXPECT_EQ(SecondsText(200'000us), "0.2 s");
  EXPECT_EQ(SecondsText(150'000'000us), "150 s");
  EXPECT_EQ(SecondsText(1us), "0.000001 s");
}

TEST(SuggestTest, FindsTheClosestKnownWord) {
  const std::vector<std::string> keys = {"inhale", "hold", "exhale", "hold_out"};
  EXPECT_EQ(Suggest("exhal", keys), "exhale");
  EXPECT_EQ(Suggest("hodl", keys), "hold");
  EXPECT_EQ(Suggest("Exhale", keys), "exhale");
  EXPECT_EQ(Suggest("breath", keys), std::nullopt);
  EXPECT_EQ(Suggest("xyz", keys), std::nullopt);
}

TEST(SuggestTest, AShortWordIsMatchedOnlyByCaseOrToALongerWordItMisspells) {
  const std::vector<std::string> who = {"a", "b", "both"};
  EXPECT_EQ(Suggest("c", who), std::nullopt);
  EXPECT_EQ(Suggest("B", who), "b");
  EXPECT_EQ(Suggest("bo", who), std::nullopt);
  EXPECT_EQ(Suggest("bth", who), "both");
  EXPECT_EQ(Suggest("ay", {"say", "use"}), "say");
  EXPECT_EQ(Suggest("ab", {"a", "b"}), std::nullopt);
}

TEST(SuggestTest, TheDistanceMustBeUnderHalfTheLongerWord) {
  EXPECT_EQ(Suggest("gap", {"tap"}), "tap");
  EXPECT_EQ(Suggest("gp", {"tap"}), std::nullopt);
  EXPECT_EQ(Suggest("wod", {"wood"}), "wood");
  EXPECT_EQ(Suggest("cylces", {"cycles"}), "cycles");
  EXPECT_EQ(Suggest("rgn", {"region"}), std::nullopt);
}

TEST(SuggestTest, EditDistanceCountsAnAdjacentSwapAsOne) {
  EXPECT_EQ(EditDistance("setle", "settle"), 1);
  EXPECT_EQ(EditDistance("hodl", "hold"), 1);
  EXPECT_EQ(EditDistance("", "abc"), 3);
}

TEST(YamlGuardTest, AcceptsAnOrdinarySession) {
  EXPECT_EQ(CheckYamlText("attune: 1\ntitle: T\nsteps:\n  - say: \"[not nested {\"\n    for: 3\n"),
            std::nullopt);
}

TEST(YamlGuardTest, RefusesDeepFlowNestingAtTheBracketThatGoesTooDeep) {
  const auto problem = CheckYamlText("a: " + std::string(20'000, '['));
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->line, 1);
  EXPECT_EQ(problem->column, 66);
  EXPECT_EQ(problem->message, "the YAML is nested more than 64 levels deep");
}

TEST(YamlGuardTest, RefusesDeepBlockSequencesOnOneLine) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "- ";
  text += "x\n";
  const auto problem = CheckYamlText(text);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->message, "the YAML is nested more than 64 levels deep");
}

TEST(YamlGuardTest, IgnoresBracketsInsideBlockScalarsAndComments) {
  EXPECT_EQ(CheckYamlText("a: |\n  " + std::string(100, '[') + "\nb: 1 # " + std::string(100, '{') + "\n"),
            std::nullopt);
}

TEST(YamlGuardTest, ReportsTheFirstInvalidUtf8ByteWithLineAndColumn) {
  const auto problem = CheckYamlText("a: 1\nb: \xc3\xa9\xff\n");
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->line, 2);
  EXPECT_EQ(problem->column, 5);
  EXPECT_EQ(problem->message, "the file is not valid UTF-8 (byte 0xff)");
}

TEST(YamlGuardTest, RefusesControlCharacters) {
  const auto problem = CheckYamlText(std::string("a: x\0y", 6));
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->column, 5);
  EXPECT_EQ(problem->message, "the character U+0000 is not allowed in a YAML file");
}

TEST(YamlGuardTest, RefusesTextOverOneMebibyte) {
  const auto problem = CheckYamlText(std::string((1 << 20) + 1, ' '));
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->line, 0);
  EXPECT_EQ(problem->message, "the file is 1048577 bytes; a session file is at most 1048576 bytes (1 MiB)");
}

TEST(YamlGuardTest, StripsAByteOrderMark) {
  EXPECT_EQ(StripBom("\xEF\xBB\xBF"
                     "a: 1"),
            "a: 1");
}

}  // namespace
}  // namespace attune::core
