// app/core/timeline.cpp: the timeline compiler's entry. Sizes the script first (saturating arithmetic, no
// expansion, timeline_sizes.cpp), refuses anything over the limits, then expands repeat/use and times every
// phase exactly (timeline_compiler.cpp, timeline_steps.cpp). Also the window and step look-ups the player
// makes on a compiled timeline.
#include "core/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/timeline_internal.hpp"

namespace attune::core {
namespace {

using detail::Add;
using detail::Compiler;
using detail::Guide;
using detail::kCap;
using detail::kLongSession;
using detail::kMaxCues;
using detail::SatAdd;
using detail::Size;
using detail::Sizer;
using detail::Thousands;

Diagnostic MakeDiagnostic(const Session& session, const Step* step, Severity severity, std::string message) {
  Diagnostic d;
  d.file = session.file;
  d.severity = severity;
  d.message = std::move(message);
  if (step != nullptr) {
    d.line = step->common.location.line;
    d.column = step->common.location.column;
  }
  return d;
}

}  // namespace

CompileResult Compile(const Session& session, const CompileOptions& options) {
  CompileResult result;
  Guide guide(session, options);
  Sizer sizer(session, guide);
  std::vector<Size> sizes;
  Size total;
  for (const Step& step : session.steps) {
    sizes.push_back(sizer.Of(step));
    total = Add(total, sizes.back());
  }
  // The step where a running total first passes `limit`: the diagnostic points there.
  auto crossing = [&](auto member, std::int64_t limit) -> const Step* {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      sum = SatAdd(sum, sizes[i].*member);
      if (sum > limit) return &session.steps[i];
    }
    return session.steps.empty() ? nullptr : &session.steps.back();
  };
  if (total.duration > kMaxSessionLength.count()) {
    const std::string length =
        total.duration >= kCap ? std::string("far longer than that") : FormatLength(Micros(total.duration));
    result.diagnostics.push_back(
        MakeDiagnostic(session, crossing(&Size::duration, kMaxSessionLength.count()), Severity::kError,
                       total.duration >= kCap ? "session is far over the limit of 4 h"
                                              : fmt::format("session is {} long; the limit is 4 h", length)));
    return result;
  }
  // The phase bound overcounts by a few rows per step at most, so a bound over twice the limit is
  // refused at once; anything nearer is expanded (cheaply) and counted exactly.
  constexpr auto kMaxPhasesCount = static_cast<std::int64_t>(kMaxPhases);
  constexpr auto kMaxCuesCount = static_cast<std::int64_t>(kMaxCues);
  if (total.phases > 2 * kMaxPhasesCount) {
    result.diagnostics.push_back(
        MakeDiagnostic(session, crossing(&Size::phases, 2 * kMaxPhasesCount), Severity::kError,
                       fmt::format("session has over {} phases; the limit is {}",
                                   Thousands(2 * kMaxPhasesCount), Thousands(kMaxPhasesCount))));
    return result;
  }
  if (total.cues > 2 * kMaxCuesCount) {
    result.diagnostics.push_back(
        MakeDiagnostic(session, crossing(&Size::cues, 2 * kMaxCuesCount), Severity::kError,
                       fmt::format("session has over {} cues; the limit is {}", Thousands(2 * kMaxCuesCount),
                                   Thousands(kMaxCuesCount))));
    return result;
  }
  Compiler compiler(session, guide);
  std::vector<std::size_t> phases_after, cues_after;
  for (const Step& step : session.steps) {
    compiler.One(step);
    phases_after.push_back(compiler.phase_count());
    cues_after.push_back(compiler.cue_count());
  }
  auto exact_crossing = [&](const std::vector<std::size_t>& after, std::size_t limit) -> const Step* {
    for (std::size_t i = 0; i < after.size(); ++i) {
      if (after[i] > limit) return &session.steps[i];
    }
    return nullptr;
  };
  if (compiler.phase_count() > kMaxPhases) {
    result.diagnostics.push_back(
        MakeDiagnostic(session, exact_crossing(phases_after, kMaxPhases), Severity::kError,
                       fmt::format("session has {} phases; the limit is {}",
                                   Thousands(static_cast<std::int64_t>(compiler.phase_count())),
                                   Thousands(kMaxPhasesCount))));
    return result;
  }
  if (compiler.cue_count() > kMaxCues) {
    result.diagnostics.push_back(MakeDiagnostic(
        session, exact_crossing(cues_after, kMaxCues), Severity::kError,
        fmt::format("session has {} cues; the limit is {}",
                    Thousands(static_cast<std::int64_t>(compiler.cue_count())), Thousands(kMaxCuesCount))));
    return result;
  }
  Timeline timeline = compiler.Finish();
  for (Diagnostic& d : compiler.TakeWarnings()) result.diagnostics.push_back(std::move(d));
  if (timeline.duration > kLongSession) {
    result.diagnostics.push_back(
        MakeDiagnostic(session, nullptr, Severity::kWarning,
                       fmt::format("session is {} long, over 2 h", FormatLength(timeline.duration))));
  }
  result.timeline = std::move(timeline);
  return result;
}

std::vector<Cue> CuesIn(const Timeline& timeline, Micros from, Micros to) {
  if (to <= from) return {};
  const auto first = std::upper_bound(timeline.cues.begin(), timeline.cues.end(), from,
                                      [](Micros t, const Cue& cue) { return t < cue.time; });
  const auto last =
      std::upper_bound(first, timeline.cues.end(), to, [](Micros t, const Cue& cue) { return t < cue.time; });
  return {first, last};
}

int StepAt(const Timeline& timeline, Micros t) {
  if (timeline.steps.empty()) return 0;
  const auto after = std::upper_bound(timeline.steps.begin(), timeline.steps.end(), t,
                                      [](Micros x, const TimelineStep& step) { return x < step.start; });
  const auto index = static_cast<int>(after - timeline.steps.begin()) - 1;
  return std::clamp(index, 0, static_cast<int>(timeline.steps.size()) - 1);
}

}  // namespace attune::core
