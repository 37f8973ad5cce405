// app/platform/cli_check.cpp: `attune check FILE...`, which validates scripts as authors and tools need:
// diagnostics on stderr, one summary line per valid file on stdout, exit 0 / 1 (any error) / 2 (usage).
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/terminal_text.hpp"
#include "platform/command.hpp"
#include "platform/script_sources.hpp"

namespace attune::platform {
namespace {

std::string Plural(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Checks one file; prints its diagnostics (in the order of the file) and its summary. Returns true when it
// has no error.
bool CheckFile(const std::string& path, const ScriptSources& sources, std::ostream& out, std::ostream& err) {
  const core::CompiledFile file = sources.Compile(path, err);
  const int errors = core::CountErrors(file.diagnostics);
  const int warnings = static_cast<int>(file.diagnostics.size()) - errors;
  if (!file.ok()) {
    err << fmt::format("{}: invalid ({})\n", core::EscapeForTerminal(path),
                       Plural(std::max(errors, 1), "error", "errors"));
    return false;
  }
  std::string summary = fmt::format("{}: ok ({}, {}", core::EscapeForTerminal(path),
                                    core::FormatLength(file.timeline->duration),
                                    Plural(file.timeline->people, "person", "people"));
  if (warnings > 0) summary += ", " + Plural(warnings, "warning", "warnings");
  out << summary << ")\n";
  return true;
}

}  // namespace

int RunCheck(const CheckArgs& args, std::ostream& out, std::ostream& err) {
  const ScriptSources sources;
  bool all_ok = true;
  for (const std::string& file : args.files) all_ok = CheckFile(file, sources, out, err) && all_ok;
  return all_ok ? kExitOk : kExitInvalid;
}

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* command = app.add_subcommand(
      "check",
      "Validate session scripts: errors and warnings on stderr, a summary per valid file on stdout.");
  command->add_option("files", args->files, "the session scripts (YAML)")->required();
  command->callback([args, exit_code] { *exit_code = RunCheck(*args, std::cout, std::cerr); });
}

}  // namespace attune::platform
