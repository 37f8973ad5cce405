// app/core/pacer.hpp: what a pacer shows at one instant. Pure; safe from any thread.
#pragma once

#include <string>

#include "core/timeline.hpp"

namespace attune::core {

struct PacerState {
  PhaseKind phase = PhaseKind::kSay;
  double lungs = 0.0;  // 0 = empty, 1 = full; eased in and out, continuous across phase changes
  Micros left{0};      // time left in this phase
  Micros phase_length{0};
  double progress = 0.0;  // 0..1 through the phase
  std::string caption;    // "Breathe in", the prompt, the region, ...
  bool count = true;      // show `left` as a countdown
  int step = 0;           // 1-based, as in TimelinePhase
  double tension = 0.0;   // PMR gauge: fills through tense, drains through release; else 0
};

// The pacer of `person` (kA or kB; kBoth is treated as kA) at session time `t`. `t` outside the
// timeline clamps to its ends.
PacerState PacerAt(const Timeline& timeline, Person person, Micros t);

// The ease used for lungs: smooth, 0 -> 0, 1 -> 1, zero slope at both ends.
double Ease(double x);

}  // namespace attune::core
