// app/core/plan.hpp: `attune plan` output, as a readable table and as JSON (shared/SESSION-FORMAT.md).
#pragma once

#include <string>

#include "core/timeline.hpp"

namespace attune::core {

std::string FormatPlanText(const Timeline& timeline);
// One JSON object: title, people, duration, phases (start, end, kind, person, step, line, caption),
// cues (time, sound, person, soft), prompts (start, end = where its speech ends, text, person, step,
// line). Times as seconds with six decimals, exact to the microsecond.
std::string FormatPlanJson(const Timeline& timeline);

}  // namespace attune::core
