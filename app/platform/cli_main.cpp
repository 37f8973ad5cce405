// app/platform/cli_main.cpp: the program. Builds the command line from each command's Add*Command (in
// the order --help lists them), parses it and returns the exit code of what ran. Main is also the last
// exception boundary: whatever a command or the window lets escape ends as one line and exit code 70,
// never as std::terminate's abort and core dump.
#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <iostream>
#include <string>

#include "core/terminal_text.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

int ParseAndRun(int argc, char** argv) {
  CLI::App app{"Attune: guided breathing and relaxation, for one person or two.", "attune"};
  // Usage errors quote what was typed ("The following argument was not expected: ..."): escaped, so a
  // hostile argument cannot drive the terminal. Set before the subcommands, which copy it.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    return core::EscapeForTerminal(CLI::FailureMessage::simple(failed, e), {.keep_newlines = true});
  });
  app.set_version_flag("--version", std::string("attune ") + ATTUNE_VERSION);
  int exit_code = kExitOk;
  AddCheckCommand(app, &exit_code);
  AddHistoryCommand(app, &exit_code);
  AddPlanCommand(app, &exit_code);
  AddRenderCommand(app, &exit_code);
  AddWindowCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace

int RunGuarded(const std::function<int()>& run, std::ostream& err) {
  try {
    return run();
  } catch (const std::exception& e) {
    err << "attune: internal error: " << core::EscapeForTerminal(e.what()) << '\n' << std::flush;
  } catch (...) {
    err << "attune: internal error: an unknown exception\n" << std::flush;
  }
  return kExitInternal;
}

CLI::Validator FiniteNumber(double min, double max, const std::string& unit) {
  const std::string range = fmt::format("{} to {}{}", min, max, unit.empty() ? "" : " " + unit);
  return CLI::Validator(
      [min, max, range](std::string& input) -> std::string {
        double value = 0.0;
        // strtod accepts "nan", "inf" and "1e308"; each is a number, none is a time or a size.
        if (!CLI::detail::lexical_cast(input, value) || !std::isfinite(value) || value < min || value > max) {
          return fmt::format("must be a number from {} (got '{}')", range, core::EscapeForTerminal(input));
        }
        return std::string();
      },
      fmt::format("[{} - {}]", min, max));
}

int Main(int argc, char** argv) {
  return RunGuarded([argc, argv] { return ParseAndRun(argc, argv); }, std::cerr);
}

}  // namespace attune::platform
