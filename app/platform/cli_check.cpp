// app/platform/cli_check.cpp: `attune check FILE...`, which validates scripts as authors and tools need:
// diagnostics on stderr, one summary line per valid file on stdout, exit 0 / 1 (any error) / 2 (usage).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "audio/clip_probe.hpp"
#include "audio/speech_length.hpp"
#include "core/loader.hpp"
#include "core/timeline.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

std::string Plural(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Checks one file; prints its diagnostics and its summary. Returns true when it has no error.
bool CheckFile(const std::string& path, const audio::SndfileClipProbe& probe,
               const audio::SynthSpeechLength& speech) {
  core::LoadOptions options;
  options.probe = &probe;
  core::LoadResult loaded = core::LoadSessionFile(path, options);
  core::Diagnostics all = std::move(loaded.diagnostics);
  std::optional<core::Timeline> timeline;
  if (loaded.session) {
    core::CompileResult compiled = core::Compile(*loaded.session, core::CompileOptions{&speech});
    all.insert(all.end(), compiled.diagnostics.begin(), compiled.diagnostics.end());
    timeline = std::move(compiled.timeline);
  }
  // The loader's and the compiler's diagnostics together, in the order of the file.
  std::stable_sort(all.begin(), all.end(), [](const core::Diagnostic& x, const core::Diagnostic& y) {
    return std::tie(x.line, x.column) < std::tie(y.line, y.column);
  });
  for (const core::Diagnostic& d : all) std::fprintf(stderr, "%s\n", d.Format().c_str());
  const int errors = core::CountErrors(all);
  const int warnings = static_cast<int>(all.size()) - errors;
  if (errors > 0 || !timeline) {
    std::fprintf(stderr, "%s: invalid (%s)\n", path.c_str(),
                 Plural(std::max(errors, 1), "error", "errors").c_str());
    return false;
  }
  std::string summary = fmt::format("{}: ok ({}, {}", path, core::FormatLength(timeline->duration),
                                    Plural(timeline->people, "person", "people"));
  if (warnings > 0) summary += ", " + Plural(warnings, "warning", "warnings");
  std::printf("%s)\n", summary.c_str());
  return true;
}

const CommandRegistration kCheck("check", [](CLI::App& app, int* exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* command = app.add_subcommand(
      "check",
      "Validate session scripts: errors and warnings on stderr, a summary per valid file on stdout.");
  command->add_option("files", *files, "the session scripts (YAML)")->required();
  command->callback([files, exit_code] {
    const audio::SndfileClipProbe probe;
    const audio::SynthSpeechLength speech;
    bool all_ok = true;
    for (const std::string& file : *files) all_ok = CheckFile(file, probe, speech) && all_ok;
    *exit_code = all_ok ? kExitOk : kExitInvalid;
  });
});

}  // namespace
}  // namespace attune::platform
