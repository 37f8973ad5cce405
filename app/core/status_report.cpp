// app/core/status_report.cpp: the session's state for other programs, as JSON and as one line of text.
#include "core/status_report.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace attune::core {
namespace {

int SecondsUp(Micros t) { return t.count() <= 0 ? 0 : static_cast<int>((t.count() + 999'999) / 1'000'000); }

// What the person does now, in the words on screen.
std::string PhaseOf(const PlayerView& view) {
  if (!view.pacers.empty()) {
    if (view.pacers.size() == 1 || view.pacers[0].label == view.pacers[1].label) return view.pacers[0].label;
    std::string both;
    for (const PacerView& pacer : view.pacers) {
      if (pacer.label.empty()) continue;
      if (!both.empty()) both += "; ";
      both += pacer.name.empty() ? pacer.label : pacer.name + ": " + pacer.label;
    }
    return both;
  }
  if (!view.phase_label.empty())
    return view.group.empty() ? view.phase_label : view.phase_label + ": " + view.group;
  if (!view.region.empty()) return view.region;
  if (view.kind == StepKind::kRest) return "Rest";
  if (view.kind == StepKind::kTurns && !view.giver.empty())
    return view.giver + " gives, " + view.receiver + " receives";
  return "";
}

// `text` as a JSON string (RFC 8259): quotes, backslashes and control characters escaped; UTF-8 kept.
void AppendJsonString(std::string* out, const std::string& text) {
  *out += '"';
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          *out += fmt::format("\\u{:04x}", u);
        } else {
          *out += c;
        }
    }
  }
  *out += '"';
}

// `text` on one line: line breaks and other control characters become spaces.
std::string OneLine(const std::string& text) {
  std::string out;
  for (const char c : text) out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  return out;
}

}  // namespace

StatusReport MakeStatusReport(const PlayerView* view) {
  StatusReport report;
  if (view == nullptr) return report;
  report.state = ToString(view->status);
  report.session = view->title;
  report.step_number = view->step_number;
  report.step_count = view->step_count;
  report.step = view->step_title;
  report.phase = PhaseOf(*view);
  if (!view->pacers.empty() && view->pacers[0].show_count)
    report.phase_seconds_left = view->pacers[0].seconds_left;
  report.seconds_left = SecondsUp(view->remaining);
  report.step_seconds_left = SecondsUp(view->step_length - view->step_elapsed);
  report.caption = view->caption;
  return report;
}

std::string StatusJson(const StatusReport& report) {
  std::string out = "{";
  const auto text = [&out](const char* key, const std::string& value) {
    out += fmt::format("\"{}\": ", key);
    AppendJsonString(&out, value);
    out += ", ";
  };
  const auto number = [&out](const char* key, int value) { out += fmt::format("\"{}\": {}, ", key, value); };
  text("state", report.state);
  text("session", report.session);
  number("step_number", report.step_number);
  number("step_count", report.step_count);
  text("step", report.step);
  text("phase", report.phase);
  number("phase_seconds_left", report.phase_seconds_left);
  number("seconds_left", report.seconds_left);
  number("step_seconds_left", report.step_seconds_left);
  text("caption", report.caption);
  out.resize(out.size() - 2);  // the last ", "
  out += "}\n";
  return out;
}

std::string StatusLine(const StatusReport& report) {
  if (report.state == "idle") return "Attune\n";
  std::string line = report.session;
  if (report.step_count > 0)
    line += fmt::format(" · {}/{} {}", report.step_number, report.step_count, report.step);
  if (!report.phase.empty()) {
    line += " · " + report.phase;
    if (report.phase_seconds_left > 0) line += fmt::format(" {}", report.phase_seconds_left);
  }
  if (report.state == "paused" || report.state == "waiting") line += " · " + report.state;
  line += " · " + FormatClock(Micros{std::int64_t{report.seconds_left} * 1'000'000}) + " left";
  return OneLine(line) + "\n";
}

}  // namespace attune::core
