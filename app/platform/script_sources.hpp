// app/platform/script_sources.hpp: what every command compiles a script with. Clip lengths come from the
// files and prompts are laid out by the length of the speech the mixer will play, so check, plan, render
// and the app agree on a script's timeline.
#pragma once

#include <ostream>
#include <string>

#include "audio/clip_probe.hpp"
#include "audio/speech_length.hpp"
#include "core/compile_file.hpp"
#include "core/terminal_text.hpp"

namespace attune::platform {

class ScriptSources {
 public:
  ScriptSources() {
    load_.probe = &probe_;
    compile_.speech = &speech_;
  }
  ScriptSources(const ScriptSources&) = delete;
  ScriptSources& operator=(const ScriptSources&) = delete;

  // Loads and compiles `path`, writing its diagnostics (in the order of the file) to `err`. They quote the
  // script's text and name its path, so they are escaped for the terminal.
  core::CompiledFile Compile(const std::string& path, std::ostream& err) const {
    core::CompiledFile file = core::CompileFile(path, load_, compile_);
    for (const core::Diagnostic& d : file.diagnostics) err << core::EscapeForTerminal(d.Format()) << '\n';
    return file;
  }

 private:
  audio::SndfileClipProbe probe_;
  audio::SynthSpeechLength speech_;
  core::LoadOptions load_;
  core::CompileOptions compile_;
};

}  // namespace attune::platform
