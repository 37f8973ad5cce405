// Engine speed: load + compile the largest script the limits allow (4 hours of 1-second breaths for
// two people, alternating), and load + compile of every built-in session. Target: under 50 ms each.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/loader.hpp"
#include "core/timeline.hpp"

namespace {

using namespace attune::core;

void LoadAndCompile(benchmark::State& state, const std::string& text, const std::string& name) {
  std::size_t phases = 0;
  for (auto _ : state) {
    LoadResult loaded = LoadSessionText(text, name, ".");
    if (!loaded.session) {
      state.SkipWithError("the script did not load");
      return;
    }
    CompileResult compiled = Compile(*loaded.session);
    if (!compiled.timeline) {
      state.SkipWithError("the script did not compile");
      return;
    }
    phases = compiled.timeline->phases.size();
    benchmark::DoNotOptimize(compiled);
  }
  state.counters["phases"] = static_cast<double>(phases);
}

void BM_FourHoursOfOneSecondBreathsForTwo(benchmark::State& state) {
  const std::string text = R"(attune: 1
title: Four hours
people: 2
sound: { breath: ticks }
steps:
  - breathe: 0.5-0.5
    mode: alternate
    cycles: 14400
)";
  LoadAndCompile(state, text, "four-hours.yaml");
}
BENCHMARK(BM_FourHoursOfOneSecondBreathsForTwo)->Unit(benchmark::kMillisecond);

void BM_FourHoursViaRepeat(benchmark::State& state) {
  const std::string text = R"(attune: 1
title: Four hours
people: 2
steps:
  - repeat: 14400
    steps:
      - breathe: 0.5-0.5
        cycles: 1
)";
  LoadAndCompile(state, text, "four-hours-repeat.yaml");
}
BENCHMARK(BM_FourHoursViaRepeat)->Unit(benchmark::kMillisecond);

void BM_BuiltInSessions(benchmark::State& state) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(ATTUNE_SESSIONS_DIR)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  std::size_t phases = 0;
  for (auto _ : state) {
    phases = 0;
    for (const std::string& file : files) {
      LoadResult loaded = LoadSessionFile(file);
      if (!loaded.session) continue;
      CompileResult compiled = Compile(*loaded.session);
      if (compiled.timeline) phases += compiled.timeline->phases.size();
      benchmark::DoNotOptimize(compiled);
    }
  }
  state.counters["files"] = static_cast<double>(files.size());
  state.counters["phases"] = static_cast<double>(phases);
}
BENCHMARK(BM_BuiltInSessions)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
