// tests/core/compile_file_test.cpp: core::CompileFile and CompileText, the one way to load and compile a
// script: missing and unreadable files, located load errors, the loader's and the compiler's diagnostics in
// the order of the file, ok(), and voice clips resolved next to the script.
#include "core/compile_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/test_util.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Formatted(const CompiledFile& file) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : file.diagnostics) lines.push_back(d.Format());
  return lines;
}

// Speech of 0.4 s a word, so that the compiler knows how long each prompt is spoken.
class WordSpeech : public SpeechLength {
 public:
  std::optional<Micros> Length(const std::string&, const std::string& text) const override {
    int words = 0;
    bool in_word = false;
    for (const char c : text) {
      if (c != ' ' && !in_word) ++words;
      in_word = c != ' ';
    }
    return Micros{400'000} * words;
  }
};

class CompileFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attune-compile-file-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  fs::path dir_;
};

TEST_F(CompileFileTest, AValidFileLoadsAndCompilesWithItsTextAndSession) {
  const std::string path = testing::DataDir() + "/ok/box.yaml";
  const CompiledFile file = CompileFile(path);
  EXPECT_TRUE(file.ok());
  EXPECT_EQ(file.path, path);
  EXPECT_EQ(file.text, ReadAll(path));
  ASSERT_NE(file.session, nullptr);
  ASSERT_NE(file.timeline, nullptr);
  EXPECT_EQ(file.timeline->title, file.session->title);
  EXPECT_EQ(FormatLength(file.timeline->duration), "4 min 16 s");
  EXPECT_TRUE(file.diagnostics.empty());
}

TEST_F(CompileFileTest, AMissingFileIsOneErrorOfTheWholeFile) {
  const std::string path = (dir_ / "nope.yaml").string();
  const CompiledFile file = CompileFile(path);
  EXPECT_FALSE(file.ok());
  EXPECT_EQ(file.text, "");
  EXPECT_EQ(file.session, nullptr);
  EXPECT_EQ(file.timeline, nullptr);
  EXPECT_EQ(Formatted(file),
            std::vector<std::string>{path + ": error: cannot open: No such file or directory"});
}

TEST_F(CompileFileTest, AFolderIsUnreadableAsAScript) {
  const CompiledFile file = CompileFile(dir_.string());
  EXPECT_FALSE(file.ok());
  EXPECT_EQ(file.text, "");
  EXPECT_EQ(file.session, nullptr);
  EXPECT_EQ(Formatted(file),
            std::vector<std::string>{dir_.string() + ": error: cannot open: Is a directory"});
}

TEST_F(CompileFileTest, AFileOverTheSizeLimitIsNotReadAndSaysSo) {
  const std::string path = Write("huge.yaml", "attune: 1\n" + std::string(kMaxFileBytes, '#'));
  const CompiledFile file = CompileFile(path);
  EXPECT_FALSE(file.ok());
  EXPECT_EQ(file.text, "");
  ASSERT_EQ(file.diagnostics.size(), 1u);
  EXPECT_EQ(file.diagnostics[0].line, 0);
  EXPECT_EQ(file.diagnostics[0].severity, Severity::kError);
  EXPECT_NE(file.diagnostics[0].message.find("a session file is at most"), std::string::npos)
      << file.diagnostics[0].message;
}

TEST_F(CompileFileTest, ALoadErrorIsLocatedAndLeavesNoSessionButTheText) {
  const std::string path = testing::DataDir() + "/bad/syntax.yaml";
  const CompiledFile file = CompileFile(path);
  EXPECT_FALSE(file.ok());
  EXPECT_EQ(file.text, ReadAll(path));
  EXPECT_EQ(file.session, nullptr);
  EXPECT_EQ(file.timeline, nullptr);
  EXPECT_EQ(Formatted(file),
            std::vector<std::string>{path + ":3:6: error: invalid YAML: end of sequence flow not found"});
}

TEST_F(CompileFileTest, ACompileErrorKeepsTheSessionButGivesNoTimeline) {
  const CompiledFile file = CompileFile(testing::DataDir() + "/bad/too-long.yaml");
  EXPECT_FALSE(file.ok());
  EXPECT_NE(file.session, nullptr);
  EXPECT_EQ(file.timeline, nullptr);
  EXPECT_TRUE(HasErrors(file.diagnostics));
}

TEST_F(CompileFileTest, LoaderAndCompilerWarningsComeInTheOrderOfTheFile) {
  // Line 4 draws the compiler's warning (the prompt cannot be said in its 1 s); lines 6 and 8 draw the
  // loader's. The compiler runs after the loader, so only sorting puts line 4 first.
  const std::string path = Write("mixed.yaml", R"(attune: 1
title: Mixed
steps:
  - say: "Settle in, let the shoulders drop, and let every breath be a little slower than the last one."
    for: 1s
  - breathe: 1-4
    cycles: 2
    mode: together
)");
  const WordSpeech speech;
  CompileOptions compile;
  compile.speech = &speech;
  const CompiledFile file = CompileFile(path, {}, compile);
  EXPECT_TRUE(file.ok()) << ::testing::PrintToString(Formatted(file));
  ASSERT_GE(file.diagnostics.size(), 3u) << ::testing::PrintToString(Formatted(file));
  EXPECT_FALSE(HasErrors(file.diagnostics));
  EXPECT_EQ(file.diagnostics.front().line, 4);
  std::vector<int> lines;
  for (const Diagnostic& d : file.diagnostics) lines.push_back(d.line);
  EXPECT_NE(std::find(lines.begin(), lines.end(), 6), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), 8), lines.end());
  for (std::size_t i = 1; i < file.diagnostics.size(); ++i) {
    const Diagnostic& x = file.diagnostics[i - 1];
    const Diagnostic& y = file.diagnostics[i];
    EXPECT_LE(std::tie(x.line, x.column), std::tie(y.line, y.column))
        << x.Format() << " before " << y.Format();
  }
  // The same warnings as loading and compiling by hand, only ordered.
  LoadResult load = LoadSessionFile(path);
  ASSERT_TRUE(load.session);
  const CompileResult compiled = Compile(*load.session, compile);
  EXPECT_EQ(file.diagnostics.size(), load.diagnostics.size() + compiled.diagnostics.size());
  ASSERT_FALSE(compiled.diagnostics.empty());
  EXPECT_EQ(compiled.diagnostics.front().line, 4);
}

TEST_F(CompileFileTest, WarningsAloneLeaveItOk) {
  const CompiledFile file = CompileFile(testing::DataDir() + "/ok/warnings.yaml");
  EXPECT_TRUE(file.ok());
  EXPECT_EQ(file.diagnostics.size(), 3u);
  EXPECT_FALSE(HasErrors(file.diagnostics));
}

TEST_F(CompileFileTest, TextIsLoadedAsTheNamedFileAndItsVoiceClipsResolveNextToIt) {
  const std::string text = ReadAll(testing::DataDir() + "/ok/voice.yaml");
  const testing::FakeProbe probe({{"clip.wav", Micros(1'500'000)}});
  LoadOptions load;
  load.probe = &probe;
  const CompiledFile here = CompileText(text, testing::DataDir() + "/ok/voice.yaml", load);
  EXPECT_TRUE(here.ok()) << ::testing::PrintToString(Formatted(here));
  EXPECT_EQ(here.text, text);
  // The same text as a file in another folder: its clip is not there.
  const std::string elsewhere = (dir_ / "voice.yaml").string();
  const CompiledFile there = CompileText(text, elsewhere, load);
  EXPECT_FALSE(there.ok());
  ASSERT_FALSE(there.diagnostics.empty());
  EXPECT_EQ(there.diagnostics.front().file, elsewhere);
  EXPECT_EQ(there.diagnostics.front().line, 5);
}

TEST_F(CompileFileTest, TextWithoutAPathIsNamedSession) {
  const CompiledFile file = CompileText("attune: 1\ntitle: T\nsteps:\n  - rest: -1\n", "");
  EXPECT_FALSE(file.ok());
  ASSERT_EQ(file.diagnostics.size(), 1u);
  EXPECT_EQ(file.diagnostics[0].Format(), "session:4:11: error: 'rest' must not be negative (got -1)");
}

// The partners' own names are a compile input: `{name}`, `{giver}` and `{receiver}` read them, an empty name
// keeps the script's, and a one-person script has no partner names to replace.
TEST_F(CompileFileTest, PartnerNamesGivenToTheCompilerAreTheNamesPromptsAndTurnsRead) {
  const std::string script = R"(attune: 1
title: Names
people: 2
roles:
  a: { name: Sam, color: "#6fa8dc" }
  b: { name: Samantha, color: "#e69138" }
steps:
  - say: "Hello {name}."
    who: b
  - turns:
      each: 1m
      prompt: "{giver} gives, {receiver} receives."
)";
  CompileOptions compile;
  compile.name_a = "Alex";
  const CompiledFile file = CompileText(script, "", {}, compile);
  ASSERT_TRUE(file.ok()) << ::testing::PrintToString(Formatted(file));
  EXPECT_EQ(file.timeline->a.name, "Alex");
  EXPECT_EQ(file.timeline->b.name, "Samantha");
  EXPECT_EQ(file.timeline->prompts[0].text, "Hello Samantha.");
  EXPECT_EQ(file.timeline->phases[1].caption, "Alex gives, Samantha receives.");
  EXPECT_EQ(file.timeline->phases[2].caption, "Samantha gives, Alex receives.");
  // Without names, the script's own.
  const CompiledFile own = CompileText(script, "");
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own.timeline->phases[1].caption, "Sam gives, Samantha receives.");
}

TEST_F(CompileFileTest, PartnerNamesLeaveAOnePersonScriptAlone) {
  CompileOptions compile;
  compile.name_a = "Alex";
  compile.name_b = "Bo";
  const CompiledFile file =
      CompileText("attune: 1\ntitle: Solo\nsteps:\n  - say: \"Rest, {name}.\"\n", "", {}, compile);
  ASSERT_TRUE(file.ok()) << ::testing::PrintToString(Formatted(file));
  EXPECT_EQ(file.timeline->prompts[0].text, "Rest, you.");
  // A script that does not compile gives no timeline, names or not.
  const CompiledFile broken = CompileText("attune: 1\ntitle: Bad\npeople: 2\nsteps: []\n", "", {}, compile);
  EXPECT_FALSE(broken.ok());
  EXPECT_EQ(broken.timeline, nullptr);
}

}  // namespace
}  // namespace attune::core
