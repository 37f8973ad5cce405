// tests/platform/cli_test.cpp: the command line's commands called in-process, as `attune` runs them: the exit
// code and the exact text on stdout and stderr of check, plan, render and history, and Main's usage errors.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
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
    ASSERT_TRUE(opened.history->Finish(id, {core::Micros(3'000'000), 1, core::Micros(3'000'000)}, true));
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
  EXPECT_NE(out_.str().find(",completed,0.000\r\n"), std::string::npos) << out_.str();
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

// Hostile input (issue 10): what a script, a file name, a database or an argument holds reaches the
// terminal escaped, never as the escape itself.

// std::cerr as Main writes it (CLI11's usage errors, the internal-error line), captured for one test.
class CerrCapture {
 public:
  CerrCapture() : old_(std::cerr.rdbuf(text_.rdbuf())) {}
  ~CerrCapture() { std::cerr.rdbuf(old_); }
  CerrCapture(const CerrCapture&) = delete;
  CerrCapture& operator=(const CerrCapture&) = delete;
  std::string str() const { return text_.str(); }

 private:
  std::ostringstream text_;
  std::streambuf* old_;
};

const std::string kHostile = kData + "/hostile-text/escapes.yaml";

bool HasRawControl(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7f) return true;
  }
  return text.find("\xc2\x9b") != std::string::npos || text.find("\xe2\x80\xae") != std::string::npos;
}

TEST_F(CliTest, PlanTableShowsTheEscapesOfTitlesCaptionsNamesAndSteps) {
  EXPECT_EQ(RunPlan({kHostile, false}, out_, err_), kExitOk) << err_.str();
  const std::string text = out_.str();
  EXPECT_FALSE(HasRawControl(text)) << text;
  EXPECT_EQ(text.substr(0, text.find('\n')), "\\x1b]0;owned\\x07Box\\x1b[2J");
  EXPECT_NE(text.find("  both  say          1    12  Hi Ann\\x1b[31m, Ben\\u202e\\r\\x08\\x7f\\u009b\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  both  inhale       2    15  In\\x1b[2J\n"), std::string::npos) << text;
  EXPECT_NE(text.find("   1   0.000000  Step\\x1b[8m  line 12\n"), std::string::npos) << text;
  EXPECT_EQ(err_.str(), "");
}

TEST_F(CliTest, PlanJsonEscapesC1AndBidiToo) {
  EXPECT_EQ(RunPlan({kHostile, true}, out_, err_), kExitOk) << err_.str();
  const std::string json = out_.str();
  EXPECT_FALSE(HasRawControl(json)) << json;
  EXPECT_NE(json.find("\"title\": \"\\u001b]0;owned\\u0007Box\\u001b[2J\","), std::string::npos) << json;
  EXPECT_NE(json.find("\"text\": \"Hi Ann\\u001b[31m, Ben\\u202e\\r\\b\\u007f\\u009b\""), std::string::npos)
      << json;
}

TEST_F(CliTest, CheckEscapesTheUsersTextInDiagnosticsAndTheFileName) {
  const std::string bad = kData + "/hostile-text/bad-key.yaml";
  EXPECT_EQ(RunCheck({{bad}}, out_, err_), kExitInvalid);
  EXPECT_EQ(err_.str(), bad + ":5:5: error: a breathe step needs 'cycles' or 'for'\n" + bad +
                            ":6:5: error: unknown key 'cyc\\x1b[2Jles' in a breathe step\n" + bad +
                            ": invalid (2 errors)\n");
  const fs::path named = dir_ / "a\x1b]0;x\a\xe2\x80\xae.yaml";
  fs::copy_file(kData + "/ok/box.yaml", named);
  std::ostringstream out, err;
  EXPECT_EQ(RunCheck({{named.string()}}, out, err), kExitOk);
  EXPECT_EQ(out.str(), (dir_ / "a").string() + "\\x1b]0;x\\x07\\u202e.yaml: ok (4 min 16 s, 1 person)\n");
  EXPECT_EQ(err.str(), "");
}

TEST_F(CliTest, HistoryEscapesTitlesFilesAndNamesInTheSummaryAndTheCsv) {
  const std::string database = (dir_ / "history.sqlite").string();
  {
    core::HistoryOpenResult opened = core::History::Open(database);
    ASSERT_NE(opened.history, nullptr) << opened.error;
    core::PracticeStart start;
    start.title = "T\x1b]0;owned\a";
    start.file = "/s/\x1b[2J.yaml";
    start.name_a = "=A\x1b[31m";
    start.name_b = "B\xc2\x9b";
    start.people = 2;
    start.script_hash = core::ScriptHash("t");
    start.start_utc_us = 1'700'000'000'000'000;
    start.start_local = "2023-11-14T22:13:20+00:00";
    start.planned = core::Micros(3'000'000);
    const std::int64_t id = opened.history->BeginPractice(start);
    ASSERT_GT(id, 0);
    ASSERT_TRUE(opened.history->Finish(id, {core::Micros(3'000'000), 1, core::Micros(3'000'000)}, true));
  }
  HistoryArgs args;
  args.csv = true;
  args.database = database;
  EXPECT_EQ(RunHistory(args, out_, err_), kExitOk);
  const std::string csv = out_.str();
  std::string without_row_ends = csv;
  for (std::size_t at; (at = without_row_ends.find("\r\n")) != std::string::npos;)
    without_row_ends.erase(at, 1);
  EXPECT_FALSE(HasRawControl(without_row_ends)) << csv;  // only the CRLF row ends stay
  EXPECT_NE(csv.find("\r\n1,T\\x1b]0;owned\\x07,/s/\\x1b[2J.yaml,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",2,'=A\\x1b[31m,B\\u009b,"), std::string::npos) << csv;  // a formula stays text
  EXPECT_NE(csv.find(",completed,0.000\r\n"), std::string::npos) << csv;

  args.csv = false;
  args.now_utc_micros = 1'700'000'100'000'000;
  std::ostringstream summary, err;
  EXPECT_EQ(RunHistory(args, summary, err), kExitOk) << err.str();
  EXPECT_FALSE(HasRawControl(summary.str())) << summary.str();
  EXPECT_NE(summary.str().find("T\\x1b]0;owned\\x07"), std::string::npos) << summary.str();
}

TEST_F(CliTest, AFifoADeviceOrAFolderIsRefusedAtOnceAsNotARegularFile) {
  const std::string fifo = (dir_ / "pipe.yaml").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(RunCheck({{fifo, "/dev/zero"}}, out_, err_), kExitInvalid);
  EXPECT_EQ(err_.str(), fifo + ": error: not a regular file\n" + fifo + ": invalid (1 error)\n" +
                            "/dev/zero: error: not a regular file\n/dev/zero: invalid (1 error)\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunPlan({fifo, false}, out, err), kExitInvalid);
  EXPECT_EQ(err.str(), fifo + ": error: not a regular file\n");
  std::ostringstream out2, err2;
  EXPECT_EQ(RunCheck({{dir_.string()}}, out2, err2), kExitInvalid);
  EXPECT_EQ(err2.str(), dir_.string() + ": error: cannot open: Is a directory\n" + dir_.string() +
                            ": invalid (1 error)\n");
  // Without O_NONBLOCK the open of a FIFO with no writer never returns.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

struct BadOption {
  std::vector<std::string> args;
  std::string message;  // the first line on stderr
};

TEST_F(CliTest, EveryNumericOptionRefusesNonFiniteAndOutOfRangeValuesWithExitTwo) {
  const std::string box = kData + "/ok/box.yaml";
  const std::string wav = (dir_ / "out.wav").string();
  const std::vector<BadOption> cases = {
      {{"--at", "nan"}, "--at: must be a number from 0 to 14400 seconds (got 'nan')"},
      {{"--at", "inf"}, "--at: must be a number from 0 to 14400 seconds (got 'inf')"},
      {{"--at", "-1"}, "--at: must be a number from 0 to 14400 seconds (got '-1')"},
      {{"--at", "14400.5"}, "--at: must be a number from 0 to 14400 seconds (got '14400.5')"},
      {{"--quit-after", "1e308"}, "--quit-after: must be a number from 0 to 86400 seconds (got '1e308')"},
      {{"--quit-after", "-inf"}, "--quit-after: must be a number from 0 to 86400 seconds (got '-inf')"},
      {{"--quit-after", "NaN"}, "--quit-after: must be a number from 0 to 86400 seconds (got 'NaN')"},
      {{"--display", "64"}, "--display: must be a number from 0 to 63 (got '64')"},
      {{"--display", "nan"}, "--display: must be a number from 0 to 63 (got 'nan')"},
      {{"--size", "99999999999x720"},
       "--size: must be WIDTHxHEIGHT, 160x120 to 16384x16384, e.g. 1280x720 (got '99999999999x720')"},
      {{"--size", "1280x720junk"},
       "--size: must be WIDTHxHEIGHT, 160x120 to 16384x16384, e.g. 1280x720 (got '1280x720junk')"},
      {{"--size", "+1280x720"},
       "--size: must be WIDTHxHEIGHT, 160x120 to 16384x16384, e.g. 1280x720 (got '+1280x720')"},
      {{"--size", "\x1b[2Jx1"},
       "--size: must be WIDTHxHEIGHT, 160x120 to 16384x16384, e.g. 1280x720 (got '\\x1b[2Jx1')"},
      {{"render", box, "-o", wav, "--rate", "nan"},
       "--rate: must be a number from 8000 to 192000 Hz (got 'nan')"},
      {{"render", box, "-o", wav, "--rate", "1e9"},
       "--rate: must be a number from 8000 to 192000 Hz (got '1e9')"},
      {{"history", "--day-starts", "nan"}, "--day-starts: Value nan not in range 0 to 23"},
      {{"history", "--recent", "1e308"}, "--recent: Value 1e308 not in range 0 to 1000"},
  };
  for (const BadOption& bad : cases) {
    std::vector<std::string> argv = {"attune"};
    argv.insert(argv.end(), bad.args.begin(), bad.args.end());
    if (bad.args[0].rfind("--", 0) == 0) argv.insert(argv.end(), {"--screenshot", (dir_ / "x.png").string()});
    const CerrCapture err;
    EXPECT_EQ(RunMain(argv), kExitUsage) << bad.message;
    EXPECT_EQ(err.str(), bad.message + "\nRun with --help for more information.\n");
  }
  EXPECT_FALSE(fs::exists(wav));
  EXPECT_FALSE(fs::exists(dir_ / "x.png"));
}

TEST_F(CliTest, UsageErrorsQuoteTheArgumentEscaped) {
  const CerrCapture err;
  EXPECT_EQ(RunMain({"attune", "check", "--bo\x1b]0;x\agus", kData + "/ok/box.yaml"}), kExitUsage);
  EXPECT_EQ(err.str(),
            "The following argument was not expected: --bo\\x1b]0;x\\x07gus\nRun with --help for more "
            "information.\n");
}

TEST_F(CliTest, AnEscapedExceptionIsOneLineAndExitSeventyNeverAnAbort) {
  EXPECT_EQ(RunGuarded([]() -> int { throw std::runtime_error("boom \x1b[2J"); }, err_), kExitInternal);
  EXPECT_EQ(err_.str(), "attune: internal error: boom \\x1b[2J\n");
  std::ostringstream err;
  EXPECT_EQ(RunGuarded([]() -> int { throw 42; }, err), 70);
  EXPECT_EQ(err.str(), "attune: internal error: an unknown exception\n");
  std::ostringstream quiet;
  EXPECT_EQ(RunGuarded([] { return kExitInvalid; }, quiet), kExitInvalid);
  EXPECT_EQ(quiet.str(), "");
}

// A render longer than 4 GiB of samples is RF64 from its first byte; a short one is the plain 44-byte WAV.
TEST_F(CliTest, RenderOfAShortSessionIsAPlainWav) {
  RenderArgs args;
  args.file = kData + "/audio/ticks.yaml";
  args.output = (dir_ / "ticks.wav").string();
  args.rate = 8000;
  ASSERT_EQ(RunRender(args, out_, err_), kExitOk) << err_.str();
  const std::string bytes = ReadAll(args.output);
  ASSERT_GE(bytes.size(), 44u);
  EXPECT_EQ(bytes.substr(0, 16), std::string("RIFF", 4) + bytes.substr(4, 4) + "WAVEfmt ");
  EXPECT_EQ(Le32(bytes, 4), bytes.size() - 8);
  EXPECT_EQ(Le32(bytes, 40), bytes.size() - 44);
}

}  // namespace
}  // namespace attune::platform
