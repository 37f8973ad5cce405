// app/core/loader_internal.hpp: the loader's private parts, shared by its files (not for other callers;
// core/loader.hpp is the API). loader.cpp: the entry points and the session's top level (roles, sound);
// loader_values.cpp: reading one value (text, time, count, choice, path) and the walk budgets;
// loader_patterns.cpp: breathing patterns; loader_steps.cpp: steps; loader_blocks.cpp: block cycles and
// nesting depth.
#pragma once

#include <yaml-cpp/yaml.h>

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/loader.hpp"
#include "core/names.hpp"

namespace attune::core::detail {

using Node = YAML::Node;
using Names = std::vector<std::string>;

// A count (cycles, strikes, ...) beyond this necessarily exceeds the 100,000-phase limit.
inline constexpr long long kMaxCount = 100'000;
// `repeat` may be larger: the timeline compiler refuses it against the limits without expanding it.
inline constexpr long long kMaxRepeat = 1'000'000'000;

// The values a script may name, in the order messages list them (names from core/names.hpp).
inline constexpr std::array<PhaseKind, 4> kPatternPhases = {PhaseKind::kInhale, PhaseKind::kHold,
                                                            PhaseKind::kExhale, PhaseKind::kHoldOut};
inline constexpr std::array<CueSound, 6> kScriptCues = {CueSound::kBowl, CueSound::kChime, CueSound::kGong,
                                                        CueSound::kWood, CueSound::kTone,  CueSound::kNone};

bool Contains(const Names& names, std::string_view name);
SourceLocation ToLocation(const YAML::Mark& mark);
// How a value reads in a message: 2, 'one', nothing, a list, a mapping.
std::string Got(const Node& node);

struct Entry {
  std::string key;
  Node key_node;
  Node value;
};
using Entries = std::vector<Entry>;

const Entry* Find(const Entries& entries, std::string_view key);

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

class Loader {
 public:
  Loader(std::string file, const std::string& base_dir, const LoadOptions& options);

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

  // Values (loader_values.cpp).
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
  // One of `choices`, spelled as its name table spells it.
  template <typename E, std::size_t N>
  std::optional<E> ChoiceOf(const Entry& entry, const std::array<E, N>& choices) {
    const auto name = Choice(entry, NamesOf<E>(choices));
    return name ? FromName<E>(*name) : std::nullopt;
  }
  // A media file inside the script's folder. With `length` and a probe, the file must be audio within
  // the clip limits (loader.hpp); `loops` (an ambience) may be of any length, a voice clip at most as long
  // as a session may be.
  std::optional<std::string> Path(const Entry& entry, std::optional<Micros>* length, bool loops = false);

  // The session's top level (loader.cpp).
  void ParseSession(const Node& root);
  void ParseRoles(const Entry& entry);
  void ParseRole(const Entry& entry, Role* role);
  void ParseSound(const Entry& entry);

  // Patterns (loader_patterns.cpp).
  std::optional<ParsedPattern> ParsePattern(const Node& node, SourceLocation fallback, bool allow_name);
  std::optional<ParsedPattern> ParseCompact(const Node& node, SourceLocation location);
  std::optional<ParsedPattern> ParsePatternMap(const Node& node, SourceLocation location);
  void CheckPattern(const ParsedPattern& parsed);
  // Checks each phase's length on its own; true when one is an error. Also used on a pattern that is
  // incomplete (a phase missing or misspelled), so that one run reports every problem.
  bool CheckPhases(const ParsedPattern& parsed);

  // Steps (loader_steps.cpp).
  std::vector<Step> ParseSteps(const Entry& entry);
  std::optional<Step> ParseStep(const Node& node);
  void ParseBreathe(const Entry& kind, const Entries& entries, Step* step);
  // `region_cue` may be a key of the step (`step_cue`) or of its `body_scan` mapping.
  void ParseBodyScan(const Entry& kind, const Entry* step_cue, Step* step);
  void ParsePmr(const Entry& kind, Step* step);
  void ParseTurns(const Entry& kind, Step* step);

  // Blocks (loader_blocks.cpp).
  void CheckBlockCycles();
  int BlockDepth(const std::string& name, std::set<std::string>* visiting);
  int StepsDepth(const std::vector<Step>& steps, std::set<std::string>* visiting);
  void CheckNesting(const std::vector<Step>& steps, int level);

  std::string file_;
  std::filesystem::path base_;
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

}  // namespace attune::core::detail
