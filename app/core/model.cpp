#include "core/model.hpp"

namespace attune::core {

Micros Pattern::CycleLength() const {
  Micros total{0};
  for (const PatternPhase& phase : phases) total += phase.length;
  return total;
}

const char* ToString(Person person) {
  switch (person) {
    case Person::kA:
      return "a";
    case Person::kB:
      return "b";
    case Person::kBoth:
      return "both";
  }
  return "both";
}

const char* ToString(CueSound sound) {
  switch (sound) {
    case CueSound::kNone:
      return "none";
    case CueSound::kBowl:
      return "bowl";
    case CueSound::kChime:
      return "chime";
    case CueSound::kGong:
      return "gong";
    case CueSound::kWood:
      return "wood";
    case CueSound::kTone:
      return "tone";
    case CueSound::kTick:
      return "tick";
  }
  return "none";
}

const char* ToString(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::kSay:
      return "say";
    case PhaseKind::kLeadIn:
      return "lead_in";
    case PhaseKind::kInhale:
      return "inhale";
    case PhaseKind::kHold:
      return "hold";
    case PhaseKind::kExhale:
      return "exhale";
    case PhaseKind::kHoldOut:
      return "hold_out";
    case PhaseKind::kRegion:
      return "region";
    case PhaseKind::kPrepare:
      return "prepare";
    case PhaseKind::kTense:
      return "tense";
    case PhaseKind::kRelease:
      return "release";
    case PhaseKind::kRest:
      return "rest";
    case PhaseKind::kBell:
      return "bell";
    case PhaseKind::kTurn:
      return "turn";
    case PhaseKind::kWait:
      return "wait";
  }
  return "say";
}

const char* ToString(BreathMode mode) {
  switch (mode) {
    case BreathMode::kTogether:
      return "together";
    case BreathMode::kAlternate:
      return "alternate";
    case BreathMode::kHalf:
      return "half";
    case BreathMode::kShift:
      return "shift";
  }
  return "together";
}

}  // namespace attune::core
