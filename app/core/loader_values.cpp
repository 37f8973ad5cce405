// app/core/loader_values.cpp: the loader reading one value (text, prompt, time, count, bool, choice, path),
// one mapping's keys, and the budgets that bound the walk over a hostile document.
#include <algorithm>
#include <filesystem>
#include <map>

#include "core/duration.hpp"
#include "core/loader_internal.hpp"
#include "core/loader_messages.hpp"
#include "core/timeline.hpp"
#include "core/yaml_guard.hpp"

namespace attune::core::detail {
namespace {

namespace fs = std::filesystem;

// How many YAML nodes (counting every alias expansion) and scalar bytes a script may walk to.
constexpr std::size_t kNodeBudget = 200'000;
constexpr std::size_t kTextBudget = 16u << 20;

bool LooksNumeric(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  return !text.empty() && (ParseMillionths(text).has_value() || IsNonFiniteSpelling(text));
}

std::size_t CountChars(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

bool Contains(const Names& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

SourceLocation ToLocation(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
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

const Entry* Find(const Entries& entries, std::string_view key) {
  for (const Entry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

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

std::optional<std::string> Loader::Path(const Entry& entry, std::optional<Micros>* length, bool loops) {
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
    const std::optional<ClipInfo> info = options_.probe->Probe(real.string(), &reason);
    if (!info) {
      Error(location, msg::NotAudio(entry.key, *text, reason.empty() ? "not a readable audio file" : reason));
      return std::nullopt;
    }
    if (info->sample_rate < kMinClipRate || info->sample_rate > kMaxClipRate) {
      Error(location,
            msg::ClipRateOutOfRange(entry.key, *text, info->sample_rate, kMinClipRate, kMaxClipRate));
      return std::nullopt;
    }
    if (info->channels < 1 || info->channels > kMaxClipChannels) {
      Error(location, msg::ClipChannelsOutOfRange(entry.key, *text, info->channels, kMaxClipChannels));
      return std::nullopt;
    }
    // A voice clip times its step, and one longer than any session could be can never play whole.
    if (!loops && info->Length() > kMaxSessionLength) {
      Error(location, msg::ClipTooLong(entry.key, *text, info->Length(), kMaxSessionLength));
      return std::nullopt;
    }
    *length = info->Length();
    // A recorded voice that is silent or clipped still plays, but its author should hear of it.
    if (!loops) {
      if (const std::optional<ClipLevels> levels = options_.probe->Levels(real.string())) {
        if (levels->peak < kSilentClipPeak) {
          Warn(location, msg::ClipSilent(entry.key, *text));
        } else if (levels->clipped_runs > 0) {
          Warn(location, msg::ClipClipped(entry.key, *text, levels->clipped_runs));
        }
      }
    }
  }
  return real.string();
}

}  // namespace attune::core::detail
