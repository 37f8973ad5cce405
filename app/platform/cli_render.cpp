// app/platform/cli_render.cpp: `attune render FILE -o OUT.wav`, the session's whole sound rendered offline
// with the same mixer the live device runs, as fast as the CPU allows.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "audio/clip_probe.hpp"
#include "audio/mixer.hpp"
#include "audio/speech_length.hpp"
#include "audio/wav_writer.hpp"
#include "core/loader.hpp"
#include "core/timeline.hpp"
#include "platform/command.hpp"

namespace attune::platform {
namespace {

struct RenderOptions {
  std::string file;
  std::string output;
  int rate = 48000;
  std::vector<std::string> layers;
};

int RunRender(const RenderOptions& options) {
  const auto started = std::chrono::steady_clock::now();
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

  std::vector<std::string> notices;
  const auto timeline = std::make_shared<const core::Timeline>(std::move(*compiled.timeline));
  const auto sound = audio::SessionSound::Prepare(timeline, options.rate, &notices);
  for (const std::string& notice : notices) std::fprintf(stderr, "%s\n", notice.c_str());

  audio::Volumes volumes;
  if (!options.layers.empty()) {
    auto has = [&](const char* layer) {
      for (const std::string& l : options.layers) {
        if (l == layer) return true;
      }
      return false;
    };
    volumes.cues = has("cues") ? volumes.cues : 0.0f;
    volumes.breath = has("breath") ? volumes.breath : 0.0f;
    volumes.voice = has("voice") ? volumes.voice : 0.0f;
    volumes.ambience = has("ambience") ? volumes.ambience : 0.0f;
  }

  audio::WavWriter writer;
  std::string error;
  if (!writer.Open(options.output, options.rate, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return kExitInvalid;
  }
  constexpr int kBlock = 8192;
  std::vector<float> block(2 * kBlock);
  const std::int64_t total = sound->duration_frames();
  for (std::int64_t frame = 0; frame < total; frame += kBlock) {
    const auto frames = static_cast<int>(std::min<std::int64_t>(kBlock, total - frame));
    sound->Render(frame, frames, block.data(), volumes);
    writer.Write(block.data(), frames);
  }
  if (!writer.Close()) {
    std::fprintf(stderr, "cannot write %s\n", options.output.c_str());
    return kExitInvalid;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double speed = core::ToSeconds(timeline->duration) / std::max(seconds, 1e-6);
  std::printf("Rendered %s of sound to %s in %.2f s (%.0fx real time).\n",
              core::FormatLength(timeline->duration).c_str(), options.output.c_str(), seconds, speed);
  return kExitOk;
}

const CommandRegistration kRender("render", [](CLI::App& app, int* exit_code) {
  auto options = std::make_shared<RenderOptions>();
  CLI::App* command = app.add_subcommand("render", "Render a session's whole sound to a WAV file, offline.");
  command->add_option("file", options->file, "the session script")->required();
  command->add_option("-o,--output", options->output, "the WAV file to write (16-bit stereo)")->required();
  command->add_option("--rate", options->rate, "sample rate in Hz (default 48000)")
      ->check(CLI::Range(8000, 192000));
  command->add_option("--layers", options->layers, "only these layers: cues, breath, voice, ambience")
      ->delimiter(',')
      ->check(CLI::IsMember({"cues", "breath", "voice", "ambience"}));
  command->callback([options, exit_code] { *exit_code = RunRender(*options); });
});

}  // namespace
}  // namespace attune::platform
