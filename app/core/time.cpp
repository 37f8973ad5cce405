#include "core/time.hpp"

#include <fmt/format.h>

#include <cmath>

namespace attune::core {

Micros FromSeconds(double seconds) { return Micros(static_cast<std::int64_t>(std::llround(seconds * 1e6))); }

std::string FormatSecondsExact(Micros t) {
  const std::int64_t us = t.count();
  const char* sign = us < 0 ? "-" : "";
  const std::int64_t a = us < 0 ? -us : us;
  return fmt::format("{}{}.{:06}", sign, a / 1'000'000, a % 1'000'000);
}

std::string FormatLength(Micros t) {
  const std::int64_t us = t.count() < 0 ? 0 : t.count();
  if (us < 60'000'000 && us % 1'000'000 != 0) {
    // Under a minute and fractional: one decimal is enough for a person ("1.5 s").
    const double s = static_cast<double>(us) / 1e6;
    return fmt::format("{:.1f} s", s);
  }
  const std::int64_t total = (us + 500'000) / 1'000'000;
  const std::int64_t h = total / 3600, m = (total % 3600) / 60, s = total % 60;
  if (h > 0) return m > 0 ? fmt::format("{} h {} min", h, m) : fmt::format("{} h", h);
  if (m > 0) return s > 0 ? fmt::format("{} min {} s", m, s) : fmt::format("{} min", m);
  return fmt::format("{} s", s);
}

std::string FormatClock(Micros t) {
  const std::int64_t us = t.count() < 0 ? 0 : t.count();
  const std::int64_t total = (us + 999'999) / 1'000'000;
  const std::int64_t h = total / 3600, m = (total % 3600) / 60, s = total % 60;
  if (h > 0) return fmt::format("{}:{:02}:{:02}", h, m, s);
  return fmt::format("{}:{:02}", m, s);
}

}  // namespace attune::core
