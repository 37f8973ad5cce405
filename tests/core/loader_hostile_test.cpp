// Hostile and broken input: every case finishes quickly with one located diagnostic, never a crash, a hang
// or an exception.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/loader.hpp"
#include "core/test_util.hpp"

namespace attune::core {
namespace {

using testing::Check;
using testing::Formatted;
using testing::Lines;
using testing::LoadText;

TEST(LoaderHostileTest, TwentyThousandNestedBracketsAreRefusedBeforeParsing) {
  EXPECT_EQ(Check(std::string(20'000, '[')),
            (Lines{"test.yaml:1:64: error: the YAML is nested more than 64 levels deep"}));
  EXPECT_EQ(Check("title: " + std::string(20'000, '{')),
            (Lines{"test.yaml:1:70: error: the YAML is nested more than 64 levels deep"}));
}

TEST(LoaderHostileTest, DeepBlockNestingIsRefusedBeforeParsing) {
  std::string yaml;
  for (int i = 0; i < 200; ++i) yaml += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  EXPECT_EQ(Check(yaml), (Lines{"test.yaml:64:65: error: the YAML is nested more than 64 levels deep"}));
}

TEST(LoaderHostileTest, BillionLaughsAliasesAreRefusedByTheNodeBudget) {
  std::string yaml = "attune: 1\ntitle: T\nx0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    yaml += "tags" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev + ", " +
            prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " +
            prev + "]\n";
  }
  yaml += "tags: *a9\nsteps: [{rest: 1}]\n";
  const LoadResult result = LoadText(yaml);
  EXPECT_FALSE(result.session.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].message,
            "the script expands to more than 200000 YAML nodes (through aliases or sheer size)");
}

TEST(LoaderHostileTest, ASelfReferentialAnchorIsRefused) {
  EXPECT_EQ(Check("attune: 1\ntitle: T\nsteps: &s [{repeat: 2, steps: *s}]\n"),
            (Lines{"test.yaml:3:13: error: the YAML is nested more than 64 levels deep"}));
}

TEST(LoaderHostileTest, AliasedStepsLoadAndReportTheirProblemsOnce) {
  const LoadResult ok = LoadText("attune: 1\ntitle: T\nblocks:\n  b: [&r {rest: 1}]\nsteps: [*r, *r]\n");
  ASSERT_TRUE(ok.session.has_value());
  EXPECT_EQ(ok.session->steps.size(), 2u);
  EXPECT_EQ(Check("attune: 1\ntitle: T\nblocks:\n  b: [&r {rest: -1}]\nsteps: [*r, *r]\n"),
            (Lines{"test.yaml:4:17: error: 'rest' must not be negative (got -1)"}));
}

TEST(LoaderHostileTest, BinaryGarbageIsInvalidUtf8) {
  EXPECT_EQ(Check(std::string("\x7f"
                              "ELF\x02\x01\x01\x00\x00",
                              9)),
            (Lines{"test.yaml:1:1: error: the character U+007F is not allowed in a YAML file"}));
  EXPECT_EQ(Check("attune: 1\ntitle: caf\xe9\n"),
            (Lines{"test.yaml:2:11: error: the file is not valid UTF-8 (byte 0xe9)"}));
}

TEST(LoaderHostileTest, AByteOrderMarkIsFine) {
  EXPECT_TRUE(LoadText("\xEF\xBB\xBF"
                       "attune: 1\ntitle: T\nsteps: [{rest: 1}]\n")
                  .session.has_value());
}

TEST(LoaderHostileTest, SyntaxErrorsBecomeOneLocatedDiagnostic) {
  EXPECT_EQ(Check("attune: 1\ntitle: [T\n"),
            (Lines{"test.yaml:3:1: error: invalid YAML: end of sequence flow not found"}));
  EXPECT_EQ(Check("attune: 1\n\ttitle: T\n"),
            (Lines{"test.yaml:2:1: error: invalid YAML: a tab indents this line; indent with spaces only"}));
  EXPECT_EQ(Check("attune: 1\ntitle: *nope\n"),
            (Lines{"test.yaml:2:8: error: invalid YAML: the referenced anchor is not defined"}));
}

TEST(LoaderHostileTest, IndentationMistakesSayToCheckTheIndentationOfTheLine) {
  EXPECT_EQ(
      Check("attune: 1\ntitle: T\nsteps:\n  - breathe: 4-6\n  cycles: 5\n"),
      (Lines{"test.yaml:5:3: error: invalid YAML: end of map not found; check this line's indentation: the "
             "keys of one mapping, and the '-' of one list, start in the same column"}));
  EXPECT_EQ(
      Check("attune: 1\ntitle: T\nsteps:\n  - rest: 1\n   - rest: 2\n"),
      (Lines{"test.yaml:5:4: error: invalid YAML: end of sequence not found; check this line's indentation: "
             "the keys of one mapping, and the '-' of one list, start in the same column"}));
  EXPECT_EQ(
      Check("attune: 1\ntitle: T\nsteps:\n  - breathe: 4-6\n      cycles: 5\n"),
      (Lines{"test.yaml:5:13: error: invalid YAML: illegal map value; check this line's indentation, and "
             "quote a text that holds ': '"}));
}

TEST(LoaderHostileTest, AStrayCommaDoesNotHangYamlCpp) {
  EXPECT_EQ(Check(","), (Lines{"test.yaml:1:1: error: invalid YAML: unexpected ','"}));
  EXPECT_EQ(Check("  , a\n  - b\n"), (Lines{"test.yaml:1:3: error: invalid YAML: unexpected ','"}));
  EXPECT_EQ(Check("- a\n,\n"),
            (Lines{"test.yaml:1:1: error: a session must be a mapping with 'attune', 'title' and "
                   "'steps' (got a list)",
                   "test.yaml:2:1: error: a session file holds one YAML document; another starts at "
                   "line 2"}));
}

TEST(LoaderHostileTest, ASecondDocumentIsAnError) {
  EXPECT_EQ(
      Check("attune: 1\ntitle: T\nsteps: [{rest: 1}]\n---\nmore: 1\n"),
      (Lines{"test.yaml:4:1: error: a session file holds one YAML document; another starts at line 4"}));
}

TEST(LoaderHostileTest, NonTextKeysAreErrors) {
  EXPECT_EQ(Check("attune: 1\ntitle: T\nsteps: [{rest: 1}]\n? [a]\n: 1\n"),
            (Lines{"test.yaml:4:3: error: a key must be plain text, not a list or a mapping"}));
}

TEST(LoaderHostileTest, FilesOverOneMebibyteAreRefusedBeforeReading) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "attune-loader-big.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    out << "attune: 1\n" << std::string(1 << 20, '#') << "\n";
  }
  const LoadResult result = LoadSessionFile(path.string());
  std::filesystem::remove(path);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(
      result.diagnostics[0].Format(),
      path.string() + ": error: the file is 1048587 bytes; a session file is at most 1048576 bytes (1 MiB)");
}

TEST(LoaderHostileTest, AMissingFileCannotBeOpened) {
  const LoadResult result = LoadSessionFile("/nonexistent/attune.yaml");
  EXPECT_EQ(Formatted(result),
            (Lines{"/nonexistent/attune.yaml: error: cannot open: No such file or directory"}));
}

}  // namespace
}  // namespace attune::core
