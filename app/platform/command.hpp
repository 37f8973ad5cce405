// app/platform/command.hpp: the command line of `attune`. Main() builds the parser from one Add*Command
// call per subcommand (check, history, plan, render) and the window's options, then runs what was asked.
// Each subcommand is also a plain function (Run*) of its arguments and two streams, so tests call it
// in-process (tests/platform/cli_test.cpp) and get the exit code and the exact text a user would see.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace attune::platform {

// Exit codes, as the format page names them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
// A bug: an exception no command caught (EX_SOFTWARE in sysexits.h).
inline constexpr int kExitInternal = 70;

// The whole program: parses `argv`, runs the subcommand or, with none, the window; returns the exit code.
int Main(int argc, char** argv);

// Runs `run` and returns its exit code; an exception it lets escape becomes "attune: internal error: WHAT"
// (escaped for the terminal) on `err` and kExitInternal. Main runs everything inside it.
int RunGuarded(const std::function<int()>& run, std::ostream& err);

// A numeric option's check: a finite number in [min, max]. CLI::Range and CLI::NonNegativeNumber let
// "nan" through (every comparison with NaN is false) and "inf" past NonNegativeNumber. The message names
// the range: "--at: must be a number from 0 to 14400 seconds (got 'nan')".
CLI::Validator FiniteNumber(double min, double max, const std::string& unit);

// Each adds its subcommand (or, for the window, the top-level options) to `app`; the callback stores the
// process exit code in `*exit_code`.
void AddCheckCommand(CLI::App& app, int* exit_code);
void AddHistoryCommand(CLI::App& app, int* exit_code);
void AddPlanCommand(CLI::App& app, int* exit_code);
void AddRenderCommand(CLI::App& app, int* exit_code);
void AddWindowCommand(CLI::App& app, int* exit_code);

// `attune check FILE...`: diagnostics on `err`, one summary line per valid file on `out`; kExitOk when
// every file is valid, else kExitInvalid.
struct CheckArgs {
  std::vector<std::string> files;
};
int RunCheck(const CheckArgs& args, std::ostream& out, std::ostream& err);

// `attune plan [--json] FILE`: the compiled timeline on `out` (a table, or one JSON object), diagnostics
// on `err`.
struct PlanArgs {
  std::string file;
  bool json = false;
};
int RunPlan(const PlanArgs& args, std::ostream& out, std::ostream& err);

// `attune render FILE -o OUT.wav`: the session's whole sound, offline; a line with the speed on `out`.
struct RenderArgs {
  std::string file;
  std::string output;
  int rate = 48000;
  std::vector<std::string> layers;  // empty: all; else some of cues, breath, voice, ambience
};
int RunRender(const RenderArgs& args, std::ostream& out, std::ostream& err);

// `attune history [--csv]`: the practice summary, or every practice as CSV, on `out`.
struct HistoryArgs {
  bool csv = false;
  int day_starts_hour = 0;
  int recent = 10;
  std::string database;             // empty: core::DefaultHistoryPath()
  std::int64_t now_utc_micros = 0;  // "now" for the summary's today and week; 0: the system clock
};
int RunHistory(const HistoryArgs& args, std::ostream& out, std::ostream& err);

}  // namespace attune::platform
