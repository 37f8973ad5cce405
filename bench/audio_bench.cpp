// bench/audio_bench.cpp: offline render speed of a 20-minute session with every layer (target: at least
// 300x real time), the cost of preparing it, and the live hook's cost per 1024-frame buffer.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "audio/live_audio.hpp"
#include "audio/mixer.hpp"

namespace {

using namespace attune;
constexpr int kRate = 48000;

// 20 minutes for two partners breathing 4-6 in alternation, a bowl every step, pink noise, and a spoken
// prompt every minute.
std::shared_ptr<const core::Timeline> TwentyMinutes() {
  auto timeline = std::make_shared<core::Timeline>();
  timeline->people = 2;
  timeline->a.pan = -0.6;
  timeline->b.pan = 0.6;
  timeline->sound.ambience = "pink";
  timeline->duration = core::Micros{1'200'000'000};
  for (std::int64_t t = 0; t < 1'200'000'000; t += 10'000'000) {
    for (core::Person person : {core::Person::kA, core::Person::kB}) {
      const bool a = person == core::Person::kA;
      core::TimelinePhase first, second;
      first.person = second.person = person;
      first.start = core::Micros{t};
      first.end = second.start = core::Micros{t + (a ? 4'000'000 : 6'000'000)};
      second.end = core::Micros{t + 10'000'000};
      first.kind = a ? core::PhaseKind::kInhale : core::PhaseKind::kExhale;
      second.kind = a ? core::PhaseKind::kExhale : core::PhaseKind::kInhale;
      first.lungs_from = second.lungs_to = a ? 0.0 : 1.0;
      first.lungs_to = second.lungs_from = a ? 1.0 : 0.0;
      timeline->phases.push_back(first);
      timeline->phases.push_back(second);
    }
    timeline->cues.push_back(core::Cue{core::Micros{t}, core::CueSound::kBowl});
    if (t % 60'000'000 == 0) {
      core::Prompt prompt;
      prompt.start = core::Micros{t};
      prompt.end = core::Micros{t + 10'000'000};
      prompt.spoken_end = core::Micros{t + 4'000'000};
      prompt.text = "Breathe gently, and let each breath find its own pace.";
      prompt.step = 1;
      timeline->prompts.push_back(std::move(prompt));
    }
  }
  return timeline;
}

const audio::SessionSound& Sound() {
  static const std::unique_ptr<audio::SessionSound> sound =
      audio::SessionSound::Prepare(TwentyMinutes(), kRate, nullptr);
  static const bool prepared = sound->PrepareSpan(0, sound->duration_frames());  // every voice clip
  (void)prepared;
  return *sound;
}

void BM_PrepareTwentyMinuteSession(benchmark::State& state) {
  const auto timeline = TwentyMinutes();
  for (auto _ : state) benchmark::DoNotOptimize(audio::SessionSound::Prepare(timeline, kRate, nullptr));
}
BENCHMARK(BM_PrepareTwentyMinuteSession)->Unit(benchmark::kMillisecond);

void BM_RenderTwentyMinuteSession(benchmark::State& state) {
  const audio::SessionSound& sound = Sound();
  std::vector<float> block(2 * 8192);
  for (auto _ : state) {
    for (std::int64_t frame = 0; frame < sound.duration_frames(); frame += 8192) {
      sound.Render(frame, 8192, block.data(), audio::Volumes{});
      benchmark::ClobberMemory();
    }
  }
  // Seconds of session per second of CPU: "x real time".
  state.counters["x_real_time"] =
      benchmark::Counter(1200.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RenderTwentyMinuteSession)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_LiveHookPerBuffer(benchmark::State& state) {
  static const auto sound = audio::SessionSound::Prepare(TwentyMinutes(), kRate, nullptr);
  audio::LiveAudio live;
  live.SetSound(std::shared_ptr<const audio::SessionSound>(sound.get(), [](const audio::SessionSound*) {}));
  live.SetClockMap(core::ClockMap{true, core::Micros{0}, core::Micros{0}, core::Micros{1'200'000'000}});
  std::vector<std::int16_t> stream(2 * 1024);
  for (auto _ : state) {
    live.MixInto(stream.data(), 1024);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_LiveHookPerBuffer)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
