// app/platform/cli_plan.cpp: `attune plan [--json] FILE`, the compiled timeline as a table or as JSON.
// Loads and compiles as the player does (core::CompileFile); diagnostics go to stderr, the plan to stdout.
#include <memory>
#include <string>

#include "audio/clip_probe.hpp"
#include "audio/speech_length.hpp"
#include "core/compile_file.hpp"
#include "core/plan.hpp"
#include "platform/command.hpp"

namespace attune::platform {

int RunPlan(const PlanArgs& args, std::ostream& out, std::ostream& err) {
  // Clip lengths come from the files and prompts are laid out by the length of the speech the mixer will
  // play, as `check` and the app do, so every view of a script agrees on its timeline.
  const audio::SndfileClipProbe probe;
  const audio::SynthSpeechLength speech;
  core::LoadOptions load;
  load.probe = &probe;
  core::CompileOptions compile;
  compile.speech = &speech;
  const core::CompiledFile file = core::CompileFile(args.file, load, compile);
  for (const core::Diagnostic& d : file.diagnostics) err << d.Format() << '\n';
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
