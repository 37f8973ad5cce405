// app/core/timeline_cycles.cpp: breath cycles. How many cycles a breathe step plays, where each phase of
// each cycle starts (exactly, in integer microseconds, through a ramp), and how a pattern reads in a title.
#include <array>

#include "core/duration.hpp"
#include "core/timeline_internal.hpp"

namespace attune::core::detail {

bool IsBreathing(PhaseKind kind) {
  return kind == PhaseKind::kInhale || kind == PhaseKind::kHold || kind == PhaseKind::kExhale ||
         kind == PhaseKind::kHoldOut;
}

namespace {

// Seconds as short as they read: "4", "5.45", "0.5" (SecondsText without its unit).
std::string ShortSeconds(Micros t) {
  std::string text = SecondsText(t);
  text.resize(text.size() - 2);
  return text;
}

}  // namespace

std::string PatternText(const Pattern& pattern) {
  auto slot_of = [](PhaseKind kind) {
    switch (kind) {
      case PhaseKind::kInhale:
        return 0;
      case PhaseKind::kHold:
        return 1;
      case PhaseKind::kExhale:
        return 2;
      default:
        return 3;
    }
  };
  std::array<std::vector<Micros>, 4> slots;
  int last = -1;
  bool ordered = true;
  for (const PatternPhase& phase : pattern.phases) {
    if (phase.length.count() == 0) continue;
    const int slot = slot_of(phase.kind);
    if (slot < last) ordered = false;
    last = slot;
    slots[static_cast<std::size_t>(slot)].push_back(phase.length);
  }
  std::vector<std::string> parts;
  if (ordered) {
    for (const auto& slot : slots) {
      std::string part;
      for (const Micros length : slot) part += (part.empty() ? "" : "+") + ShortSeconds(length);
      parts.push_back(part.empty() ? "0" : part);
    }
    if (parts[3] == "0") {
      parts.pop_back();
      if (parts[1] == "0") parts.erase(parts.begin() + 1);
    }
  } else {
    for (const PatternPhase& phase : pattern.phases) {
      if (phase.length.count() > 0) parts.push_back(ShortSeconds(phase.length));
    }
  }
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "-") + part;
  return text;
}

const char* DefaultLabel(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::kInhale:
      return "Breathe in";
    case PhaseKind::kExhale:
      return "Breathe out";
    default:
      return "Hold";
  }
}

Cycles::Cycles(const BreatheStep& step, int people) : phases_(step.pattern.phases) {
  ramp_ = step.to.has_value() && step.to->phases.size() == phases_.size();
  p0_.push_back(0);
  p1_.push_back(0);
  for (std::size_t k = 0; k < phases_.size(); ++k) {
    p0_.push_back(p0_.back() + phases_[k].length.count());
    p1_.push_back(p1_.back() + (ramp_ ? step.to->phases[k].length.count() : phases_[k].length.count()));
  }
  c0_ = p0_.back();
  c1_ = p1_.back();
  const Int128 sum = static_cast<Int128>(c0_) + c1_;
  if (step.cycles.has_value()) {
    n_ = std::max<std::int64_t>(*step.cycles, 1);
  } else if (sum > 0) {
    // The whole number n whose n × (c0 + c1) / 2 is nearest to `for`, ties up: floor((4L + s) / 2s).
    const Int128 length = step.length.value_or(Micros{0}).count();
    n_ = std::max<std::int64_t>(Saturate((4 * length + sum) / (2 * sum)), 1);
  } else {
    n_ = 1;
  }
  if (people == 2 && step.mode == BreathMode::kHalf && n_ % 2 == 1 && n_ < kCap) ++n_;
}

std::int64_t Cycles::NonEmptyPhases() const {
  std::int64_t count = 0;
  for (std::size_t k = 0; k < phases_.size(); ++k) {
    if (p0_[k + 1] - p0_[k] > 0 || p1_[k + 1] - p1_[k] > 0) ++count;
  }
  return count;
}

std::int64_t Cycles::Duration() const {
  if (!ramp_) return SatMul(n_, c0_);
  return Saturate((static_cast<Int128>(n_) * (static_cast<Int128>(c0_) + c1_) + 1) / 2);
}

std::int64_t Cycles::Boundary(std::int64_t i, std::size_t k) const {
  if (k == phases_.size()) {
    ++i;
    k = 0;
  }
  if (!ramp_) return i * c0_ + p0_[k];
  const Int128 cycle = i;
  if (n_ == 1) {
    const Int128 twice = cycle * (static_cast<Int128>(c0_) + c1_) + p0_[k] + p1_[k];
    return static_cast<std::int64_t>((twice + 1) / 2);
  }
  const Int128 m = n_ - 1;
  const Int128 t2 = 2 * m * cycle * c0_ + (static_cast<Int128>(c1_) - c0_) * cycle * (cycle - 1) +
                    2 * m * p0_[k] + 2 * cycle * (static_cast<Int128>(p1_[k]) - p0_[k]);
  const Int128 den = 2 * m;
  return static_cast<std::int64_t>((2 * t2 + den) / (2 * den));
}

}  // namespace attune::core::detail
