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

// "left foot" -> "Left foot", as a heading reads.
std::string Capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// The phase of `person` (or both) playing at `t` within step `step` (1-based), or nullptr.
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

// Whether `prompt` shows at `t`: from its start until its end; at a wait gate the prompts of the step
// that just ended stay, and at the session's end the last ones do.
bool Active(const Timeline& timeline, const Prompt& prompt, Micros t, bool waiting, int step_number) {
  if (prompt.start > t) return false;
  return t < prompt.end || (waiting && prompt.end == t && prompt.step == step_number) ||
         (t == timeline.duration && prompt.end == t);
}

// Whether the prompt is still being spoken at `t` (a prompt without a known spoken end speaks to its end).
bool Speaks(const Prompt& prompt, Micros t) {
  const Micros spoken_end = prompt.spoken_end > prompt.start ? prompt.spoken_end : prompt.end;
  return t < spoken_end;
}

// Whether `prompt` is for `listener`: with one person every prompt is; with two, kBoth collects the
// prompts for both, kA and kB each partner's own.
bool For(const Prompt& prompt, int people, Person listener) {
  if (people != 2) return listener == Person::kBoth;
  const Person who = prompt.who == Person::kA || prompt.who == Person::kB ? prompt.who : Person::kBoth;
  return who == listener;
}

struct Captions {
  const Prompt* large = nullptr;
  const Prompt* steady = nullptr;
};

// Which prompts `listener` sees at `t` in step `step_number`, large and small (see PlayerView::caption).
Captions CaptionsFor(const Timeline& timeline, const TimelineStep& step, int step_number, Micros t,
                     bool waiting, Person listener) {
  const Prompt* step_prompt = nullptr;  // the step's own prompt that shows now
  const Prompt* item = nullptr;         // the latest item prompt or signal of this step begun by now
  for (const Prompt& prompt : timeline.prompts) {
    if (prompt.start > t) break;
    if (!For(prompt, timeline.people, listener)) continue;
    if (prompt.role == PromptRole::kStep) {
      if (Active(timeline, prompt, t, waiting, step_number)) step_prompt = &prompt;
    } else if (prompt.step == step_number) {
      item = &prompt;
    }
  }
  bool item_shows = item != nullptr && Active(timeline, *item, t, waiting, step_number);
  if (item != nullptr && !item_shows && item->role == PromptRole::kSignal) {
    // A signal ("Now.", "And release...") stays through the phase it opened.
    const Person person = listener == Person::kB ? Person::kB : Person::kA;
    const TimelinePhase* opened = PhaseAt(timeline, item->start, step_number, person);
    item_shows = opened != nullptr && t < opened->end;
  }
  Captions captions;
  if (waiting) {
    captions.large = step_prompt != nullptr ? step_prompt : (item_shows ? item : nullptr);
    return captions;
  }
  const bool step_speaks = step_prompt != nullptr && (step.kind == StepKind::kSay || Speaks(*step_prompt, t));
  if (item_shows && step_speaks && step_prompt->start > item->start) {
    captions.large = step_prompt;
  } else if (item_shows) {
    captions.large = item;
    captions.steady = step_prompt;
  } else if (step_speaks) {
    captions.large = step_prompt;
  } else {
    captions.steady = step_prompt;
  }
  if (captions.large != nullptr && captions.steady != nullptr &&
      captions.large->text == captions.steady->text)
    captions.steady = nullptr;
  return captions;
}

std::string TextOf(const Prompt* prompt) { return prompt != nullptr ? prompt->text : std::string(); }

// "a b" from two captions, either of which may be empty.
std::string Joined(std::string first, const std::string& second) {
  if (first.empty()) return second;
  if (!second.empty()) first += " " + second;
  return first;
}

void FillTurns(const Timeline& timeline, int step_number, Micros t, const std::string& name_a,
               const std::string& name_b, PlayerView* view) {
  std::vector<const TimelinePhase*> turns;
  for (const TimelinePhase& phase : timeline.phases) {
    if (phase.step != step_number || phase.kind != PhaseKind::kTurn) continue;
    if (!turns.empty() && turns.back()->start == phase.start) continue;  // one row per turn
    turns.push_back(&phase);
  }
  view->turn_count = static_cast<int>(turns.size());
  auto show = [&](const TimelinePhase& turn) {
    const Person giver = turn.giver == Person::kB ? Person::kB : Person::kA;
    view->giver = giver == Person::kA ? name_a : name_b;
    view->receiver = giver == Person::kA ? name_b : name_a;
    view->giver_color = giver == Person::kA ? timeline.a.color : timeline.b.color;
  };
  if (!turns.empty() && t < turns.front()->start) {  // the lead-in: who begins, and when
    show(*turns.front());
    view->turn_left = turns.front()->start - t;
    return;
  }
  for (std::size_t i = 0; i < turns.size(); ++i) {
    if (t >= turns[i]->start && (t < turns[i]->end || i + 1 == turns.size())) {
      view->turn_number = static_cast<int>(i) + 1;
      view->turn_left = turns[i]->end - t;
      show(*turns[i]);
    }
  }
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

  const Captions both = CaptionsFor(timeline, step, step_number, t, view.waiting, Person::kBoth);
  Captions own[2];
  if (timeline.people == 2) {
    own[0] = CaptionsFor(timeline, step, step_number, t, view.waiting, Person::kA);
    own[1] = CaptionsFor(timeline, step, step_number, t, view.waiting, Person::kB);
  }
  view.caption = TextOf(both.large);
  view.steady_line = TextOf(both.steady);
  if (both.large != nullptr) view.caption_role = both.large->role;

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
      pacer.caption = TextOf(own[i].large);
      pacer.steady_line = TextOf(own[i].steady);
      view.pacers.push_back(std::move(pacer));
    }
  } else {
    for (const Captions& captions : own) {
      if (view.caption.empty() && captions.large != nullptr) view.caption_role = captions.large->role;
      view.caption = Joined(view.caption, TextOf(captions.large));
      view.steady_line = Joined(view.steady_line, TextOf(captions.steady));
    }
  }
  if (view.waiting && !step.wait_text.empty()) {
    view.caption = step.wait_text;
    view.caption_role = PromptRole::kStep;
    view.steady_line.clear();
    for (PacerView& pacer : view.pacers) {
      pacer.caption.clear();
      pacer.steady_line.clear();
    }
  }

  const TimelinePhase* phase = PhaseAt(timeline, t, step_number, Person::kA);
  if (phase != nullptr) view.phase = phase->kind;
  view.lead_in = view.phase == PhaseKind::kLeadIn;
  if (step.kind == StepKind::kPmr) {
    const PacerState state = PacerAt(timeline, Person::kA, t);
    view.tension = state.tension;
    view.tensing = view.phase == PhaseKind::kTense;
    const bool group_plays = view.phase == PhaseKind::kPrepare || view.phase == PhaseKind::kTense ||
                             view.phase == PhaseKind::kRelease;
    if (group_plays) view.group = Capitalised(phase->item.empty() ? phase->caption : phase->item);
    if (view.phase == PhaseKind::kPrepare) view.phase_label = "Get ready";
    if (view.phase == PhaseKind::kTense) view.phase_label = "Tense";
    if (view.phase == PhaseKind::kRelease) view.phase_label = "Release";
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
    FillTurns(timeline, step_number, t, name_a, name_b, &view);
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
    if (prompt.spoken_end > t) until = std::min(until, prompt.spoken_end - t);  // large -> steady line
  }
  if (timeline.duration > t) until = std::min(until, timeline.duration - t);
  hint.until_change = std::max(until, Micros{1});
  return hint;
}

EndSummary BuildEndSummary(const Timeline& timeline, const EndFacts& facts) {
  EndSummary summary;
  summary.title = timeline.title;
  // Skips under a second are not worth a word (a jump within the recorder's tolerance is played anyway).
  const bool skipped = facts.skipped >= Micros{1'000'000};
  const std::string practised = FormatLength(facts.practised);
  if (facts.completed) {
    summary.headline = skipped ? fmt::format("You reached the end: {} practised, {} skipped.", practised,
                                             FormatLength(facts.skipped))
                               : fmt::format("You practised for {}.", practised);
  } else {
    summary.headline = skipped ? fmt::format("You stopped after {} of practice ({} skipped).", practised,
                                             FormatLength(facts.skipped))
                               : fmt::format("You stopped after {}.", practised);
  }
  std::vector<std::pair<StepKind, Micros>> totals;
  for (const TimelineStep& step : timeline.steps) {
    if (step.kind == StepKind::kBell) continue;
    Micros spent{0};
    for (const auto& [from, to] : facts.played)
      spent += std::max(std::min(to, step.end) - std::max(from, step.start), Micros{0});
    auto it = std::find_if(totals.begin(), totals.end(), [&](const auto& x) { return x.first == step.kind; });
    if (it == totals.end()) {
      totals.emplace_back(step.kind, spent);
    } else {
      it->second += spent;
    }
  }
  for (const auto& [kind, spent] : totals) {
    if (spent >= Micros{1'000'000})
      summary.lines.push_back(fmt::format("{}: {}", KindLabel(kind), FormatLength(spent)));
  }
  summary.counted = facts.practised >= facts.min_counted;
  if (!summary.counted) {
    summary.note =
        fmt::format("Under {} of practice: kept in your history, not counted in your totals or streak.",
                    FormatLength(facts.min_counted));
  }
  return summary;
}

}  // namespace attune::core
