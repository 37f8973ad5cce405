// app/platform/cli_render.cpp: `attune render FILE -o OUT.wav`, the session's whole sound rendered offline
// with the same mixer the live device runs, as fast as the CPU allows.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "audio/mixer.hpp"
#include "audio/wav_writer.hpp"
#include "core/terminal_text.hpp"
#include "platform/command.hpp"
#include "platform/script_sources.hpp"

namespace attune::platform {
namespace {

audio::Volumes LayerVolumes(const std::vector<std::string>& layers) {
  audio::Volumes volumes;
  if (layers.empty()) return volumes;
  auto has = [&](const char* layer) {
    return std::find(layers.begin(), layers.end(), layer) != layers.end();
  };
  volumes.cues = has("cues") ? volumes.cues : 0.0f;
  volumes.breath = has("breath") ? volumes.breath : 0.0f;
  volumes.voice = has("voice") ? volumes.voice : 0.0f;
  volumes.ambience = has("ambience") ? volumes.ambience : 0.0f;
  return volumes;
}

}  // namespace

int RunRender(const RenderArgs& args, std::ostream& out, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  const ScriptSources sources;
  const core::CompiledFile file = sources.Compile(args.file, err);
  if (!file.timeline) return kExitInvalid;
  const std::shared_ptr<const core::Timeline>& timeline = file.timeline;

  std::vector<std::string> notices;
  const auto sound = audio::SessionSound::Prepare(timeline, args.rate, &notices);
  for (const std::string& notice : notices) err << core::EscapeForTerminal(notice) << '\n';
  const audio::Volumes volumes = LayerVolumes(args.layers);

  audio::WavWriter writer;
  std::string error;
  // The length is known before the first sample: past 4 GiB (4 hours at 96 kHz) the file is RF64.
  if (!writer.Open(args.output, args.rate, &error, sound->duration_frames())) {
    err << core::EscapeForTerminal(error) << '\n';
    return kExitInvalid;
  }
  constexpr int kBlock = 8192;
  std::vector<float> block(2 * kBlock);
  const std::int64_t total = sound->duration_frames();
  // Speech is made ahead on a second thread, as the app's sound worker does (synthesis and resampling
  // are most of a render's work), while this one mixes and writes: the same clips, so the same samples.
  std::atomic<std::int64_t> playhead{0};
  std::atomic<bool> finished{false};
  std::thread ahead([&] {
    while (!finished.load()) {
      bool worked = false;
      try {
        worked = sound->PrepareAhead(playhead.load(), &finished);
      } catch (...) {
        return;  // PrepareSpan below meets the same failure on this thread, and reports it
      }
      if (!worked) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  struct Join {
    std::atomic<bool>& finished;
    std::thread& thread;
    ~Join() {
      finished.store(true);
      thread.join();
    }
  } join{finished, ahead};
  for (std::int64_t frame = 0; frame < total; frame += kBlock) {
    const auto frames = static_cast<int>(std::min<std::int64_t>(kBlock, total - frame));
    playhead.store(frame);
    sound->PrepareSpan(frame, frames);  // made in order, released behind: bounded memory at any length
    sound->Render(frame, frames, block.data(), volumes);
    writer.Write(block.data(), frames);
  }
  if (!writer.Close()) {
    err << "cannot write " << core::EscapeForTerminal(args.output) << '\n';
    return kExitInvalid;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double speed = core::ToSeconds(timeline->duration) / std::max(seconds, 1e-6);
  out << fmt::format("Rendered {} of sound to {} in {:.2f} s ({:.0f}x real time).\n",
                     core::FormatLength(timeline->duration), core::EscapeForTerminal(args.output), seconds,
                     speed);
  return kExitOk;
}

void AddRenderCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* command = app.add_subcommand("render", "Render a session's whole sound to a WAV file, offline.");
  command->add_option("file", args->file, "the session script")->required();
  command->add_option("-o,--output", args->output, "the WAV file to write (16-bit stereo)")->required();
  command->add_option("--rate", args->rate, "sample rate in Hz (default 48000)")
      ->check(FiniteNumber(8000, 192000, "Hz"));
  command->add_option("--layers", args->layers, "only these layers: cues, breath, voice, ambience")
      ->delimiter(',')
      ->check(CLI::IsMember({"cues", "breath", "voice", "ambience"}));
  command->callback([args, exit_code] { *exit_code = RunRender(*args, std::cout, std::cerr); });
}

}  // namespace attune::platform
