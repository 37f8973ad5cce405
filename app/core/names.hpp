// app/core/names.hpp: how each enum is spelled in scripts, plans, settings and the history database. One
// table per enum, {value, "name"}, read in both directions: ToString(value) (declared beside each enum),
// FromName<E>(name), and the list of names for "must be one of ..." messages.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace attune::core {

enum class StepKind;       // core/timeline.hpp
enum class Theme;          // core/settings.hpp
enum class PacerStyle;     // core/settings.hpp
enum class PracticeState;  // core/history.hpp
enum class QuickPattern;   // core/quick_timer.hpp
enum class Screen;         // core/navigation.hpp

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// The table of an enum, every value once, in the order its names are listed. The argument only picks the
// table: NameTable(PhaseKind{}).
std::span<const EnumName<Person>> NameTable(Person);
std::span<const EnumName<CueSound>> NameTable(CueSound);
std::span<const EnumName<BreathSound>> NameTable(BreathSound);
std::span<const EnumName<VoiceMode>> NameTable(VoiceMode);
std::span<const EnumName<PhaseKind>> NameTable(PhaseKind);
std::span<const EnumName<BreathMode>> NameTable(BreathMode);
std::span<const EnumName<StepKind>> NameTable(StepKind);
std::span<const EnumName<Theme>> NameTable(Theme);
std::span<const EnumName<PacerStyle>> NameTable(PacerStyle);
std::span<const EnumName<PracticeState>> NameTable(PracticeState);
std::span<const EnumName<QuickPattern>> NameTable(QuickPattern);
std::span<const EnumName<Screen>> NameTable(Screen);

// The value spelled `name`, or nullopt for a name not in E's table (names are case-sensitive).
template <typename E>
std::optional<E> FromName(std::string_view name) {
  for (const EnumName<E>& entry : NameTable(E{})) {
    if (name == entry.name) return entry.value;
  }
  return std::nullopt;
}

// The name of `value` in its table ("" for a value outside the enum).
template <typename E>
const char* NameOf(E value) {
  for (const EnumName<E>& entry : NameTable(E{})) {
    if (entry.value == value) return entry.name;
  }
  return "";
}

// The names of `values`, in their order: the choices a script key accepts.
template <typename E>
std::vector<std::string> NamesOf(std::span<const E> values) {
  std::vector<std::string> names;
  names.reserve(values.size());
  for (const E value : values) names.emplace_back(NameOf(value));
  return names;
}

// Every name of E, in table order.
template <typename E>
std::vector<std::string> AllNames() {
  std::vector<std::string> names;
  for (const EnumName<E>& entry : NameTable(E{})) names.emplace_back(entry.name);
  return names;
}

const char* ToString(BreathSound sound);  // "glide", "ticks", "none"
const char* ToString(VoiceMode mode);     // "auto", "recorded", "synth", "off"

}  // namespace attune::core
