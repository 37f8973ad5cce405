// app/core/timeline_edits.cpp: edits of a compiled timeline, made while it plays (a rest made longer).
#include <algorithm>

#include "core/timeline.hpp"

namespace attune::core {

std::optional<Timeline> ExtendRestAt(const Timeline& timeline, Micros t, Micros extra) {
  const auto rest =
      std::find_if(timeline.phases.begin(), timeline.phases.end(), [&](const TimelinePhase& phase) {
        return phase.kind == PhaseKind::kRest && phase.start <= t && t < phase.end;
      });
  if (rest == timeline.phases.end() || extra.count() <= 0) return std::nullopt;
  const Micros old_end = rest->end;
  const int step_number = rest->step;
  Timeline result = timeline;
  auto later = [&](Micros x) { return x >= old_end ? x + extra : x; };
  for (TimelinePhase& phase : result.phases) {
    phase.start = later(phase.start);
    phase.end = later(phase.end);
  }
  for (Cue& cue : result.cues) cue.time = later(cue.time);
  for (Prompt& prompt : result.prompts) {
    prompt.start = later(prompt.start);
    prompt.end = later(prompt.end);
    prompt.spoken_end = later(prompt.spoken_end);
  }
  for (TimelineStep& step : result.steps) {
    step.start = later(step.start);
    step.end = later(step.end);
    for (Micros& mark : step.interval_marks) mark = later(mark);
  }
  result.duration += extra;
  // The interval bells go on through the added time.
  TimelineStep& step = result.steps[static_cast<std::size_t>(step_number - 1)];
  if (step.interval_marks.size() >= 1) {
    const Micros interval = step.interval_marks.size() >= 2 ? step.interval_marks[1] - step.interval_marks[0]
                                                            : step.interval_marks[0] - step.start;
    const auto same = std::find_if(timeline.cues.begin(), timeline.cues.end(),
                                   [&](const Cue& cue) { return cue.time == step.interval_marks[0]; });
    const CueSound sound = same != timeline.cues.end() ? same->sound : CueSound::kBowl;
    for (Micros mark = step.interval_marks.back() + interval; mark < old_end + extra; mark += interval) {
      step.interval_marks.push_back(mark);
      result.cues.push_back({mark, sound, Person::kBoth, 1});
    }
    std::stable_sort(result.cues.begin(), result.cues.end(),
                     [](const Cue& x, const Cue& y) { return x.time < y.time; });
  }
  return result;
}

}  // namespace attune::core
