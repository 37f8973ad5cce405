// app/core/loader_patterns.cpp: the loader reading breathing patterns (compact "4-7-8", a mapping of
// phases, a `phases` list, a rate and ratio) and checking their phase and cycle lengths.
#include <cstdint>

#include "core/duration.hpp"
#include "core/loader_internal.hpp"
#include "core/loader_messages.hpp"

namespace attune::core::detail {
namespace {

// An inhale right after another inhale of the cycle (zero-length phases between are skipped, as the
// compiler skips them): a top-up, like the 1 s of a physiological sigh 2+1-6, short by nature.
bool TopUp(const Pattern& pattern, std::size_t index) {
  for (std::size_t i = index; i > 0; --i) {
    const PatternPhase& before = pattern.phases[i - 1];
    if (before.length == Micros(0)) continue;
    return before.kind == PhaseKind::kInhale;
  }
  return false;
}

}  // namespace

std::optional<ParsedPattern> Loader::ParsePattern(const Node& node, SourceLocation fallback,
                                                  bool allow_name) {
  SourceLocation location = node.IsNull() ? fallback : ToLocation(node.Mark());
  if (location.line == 0) location = fallback;
  if (node.IsMap()) return ParsePatternMap(node, location);
  if (!node.IsScalar()) {
    Error(location, msg::BadPattern(Got(node)));
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  // A defined pattern that is unusable or invalid was reported at its definition.
  if (allow_name && Contains(pattern_names_, text) && patterns_.count(text) == 0) return std::nullopt;
  if (!text.empty() && ((text[0] >= '0' && text[0] <= '9') || text[0] == '.' || text[0] == '-')) {
    return ParseCompact(node, location);
  }
  if (!allow_name) {
    Error(location, msg::BadPattern(Got(node)));
    return std::nullopt;
  }
  const auto found = patterns_.find(text);
  if (found == patterns_.end()) {
    Error(location, msg::UnknownPattern(text, pattern_names_));
    return std::nullopt;
  }
  ParsedPattern named = found->second;
  named.location = location;
  return named;
}

std::optional<ParsedPattern> Loader::ParseCompact(const Node& node, SourceLocation location) {
  const std::string& text = node.Scalar();
  std::vector<Micros> parts;
  std::size_t start = 0;
  bool ok = true;
  while (ok) {
    const std::size_t dash = text.find('-', start);
    const std::string_view part =
        std::string_view(text).substr(start, dash == std::string::npos ? dash : dash - start);
    const auto millionths = ParseMillionths(part);
    if (!millionths || *millionths > kMaxTimeValue.count()) {
      ok = false;
    } else {
      parts.push_back(Micros(*millionths));
    }
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  if (!ok || parts.size() < 2 || parts.size() > 4) {
    Error(location, msg::BadPattern(Got(node)));
    return std::nullopt;
  }
  ParsedPattern parsed;
  parsed.location = location;
  std::vector<PhaseKind> kinds;
  if (parts.size() == 2) kinds = {PhaseKind::kInhale, PhaseKind::kExhale};
  if (parts.size() == 3) kinds = {PhaseKind::kInhale, PhaseKind::kHold, PhaseKind::kExhale};
  if (parts.size() == 4)
    kinds = {PhaseKind::kInhale, PhaseKind::kHold, PhaseKind::kExhale, PhaseKind::kHoldOut};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    parsed.pattern.phases.push_back({kinds[i], parts[i], ""});
    parsed.locations.push_back(location);
  }
  return parsed;
}

std::optional<ParsedPattern> Loader::ParsePatternMap(const Node& node, SourceLocation location) {
  ParsedPattern parsed;
  parsed.location = location;
  bool has_phases = false;
  bool has_rate = false;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    has_phases = has_phases || it->first.Scalar() == "phases";
    has_rate = has_rate || it->first.Scalar() == "rate" || it->first.Scalar() == "ratio";
  }
  bool ok = true;
  if (has_phases) {
    const Entries entries = ReadMap(node, "in a pattern", {"phases"});
    const Entry* phases = Find(entries, "phases");
    if (phases == nullptr) return std::nullopt;
    if (!phases->value.IsSequence()) {
      Error(ValueLocation(*phases), msg::NotAList("phases", Got(phases->value)));
      return std::nullopt;
    }
    bool inhale = false;
    bool exhale = false;
    for (const Node& item : phases->value) {
      const SourceLocation item_location = ToLocation(item.Mark());
      if (!item.IsMap()) {
        Error(item_location, msg::NotAMapping("an item of 'phases'", Got(item)));
        ok = false;
        continue;
      }
      Names keys = NamesOf<PhaseKind>(kPatternPhases);
      keys.push_back("label");
      const Entries fields = ReadMap(item, "in a phase", keys);
      PatternPhase phase;
      int phase_keys = 0;
      bool timed = false;
      SourceLocation phase_location = item_location;
      for (const Entry& field : fields) {
        if (field.key == "label") {
          if (auto label = Text(field)) phase.label = *label;
          continue;
        }
        ++phase_keys;
        phase.kind = FromName<PhaseKind>(field.key).value_or(PhaseKind::kInhale);
        phase_location = ValueLocation(field);
        inhale = inhale || phase.kind == PhaseKind::kInhale;
        exhale = exhale || phase.kind == PhaseKind::kExhale;
        if (auto length = Time(field, false)) {
          phase.length = *length;
          timed = true;
        } else {
          ok = false;
        }
      }
      if (phase_keys != 1) {
        Error(item_location, msg::PhaseItemNeedsOnePhase());
        ok = false;
        continue;
      }
      if (!timed) continue;
      parsed.pattern.phases.push_back(phase);
      parsed.locations.push_back(phase_location);
    }
    if (!inhale || !exhale) {
      Error(ValueLocation(*phases), msg::PhasesNeedInhaleAndExhale());
      ok = false;
    }
  } else if (has_rate) {
    const Entries entries = ReadMap(node, "in a pattern", {"rate", "ratio"});
    const Entry* rate = Find(entries, "rate");
    std::optional<std::int64_t> rate_millionths;
    if (rate == nullptr) {
      Error(location, msg::MissingKey("rate"));
      ok = false;
    } else {
      if (rate->value.IsScalar()) rate_millionths = ParseMillionths(rate->value.Scalar());
      if (!rate_millionths || *rate_millionths <= 0) {
        Error(ValueLocation(*rate), msg::BadRate(Got(rate->value)));
        ok = false;
      }
    }
    std::vector<std::int64_t> ratio = {1'000'000, 1'000'000};
    if (const Entry* ratio_entry = Find(entries, "ratio")) {
      ratio.clear();
      bool ratio_ok = ratio_entry->value.IsScalar();
      if (ratio_ok) {
        const std::string& text = ratio_entry->value.Scalar();
        std::size_t start = 0;
        while (ratio_ok) {
          const std::size_t colon = text.find(':', start);
          const auto part = ParseMillionths(
              std::string_view(text).substr(start, colon == std::string::npos ? colon : colon - start));
          ratio_ok = part && *part <= 1'000'000'000;
          if (ratio_ok) ratio.push_back(*part);
          if (colon == std::string::npos) break;
          start = colon + 1;
        }
      }
      ratio_ok = ratio_ok && (ratio.size() == 2 || ratio.size() == 4) && ratio[0] > 0 &&
                 ratio[ratio.size() == 2 ? 1 : 2] > 0;
      if (!ratio_ok) {
        Error(ValueLocation(*ratio_entry), msg::BadRatio(Got(ratio_entry->value)));
        ok = false;
      }
    }
    if (!ok || rate == nullptr || !rate_millionths) return std::nullopt;
    if (*rate_millionths < 100'000) {  // under 0.1 breaths a minute: a cycle of over 10 min
      Error(ValueLocation(*rate),
            msg::CycleTooLong(Micros((60'000'000'000'000 + *rate_millionths / 2) / *rate_millionths)));
      return std::nullopt;
    }
    const std::int64_t cycle = (60'000'000'000'000 + *rate_millionths / 2) / *rate_millionths;
    std::int64_t sum = 0;
    for (std::int64_t part : ratio) sum += part;
    const std::vector<PhaseKind> kinds =
        ratio.size() == 2 ? std::vector<PhaseKind>{PhaseKind::kInhale, PhaseKind::kExhale}
                          : std::vector<PhaseKind>{PhaseKind::kInhale, PhaseKind::kHold, PhaseKind::kExhale,
                                                   PhaseKind::kHoldOut};
    std::int64_t cumulative = 0;
    std::int64_t previous_boundary = 0;
    for (std::size_t i = 0; i < ratio.size(); ++i) {
      cumulative += ratio[i];
      // Phase boundaries rounded to the microsecond, so the phases add up to exactly one cycle.
      const long double boundary_exact = static_cast<long double>(cycle) *
                                         static_cast<long double>(cumulative) / static_cast<long double>(sum);
      const std::int64_t boundary = static_cast<std::int64_t>(boundary_exact + 0.5L);
      parsed.pattern.phases.push_back({kinds[i], Micros(boundary - previous_boundary), ""});
      parsed.locations.push_back(ValueLocation(*rate));
      previous_boundary = boundary;
    }
  } else {
    const Entries entries = ReadMap(node, "in a pattern", NamesOf<PhaseKind>(kPatternPhases));
    for (const char* required : {"inhale", "exhale"}) {
      if (Find(entries, required) == nullptr) {
        Error(location, msg::MissingKey(required));
        ok = false;
      }
    }
    for (const PhaseKind kind : kPatternPhases) {
      const Entry* field = Find(entries, ToString(kind));
      if (field == nullptr) continue;
      if (auto length = Time(*field, false)) {
        parsed.pattern.phases.push_back({kind, *length, ""});
        parsed.locations.push_back(ValueLocation(*field));
      } else {
        ok = false;
      }
    }
  }
  if (!ok) {
    CheckPhases(parsed);
    return std::nullopt;
  }
  return parsed;
}

void Loader::CheckPattern(const ParsedPattern& parsed) {
  const bool phase_error = CheckPhases(parsed);
  const Micros cycle = parsed.pattern.CycleLength();
  if (cycle > 2min) {
    Error(parsed.location, msg::CycleTooLong(cycle));
  } else if (cycle < 3s && !phase_error) {
    Warn(parsed.location, msg::ShortCycle(cycle));
  }
}

bool Loader::CheckPhases(const ParsedPattern& parsed) {
  bool phase_error = false;
  for (std::size_t i = 0; i < parsed.pattern.phases.size(); ++i) {
    const PatternPhase& phase = parsed.pattern.phases[i];
    const SourceLocation location = parsed.locations[i];
    const bool breath = phase.kind == PhaseKind::kInhale || phase.kind == PhaseKind::kExhale;
    if (breath && phase.length < 500ms) {
      Error(location, msg::PhaseTooShort(ToString(phase.kind), phase.length));
      phase_error = true;
    } else if (phase.kind == PhaseKind::kInhale && phase.length < 1500ms && !TopUp(parsed.pattern, i)) {
      Warn(location, msg::ShortInhale(phase.length));
    } else if (!breath && phase.length > 30s) {
      Warn(location, msg::LongHold(phase.length));
    }
  }
  return phase_error;
}

}  // namespace attune::core::detail
