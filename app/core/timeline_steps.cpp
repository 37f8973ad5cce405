// app/core/timeline_steps.cpp: how the timeline compiler lays out one step: its lead-in and prompt, then
// its breaths (with the partner's sequence for alternate, half and shifted modes), regions, PMR groups,
// rest, bell strikes or turns, its wait, and its title.
#include <fmt/format.h>

#include <variant>

#include "core/duration.hpp"
#include "core/timeline_internal.hpp"

namespace attune::core::detail {

void Compiler::Leaf(const Step& step) {
  const StepCommon& common = step.common;
  ++step_number_;
  step_start_ = now_;
  TimelineStep info;
  info.start = now_;
  info.line = common.location.line;
  info.note = common.note;
  info.wait = common.wait;
  info.wait_text = common.wait_text.empty() ? std::string() : Text(common.wait_text, common.who);
  const bool is_bell = std::holds_alternative<BellStep>(step.body);
  if (!is_bell) {
    // A turns step's first turn is marked by its swap cue, like every later turn.
    const auto* turns_body = std::get_if<TurnsStep>(&step.body);
    const CueSound fallback = turns_body != nullptr ? turns_body->swap_cue
                              : step_number_ == 1   ? CueSound::kNone
                                                    : session_.sound.cues;
    const CueSound sound = common.cue.value_or(fallback);
    AddCue(now_, sound, Person::kBoth);
  }
  std::vector<Piece> shared;
  auto piece = [&](PhaseKind kind, Micros length, std::string caption, int line, bool count) {
    Piece p{kind, now_, now_ + length, Micros{0}, length, std::move(caption), line, count, {}, Person::kBoth};
    now_ += length;
    return p;
  };
  const int line = common.location.line;
  const std::string say = guide_.SayText(common);
  const SourceLocation say_at = common.say_location.line > 0 ? common.say_location : common.location;
  const Micros say_spoken = common.say.has_value() ? guide_.SpokenSay(common, say) : Micros{0};

  // The step's own prompt, spoken in its lead-in before the first breath, region, group or turn.
  const Micros lead_in = guide_.LeadIn(step);
  if (lead_in.count() > 0) {
    EmitShared({piece(PhaseKind::kLeadIn, lead_in, say, line, false)});
  }
  const bool say_heard = common.say.has_value() && guide_.HeardSay(common, say);
  if (common.lead_in.has_value() && lead_in.count() > 0 && *common.lead_in < say_spoken && say_heard) {
    Warn(common.lead_in_location.line > 0 ? common.lead_in_location : say_at,
         fmt::format("'lead_in' of {} is shorter than its prompt, which lasts {} when spoken",
                     Tenths(lead_in), Tenths(say_spoken)));
  }

  if (const auto* body = std::get_if<SayStep>(&step.body)) {
    info.kind = StepKind::kSay;
    shared.push_back(piece(PhaseKind::kSay, SayLength(step, *body), say, line, false));
  } else if (const auto* breathe = std::get_if<BreatheStep>(&step.body)) {
    info.kind = StepKind::kBreathe;
    info.mode = session_.people == 2 ? breathe->mode : BreathMode::kTogether;
    Breathe(*breathe, info.mode, line);
  } else if (const auto* scan = std::get_if<BodyScanStep>(&step.body)) {
    info.kind = StepKind::kBodyScan;
    // A region change is a soft cue, never a ringing bowl.
    const CueSound region_sound = scan->region_cue.value_or(session_.sound.cues);
    for (const BodyRegion& region : scan->regions) {
      const std::string caption = region.say.has_value()
                                      ? Text(*region.say, common.who)
                                      : Text(ReplaceAll(scan->prompt, "{region}", region.region), common.who);
      AddItemCue(now_, region_sound, true);
      AddItemPrompt(now_ + region.length, caption, common.who, region.location, "region");
      Piece item = piece(PhaseKind::kRegion, region.length, caption, region.location.line, false);
      item.item = region.region;
      shared.push_back(std::move(item));
    }
  } else if (const auto* pmr = std::get_if<PmrStep>(&step.body)) {
    info.kind = StepKind::kPmr;
    const CueSound release_sound =
        session_.sound.cues == CueSound::kNone ? CueSound::kNone : CueSound::kChime;
    const std::string tense_say = Text(pmr->tense_say, common.who);
    const std::string release_say = Text(pmr->release_say, common.who);
    for (const PmrGroup& group : pmr->groups) {
      const int group_line = group.location.line;
      for (int r = 0; r < pmr->repeat; ++r) {
        const std::string instruction = guide_.Instruction(*pmr, group, r, common.who);
        const Micros spoken = guide_.Spoken(instruction);
        const Micros prepare = guide_.Prepare(*pmr, instruction);
        if (pmr->prepare.has_value() && prepare < spoken && guide_.Heard(instruction)) {
          Warn(pmr->prepare_location.line > 0 ? pmr->prepare_location : group.location,
               fmt::format("'prepare' of {} is shorter than its prompt, which lasts {} when spoken",
                           Tenths(prepare), Tenths(spoken)));
        }
        AddItemCue(now_, session_.sound.cues, true);
        AddPrompt(now_, now_ + prepare, spoken, instruction, common.who, group.location, PromptRole::kItem);
        if (prepare.count() > 0) {
          Piece preparing = piece(PhaseKind::kPrepare, prepare, instruction, group_line, false);
          preparing.item = group.group;
          shared.push_back(std::move(preparing));
        }
        AddItemCue(now_, session_.sound.cues);
        AddItemPrompt(now_ + pmr->tense, tense_say, common.who, group.location, "tense phase",
                      PromptRole::kSignal);
        Piece tensing = piece(PhaseKind::kTense, pmr->tense, instruction, group_line, true);
        tensing.item = group.group;
        shared.push_back(std::move(tensing));
        AddItemCue(now_, release_sound);
        AddItemPrompt(now_ + pmr->release, release_say, common.who, group.location, "release phase",
                      PromptRole::kSignal);
        Piece releasing = piece(PhaseKind::kRelease, pmr->release, release_say, group_line, true);
        releasing.item = group.group;
        shared.push_back(std::move(releasing));
      }
    }
  } else if (const auto* rest = std::get_if<RestStep>(&step.body)) {
    info.kind = StepKind::kRest;
    if (rest->interval.has_value() && rest->interval->count() > 0) {
      const CueSound bell = session_.sound.cues == CueSound::kNone ? CueSound::kBowl : session_.sound.cues;
      for (Micros mark = *rest->interval; mark < rest->length; mark += *rest->interval) {
        info.interval_marks.push_back(now_ + mark);
        AddCue(now_ + mark, bell, Person::kBoth);
      }
    }
    shared.push_back(piece(PhaseKind::kRest, rest->length, say.empty() ? "Rest" : say, line, true));
  } else if (const auto* bell = std::get_if<BellStep>(&step.body)) {
    info.kind = StepKind::kBell;
    for (int strike = 0; strike < bell->strikes; ++strike)
      AddCue(now_ + bell->gap * strike, bell->sound, Person::kBoth);
    shared.push_back(
        piece(PhaseKind::kBell, bell->gap * bell->strikes, say.empty() ? "Bell" : say, line, false));
  } else if (const auto* turns = std::get_if<TurnsStep>(&step.body)) {
    info.kind = StepKind::kTurns;
    const std::string first_name = turns->first == Person::kB ? guide_.b().name : guide_.a().name;
    const std::string second_name = turns->first == Person::kB ? guide_.a().name : guide_.b().name;
    for (int round = 0; round < turns->rounds; ++round) {
      for (int turn = 0; turn < 2; ++turn) {
        const std::string& giver = turn == 0 ? first_name : second_name;
        const std::string& receiver = turn == 0 ? second_name : first_name;
        const std::string caption = guide_.TurnCaption(*turns, giver, receiver);
        AddItemCue(now_, turns->swap_cue);
        AddItemPrompt(now_ + turns->each, caption, Person::kBoth, common.location, "turn");
        Piece turn_piece = piece(PhaseKind::kTurn, turns->each, caption, line, true);
        const Person second = turns->first == Person::kB ? Person::kA : Person::kB;
        turn_piece.giver = turn == 0 ? turns->first : second;
        shared.push_back(std::move(turn_piece));
      }
    }
  }
  if (!shared.empty()) EmitShared(shared);
  info.end = now_;
  if (common.say.has_value()) {
    AddPrompt(info.start, info.end, say_spoken, say, common.who, say_at, PromptRole::kStep, common.voice);
    if (say_spoken > info.end - info.start && lead_in.count() == 0 && say_heard) {
      if (guide_.HasClip(common)) {
        std::string name = common.voice_name;
        if (name.empty()) name = common.voice.substr(common.voice.find_last_of("/\\") + 1);
        Warn(common.voice_location.line > 0 ? common.voice_location : say_at,
             fmt::format("the voice clip '{}' lasts {}, longer than its step ({})", name,
                         SecondsText(say_spoken), SecondsText(info.end - info.start)));
      } else {
        Warn(say_at, fmt::format("prompt lasts {} when spoken but has {} before the end of its step",
                                 Tenths(say_spoken), Tenths(info.end - info.start)));
      }
    }
  }
  if (common.wait) {
    // The room sees the wait text, else the step's prompt, else the last caption of the step.
    std::string caption = info.wait_text;
    if (caption.empty()) caption = say;
    if (caption.empty() && !timeline_.phases.empty() && timeline_.phases.back().step == step_number_)
      caption = timeline_.phases.back().caption;
    EmitShared(
        {Piece{PhaseKind::kWait, now_, now_, Micros{0}, Micros{0}, caption, line, false, {}, Person::kBoth}});
  }
  info.title = guide_.Title(step, info.mode);
  timeline_.steps.push_back(std::move(info));
}

void Compiler::Breathe(const BreatheStep& step, BreathMode mode, int line) {
  const Cycles cycles(step, session_.people);
  const Micros start = now_;
  std::vector<Piece> a;
  auto caption_of = [&](const PatternPhase& phase) {
    if (!phase.label.empty()) return phase.label;
    const auto label = step.labels.find(phase.kind);
    return label != step.labels.end() ? label->second : std::string(DefaultLabel(phase.kind));
  };
  std::vector<std::string> captions;
  for (std::size_t k = 0; k < cycles.phases_per_cycle(); ++k) captions.push_back(caption_of(cycles.phase(k)));
  for (std::int64_t i = 0; i < cycles.count(); ++i) {
    for (std::size_t k = 0; k < cycles.phases_per_cycle(); ++k) {
      const Micros from = start + Micros(cycles.Boundary(i, k));
      const Micros to = start + Micros(cycles.Boundary(i, k + 1));
      if (to > from)
        a.push_back({cycles.phase(k).kind,
                     from,
                     to,
                     Micros{0},
                     to - from,
                     captions[k],
                     line,
                     step.count,
                     {},
                     Person::kBoth});
    }
  }
  const Micros length(cycles.Duration());
  now_ = start + length;
  if (mode == BreathMode::kTogether) {
    EmitShared(a);
    return;
  }
  std::vector<Piece> b;
  if (mode == BreathMode::kHalf) {
    for (std::int64_t j = 0; 2 * j + 1 < cycles.count(); ++j) {
      Micros at = start + Micros(cycles.Boundary(2 * j, 0));
      for (std::size_t k = 0; k < cycles.phases_per_cycle(); ++k) {
        const Micros span = cycles.Length(2 * j, k) + cycles.Length(2 * j + 1, k);
        if (span.count() > 0)
          b.push_back({cycles.phase(k).kind,
                       at,
                       at + span,
                       Micros{0},
                       span,
                       captions[k],
                       line,
                       step.count,
                       {},
                       Person::kBoth});
        at += span;
      }
    }
  } else {
    const Micros first_cycle(cycles.Boundary(0, cycles.phases_per_cycle()));
    Micros behind = first_cycle / 2;
    if (mode == BreathMode::kShift) {
      if (step.shift_time.has_value()) {
        behind = *step.shift_time;
      } else {
        behind = FromSeconds(step.shift_fraction.value_or(0.0) * ToSeconds(first_cycle));
      }
    }
    b = Rotate(a, start, length, behind);
  }
  EmitPerson(std::move(a), Person::kA);
  EmitPerson(std::move(b), Person::kB);
}

// b's sequence when b runs `behind` later than a, wrapped within [start, start + length): at step time
// x, b does what a did at x - behind (mod length). The phase at the wrap is cut in two: its tail opens
// the step and its head closes it.
std::vector<Piece> Compiler::Rotate(const std::vector<Piece>& a, Micros start, Micros length, Micros behind) {
  if (a.empty() || length.count() <= 0) return a;
  const Micros d((behind.count() % length.count() + length.count()) % length.count());
  if (d.count() == 0) return a;
  const Micros cut = start + length - d;  // a's time that b plays at the step's start
  std::size_t at = 0;
  while (at < a.size() && a[at].end <= cut) ++at;
  std::vector<Piece> b;
  b.reserve(a.size() + 1);
  auto moved = [&](Piece p, Micros by) {
    p.start += by;
    p.end += by;
    return p;
  };
  const bool split = a[at].start < cut;
  if (split) {
    Piece tail = a[at];
    tail.offset = cut - tail.start;
    tail.start = start;
    tail.end = start + (a[at].end - cut);
    b.push_back(tail);
  } else {
    b.push_back(moved(a[at], -(cut - start)));
  }
  for (std::size_t i = at + 1; i < a.size(); ++i) b.push_back(moved(a[i], -(cut - start)));
  for (std::size_t i = 0; i < at; ++i) b.push_back(moved(a[i], d));
  if (split) {
    Piece head = a[at];
    head.start += d;
    head.end = start + length;
    b.push_back(head);
  }
  return b;
}

}  // namespace attune::core::detail
