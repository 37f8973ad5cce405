#include "core/loader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "core/duration.hpp"
#include "core/loader_messages.hpp"
#include "core/speech_length.hpp"
#include "core/yaml_guard.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;
using Node = YAML::Node;
using Names = std::vector<std::string>;

// How many YAML nodes (counting every alias expansion) and scalar bytes a script may walk to.
constexpr std::size_t kNodeBudget = 200'000;
constexpr std::size_t kTextBudget = 16u << 20;
// A count (cycles, strikes, ...) beyond this necessarily exceeds the 100,000-phase limit.
constexpr long long kMaxCount = 100'000;
// `repeat` may be larger: the timeline compiler refuses it against the limits without expanding it.
constexpr long long kMaxRepeat = 1'000'000'000;

const Names kTopKeys = {"attune", "title", "summary", "author",   "language", "tags",
                        "people", "roles", "sound",   "patterns", "blocks",   "steps"};
const Names kRoleKeys = {"name", "color", "pan"};
const Names kSoundKeys = {"cues", "breath", "ambience", "voice"};
const Names kKinds = {"say", "breathe", "body_scan", "pmr", "rest", "bell", "turns", "repeat", "use"};
const Names kCommonStepKeys = {"say", "title", "lead_in", "voice", "who", "note", "cue", "wait"};
const Names kAllStepKeys = {"say",    "title",   "lead_in",   "voice",   "who",  "note",  "cue",
                            "wait",   "breathe", "body_scan", "pmr",     "rest", "bell",  "turns",
                            "repeat", "use",     "for",       "cycles",  "to",   "mode",  "shift",
                            "labels", "count",   "interval",  "strikes", "gap",  "steps", "region_cue"};
// The step kinds whose first phase a `lead_in` can precede.
const Names kLeadInKinds = {"breathe", "pmr", "body_scan", "turns"};
const Names kPhaseNames = {"inhale", "hold", "exhale", "hold_out"};
const Names kCueNames = {"bowl", "chime", "gong", "wood", "tone", "none"};
const Names kWhoNames = {"a", "b", "both"};
const Names kModeNames = {"together", "alternate", "half"};
const Names kBreathNames = {"glide", "ticks", "none"};
const Names kVoiceNames = {"auto", "recorded", "synth", "off"};
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

bool Contains(const Names& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

PhaseKind PhaseFromName(std::string_view name) {
  if (name == "inhale") return PhaseKind::kInhale;
  if (name == "hold") return PhaseKind::kHold;
  if (name == "exhale") return PhaseKind::kExhale;
  return PhaseKind::kHoldOut;
}

CueSound CueFromName(std::string_view name) {
  if (name == "bowl") return CueSound::kBowl;
  if (name == "chime") return CueSound::kChime;
  if (name == "gong") return CueSound::kGong;
  if (name == "wood") return CueSound::kWood;
  if (name == "tone") return CueSound::kTone;
  return CueSound::kNone;
}

Person PersonFromName(std::string_view name) {
  if (name == "a") return Person::kA;
  if (name == "b") return Person::kB;
  return Person::kBoth;
}

SourceLocation ToLocation(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

// Names of patterns and blocks start with an ASCII letter: a `breathe` value that starts with a digit,
// '.' or '-' is read as seconds, so a pattern named "2fast" could never be used.
bool StartsWithLetter(std::string_view name) {
  return !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
}

bool LooksNumeric(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  return !text.empty() && (ParseMillionths(text).has_value() || IsNonFiniteSpelling(text));
}

// How a value reads in a message: 2, 'one', nothing, a list, a mapping.
std::string Got(const Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  std::string text = node.Scalar();
  if (text.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  if (node.Tag() != "!" && LooksNumeric(text)) return text;
  return "'" + text + "'";
}

std::size_t CountChars(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string ShapeText(const Pattern& pattern) {
  std::string out;
  for (const PatternPhase& phase : pattern.phases) {
    if (!out.empty()) out += ", ";
    out += ToString(phase.kind);
  }
  return out;
}

struct Entry {
  std::string key;
  Node key_node;
  Node value;
};
using Entries = std::vector<Entry>;

const Entry* Find(const Entries& entries, std::string_view key) {
  for (const Entry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

struct ParsedPattern {
  Pattern pattern;
  std::vector<SourceLocation> locations;  // per phase
  SourceLocation location;
};

struct BlockUse {
  std::string from;  // the block whose steps contain the use
  std::string to;
  SourceLocation location;
};

// Records where each YAML document starts; ignores everything else.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> marks;
  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
  }
  void OnMapEnd() override {}
};

class Loader {
 public:
  Loader(std::string file, const std::string& base_dir, const LoadOptions& options)
      : file_(std::move(file)), options_(options) {
    std::error_code ec;
    fs::path base = base_dir.empty() ? fs::path(".") : fs::path(base_dir);
    base_ = fs::weakly_canonical(fs::absolute(base, ec), ec);
  }

  LoadResult Run(std::string_view raw);

 private:
  void Report(Severity severity, SourceLocation location, std::string message) {
    diagnostics_.push_back({file_, location.line, location.column, severity, std::move(message)});
  }
  void Error(SourceLocation location, std::string message) {
    Report(Severity::kError, location, std::move(message));
  }
  void Warn(SourceLocation location, std::string message) {
    Report(Severity::kWarning, location, std::move(message));
  }

  static SourceLocation KeyLocation(const Entry& entry) { return ToLocation(entry.key_node.Mark()); }
  // Where a value is: its own mark, or its key's for an empty value (yaml-cpp marks those at the next token).
  static SourceLocation ValueLocation(const Entry& entry) {
    if (entry.value.IsNull()) return KeyLocation(entry);
    const SourceLocation location = ToLocation(entry.value.Mark());
    return location.line > 0 ? location : KeyLocation(entry);
  }

  bool WithinBudget(const Node& node, int depth);
  // The entries of a mapping, reporting non-text keys, duplicates and (unless `any_key`) keys not in
  // `allowed` (those in `elsewhere` are "not allowed here"); `x-` keys are skipped.
  Entries ReadMap(const Node& map, std::string_view where, const Names& allowed,
                  const Names* elsewhere = nullptr, bool any_key = false);
  // A mapping whose keys are names (patterns, blocks): any text key.
  Entries ReadNames(const Node& map);

  std::optional<std::string> Text(const Entry& entry, bool non_empty = false);
  // Text with placeholders: warns about any "{word}" not in `placeholders`.
  std::optional<std::string> Prompt(const Entry& entry, const Names& placeholders, bool non_empty = false);
  std::optional<Micros> Time(const Entry& entry, bool positive);
  // A time or `auto`: `*value` is nullopt for `auto`; false on an error (reported).
  bool TimeOrAuto(const Entry& entry, bool positive, std::optional<Micros>* value);
  std::optional<long long> Count(const Entry& entry, long long min, long long max);
  std::optional<bool> Bool(const Entry& entry);
  std::optional<std::string> Choice(const Entry& entry, const Names& choices);
  std::optional<std::string> Path(const Entry& entry, std::optional<Micros>* length);

  void ParseSession(const Node& root);
  void ParseRoles(const Entry& entry);
  void ParseRole(const Entry& entry, Role* role);
  void ParseSound(const Entry& entry);
  std::optional<ParsedPattern> ParsePattern(const Node& node, SourceLocation fallback, bool allow_name);
  std::optional<ParsedPattern> ParseCompact(const Node& node, SourceLocation location);
  std::optional<ParsedPattern> ParsePatternMap(const Node& node, SourceLocation location);
  void CheckPattern(const ParsedPattern& parsed);
  // Checks each phase's length on its own; true when one is an error. Also used on a pattern that is
  // incomplete (a phase missing or misspelled), so that one run reports every problem.
  bool CheckPhases(const ParsedPattern& parsed);
  std::vector<Step> ParseSteps(const Entry& entry);
  std::optional<Step> ParseStep(const Node& node);
  void ParseBreathe(const Entry& kind, const Entries& entries, Step* step);
  // `region_cue` may be a key of the step (`step_cue`) or of its `body_scan` mapping.
  void ParseBodyScan(const Entry& kind, const Entry* step_cue, Step* step);
  void ParsePmr(const Entry& kind, Step* step);
  void ParseTurns(const Entry& kind, Step* step);
  void CheckBlockCycles();
  int BlockDepth(const std::string& name, std::set<std::string>* visiting);
  int StepsDepth(const std::vector<Step>& steps, std::set<std::string>* visiting);
  void CheckNesting(const std::vector<Step>& steps, int level);

  std::string file_;
  fs::path base_;
  LoadOptions options_;
  Diagnostics diagnostics_;
  Session session_;
  std::size_t nodes_ = 0;
  std::size_t text_bytes_ = 0;
  std::map<std::string, ParsedPattern> patterns_;
  Names pattern_names_;
  Names block_names_;
  std::string current_block_;
  std::vector<BlockUse> uses_;
  std::map<std::string, int> block_depths_;
};

bool Loader::WithinBudget(const Node& node, int depth) {
  if (depth > kMaxYamlDepth) {
    Error(ToLocation(node.Mark()), TooDeepMessage());
    return false;
  }
  if (++nodes_ > kNodeBudget) {
    Error(ToLocation(node.Mark()), msg::TooManyNodes(kNodeBudget));
    return false;
  }
  if (node.IsScalar()) {
    text_bytes_ += node.Scalar().size();
    if (text_bytes_ > kTextBudget) {
      Error(ToLocation(node.Mark()), msg::TooManyNodes(kNodeBudget));
      return false;
    }
    return true;
  }
  if (node.IsSequence()) {
    for (const Node& item : node) {
      if (!WithinBudget(item, depth + 1)) return false;
    }
  } else if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!WithinBudget(it->first, depth + 1) || !WithinBudget(it->second, depth + 1)) return false;
    }
  }
  return true;
}

Entries Loader::ReadMap(const Node& map, std::string_view where, const Names& allowed, const Names* elsewhere,
                        bool any_key) {
  Entries entries;
  std::map<std::string, int> first_lines;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const Node key_node = it->first;
    const SourceLocation location = ToLocation(key_node.Mark());
    if (!key_node.IsScalar()) {
      Error(location, msg::KeyNotText());
      continue;
    }
    const std::string& key = key_node.Scalar();
    if (key.rfind("x-", 0) == 0) continue;
    const auto [first, inserted] = first_lines.emplace(key, location.line);
    if (!inserted) {
      Error(location, msg::DuplicateKey(key, first->second));
      continue;
    }
    if (any_key || Contains(allowed, key)) {
      entries.push_back({key, key_node, it->second});
    } else if (elsewhere != nullptr && Contains(*elsewhere, key)) {
      Error(location, msg::KeyNotHere(key, where));
    } else {
      Error(location, msg::UnknownKey(key, where, allowed));
    }
  }
  return entries;
}

Entries Loader::ReadNames(const Node& map) { return ReadMap(map, {}, {}, nullptr, /*any_key=*/true); }

std::optional<std::string> Loader::Text(const Entry& entry, bool non_empty) {
  if (!entry.value.IsScalar()) {
    Error(ValueLocation(entry), msg::NotText(entry.key, Got(entry.value)));
    return std::nullopt;
  }
  const std::string& text = entry.value.Scalar();
  if (non_empty && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    Error(ValueLocation(entry), msg::EmptyText(entry.key));
    return std::nullopt;
  }
  const std::size_t chars = CountChars(text);
  if (chars > kMaxTextChars) {
    Error(ValueLocation(entry), msg::TextTooLong(entry.key, chars));
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> Loader::Prompt(const Entry& entry, const Names& placeholders, bool non_empty) {
  auto text = Text(entry, non_empty);
  if (!text) return text;
  std::size_t open = text->find('{');
  while (open != std::string::npos) {
    const std::size_t close = text->find('}', open + 1);
    if (close == std::string::npos) break;
    const std::string word = text->substr(open + 1, close - open - 1);
    const bool is_word =
        !word.empty() && word.size() <= 32 && std::all_of(word.begin(), word.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        });
    if (is_word && !Contains(placeholders, word)) {
      Warn(ValueLocation(entry), msg::UnknownPlaceholder(word, entry.key, placeholders));
    } else if (word == "b" && session_.people == 1) {
      Warn(ValueLocation(entry), msg::BInOnePerson(entry.key));
    }
    open = text->find('{', open + 1);
  }
  return text;
}

std::optional<Micros> Loader::Time(const Entry& entry, bool positive) {
  const std::string got = Got(entry.value);
  if (!entry.value.IsScalar()) {
    Error(ValueLocation(entry), msg::BadTime(entry.key, got));
    return std::nullopt;
  }
  const ParsedTime parsed = ParseTime(entry.value.Scalar());
  switch (parsed.error) {
    case TimeError::kNone:
      break;
    case TimeError::kSyntax:
      Error(ValueLocation(entry), msg::BadTime(entry.key, got));
      return std::nullopt;
    case TimeError::kNegative:
      Error(ValueLocation(entry), msg::NegativeTime(entry.key, got));
      return std::nullopt;
    case TimeError::kNotFinite:
      Error(ValueLocation(entry), msg::NonFiniteTime(entry.key, got));
      return std::nullopt;
    case TimeError::kTooLong:
      Error(ValueLocation(entry), msg::TimeTooLong(entry.key, got));
      return std::nullopt;
  }
  if (positive && parsed.value <= Micros(0)) {
    Error(ValueLocation(entry), msg::TimeMustBePositive(entry.key));
    return std::nullopt;
  }
  return parsed.value;
}

bool Loader::TimeOrAuto(const Entry& entry, bool positive, std::optional<Micros>* value) {
  if (entry.value.IsScalar() && entry.value.Scalar() == "auto") {
    *value = std::nullopt;
    return true;
  }
  if (entry.value.IsScalar() && ParseTime(entry.value.Scalar()).error == TimeError::kSyntax) {
    Error(ValueLocation(entry), msg::BadTimeOrAuto(entry.key, Got(entry.value)));
    return false;
  }
  if (!entry.value.IsScalar()) {
    Error(ValueLocation(entry), msg::BadTimeOrAuto(entry.key, Got(entry.value)));
    return false;
  }
  *value = Time(entry, positive);
  return value->has_value();
}

std::optional<long long> Loader::Count(const Entry& entry, long long min, long long max) {
  const std::string got = Got(entry.value);
  std::optional<long long> value;
  if (entry.value.IsScalar()) {
    std::string_view text = entry.value.Scalar();
    if (!text.empty() && text[0] == '+') text.remove_prefix(1);
    if (!text.empty() && text.size() <= 15 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      value = std::stoll(std::string(text));
    }
  }
  if (!value || *value < min || *value > max) {
    Error(ValueLocation(entry), msg::CountOutOfRange(entry.key, min, max, got));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> Loader::Bool(const Entry& entry) {
  if (entry.value.IsScalar()) {
    const std::string& text = entry.value.Scalar();
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
  }
  Error(ValueLocation(entry), msg::NotBool(entry.key, Got(entry.value)));
  return std::nullopt;
}

std::optional<std::string> Loader::Choice(const Entry& entry, const Names& choices) {
  if (entry.value.IsScalar() && Contains(choices, entry.value.Scalar())) return entry.value.Scalar();
  Error(ValueLocation(entry), msg::BadChoice(entry.key, choices, Got(entry.value)));
  return std::nullopt;
}

std::optional<std::string> Loader::Path(const Entry& entry, std::optional<Micros>* length) {
  const auto text = Text(entry, true);
  if (!text) return std::nullopt;
  const SourceLocation location = ValueLocation(entry);
  std::error_code ec;
  const fs::path given(*text);
  const fs::path joined = given.is_absolute() ? given : base_ / given;
  const fs::path real = fs::weakly_canonical(joined, ec);
  if (ec) {
    Error(location, msg::FileMissing(entry.key, *text));
    return std::nullopt;
  }
  const fs::path relative = real.lexically_relative(base_);
  if (relative.empty() || *relative.begin() == ".." || relative.is_absolute()) {
    Error(location, msg::FileOutside(entry.key, *text));
    return std::nullopt;
  }
  if (!fs::exists(real, ec)) {
    Error(location, msg::FileMissing(entry.key, *text));
    return std::nullopt;
  }
  if (!fs::is_regular_file(real, ec)) {
    Error(location, msg::NotAFile(entry.key, *text));
    return std::nullopt;
  }
  if (options_.probe != nullptr && length != nullptr) {
    std::string reason;
    *length = options_.probe->Length(real.string(), &reason);
    if (!*length) {
      Error(location, msg::NotAudio(entry.key, *text, reason.empty() ? "not a readable audio file" : reason));
      return std::nullopt;
    }
  }
  return real.string();
}

LoadResult Loader::Run(std::string_view raw) {
  const std::string_view text = StripBom(raw);
  std::vector<Node> documents;
  if (auto problem = CheckYamlText(text)) {
    Error({problem->line, problem->column}, problem->message);
  } else {
    try {
      // Count documents with events first: yaml-cpp 0.7's LoadAll loops forever, allocating, on a stray
      // ',' where a document or a block entry may start ("- a\n,"), because such a document consumes
      // nothing. Two documents are enough to know; the first is then built with Load.
      std::istringstream stream{std::string(text)};
      YAML::Parser parser(stream);
      DocumentStarts starts;
      while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) {
      }
      if (starts.marks.size() == 2 && starts.marks[0].pos == starts.marks[1].pos) {
        const auto pos = static_cast<std::size_t>(std::max(starts.marks[1].pos, 0));
        Error(ToLocation(starts.marks[1]),
              msg::YamlSyntax(fmt::format("unexpected '{}'", pos < text.size() ? text.substr(pos, 1) : "")));
      } else {
        if (starts.marks.size() == 2) {
          const SourceLocation second = ToLocation(starts.marks[1]);
          Error(second, msg::SecondDocument(second.line));
        }
        documents.push_back(YAML::Load(std::string(text)));
      }
    } catch (const YAML::Exception& e) {
      Error(ToLocation(e.mark), msg::YamlSyntax(e.msg));
    } catch (const std::exception& e) {
      Error({}, msg::YamlSyntax(e.what()));
    }
    if (!documents.empty() || !HasErrors(diagnostics_)) {
      if (documents.empty() || documents[0].IsNull()) {
        Error({}, msg::EmptyFile());
      } else {
        const Node& root = documents[0];
        if (!root.IsMap()) {
          SourceLocation location = ToLocation(root.Mark());
          if (location.line == 0) location = {1, 1};
          Error(location, msg::TopNotMapping(Got(root)));
        } else if (WithinBudget(root, 0)) {
          try {
            ParseSession(root);
          } catch (const YAML::Exception& e) {
            Error(ToLocation(e.mark), msg::YamlSyntax(e.msg));
          }
        }
      }
    }
  }

  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& x, const Diagnostic& y) {
    return std::tie(x.line, x.column) < std::tie(y.line, y.column);
  });
  // The same aliased node walked twice reports its problems twice: keep one of each.
  diagnostics_.erase(std::unique(diagnostics_.begin(), diagnostics_.end(),
                                 [](const Diagnostic& x, const Diagnostic& y) {
                                   return x.line == y.line && x.column == y.column &&
                                          x.severity == y.severity && x.message == y.message;
                                 }),
                     diagnostics_.end());
  LoadResult result;
  if (!HasErrors(diagnostics_)) result.session = std::move(session_);
  result.diagnostics = std::move(diagnostics_);
  return result;
}

void Loader::ParseSession(const Node& root) {
  session_.file = file_;
  SourceLocation top = ToLocation(root.Mark());
  if (top.line == 0) top = {1, 1};
  const Entries entries = ReadMap(root, "at the top level", kTopKeys);

  for (const char* required : {"attune", "title", "steps"}) {
    if (Find(entries, required) == nullptr) Error(top, msg::MissingKey(required));
  }
  if (const Entry* people = Find(entries, "people")) {
    if (people->value.IsScalar() && (people->value.Scalar() == "1" || people->value.Scalar() == "2")) {
      session_.people = people->value.Scalar() == "1" ? 1 : 2;
    } else {
      Error(ValueLocation(*people), msg::PeopleOneOrTwo(Got(people->value)));
    }
  }
  // Names first, so that steps anywhere can refer to patterns and blocks defined anywhere.
  if (const Entry* patterns = Find(entries, "patterns")) {
    if (!patterns->value.IsMap()) {
      Error(ValueLocation(*patterns), msg::NotAMapping("'patterns'", Got(patterns->value)));
    } else {
      for (const Entry& named : ReadNames(patterns->value)) {
        pattern_names_.push_back(named.key);
        const bool usable = StartsWithLetter(named.key);
        if (!usable) Error(KeyLocation(named), msg::NameMustStartWithLetter("pattern", named.key));
        if (auto parsed = ParsePattern(named.value, KeyLocation(named), false)) {
          CheckPattern(*parsed);
          if (!usable) continue;
          session_.patterns[named.key] = parsed->pattern;
          patterns_[named.key] = std::move(*parsed);
        }
      }
    }
  }
  Entries blocks;
  if (const Entry* entry = Find(entries, "blocks")) {
    if (!entry->value.IsMap()) {
      Error(ValueLocation(*entry), msg::NotAMapping("'blocks'", Got(entry->value)));
    } else {
      blocks = ReadNames(entry->value);
      for (const Entry& block : blocks) {
        if (!StartsWithLetter(block.key)) {
          Error(KeyLocation(block), msg::NameMustStartWithLetter("block", block.key));
        }
        block_names_.push_back(block.key);
      }
    }
  }

  for (const Entry& entry : entries) {
    const std::string& key = entry.key;
    if (key == "attune") {
      if (!entry.value.IsScalar() || entry.value.Scalar() != "1") {
        Error(ValueLocation(entry), msg::VersionMustBeOne(Got(entry.value)));
      }
    } else if (key == "title") {
      if (auto text = Text(entry, true)) session_.title = *text;
    } else if (key == "summary") {
      if (auto text = Text(entry)) session_.summary = *text;
    } else if (key == "author") {
      if (auto text = Text(entry)) session_.author = *text;
    } else if (key == "language") {
      if (auto text = Text(entry, true)) {
        bool ok = text->size() <= 35;
        std::size_t part_start = 0;
        for (std::size_t i = 0; ok && i <= text->size(); ++i) {
          if (i == text->size() || (*text)[i] == '-') {
            const std::size_t length = i - part_start;
            ok = length >= (part_start == 0 ? 2u : 1u) && length <= 8;
            part_start = i + 1;
          } else {
            const char c = (*text)[i];
            const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            ok = letter || (part_start > 0 && c >= '0' && c <= '9');
          }
        }
        if (ok) {
          session_.language = *text;
        } else {
          Error(ValueLocation(entry), msg::BadLanguage(Got(entry.value)));
        }
      }
    } else if (key == "tags") {
      if (!entry.value.IsSequence()) {
        Error(ValueLocation(entry), msg::NotAList("tags", Got(entry.value)));
      } else {
        for (const Node& item : entry.value) {
          if (auto tag = Text({"tags", entry.key_node, item}, true)) session_.tags.push_back(*tag);
        }
      }
    } else if (key == "roles") {
      ParseRoles(entry);
    } else if (key == "sound") {
      ParseSound(entry);
    } else if (key == "blocks") {
      for (const Entry& block : blocks) {
        current_block_ = block.key;
        session_.blocks[block.key] = ParseSteps(block);
      }
      current_block_.clear();
    } else if (key == "steps") {
      session_.steps = ParseSteps(entry);
    }
  }

  CheckBlockCycles();
  for (const auto& [name, steps] : session_.blocks) CheckNesting(steps, 0);
  CheckNesting(session_.steps, 0);
}

void Loader::ParseRoles(const Entry& entry) {
  if (session_.people == 1) Warn(KeyLocation(entry), msg::OnePersonKey("roles"));
  if (!entry.value.IsMap()) {
    Error(ValueLocation(entry), msg::NotAMapping("'roles'", Got(entry.value)));
    return;
  }
  for (const Entry& role : ReadMap(entry.value, "in 'roles'", {"a", "b"})) {
    ParseRole(role, role.key == "a" ? &session_.a : &session_.b);
  }
}

void Loader::ParseRole(const Entry& entry, Role* role) {
  if (!entry.value.IsMap()) {
    Error(ValueLocation(entry), msg::NotAMapping("a role", Got(entry.value)));
    return;
  }
  for (const Entry& field : ReadMap(entry.value, "in a role", kRoleKeys)) {
    if (field.key == "name") {
      if (auto text = Text(field, true)) role->name = *text;
    } else if (field.key == "color") {
      const std::string& value = field.value.IsScalar() ? field.value.Scalar() : std::string();
      const bool ok =
          value.size() == 7 && value[0] == '#' && std::all_of(value.begin() + 1, value.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
          });
      if (ok) {
        role->color = value;
      } else {
        Error(ValueLocation(field), msg::BadColour("color", Got(field.value)));
      }
    } else if (field.key == "pan") {
      std::optional<double> pan;
      if (field.value.IsScalar()) {
        std::string_view text = field.value.Scalar();
        const bool negative = !text.empty() && text[0] == '-';
        if (negative || (!text.empty() && text[0] == '+')) text.remove_prefix(1);
        if (auto millionths = ParseMillionths(text); millionths && *millionths <= 1'000'000) {
          pan = static_cast<double>(*millionths) / 1e6 * (negative ? -1.0 : 1.0);
        }
      }
      if (pan) {
        role->pan = *pan;
      } else {
        Error(ValueLocation(field), msg::PanOutOfRange(Got(field.value)));
      }
    }
  }
}

void Loader::ParseSound(const Entry& entry) {
  if (!entry.value.IsMap()) {
    Error(ValueLocation(entry), msg::NotAMapping("'sound'", Got(entry.value)));
    return;
  }
  SoundSettings& sound = session_.sound;
  for (const Entry& field : ReadMap(entry.value, "in 'sound'", kSoundKeys)) {
    if (field.key == "cues") {
      if (auto name = Choice(field, kCueNames)) sound.cues = CueFromName(*name);
    } else if (field.key == "breath") {
      if (auto name = Choice(field, kBreathNames)) {
        sound.breath = *name == "glide"   ? BreathSound::kGlide
                       : *name == "ticks" ? BreathSound::kTicks
                                          : BreathSound::kNone;
      }
    } else if (field.key == "voice") {
      if (auto name = Choice(field, kVoiceNames)) {
        sound.voice = *name == "auto"       ? VoiceMode::kAuto
                      : *name == "recorded" ? VoiceMode::kRecorded
                      : *name == "synth"    ? VoiceMode::kSynth
                                            : VoiceMode::kOff;
      }
    } else if (field.key == "ambience") {
      if (field.value.IsScalar() && (field.value.Scalar() == "none" || field.value.Scalar() == "pink" ||
                                     field.value.Scalar() == "brown")) {
        sound.ambience = field.value.Scalar();
      } else {
        std::optional<Micros> length;
        if (auto path = Path(field, &length)) sound.ambience = *path;
      }
    }
  }
}

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
      Names keys = kPhaseNames;
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
        phase.kind = PhaseFromName(field.key);
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
    const Entries entries = ReadMap(node, "in a pattern", kPhaseNames);
    for (const char* required : {"inhale", "exhale"}) {
      if (Find(entries, required) == nullptr) {
        Error(location, msg::MissingKey(required));
        ok = false;
      }
    }
    for (const std::string& name : kPhaseNames) {
      const Entry* field = Find(entries, name);
      if (field == nullptr) continue;
      if (auto length = Time(*field, false)) {
        parsed.pattern.phases.push_back({PhaseFromName(name), *length, ""});
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
      if (auto who = Choice(entry, kWhoNames)) step.common.who = PersonFromName(*who);
    } else if (key == "note") {
      if (auto text = Text(entry)) step.common.note = *text;
    } else if (key == "cue") {
      if (kind == "bell") {
        Error(KeyLocation(entry), msg::BellHasNoCue());
      } else if (auto cue = Choice(entry, kCueNames)) {
        step.common.cue = CueFromName(*cue);
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
    } else if (step.common.voice_length) {
      say.length = step.common.voice_length;
    } else if (step.common.say) {
      say.length = ReadingTime(*step.common.say);
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
    if (auto sound = Choice(*kind_entry, kCueNames)) bell.sound = CueFromName(*sound);
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
      if (auto name = Choice(entry, kModeNames)) {
        breathe.mode = *name == "together"    ? BreathMode::kTogether
                       : *name == "alternate" ? BreathMode::kAlternate
                                              : BreathMode::kHalf;
      }
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
      for (const Entry& label : ReadMap(entry.value, "in 'labels'", kPhaseNames)) {
        if (auto text = Prompt(label, kStepPlaceholders)) breathe.labels[PhaseFromName(label.key)] = *text;
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
    if (auto cue = Choice(*step_cue, kCueNames)) scan.region_cue = CueFromName(*cue);
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
    } else if (auto cue = Choice(*entry, kCueNames)) {
      scan.region_cue = CueFromName(*cue);
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
      if (auto first = Choice(entry, {"a", "b"})) turns.first = PersonFromName(*first);
    } else if (entry.key == "prompt") {
      if (auto text = Prompt(entry, kTurnsPlaceholders)) turns.prompt = *text;
    }
  }
  step->body = std::move(turns);
}

void Loader::CheckBlockCycles() {
  // Depth-first search over "block uses block" edges, in file order; every back edge is one cycle.
  std::map<std::string, int> state;  // 0 unvisited, 1 on the path, 2 done
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& block) {
    state[block] = 1;
    path.push_back(block);
    for (const BlockUse& use : uses_) {
      if (use.from != block) continue;
      if (state[use.to] == 1) {
        std::vector<std::string> cycle(std::find(path.begin(), path.end(), use.to), path.end());
        cycle.push_back(use.to);
        Error(use.location, msg::BlockCycle(cycle));
      } else if (state[use.to] == 0) {
        visit(use.to);
      }
    }
    path.pop_back();
    state[block] = 2;
  };
  for (const std::string& block : block_names_) {
    if (state[block] == 0) visit(block);
  }
}

int Loader::StepsDepth(const std::vector<Step>& steps, std::set<std::string>* visiting) {
  int depth = 0;
  for (const Step& step : steps) {
    if (const auto* repeat = std::get_if<RepeatStep>(&step.body)) {
      depth = std::max(depth, 1 + StepsDepth(repeat->steps, visiting));
    } else if (const auto* use = std::get_if<UseStep>(&step.body)) {
      depth = std::max(depth, 1 + BlockDepth(use->block, visiting));
    }
  }
  return depth;
}

int Loader::BlockDepth(const std::string& name, std::set<std::string>* visiting) {
  if (auto known = block_depths_.find(name); known != block_depths_.end()) return known->second;
  const auto block = session_.blocks.find(name);
  if (block == session_.blocks.end() || !visiting->insert(name).second) return 0;  // unknown or a cycle
  const int depth = StepsDepth(block->second, visiting);
  visiting->erase(name);
  block_depths_[name] = depth;
  return depth;
}

void Loader::CheckNesting(const std::vector<Step>& steps, int level) {
  for (const Step& step : steps) {
    if (const auto* repeat = std::get_if<RepeatStep>(&step.body)) {
      if (level + 1 > kMaxNesting) {
        Error(step.common.location, msg::TooDeep(level + 1));
      } else {
        CheckNesting(repeat->steps, level + 1);
      }
    } else if (const auto* use = std::get_if<UseStep>(&step.body)) {
      std::set<std::string> visiting;
      const int levels = level + 1 + BlockDepth(use->block, &visiting);
      if (levels > kMaxNesting) Error(step.common.location, msg::TooDeep(levels));
    }
  }
}

}  // namespace

LoadResult LoadSessionText(const std::string& text, const std::string& display_name,
                           const std::string& base_dir, const LoadOptions& options) {
  Loader loader(display_name, base_dir, options);
  return loader.Run(text);
}

LoadResult LoadSessionFile(const std::string& path, const LoadOptions& options) {
  std::error_code ec;
  const auto fail = [&](std::string message) {
    LoadResult result;
    result.diagnostics.push_back({path, 0, 0, Severity::kError, std::move(message)});
    return result;
  };
  if (fs::is_directory(path, ec)) return fail(msg::CannotOpen(std::strerror(EISDIR)));
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(msg::CannotOpen(std::strerror(errno)));
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) return fail(FileTooLargeMessage(static_cast<std::size_t>(size)));
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) return fail(FileTooLargeMessage(text.size()));
  }
  std::string base_dir = fs::path(path).parent_path().string();
  if (base_dir.empty()) base_dir = ".";
  return LoadSessionText(text, path, base_dir, options);
}

}  // namespace attune::core
