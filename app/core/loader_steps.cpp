// app/core/loader_steps.cpp: the loader reading steps: the keys every step may carry, then each kind
// (say, breathe, body_scan, pmr, rest, bell, turns, repeat, use).
#include <utility>

#include "core/duration.hpp"
#include "core/loader_internal.hpp"
#include "core/loader_messages.hpp"
#include "core/speech_length.hpp"

namespace attune::core::detail {
namespace {

const Names kKinds = {"say", "breathe", "body_scan", "pmr", "rest", "bell", "turns", "repeat", "use"};
const Names kCommonStepKeys = {"say", "title", "lead_in", "voice", "who", "note", "cue", "wait"};
const Names kAllStepKeys = {"say",    "title",   "lead_in",   "voice",   "who",  "note",  "cue",
                            "wait",   "breathe", "body_scan", "pmr",     "rest", "bell",  "turns",
                            "repeat", "use",     "for",       "cycles",  "to",   "mode",  "shift",
                            "labels", "count",   "interval",  "strikes", "gap",  "steps", "region_cue"};
// The step kinds whose first phase a `lead_in` can precede.
const Names kLeadInKinds = {"breathe", "pmr", "body_scan", "turns"};
constexpr std::array<Person, 3> kWho = {Person::kA, Person::kB, Person::kBoth};
constexpr std::array<Person, 2> kPartners = {Person::kA, Person::kB};  // who goes `first` in `turns`
// `shift` is a key of its own, not a `mode`.
constexpr std::array<BreathMode, 3> kModes = {BreathMode::kTogether, BreathMode::kAlternate,
                                              BreathMode::kHalf};

// The placeholders each kind of prompt may use (shared/SESSION-FORMAT.md, "Text").
const Names kStepPlaceholders = {"name", "a", "b"};
const Names kRegionPlaceholders = {"name", "region", "a", "b"};
const Names kGroupPlaceholders = {"name", "group", "a", "b"};
const Names kTurnsPlaceholders = {"name", "giver", "receiver", "a", "b"};

Names KindKeys(std::string_view kind) {
  if (kind == "say") return {"for"};
  if (kind == "breathe") return {"cycles", "for", "to", "mode", "shift", "labels", "count"};
  if (kind == "rest") return {"interval"};
  if (kind == "bell") return {"strikes", "gap"};
  if (kind == "repeat") return {"steps"};
  if (kind == "body_scan") return {"region_cue"};
  return {};
}

std::string ShapeText(const Pattern& pattern) {
  std::string out;
  for (const PatternPhase& phase : pattern.phases) {
    if (!out.empty()) out += ", ";
    out += ToString(phase.kind);
  }
  return out;
}

}  // namespace

std::vector<Step> Loader::ParseSteps(const Entry& entry) {
  std::vector<Step> steps;
  if (!entry.value.IsSequence()) {
    Error(ValueLocation(entry), msg::NotAList(entry.key, Got(entry.value)));
    return steps;
  }
  if (entry.value.size() == 0) {
    Error(ValueLocation(entry), msg::EmptyList(entry.key));
    return steps;
  }
  for (const Node& item : entry.value) {
    if (auto step = ParseStep(item)) steps.push_back(std::move(*step));
  }
  return steps;
}

std::optional<Step> Loader::ParseStep(const Node& node) {
  const SourceLocation item_location = ToLocation(node.Mark());
  if (!node.IsMap()) {
    Error(item_location, msg::NotAMapping("a step", Got(node)));
    return std::nullopt;
  }
  // The kind: the one kind key other than `say`, else `say`.
  // A second kind key is reported, and the step is still read as its first kind so that one run
  // reports the rest of its problems too.
  std::string kind;
  Names other_kinds;
  bool has_say = false;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const std::string& key = it->first.Scalar();
    if (key == "say") {
      has_say = true;
    } else if (Contains(kKinds, key)) {
      if (kind.empty()) {
        kind = key;
      } else if (key != kind) {
        Error(ToLocation(it->first.Mark()), msg::TwoKinds(kind, key));
        other_kinds.push_back(key);
      }
    }
  }
  if (kind.empty() && has_say) kind = "say";
  if (kind.empty()) {
    Error(item_location, msg::NoKind());
    ReadMap(node, "in a step", kAllStepKeys);
    return std::nullopt;
  }

  Names allowed = kCommonStepKeys;
  if (kind != "say") allowed.push_back(kind);
  for (const std::string& key : KindKeys(kind)) allowed.push_back(key);
  for (const std::string& key : other_kinds) allowed.push_back(key);  // reported above; not read
  const Entries entries = ReadMap(node, "in a " + kind + " step", allowed, &kAllStepKeys);
  const Entry* kind_entry = Find(entries, kind);
  if (kind_entry == nullptr) return std::nullopt;  // a duplicate of the kind key was reported

  Step step;
  step.common.location = KeyLocation(*kind_entry);
  bool ok = other_kinds.empty();
  for (const Entry& entry : entries) {
    const std::string& key = entry.key;
    if (key == "say") {
      step.common.say_location = ValueLocation(entry);
      if (auto text = Prompt(entry, kStepPlaceholders, kind == "say")) {
        step.common.say = *text;
      } else {
        ok = false;
      }
    } else if (key == "title") {
      if (auto text = Text(entry, true)) step.common.title = *text;
    } else if (key == "lead_in") {
      if (!Contains(kLeadInKinds, kind)) {
        Error(KeyLocation(entry), msg::LeadInNotHere());
      } else {
        step.common.lead_in_location = ValueLocation(entry);
        TimeOrAuto(entry, false, &step.common.lead_in);
        if (Find(entries, "say") == nullptr) Warn(KeyLocation(entry), msg::LeadInWithoutSay());
      }
    } else if (key == "voice") {
      step.common.voice_location = ValueLocation(entry);
      if (entry.value.IsScalar()) step.common.voice_name = entry.value.Scalar();
      if (auto path = Path(entry, &step.common.voice_length)) step.common.voice = *path;
    } else if (key == "who") {
      if (session_.people == 1) Warn(KeyLocation(entry), msg::OnePersonKey("who"));
      if (auto who = ChoiceOf(entry, kWho)) step.common.who = *who;
    } else if (key == "note") {
      if (auto text = Text(entry)) step.common.note = *text;
    } else if (key == "cue") {
      if (kind == "bell") {
        Error(KeyLocation(entry), msg::BellHasNoCue());
      } else if (auto cue = ChoiceOf(entry, kScriptCues)) {
        step.common.cue = *cue;
      }
    } else if (key == "wait") {
      const std::string text = entry.value.IsScalar() ? entry.value.Scalar() : std::string();
      // Plain yes/no/on/off read as YAML 1.1 booleans elsewhere: an error as before, not a caption (a
      // quoted "yes" is a text).
      std::string lower = text;
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      const bool spelled_bool =
          lower == "true" || lower == "false" ||
          (entry.value.Tag() != "!" && (lower == "yes" || lower == "no" || lower == "on" || lower == "off"));
      if (!entry.value.IsScalar() || entry.value.IsNull()) {
        Error(ValueLocation(entry), msg::BadWait(Got(entry.value)));
      } else if (spelled_bool) {
        if (auto wait = Bool(entry)) step.common.wait = *wait;
      } else if (auto room = Prompt(entry, kStepPlaceholders, true)) {
        step.common.wait = true;
        step.common.wait_text = *room;
      }
    }
  }
  if (const Entry* voice = Find(entries, "voice"); voice != nullptr && Find(entries, "say") == nullptr) {
    Error(KeyLocation(*voice), msg::VoiceNeedsSay());
  }

  if (kind == "say") {
    SayStep say;
    if (const Entry* length = Find(entries, "for")) {
      say.length = Time(*length, true);
    } else if (step.common.voice_length || step.common.say) {
      say.length = DefaultSayLength(step.common.voice_length, step.common.say);
    }
    step.body = say;
  } else if (kind == "breathe") {
    ParseBreathe(*kind_entry, entries, &step);
  } else if (kind == "body_scan") {
    ParseBodyScan(*kind_entry, Find(entries, "region_cue"), &step);
  } else if (kind == "pmr") {
    ParsePmr(*kind_entry, &step);
  } else if (kind == "rest") {
    RestStep rest;
    if (auto length = Time(*kind_entry, true)) rest.length = *length;
    if (const Entry* interval = Find(entries, "interval")) rest.interval = Time(*interval, true);
    step.body = rest;
  } else if (kind == "bell") {
    BellStep bell;
    if (auto sound = ChoiceOf(*kind_entry, kScriptCues)) bell.sound = *sound;
    if (const Entry* strikes = Find(entries, "strikes")) {
      if (auto count = Count(*strikes, 1, kMaxCount)) bell.strikes = static_cast<int>(*count);
    }
    if (const Entry* gap = Find(entries, "gap")) {
      if (auto length = Time(*gap, true)) bell.gap = *length;
    }
    step.body = bell;
  } else if (kind == "turns") {
    ParseTurns(*kind_entry, &step);
  } else if (kind == "repeat") {
    RepeatStep repeat;
    if (auto times = Count(*kind_entry, 1, kMaxRepeat)) repeat.times = static_cast<int>(*times);
    if (const Entry* steps = Find(entries, "steps")) {
      repeat.steps = ParseSteps(*steps);
    } else {
      Error(step.common.location, msg::MissingKey("steps"));
    }
    step.body = std::move(repeat);
  } else if (kind == "use") {
    UseStep use;
    if (!kind_entry->value.IsScalar()) {
      Error(ValueLocation(*kind_entry), msg::NotText("use", Got(kind_entry->value)));
    } else {
      use.block = kind_entry->value.Scalar();
      if (!Contains(block_names_, use.block)) {
        Error(ValueLocation(*kind_entry), msg::UnknownBlock(use.block, block_names_));
      } else {
        uses_.push_back({current_block_, use.block, step.common.location});
      }
    }
    step.body = use;
  }

  if (!ok) return std::nullopt;
  return step;
}

void Loader::ParseBreathe(const Entry& kind, const Entries& entries, Step* step) {
  BreatheStep breathe;
  std::optional<ParsedPattern> pattern = ParsePattern(kind.value, KeyLocation(kind), true);
  const bool named = kind.value.IsScalar() && patterns_.count(kind.value.Scalar()) > 0;
  if (pattern) {
    if (!named) CheckPattern(*pattern);
    breathe.pattern = pattern->pattern;
  }
  const Entry* cycles = Find(entries, "cycles");
  const Entry* length = Find(entries, "for");
  if (cycles != nullptr && length != nullptr) {
    const Entry* later = KeyLocation(*cycles).line > KeyLocation(*length).line ? cycles : length;
    Error(KeyLocation(*later), msg::CyclesAndFor());
  } else if (cycles == nullptr && length == nullptr) {
    Error(KeyLocation(kind), msg::CyclesOrFor());
  }
  const Entry* mode = Find(entries, "mode");
  const Entry* shift = Find(entries, "shift");
  if (mode != nullptr && shift != nullptr) {
    const Entry* later = KeyLocation(*mode).line > KeyLocation(*shift).line ? mode : shift;
    Error(KeyLocation(*later), msg::ShiftAndMode());
  }
  for (const Entry& entry : entries) {
    const std::string& key = entry.key;
    if (key == "cycles") {
      if (auto count = Count(entry, 1, kMaxCount)) breathe.cycles = static_cast<int>(*count);
    } else if (key == "for") {
      breathe.length = Time(entry, true);
    } else if (key == "to") {
      const bool to_named = entry.value.IsScalar() && patterns_.count(entry.value.Scalar()) > 0;
      if (auto to = ParsePattern(entry.value, KeyLocation(entry), true)) {
        if (!to_named) CheckPattern(*to);
        breathe.to = to->pattern;
        if (pattern) {
          const std::string from_shape = ShapeText(pattern->pattern);
          const std::string to_shape = ShapeText(to->pattern);
          if (from_shape != to_shape) Error(to->location, msg::ShapeMismatch(from_shape, to_shape));
        }
      }
    } else if (key == "mode") {
      if (session_.people == 1) Warn(KeyLocation(entry), msg::OnePersonKey("mode"));
      if (auto mode_value = ChoiceOf(entry, kModes)) breathe.mode = *mode_value;
    } else if (key == "shift") {
      if (session_.people == 1) Warn(KeyLocation(entry), msg::OnePersonKey("shift"));
      breathe.mode = BreathMode::kShift;
      bool ok = false;
      if (entry.value.IsScalar()) {
        const std::string& text = entry.value.Scalar();
        if (!text.empty() && text.back() == '%') {
          const auto percent = ParseMillionths(std::string_view(text).substr(0, text.size() - 1));
          if (percent && *percent < 100'000'000) {
            breathe.shift_fraction = static_cast<double>(*percent) / 1e8;
            ok = true;
          }
        } else if (const ParsedTime time = ParseTime(text); time.error == TimeError::kNone) {
          breathe.shift_time = time.value;
          ok = true;
        }
      }
      if (!ok) Error(ValueLocation(entry), msg::BadShift(Got(entry.value)));
    } else if (key == "labels") {
      if (!entry.value.IsMap()) {
        Error(ValueLocation(entry), msg::NotAMapping("'labels'", Got(entry.value)));
        continue;
      }
      for (const Entry& label : ReadMap(entry.value, "in 'labels'", NamesOf<PhaseKind>(kPatternPhases))) {
        const auto phase = FromName<PhaseKind>(label.key);
        if (auto text = Prompt(label, kStepPlaceholders); text && phase) breathe.labels[*phase] = *text;
      }
    } else if (key == "count") {
      if (auto count = Bool(entry)) breathe.count = *count;
    }
  }
  step->body = std::move(breathe);
}

void Loader::ParseBodyScan(const Entry& kind, const Entry* step_cue, Step* step) {
  BodyScanStep scan;
  if (step_cue != nullptr) {
    if (auto cue = ChoiceOf(*step_cue, kScriptCues)) scan.region_cue = *cue;
  }
  if (!kind.value.IsMap()) {
    Error(ValueLocation(kind), msg::NotAMapping("'body_scan'", Got(kind.value)));
    step->body = scan;
    return;
  }
  const Entries entries = ReadMap(kind.value, "in 'body_scan'", {"each", "prompt", "regions", "region_cue"});
  if (const Entry* entry = Find(entries, "region_cue")) {
    if (step_cue != nullptr) {
      Error(KeyLocation(*entry), msg::RegionCueTwice(KeyLocation(*step_cue).line));
    } else if (auto cue = ChoiceOf(*entry, kScriptCues)) {
      scan.region_cue = *cue;
    }
  }
  std::optional<Micros> each;
  if (const Entry* entry = Find(entries, "each")) each = Time(*entry, true);
  const bool each_given = Find(entries, "each") != nullptr;
  if (const Entry* entry = Find(entries, "prompt")) {
    if (auto text = Prompt(*entry, kRegionPlaceholders)) scan.prompt = *text;
  }
  const Entry* regions = Find(entries, "regions");
  if (regions == nullptr) {
    Error(ToLocation(kind.value.Mark()), msg::MissingKey("regions"));
  } else if (!regions->value.IsSequence()) {
    Error(ValueLocation(*regions), msg::NotAList("regions", Got(regions->value)));
  } else if (regions->value.size() == 0) {
    Error(ValueLocation(*regions), msg::EmptyList("regions"));
  } else {
    for (const Node& item : regions->value) {
      BodyRegion region;
      region.location = ToLocation(item.Mark());
      std::optional<Micros> length = each;
      bool has_length = each_given;
      if (item.IsScalar()) {
        if (auto text = Text({"regions", regions->key_node, item}, true)) region.region = *text;
      } else if (item.IsMap()) {
        const Entries fields = ReadMap(item, "in a region", {"region", "for", "say"});
        if (const Entry* name = Find(fields, "region")) {
          if (auto text = Text(*name, true)) region.region = *text;
        } else {
          Error(region.location, msg::MissingKey("region"));
        }
        if (const Entry* own = Find(fields, "for")) {
          length = Time(*own, true);
          has_length = true;
        }
        if (const Entry* say = Find(fields, "say")) region.say = Prompt(*say, kRegionPlaceholders);
      } else {
        Error(region.location, msg::NotAMapping("a region", Got(item)));
        continue;
      }
      if (!has_length) Error(region.location, msg::RegionNeedsTime(region.region));
      if (length) region.length = *length;
      scan.regions.push_back(std::move(region));
    }
  }
  step->body = std::move(scan);
}

void Loader::ParsePmr(const Entry& kind, Step* step) {
  PmrStep pmr;
  if (!kind.value.IsMap()) {
    Error(ValueLocation(kind), msg::NotAMapping("'pmr'", Got(kind.value)));
    step->body = pmr;
    return;
  }
  const Entries entries =
      ReadMap(kind.value, "in 'pmr'",
              {"prepare", "tense", "release", "repeat", "tense_say", "again_say", "release_say", "groups"});
  for (const Entry& entry : entries) {
    if (entry.key == "prepare") {
      pmr.prepare_location = ValueLocation(entry);
      TimeOrAuto(entry, true, &pmr.prepare);
    } else if (entry.key == "tense_say") {
      if (auto text = Prompt(entry, kGroupPlaceholders)) pmr.tense_say = *text;
    } else if (entry.key == "again_say") {
      if (auto text = Prompt(entry, kGroupPlaceholders)) pmr.again_say = *text;
    } else if (entry.key == "release_say") {
      if (auto text = Prompt(entry, kGroupPlaceholders)) pmr.release_say = *text;
    } else if (entry.key == "tense") {
      if (auto length = Time(entry, true)) pmr.tense = *length;
    } else if (entry.key == "release") {
      if (auto length = Time(entry, true)) pmr.release = *length;
    } else if (entry.key == "repeat") {
      if (auto count = Count(entry, 1, kMaxCount)) pmr.repeat = static_cast<int>(*count);
    }
  }
  const Entry* groups = Find(entries, "groups");
  if (groups == nullptr) {
    Error(ToLocation(kind.value.Mark()), msg::MissingKey("groups"));
  } else if (!groups->value.IsSequence()) {
    Error(ValueLocation(*groups), msg::NotAList("groups", Got(groups->value)));
  } else if (groups->value.size() == 0) {
    Error(ValueLocation(*groups), msg::EmptyList("groups"));
  } else {
    for (const Node& item : groups->value) {
      PmrGroup group;
      group.location = ToLocation(item.Mark());
      if (item.IsScalar()) {
        if (auto text = Text({"groups", groups->key_node, item}, true)) group.group = *text;
      } else if (item.IsMap()) {
        const Entries fields = ReadMap(item, "in a group", {"group", "say"});
        if (const Entry* name = Find(fields, "group")) {
          if (auto text = Text(*name, true)) group.group = *text;
        } else {
          Error(group.location, msg::MissingKey("group"));
        }
        if (const Entry* say = Find(fields, "say")) group.say = Prompt(*say, kGroupPlaceholders);
      } else {
        Error(group.location, msg::NotAMapping("a group", Got(item)));
        continue;
      }
      pmr.groups.push_back(std::move(group));
    }
  }
  step->body = std::move(pmr);
}

void Loader::ParseTurns(const Entry& kind, Step* step) {
  TurnsStep turns;
  if (session_.people == 1) Error(KeyLocation(kind), msg::TurnsNeedTwo());
  if (!kind.value.IsMap()) {
    Error(ValueLocation(kind), msg::NotAMapping("'turns'", Got(kind.value)));
    step->body = turns;
    return;
  }
  const Entries entries = ReadMap(kind.value, "in 'turns'", {"each", "rounds", "first", "prompt"});
  if (Find(entries, "each") == nullptr) Error(ToLocation(kind.value.Mark()), msg::MissingKey("each"));
  for (const Entry& entry : entries) {
    if (entry.key == "each") {
      if (auto length = Time(entry, true)) turns.each = *length;
    } else if (entry.key == "rounds") {
      if (auto count = Count(entry, 1, kMaxCount)) turns.rounds = static_cast<int>(*count);
    } else if (entry.key == "first") {
      if (auto first = ChoiceOf(entry, kPartners)) turns.first = *first;
    } else if (entry.key == "prompt") {
      if (auto text = Prompt(entry, kTurnsPlaceholders)) turns.prompt = *text;
    }
  }
  step->body = std::move(turns);
}

}  // namespace attune::core::detail
