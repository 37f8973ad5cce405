// tests/platform/cli_test.cpp: the command line's commands called in-process, as `attune` runs them: the exit
// code and the exact text on stdout and stderr of check, plan, render and history, and Main's usage errors.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/history.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

namespace fs = std::filesystem;

const std::string kData = ATTUNE_TEST_DATA_DIR;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attune-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(CliTest, CheckPrintsASummaryForAValidFile) {
  const std::string box = kData + "/ok/box.yaml";
  EXPECT_EQ(RunCheck({{box}}, out_, err_), kExitOk);
  EXPECT_EQ(out_.str(), box + ": ok (4 min 16 s, 1 person)\n");
  EXPECT_EQ(err_.str(), "");
}

TEST_F(CliTest, CheckPrintsWarningsInFileOrderAndCountsThem) {
  const std::string file = kData + "/ok/warnings.yaml";
  EXPECT_EQ(RunCheck({{file}}, out_, err_), kExitOk);
  EXPECT_EQ(out_.str(), file + ": ok (1 min 8 s, 1 person, 3 warnings)\n");
  EXPECT_EQ(err_.str(), file +
                            ":4:14: warning: an inhale of 1 s is shorter than 1.5 s and may feel rushed\n" +
                            file + ":4:14: warning: a breath hold of 31 s is longer than 30 s\n" + file +
                            ":6:5: warning: 'mode' has no effect in a one-person session\n");
}

TEST_F(CliTest, CheckLocatesEveryErrorOfABadFileAndExitsOne) {
  const std::string file = kData + "/bad/duplicate-key.yaml";
  EXPECT_EQ(RunCheck({{file}}, out_, err_), kExitInvalid);
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(err_.str(),
            file + ":5:1: error: duplicate key 'title' (first at line 2)\n" + file + ": invalid (1 error)\n");
}

TEST_F(CliTest, CheckReportsTheCompilersLimitsToo) {
  const std::string file = kData + "/bad/too-long.yaml";
  EXPECT_EQ(RunCheck({{file}}, out_, err_), kExitInvalid);
  EXPECT_EQ(out_.str(), "");
  EXPECT_NE(err_.str().find(file + ":"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find(file + ": invalid (1 error)\n"), std::string::npos) << err_.str();
}

TEST_F(CliTest, CheckGoesOnAfterAMissingFile) {
  const std::string missing = (dir_ / "nope.yaml").string();
  const std::string box = kData + "/ok/box.yaml";
  EXPECT_EQ(RunCheck({{missing, box}}, out_, err_), kExitInvalid);
  EXPECT_EQ(out_.str(), box + ": ok (4 min 16 s, 1 person)\n");
  EXPECT_EQ(err_.str(), missing + ": error: cannot open: No such file or directory\n" + missing +
                            ": invalid (1 error)\n");
}

TEST_F(CliTest, PlanJsonIsTheGoldenPlanOfTheFixture) {
  EXPECT_EQ(RunPlan({kData + "/plan/two-people.yaml", true}, out_, err_), kExitOk);
  EXPECT_EQ(out_.str(), ReadAll(kData + "/plan/two-people.json"));
  EXPECT_EQ(err_.str(), "");
}

TEST_F(CliTest, PlanTableEndsWithTheTotalLength) {
  EXPECT_EQ(RunPlan({kData + "/plan/two-people.yaml", false}, out_, err_), kExitOk);
  const std::string text = out_.str();
  EXPECT_NE(text.find("10.500000  16.500000  b     bell "), std::string::npos) << text;
  EXPECT_NE(text.find("Total length: 16.5 s (16.500000 s)"), std::string::npos) << text;
}

TEST_F(CliTest, PlanOfAnInvalidScriptPrintsItsLocatedErrorsAndNoPlan) {
  const std::string file = kData + "/bad/syntax.yaml";
  EXPECT_EQ(RunPlan({file, true}, out_, err_), kExitInvalid);
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(err_.str(), file + ":3:6: error: invalid YAML: end of sequence flow not found\n");
}

// A canonical 16-bit stereo WAV: the RIFF header, then `frames` frames of 4 bytes.
std::uint32_t Le32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value |= std::uint32_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  return value;
}

TEST_F(CliTest, RenderWritesTheSessionsWholeSoundAsAWav) {
  const std::string wav = (dir_ / "ticks.wav").string();
  RenderArgs args;
  args.file = kData + "/audio/ticks.yaml";
  args.output = wav;
  args.rate = 8000;
  ASSERT_EQ(RunRender(args, out_, err_), kExitOk) << err_.str();
  EXPECT_EQ(out_.str().rfind("Rendered ", 0), 0u) << out_.str();
  EXPECT_NE(out_.str().find(" of sound to " + wav + " in "), std::string::npos) << out_.str();
  const std::string bytes = ReadAll(wav);
  ASSERT_GE(bytes.size(), 44u);
  EXPECT_EQ(bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(bytes.substr(8, 4), "WAVE");
  EXPECT_EQ(Le32(bytes, 24), 8000u);  // the sample rate
  // The plan's length at 8000 frames a second, 4 bytes a frame (within a frame of rounding).
  std::ostringstream plan_out, plan_err;
  ASSERT_EQ(RunPlan({args.file, true}, plan_out, plan_err), kExitOk);
  const std::string json = plan_out.str();
  const std::size_t at = json.find("\"duration\": ");
  ASSERT_NE(at, std::string::npos);
  const double seconds = std::stod(json.substr(at + 12));
  const double frames = static_cast<double>(bytes.size() - 44) / 4.0;
  EXPECT_NEAR(frames, seconds * 8000.0, 1.0);
}

TEST_F(CliTest, RenderOfAMissingFileWritesNothing) {
  const std::string missing = (dir_ / "nope.yaml").string();
  RenderArgs args;
  args.file = missing;
  args.output = (dir_ / "out.wav").string();
  EXPECT_EQ(RunRender(args, out_, err_), kExitInvalid);
  EXPECT_EQ(err_.str(), missing + ": error: cannot open: No such file or directory\n");
  EXPECT_FALSE(fs::exists(args.output));
}

TEST_F(CliTest, HistoryCsvListsEveryPracticeOfTheDatabase) {
  const std::string database = (dir_ / "history.sqlite").string();
  {
    core::HistoryOpenResult opened = core::History::Open(database);
    ASSERT_NE(opened.history, nullptr) << opened.error;
    core::PracticeStart start;
    start.title = "Tiny";
    start.file = "/sessions/tiny.yaml";
    start.script_hash = core::ScriptHash("tiny");
    start.start_utc_us = 1'700'000'000'000'000;
    start.start_local = "2023-11-14T22:13:20+00:00";
    start.planned = core::Micros(3'000'000);
    const std::int64_t id = opened.history->BeginPractice(start);
    ASSERT_GT(id, 0);
    ASSERT_TRUE(opened.history->Finish(id, core::Micros(3'000'000), 1, core::Micros(3'000'000), true));
  }
  HistoryArgs args;
  args.csv = true;
  args.database = database;
  EXPECT_EQ(RunHistory(args, out_, err_), kExitOk);
  EXPECT_EQ(err_.str(), "");
  const core::HistoryOpenResult again = core::History::Open(database);
  ASSERT_NE(again.history, nullptr);
  EXPECT_EQ(out_.str(), core::FormatHistoryCsv(again.history->All()));
  EXPECT_NE(out_.str().find("\r\n1,Tiny,/sessions/tiny.yaml,"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find(",completed\r\n"), std::string::npos) << out_.str();
}

TEST_F(CliTest, HistoryWithoutADatabaseIsAnEmptySummaryAndCreatesNothing) {
  HistoryArgs args;
  args.database = (dir_ / "none" / "history.sqlite").string();
  args.now_utc_micros = 1'700'000'000'000'000;
  EXPECT_EQ(RunHistory(args, out_, err_), kExitOk);
  EXPECT_EQ(err_.str(), "");
  EXPECT_FALSE(out_.str().empty());
  EXPECT_FALSE(fs::exists(args.database));
}

TEST_F(CliTest, HistoryOfAnUnwritableOutputExitsOne) {
  HistoryArgs args;
  args.csv = true;
  args.database = (dir_ / "none.sqlite").string();
  std::ostringstream broken;
  broken.setstate(std::ios::badbit);
  EXPECT_EQ(RunHistory(args, broken, err_), kExitInvalid);
}

// Main parses as `attune` does: usage errors exit 2 without running anything.
int RunMain(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  return Main(static_cast<int>(argv.size()), argv.data());
}

TEST_F(CliTest, MainGivesUsageErrorsExitTwo) {
  const std::string out = (dir_ / "bad.wav").string();
  EXPECT_EQ(RunMain({"attune", "render", kData + "/audio/ticks.yaml", "-o", out, "--layers", "drums"}),
            kExitUsage);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(RunMain({"attune", "plan"}), kExitUsage);
  EXPECT_EQ(RunMain({"attune", "check", "--bogus", kData + "/ok/box.yaml"}), kExitUsage);
}

TEST_F(CliTest, MainRunsTheSubcommandAndReturnsItsExitCode) {
  EXPECT_EQ(RunMain({"attune", "check", kData + "/ok/box.yaml"}), kExitOk);
  EXPECT_EQ(RunMain({"attune", "check", kData + "/bad/syntax.yaml"}), kExitInvalid);
  EXPECT_EQ(RunMain({"attune", "--version"}), kExitOk);
}

}  // namespace
}  // namespace attune::platform
