// tests/core/compile_helpers.hpp: load and compile a script given as YAML text, for engine tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/loader.hpp"
#include "core/timeline.hpp"

namespace attune::core::testing {

// The compiled timeline of `yaml` (as the file "t.yaml"); fails the test on any error.
inline Timeline CompileOrDie(const std::string& yaml) {
  LoadResult loaded = LoadSessionText(yaml, "t.yaml", ".");
  for (const Diagnostic& d : loaded.diagnostics) {
    EXPECT_NE(d.severity, Severity::kError) << d.Format();
  }
  if (!loaded.session) {
    ADD_FAILURE() << "the script did not load";
    return {};
  }
  CompileResult compiled = Compile(*loaded.session);
  for (const Diagnostic& d : compiled.diagnostics) ADD_FAILURE() << d.Format();
  if (!compiled.timeline) return {};
  return std::move(*compiled.timeline);
}

// Compiles `yaml`, which must load clean; returns the compiler's diagnostics.
inline CompileResult CompileText(const std::string& yaml) {
  LoadResult loaded = LoadSessionText(yaml, "t.yaml", ".");
  if (!loaded.session) {
    for (const Diagnostic& d : loaded.diagnostics) ADD_FAILURE() << d.Format();
    return {};
  }
  return Compile(*loaded.session);
}

// Compiles `yaml`, which must load without errors, with `speech` giving the spoken lengths.
inline CompileResult CompileWithSpeech(const std::string& yaml, const SpeechLength* speech) {
  LoadResult loaded = LoadSessionText(yaml, "t.yaml", ".");
  for (const Diagnostic& d : loaded.diagnostics) {
    EXPECT_NE(d.severity, Severity::kError) << d.Format();
  }
  if (!loaded.session) {
    ADD_FAILURE() << "the script did not load";
    return {};
  }
  CompileOptions options;
  options.speech = speech;
  return Compile(*loaded.session, options);
}

// "0.000000-4.000000 inhale a": one row, compactly, for exact comparisons.
inline std::string Row(const TimelinePhase& p) {
  return FormatSecondsExact(p.start) + "-" + FormatSecondsExact(p.end) + " " + ToString(p.kind) + " " +
         ToString(p.person);
}

inline std::vector<std::string> Rows(const Timeline& timeline) {
  std::vector<std::string> rows;
  for (const TimelinePhase& p : timeline.phases) rows.push_back(Row(p));
  return rows;
}

inline std::vector<std::string> CueRows(const Timeline& timeline) {
  std::vector<std::string> rows;
  for (const Cue& c : timeline.cues) {
    rows.push_back(FormatSecondsExact(c.time) + " " + ToString(c.sound) + " " + ToString(c.person) +
                   (c.count > 1 ? " x" + std::to_string(c.count) : ""));
  }
  return rows;
}

}  // namespace attune::core::testing
