#include "core/player_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace attune::core {
namespace {

constexpr Micros kSecond{1'000'000};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool Has(const std::string& text, const char* word) { return text.find(word) != std::string::npos; }

bool IsBreathing(PhaseKind kind) {
  return kind == PhaseKind::kInhale || kind == PhaseKind::kHold || kind == PhaseKind::kExhale ||
         kind == PhaseKind::kHoldOut;
}

int CeilSeconds(Micros t) {
  if (t.count() <= 0) return 0;
  return static_cast<int>((t.count() + kSecond.count() - 1) / kSecond.count());
}

// Time until a countdown showing `t` (rounded up) changes its digit (never 0).
Micros UntilDigitChange(Micros t) {
  const Micros part = Micros(t.count() % kSecond.count());
  return part.count() > 0 ? part : kSecond;
}

// Time until a clock counting up from `t` (rounded down) changes its digit (never 0).
Micros UntilNextWholeSecond(Micros t) { return kSecond - Micros(t.count() % kSecond.count()); }

std::string ModeText(BreathMode mode, const std::string& a, const std::string& b) {
  switch (mode) {
    case BreathMode::kTogether:
      return "Together";
    case BreathMode::kAlternate:
      return "Alternate: as one breathes in, the other breathes out";
    case BreathMode::kHalf:
      return fmt::format("Half: {} takes one breath for every two of {}'s", b, a);
    case BreathMode::kShift:
      return fmt::format("Shifted: {} follows a little behind {}", b, a);
  }
  return "";
}

const char* KindLabel(StepKind kind) {
  switch (kind) {
    case StepKind::kSay:
      return "Guidance";
    case StepKind::kBreathe:
      return "Paced breathing";
    case StepKind::kBodyScan:
      return "Body scan";
    case StepKind::kPmr:
      return "Muscle relaxation";
    case StepKind::kRest:
      return "Quiet rest";
    case StepKind::kBell:
      return "Bells";
    case StepKind::kTurns:
      return "Taking turns";
  }
  return "";
}

// The phase of `person` (or both) playing at `t` within step `step` (1-based), or nullptr.
// "left foot" -> "Left foot", as a heading reads.
std::string Capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

const TimelinePhase* PhaseAt(const Timeline& timeline, Micros t, int step, Person person) {
  const TimelinePhase* found = nullptr;
  for (const TimelinePhase& phase : timeline.phases) {
    if (phase.start > t) break;
    if (phase.step != step) continue;
    if (phase.person != person && phase.person != Person::kBoth) continue;
    if (t < phase.end || (phase.end == timeline.duration && t == phase.end)) found = &phase;
  }
  return found;
}

void FillTurns(const Timeline& timeline, const TimelineStep& step, int step_number, Micros t,
               const std::string& name_a, const std::string& name_b, PlayerView* view) {
  std::vector<const TimelinePhase*> turns;
  for (const TimelinePhase& phase : timeline.phases) {
    if (phase.step != step_number || phase.kind != PhaseKind::kTurn) continue;
    if (!turns.empty() && turns.back()->start == phase.start) continue;  // one row per turn
    turns.push_back(&phase);
  }
  view->turn_count = static_cast<int>(turns.size());
  for (std::size_t i = 0; i < turns.size(); ++i) {
    if (t >= turns[i]->start && (t < turns[i]->end || i + 1 == turns.size())) {
      view->turn_number = static_cast<int>(i) + 1;
      view->turn_left = turns[i]->end - t;
      const Person giver = turns[i]->giver == Person::kB ? Person::kB : Person::kA;
      view->giver = giver == Person::kA ? name_a : name_b;
      view->receiver = giver == Person::kA ? name_b : name_a;
      view->giver_color = giver == Person::kA ? timeline.a.color : timeline.b.color;
    }
  }
  (void)step;
}

}  // namespace

std::uint32_t BodyAreasOf(const std::string& region) {
  const std::string text = Lower(region);
  if (Has(text, "whole body") || Has(text, "entire body") || Has(text, "all of the body")) return kBodyWhole;
  const bool left = Has(text, "left");
  const bool right = Has(text, "right");
  const bool both = Has(text, "both") || (!left && !right);
  std::uint32_t areas = 0;
  auto sided = [&](std::uint32_t l, std::uint32_t r) {
    if (left || both) areas |= l;
    if (right || both) areas |= r;
  };
  if (Has(text, "head") || Has(text, "face") || Has(text, "forehead") || Has(text, "jaw") ||
      Has(text, "cheek") || Has(text, "eye") || Has(text, "scalp") || Has(text, "mouth") ||
      Has(text, "nose")) {
    areas |= kBodyHead;
  }
  if (Has(text, "neck") || Has(text, "throat")) areas |= kBodyNeck;
  if (Has(text, "shoulder")) areas |= kBodyShoulders;
  if (Has(text, "chest") || Has(text, "heart")) areas |= kBodyChest;
  if (Has(text, "belly") || Has(text, "abdomen") || Has(text, "stomach")) areas |= kBodyBelly;
  if (Has(text, "back")) areas |= kBodyBack;
  if (Has(text, "pelvis") || Has(text, "hips") || Has(text, "hip")) areas |= kBodyPelvis;
  if (Has(text, "hand") || Has(text, "finger") || Has(text, "wrist")) sided(kBodyLeftHand, kBodyRightHand);
  if (Has(text, "arm") || Has(text, "elbow")) sided(kBodyLeftArm, kBodyRightArm);
  if (Has(text, "leg") || Has(text, "thigh") || Has(text, "knee") || Has(text, "calf") ||
      Has(text, "calves") || Has(text, "shin")) {
    sided(kBodyLeftLeg, kBodyRightLeg);
  }
  if (Has(text, "foot") || Has(text, "feet") || Has(text, "toe") || Has(text, "ankle") || Has(text, "heel")) {
    sided(kBodyLeftFoot, kBodyRightFoot);
  }
  return areas;
}

PlayerView BuildPlayerView(const Timeline& timeline, PlayerStatus status, Micros t, Micros pre_roll_left,
                           const PlayerViewOptions& options) {
  PlayerView view;
  view.status = status;
  view.title = timeline.title;
  view.people = timeline.people;
  view.duration = timeline.duration;
  t = std::clamp(t, Micros{0}, timeline.duration);
  view.elapsed = t;
  view.remaining = timeline.duration - t;
  view.progress = timeline.duration.count() > 0 ? ToSeconds(t) / ToSeconds(timeline.duration) : 0.0;
  if (status == PlayerStatus::kPreRoll) view.pre_roll_seconds = std::max(1, CeilSeconds(pre_roll_left));
  view.waiting = status == PlayerStatus::kWaiting;
  const std::string name_a = options.name_a.empty() ? timeline.a.name : options.name_a;
  const std::string name_b = options.name_b.empty() ? timeline.b.name : options.name_b;
  if (timeline.steps.empty()) return view;

  int index = std::clamp(StepAt(timeline, t), 0, static_cast<int>(timeline.steps.size()) - 1);
  // At a wait gate the step that just ended is still the one on screen.
  if (view.waiting && index > 0 && timeline.steps[static_cast<std::size_t>(index)].start == t) --index;
  const TimelineStep& step = timeline.steps[static_cast<std::size_t>(index)];
  const int step_number = index + 1;
  view.kind = step.kind;
  view.mode = step.mode;
  view.step_number = step_number;
  view.step_count = static_cast<int>(timeline.steps.size());
  view.step_title = step.title;
  view.note = step.note;
  view.step_elapsed = std::clamp(t - step.start, Micros{0}, step.end - step.start);
  view.step_length = step.end - step.start;
  if (static_cast<std::size_t>(index) + 1 < timeline.steps.size()) {
    const TimelineStep& next = timeline.steps[static_cast<std::size_t>(index) + 1];
    view.next_title = next.title;
    view.next_note = next.note;
  }
  if (timeline.people == 2 && step.kind == StepKind::kBreathe)
    view.mode_text = ModeText(step.mode, name_a, name_b);

  std::string caption_a, caption_b;
  for (const Prompt& prompt : timeline.prompts) {
    if (prompt.start > t) break;
    const bool active = t < prompt.end || (view.waiting && prompt.end == t && prompt.step == step_number) ||
                        (t == timeline.duration && prompt.end == t);
    if (!active) continue;
    if (timeline.people == 2 && prompt.who == Person::kA) {
      caption_a = prompt.text;
    } else if (timeline.people == 2 && prompt.who == Person::kB) {
      caption_b = prompt.text;
    } else {
      view.caption = prompt.text;
    }
  }

  const int persons = timeline.people == 2 ? 2 : 1;
  if (step.kind == StepKind::kBreathe) {
    for (int i = 0; i < persons; ++i) {
      const Person person = i == 0 ? Person::kA : Person::kB;
      const PacerState state = PacerAt(timeline, person, t);
      PacerView pacer;
      pacer.person = person;
      if (persons == 2) pacer.name = i == 0 ? name_a : name_b;
      pacer.color = i == 0 ? timeline.a.color : timeline.b.color;
      pacer.phase = state.phase;
      pacer.breathing = IsBreathing(state.phase);
      pacer.lungs = state.lungs;
      pacer.phase_progress = state.progress;
      pacer.label = pacer.breathing ? state.caption : std::string();
      pacer.seconds_left = CeilSeconds(state.left);
      pacer.show_count = pacer.breathing && state.count;
      pacer.caption = i == 0 ? caption_a : caption_b;
      view.pacers.push_back(std::move(pacer));
    }
  } else {
    if (!caption_a.empty()) view.caption = view.caption.empty() ? caption_a : view.caption + " " + caption_a;
    if (!caption_b.empty()) view.caption = view.caption.empty() ? caption_b : view.caption + " " + caption_b;
  }

  const TimelinePhase* phase = PhaseAt(timeline, t, step_number, Person::kA);
  if (step.kind == StepKind::kPmr) {
    const PacerState state = PacerAt(timeline, Person::kA, t);
    view.tension = state.tension;
    view.tensing = state.phase == PhaseKind::kTense;
    if (phase != nullptr) view.group = Capitalised(phase->item.empty() ? phase->caption : phase->item);
  } else if (step.kind == StepKind::kBodyScan) {
    if (phase != nullptr && phase->kind == PhaseKind::kRegion) {
      const std::string& region = phase->item.empty() ? phase->caption : phase->item;
      view.body_areas = BodyAreasOf(region);
      view.region = Capitalised(region);
    }
  } else if (step.kind == StepKind::kRest) {
    view.rest_left = step.end - std::max(t, step.start);
    const Micros length = step.end - step.start;
    for (const Micros mark : step.interval_marks) {
      // Marks are session times; a mark within the step's own length before the step reads as relative.
      const Micros relative = mark >= step.start ? mark - step.start : mark;
      if (length.count() > 0 && relative > Micros{0} && relative < length) {
        view.rest_marks.push_back(ToSeconds(relative) / ToSeconds(length));
      }
    }
  } else if (step.kind == StepKind::kTurns) {
    FillTurns(timeline, step, step_number, t, name_a, name_b, &view);
  }
  return view;
}

FrameHint NextVisibleChange(const Timeline& timeline, PlayerStatus status, Micros t, Micros pre_roll_left) {
  FrameHint hint;
  if (status == PlayerStatus::kPreRoll) {
    hint.until_change = UntilDigitChange(pre_roll_left);
    return hint;
  }
  if (status != PlayerStatus::kPlaying || timeline.steps.empty()) return hint;
  t = std::clamp(t, Micros{0}, timeline.duration);
  Micros until = std::min(UntilNextWholeSecond(t), UntilDigitChange(timeline.duration - t));
  const int index = std::clamp(StepAt(timeline, t), 0, static_cast<int>(timeline.steps.size()) - 1);
  const TimelineStep& step = timeline.steps[static_cast<std::size_t>(index)];
  if (step.end > t) until = std::min(until, step.end - t);
  const int persons = timeline.people == 2 ? 2 : 1;
  if (step.kind == StepKind::kBreathe || step.kind == StepKind::kPmr) {
    for (int i = 0; i < persons; ++i) {
      const PacerState state = PacerAt(timeline, i == 0 ? Person::kA : Person::kB, t);
      if (state.phase == PhaseKind::kInhale || state.phase == PhaseKind::kExhale ||
          state.phase == PhaseKind::kTense || state.phase == PhaseKind::kRelease) {
        hint.moving = true;
      }
      if (state.left.count() > 0) until = std::min({until, UntilDigitChange(state.left), state.left});
    }
  }
  const auto next_phase = std::upper_bound(timeline.phases.begin(), timeline.phases.end(), t,
                                           [](Micros x, const TimelinePhase& p) { return x < p.start; });
  if (next_phase != timeline.phases.end()) until = std::min(until, next_phase->start - t);
  for (const Prompt& prompt : timeline.prompts) {
    if (prompt.start > t) {
      until = std::min(until, prompt.start - t);
      break;
    }
    if (prompt.end > t) until = std::min(until, prompt.end - t);
  }
  if (timeline.duration > t) until = std::min(until, timeline.duration - t);
  hint.until_change = std::max(until, Micros{1});
  return hint;
}

EndSummary BuildEndSummary(const Timeline& timeline, Micros reached, bool completed) {
  EndSummary summary;
  summary.title = timeline.title;
  reached = std::clamp(reached, Micros{0}, timeline.duration);
  summary.headline = completed ? fmt::format("You practised for {}.", FormatLength(reached))
                               : fmt::format("You stopped after {}.", FormatLength(reached));
  std::vector<std::pair<StepKind, Micros>> totals;
  for (const TimelineStep& step : timeline.steps) {
    if (step.start >= reached || step.kind == StepKind::kBell) continue;
    const Micros spent = std::min(step.end, reached) - step.start;
    auto it = std::find_if(totals.begin(), totals.end(), [&](const auto& x) { return x.first == step.kind; });
    if (it == totals.end()) {
      totals.emplace_back(step.kind, spent);
    } else {
      it->second += spent;
    }
  }
  for (const auto& [kind, spent] : totals) {
    if (spent.count() > 0)
      summary.lines.push_back(fmt::format("{}: {}", KindLabel(kind), FormatLength(spent)));
  }
  return summary;
}

}  // namespace attune::core
