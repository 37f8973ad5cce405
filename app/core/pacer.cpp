// app/core/pacer.cpp: what a pacer shows at one instant, read from the compiled timeline.
#include "core/pacer.hpp"

#include <algorithm>

namespace attune::core {

double Ease(double x) {
  const double c = std::clamp(x, 0.0, 1.0);
  return c * c * (3.0 - 2.0 * c);
}

PacerState PacerAt(const Timeline& timeline, Person person, Micros t) {
  PacerState state;
  const Person who = person == Person::kB ? Person::kB : Person::kA;
  const Micros at = std::clamp(t, Micros{0}, timeline.duration);
  // The rows of one person tile the session: the one with the latest start <= t (ignoring zero-length
  // rows such as a wait gate) is the one playing.
  auto it = std::upper_bound(timeline.phases.begin(), timeline.phases.end(), at,
                             [](Micros x, const TimelinePhase& phase) { return x < phase.start; });
  const TimelinePhase* found = nullptr;
  while (it != timeline.phases.begin()) {
    --it;
    if ((it->person == who || it->person == Person::kBoth) && it->end > it->start) {
      found = &*it;
      break;
    }
  }
  if (found == nullptr) return state;
  const Micros length = found->end - found->start;
  const Micros into = std::min(at - found->start, length);
  state.phase = found->kind;
  state.phase_length = length;
  state.left = length - into;
  state.progress = static_cast<double>(into.count()) / static_cast<double>(length.count());
  state.lungs = found->lungs_from + (found->lungs_to - found->lungs_from) * Ease(state.progress);
  state.caption = found->caption;
  state.count = found->count;
  state.step = found->step;
  if (found->kind == PhaseKind::kTense) state.tension = Ease(state.progress);
  if (found->kind == PhaseKind::kRelease) state.tension = 1.0 - Ease(state.progress);
  return state;
}

}  // namespace attune::core
