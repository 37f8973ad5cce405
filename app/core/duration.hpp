// app/core/duration.hpp: the script's time values ("20", "4.5", "90s", "1m30s", "1.5s", "1h") and plain
// numbers, parsed exactly into integer microseconds (decimal digits, never a binary float).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace attune::core {

enum class TimeError {
  kNone,
  kSyntax,     // not a number of seconds nor h/m/s units in that order
  kNegative,   // "-5", "-1m"
  kNotFinite,  // ".nan", ".inf", "-.inf"
  kTooLong,    // over kMaxTimeValue
};

// No single time in a script may exceed this (a whole session is at most 4 h). Keeps arithmetic exact.
inline constexpr Micros kMaxTimeValue = std::chrono::hours(4);

struct ParsedTime {
  Micros value{0};
  TimeError error = TimeError::kNone;
};

// A time: a number of seconds ("20", "4.5", ".5") or units h, m, s in that order, each at most once
// ("90s", "2m", "1m30s", "1.5s", "1h"). Digits beyond the microsecond round half up.
ParsedTime ParseTime(std::string_view text);

// A non-negative decimal number ("4", "5.45", ".5"), exactly, in millionths (for rates and ratios).
// nullopt when not such a number or over 10^12.
std::optional<std::int64_t> ParseMillionths(std::string_view text);

// True for YAML's spellings of NaN and infinity (".nan", ".inf", "-.Inf", ...).
bool IsNonFiniteSpelling(std::string_view text);

// "0.2 s", "150 s", "4.5 s", "0.000001 s": seconds with as few decimals as are exact.
std::string SecondsText(Micros t);

}  // namespace attune::core
