// tests/core/compile_helpers.hpp: load and compile a script given as YAML text, for engine tests.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/loader.hpp"
#include "core/timeline.hpp"

namespace attune::core::testing {

// The session of `yaml` (as the file "t.yaml"), which must load without errors; fails the test otherwise.
inline std::optional<Session> LoadClean(const std::string& yaml) {
  LoadResult loaded = LoadSessionText(yaml, "t.yaml", ".");
  for (const Diagnostic& d : loaded.diagnostics) {
    EXPECT_NE(d.severity, Severity::kError) << d.Format();
  }
  if (!loaded.session) {
    ADD_FAILURE() << "the script did not load";
    return std::nullopt;
  }
  return std::move(*loaded.session);
}

// The compiled timeline of `yaml`; fails the test on any error or warning.
inline Timeline CompileOrDie(const std::string& yaml) {
  const std::optional<Session> session = LoadClean(yaml);
  if (!session) return {};
  CompileResult compiled = Compile(*session);
  for (const Diagnostic& d : compiled.diagnostics) ADD_FAILURE() << d.Format();
  if (!compiled.timeline) return {};
  return std::move(*compiled.timeline);
}

// Compiles `yaml`, which must load without errors; returns the compiler's diagnostics.
inline CompileResult CompileText(const std::string& yaml) {
  const std::optional<Session> session = LoadClean(yaml);
  return session ? Compile(*session) : CompileResult{};
}

// Compiles `yaml`, which must load without errors, with `speech` giving the spoken lengths.
inline CompileResult CompileWithSpeech(const std::string& yaml, const SpeechLength* speech) {
  const std::optional<Session> session = LoadClean(yaml);
  if (!session) return {};
  CompileOptions options;
  options.speech = speech;
  return Compile(*session, options);
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
