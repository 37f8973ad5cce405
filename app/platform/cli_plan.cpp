// app/platform/cli_plan.cpp: `attune plan [--json] FILE`, the compiled timeline as a table or as JSON.
// Loads and compiles as the player does (core::CompileFile); diagnostics go to stderr, the plan to stdout.
#include <memory>
#include <string>

#include "core/plan.hpp"
#include "platform/command.hpp"
#include "platform/script_sources.hpp"

namespace attune::platform {

int RunPlan(const PlanArgs& args, std::ostream& out, std::ostream& err) {
  const ScriptSources sources;
  const core::CompiledFile file = sources.Compile(args.file, err);
  if (!file.timeline) return kExitInvalid;
  out << (args.json ? core::FormatPlanJson(*file.timeline) : core::FormatPlanText(*file.timeline));
  return kExitOk;
}

void AddPlanCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* command =
      app.add_subcommand("plan", "Print the compiled timeline of a session, with its total length.");
  command->add_option("file", args->file, "the session script")->required();
  command->add_flag("--json", args->json, "print one JSON object instead of a table");
  command->callback([args, exit_code] { *exit_code = RunPlan(*args, std::cout, std::cerr); });
}

}  // namespace attune::platform
