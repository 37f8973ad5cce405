// app/core/plan.cpp: `attune plan` output. Times are printed from integer microseconds, never doubles.
#include "core/plan.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/terminal_text.hpp"

namespace attune::core {
namespace {

// Every text a script wrote (title, captions, prompts, step titles) is escaped: the plan goes to a
// terminal, and a title like "\e]0;...\a" must not retitle it. Ordinary text is unchanged.
std::string JsonString(const std::string& text) { return QuoteJsonForTerminal(text); }

std::string Shown(const std::string& text) { return EscapeForTerminal(text); }

}  // namespace

std::string FormatPlanText(const Timeline& timeline) {
  std::string out = Shown(timeline.title) + "\n";
  out += fmt::format(
      "{} · {} step{} · {} phase{} · {} cue{}\n\n", timeline.people == 2 ? "2 people" : "1 person",
      timeline.steps.size(), timeline.steps.size() == 1 ? "" : "s", timeline.phases.size(),
      timeline.phases.size() == 1 ? "" : "s", timeline.cues.size(), timeline.cues.size() == 1 ? "" : "s");
  std::size_t time_width = std::string("start").size();
  for (const TimelinePhase& phase : timeline.phases)
    time_width = std::max(time_width, FormatSecondsExact(phase.end).size());
  for (const Prompt& prompt : timeline.prompts)
    time_width = std::max(time_width, FormatSecondsExact(std::max(prompt.end, prompt.spoken_end)).size());
  out += fmt::format("{:>{}}  {:>{}}  {:<4}  {:<8}  {:>4}  {:>4}  {}\n", "start", time_width, "end",
                     time_width, "who", "kind", "step", "line", "caption");
  for (const TimelinePhase& phase : timeline.phases) {
    out += fmt::format("{:>{}}  {:>{}}  {:<4}  {:<8}  {:>4}  {:>4}  {}\n", FormatSecondsExact(phase.start),
                       time_width, FormatSecondsExact(phase.end), time_width, ToString(phase.person),
                       ToString(phase.kind), phase.step, phase.line, Shown(phase.caption));
  }
  out += "\nPrompts (start, where the speech ends, when the caption goes)\n";
  for (const Prompt& prompt : timeline.prompts) {
    out += fmt::format("{:>{}}  {:>{}}  {:>{}}  {:<4}  {:>4}  {:>4}  {}\n", FormatSecondsExact(prompt.start),
                       time_width, FormatSecondsExact(prompt.spoken_end), time_width,
                       FormatSecondsExact(prompt.end), time_width, ToString(prompt.who), prompt.step,
                       prompt.line, Shown(prompt.text));
  }
  out += "\nSteps\n";
  for (std::size_t i = 0; i < timeline.steps.size(); ++i) {
    const TimelineStep& step = timeline.steps[i];
    out += fmt::format("{:>4}  {:>{}}  {}  {}{}\n", i + 1, FormatSecondsExact(step.start), time_width,
                       Shown(step.title), step.wait ? "(waits) " : "",
                       step.line > 0 ? fmt::format("line {}", step.line) : "");
  }
  out += "\nCues\n";
  for (const Cue& cue : timeline.cues) {
    out += fmt::format("{:>{}}  {:<5}  {}{}{}\n", FormatSecondsExact(cue.time), time_width,
                       ToString(cue.sound), ToString(cue.person),
                       cue.count > 1 ? fmt::format("  × {}", cue.count) : "", cue.soft ? "  (soft)" : "");
  }
  out += fmt::format("\nTotal length: {} ({} s)\n", FormatLength(timeline.duration),
                     FormatSecondsExact(timeline.duration));
  return out;
}

std::string FormatPlanJson(const Timeline& timeline) {
  std::string out = "{\n";
  out += fmt::format("  \"title\": {},\n", JsonString(timeline.title));
  out += fmt::format("  \"people\": {},\n", timeline.people);
  out += fmt::format("  \"duration\": {},\n", FormatSecondsExact(timeline.duration));
  out += "  \"phases\": [";
  for (std::size_t i = 0; i < timeline.phases.size(); ++i) {
    const TimelinePhase& p = timeline.phases[i];
    out += fmt::format(
        "{}\n    {{\"start\": {}, \"end\": {}, \"kind\": \"{}\", \"person\": \"{}\", \"step\": {}, \"line\": "
        "{}, "
        "\"caption\": {}}}",
        i == 0 ? "" : ",", FormatSecondsExact(p.start), FormatSecondsExact(p.end), ToString(p.kind),
        ToString(p.person), p.step, p.line, JsonString(p.caption));
  }
  out += timeline.phases.empty() ? "],\n" : "\n  ],\n";
  out += "  \"cues\": [";
  for (std::size_t i = 0; i < timeline.cues.size(); ++i) {
    const Cue& c = timeline.cues[i];
    out += fmt::format("{}\n    {{\"time\": {}, \"sound\": \"{}\", \"person\": \"{}\", \"soft\": {}}}",
                       i == 0 ? "" : ",", FormatSecondsExact(c.time), ToString(c.sound), ToString(c.person),
                       c.soft ? "true" : "false");
  }
  out += timeline.cues.empty() ? "],\n" : "\n  ],\n";
  out += "  \"prompts\": [";
  for (std::size_t i = 0; i < timeline.prompts.size(); ++i) {
    const Prompt& p = timeline.prompts[i];
    out += fmt::format(
        "{}\n    {{\"start\": {}, \"end\": {}, \"text\": {}, \"person\": \"{}\", \"step\": {}, \"line\": "
        "{}}}",
        i == 0 ? "" : ",", FormatSecondsExact(p.start), FormatSecondsExact(p.spoken_end), JsonString(p.text),
        ToString(p.who), p.step, p.line);
  }
  out += timeline.prompts.empty() ? "],\n" : "\n  ],\n";
  out += "  \"steps\": [";
  for (std::size_t i = 0; i < timeline.steps.size(); ++i) {
    const TimelineStep& s = timeline.steps[i];
    out += fmt::format(
        "{}\n    {{\"start\": {}, \"end\": {}, \"kind\": \"{}\", \"line\": {}, \"title\": {}, \"wait\": {}}}",
        i == 0 ? "" : ",", FormatSecondsExact(s.start), FormatSecondsExact(s.end), ToString(s.kind), s.line,
        JsonString(s.title), s.wait ? "true" : "false");
  }
  out += timeline.steps.empty() ? "]\n" : "\n  ]\n";
  out += "}\n";
  return out;
}

}  // namespace attune::core
