// app/core/model.cpp: the session model's few functions (its enums' names are in core/names.cpp).
#include "core/model.hpp"

namespace attune::core {

Micros Pattern::CycleLength() const {
  Micros total{0};
  for (const PatternPhase& phase : phases) total += phase.length;
  return total;
}

}  // namespace attune::core
