// app/core/time.hpp: session time. Integer microseconds everywhere; never a float summed per frame.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace attune::core {

using Micros = std::chrono::microseconds;
using namespace std::chrono_literals;

// Seconds as a double, for display and JSON only (never for arithmetic that accumulates).
inline double ToSeconds(Micros t) { return static_cast<double>(t.count()) / 1e6; }

// Rounds a number of seconds to the nearest microsecond. `seconds` must be finite and >= 0.
Micros FromSeconds(double seconds);

// "10.000000": seconds with exactly six decimals, as `attune plan` prints them.
std::string FormatSecondsExact(Micros t);

// "4 min 35 s", "1 h 2 min", "45 s", "1.5 s": a length as people read it.
std::string FormatLength(Micros t);

// "4:35" or "1:02:03": a clock as a countdown shows it (rounded up to whole seconds).
std::string FormatClock(Micros t);

}  // namespace attune::core
