// app/platform/cli_plan.cpp: `attune plan [--json] FILE`, the compiled timeline as a table or as JSON.
// Loads and compiles with the same core calls as the player; diagnostics go to stderr, the plan to stdout.
#include <cstdio>
#include <memory>
#include <string>

#include "audio/clip_probe.hpp"
#include "audio/speech_length.hpp"
#include "core/loader.hpp"
#include "core/plan.hpp"
#include "core/timeline.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

struct PlanOptions {
  std::string file;
  bool json = false;
};

int RunPlan(const PlanOptions& options) {
  // Clip lengths come from the files, as `check` and the app read them, so every view of a script
  // agrees on its timeline.
  const audio::SndfileClipProbe probe;
  core::LoadOptions load_options;
  load_options.probe = &probe;
  core::LoadResult load = core::LoadSessionFile(options.file, load_options);
  for (const core::Diagnostic& d : load.diagnostics) std::fprintf(stderr, "%s\n", d.Format().c_str());
  if (!load.session) return kExitInvalid;
  // Prompts are laid out by the length of the speech the mixer will play.
  const audio::SynthSpeechLength speech;
  core::CompileResult compiled = core::Compile(*load.session, core::CompileOptions{&speech});
  for (const core::Diagnostic& d : compiled.diagnostics) std::fprintf(stderr, "%s\n", d.Format().c_str());
  if (!compiled.timeline) return kExitInvalid;
  const std::string text =
      options.json ? core::FormatPlanJson(*compiled.timeline) : core::FormatPlanText(*compiled.timeline);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

const CommandRegistration kPlan("plan", [](CLI::App& app, int* exit_code) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* command =
      app.add_subcommand("plan", "Print the compiled timeline of a session, with its total length.");
  command->add_option("file", options->file, "the session script")->required();
  command->add_flag("--json", options->json, "print one JSON object instead of a table");
  command->callback([options, exit_code] { *exit_code = RunPlan(*options); });
});

}  // namespace
}  // namespace attune::platform
