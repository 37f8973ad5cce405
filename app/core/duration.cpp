#include "core/duration.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>

namespace attune::core {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses "123.4567" at `pos` into an integer part and a 7-digit fraction (rounded later).
// Returns false when there is no digit at all or the integer part is absurdly long.
bool ParseDecimal(std::string_view text, std::size_t* pos, std::int64_t* whole, std::int64_t* frac7) {
  std::size_t i = *pos;
  std::int64_t w = 0;
  int int_digits = 0;
  while (i < text.size() && IsDigit(text[i])) {
    if (int_digits >= 13) return false;
    w = w * 10 + (text[i] - '0');
    ++int_digits;
    ++i;
  }
  std::int64_t f = 0;
  int frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) {
      if (frac_digits < 7) {
        f = f * 10 + (text[i] - '0');
        ++frac_digits;
      }
      ++i;
    }
    if (frac_digits == 0 && int_digits == 0) return false;
  } else if (int_digits == 0) {
    return false;
  }
  for (int d = frac_digits; d < 7; ++d) f *= 10;
  *pos = i;
  *whole = w;
  *frac7 = f;
  return true;
}

// whole.frac7 units of `unit` microseconds, rounded half up; false on overflow beyond ~10^15 us.
bool Scale(std::int64_t whole, std::int64_t frac7, std::int64_t unit, std::int64_t* out) {
  if (whole > 1'000'000'000'000 / (unit / 1'000'000)) return false;
  const std::int64_t frac_us = (frac7 * (unit / 1'000'000) + 5) / 10;  // frac7 is in 1e-7 units
  *out = whole * unit + frac_us;
  return true;
}

}  // namespace

bool IsNonFiniteSpelling(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  static constexpr std::array<std::string_view, 6> kSpellings = {".nan", ".NaN", ".NAN",
                                                                 ".inf", ".Inf", ".INF"};
  for (std::string_view s : kSpellings) {
    if (text == s) return true;
  }
  return false;
}

ParsedTime ParseTime(std::string_view text) {
  ParsedTime result;
  if (IsNonFiniteSpelling(text)) {
    result.error = TimeError::kNotFinite;
    return result;
  }
  if (!text.empty() && text[0] == '-') {
    const ParsedTime rest = ParseTime(text.substr(1));
    result.error = rest.error == TimeError::kNone || rest.error == TimeError::kTooLong ? TimeError::kNegative
                                                                                       : TimeError::kSyntax;
    return result;
  }
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  std::size_t pos = 0;
  std::int64_t total = 0;
  std::int64_t whole = 0;
  std::int64_t frac7 = 0;
  if (!ParseDecimal(text, &pos, &whole, &frac7)) {
    result.error = TimeError::kSyntax;
    return result;
  }
  if (pos == text.size()) {
    if (!Scale(whole, frac7, 1'000'000, &total)) {
      result.error = TimeError::kTooLong;
      return result;
    }
  } else {
    static constexpr std::array<std::pair<char, std::int64_t>, 3> kUnits = {
        {{'h', 3'600'000'000}, {'m', 60'000'000}, {'s', 1'000'000}}};
    std::size_t next_unit = 0;
    bool first = true;
    while (true) {
      if (!first && !ParseDecimal(text, &pos, &whole, &frac7)) {
        result.error = TimeError::kSyntax;
        return result;
      }
      first = false;
      if (pos >= text.size()) {
        result.error = TimeError::kSyntax;
        return result;
      }
      std::size_t u = next_unit;
      while (u < kUnits.size() && kUnits[u].first != text[pos]) ++u;
      if (u == kUnits.size()) {
        result.error = TimeError::kSyntax;
        return result;
      }
      std::int64_t part = 0;
      if (!Scale(whole, frac7, kUnits[u].second, &part)) {
        result.error = TimeError::kTooLong;
        return result;
      }
      total += part;
      next_unit = u + 1;
      ++pos;
      if (pos == text.size()) break;
    }
  }
  result.value = Micros(total);
  if (result.value > kMaxTimeValue) result.error = TimeError::kTooLong;
  return result;
}

std::optional<std::int64_t> ParseMillionths(std::string_view text) {
  std::size_t pos = 0;
  std::int64_t whole = 0;
  std::int64_t frac7 = 0;
  if (!ParseDecimal(text, &pos, &whole, &frac7) || pos != text.size()) return std::nullopt;
  std::int64_t out = 0;
  if (!Scale(whole, frac7, 1'000'000, &out)) return std::nullopt;
  return out;
}

std::string SecondsText(Micros t) {
  std::string text = FormatSecondsExact(t);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text + " s";
}

}  // namespace attune::core
