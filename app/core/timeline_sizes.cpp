// app/core/timeline_sizes.cpp: sizes and limits. How long a script plays and how many phases and cues it
// makes once expanded, worked out without expanding it (saturating arithmetic, each `use` block sized
// once), so Compile() refuses a script over the limits quickly.
#include <type_traits>
#include <variant>

#include "core/timeline_internal.hpp"

namespace attune::core::detail {

Size Add(Size x, const Size& y) {
  x.duration = SatAdd(x.duration, y.duration);
  x.phases = SatAdd(x.phases, y.phases);
  x.cues = SatAdd(x.cues, y.cues);
  return x;
}

Size Times(const Size& x, std::int64_t times) {
  return {SatMul(x.duration, times), SatMul(x.phases, times), SatMul(x.cues, times)};
}

Size Sizer::OfSteps(const std::vector<Step>& steps) {
  Size total;
  for (const Step& step : steps) total = Add(total, Of(step));
  return total;
}

Size Sizer::Of(const Step& step) {
  if (const auto* repeat = std::get_if<RepeatStep>(&step.body)) {
    return Times(OfSteps(repeat->steps), repeat->times);
  }
  if (const auto* use = std::get_if<UseStep>(&step.body)) {
    if (const auto found = memo_.find(use->block); found != memo_.end()) return found->second;
    const auto block = session_.blocks.find(use->block);
    if (block == session_.blocks.end()) return {};
    if (!active_.insert(use->block).second) return {kCap, kCap, kCap};  // a cycle: the loader forbids it
    const Size size = OfSteps(block->second);
    active_.erase(use->block);
    memo_[use->block] = size;
    return size;
  }
  Size size = OfLeaf(step);
  // A lead-in row, and the first item's cue after it.
  const Micros lead_in = guide_.LeadIn(step);
  if (lead_in.count() > 0) size = Add(size, {lead_in.count(), 1, 1});
  // A step cue, a wait row, and rows split per person while two pacers' lungs differ.
  size.cues = SatAdd(size.cues, 1);
  size.phases = SatAdd(size.phases, (step.common.wait ? 1 : 0) + (session_.people == 2 ? 1 : 0));
  return size;
}

Size Sizer::OfLeaf(const Step& step) {
  const int people = session_.people;
  return std::visit(
      [&](const auto& body) -> Size {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, SayStep>) {
          return {SayLength(step, body).count(), 1, 0};
        } else if constexpr (std::is_same_v<T, BreatheStep>) {
          const Cycles cycles(body, people);
          const std::int64_t per_person = SatMul(cycles.count(), cycles.NonEmptyPhases());
          const BreathMode mode = people == 2 ? body.mode : BreathMode::kTogether;
          std::int64_t phases = per_person;
          if (mode == BreathMode::kAlternate || mode == BreathMode::kShift)
            phases = SatAdd(SatAdd(phases, phases), 1);
          if (mode == BreathMode::kHalf)
            phases = SatAdd(phases, SatMul(cycles.count() / 2, cycles.NonEmptyPhases()));
          if (people == 2) phases = SatAdd(phases, static_cast<std::int64_t>(cycles.phases_per_cycle()));
          const std::int64_t ticks = session_.sound.breath == BreathSound::kTicks ? phases : 0;
          return {cycles.Duration(), phases, ticks};
        } else if constexpr (std::is_same_v<T, BodyScanStep>) {
          std::int64_t duration = 0;
          for (const BodyRegion& region : body.regions) duration = SatAdd(duration, region.length.count());
          const auto regions = static_cast<std::int64_t>(body.regions.size());
          return {duration, regions, regions};
        } else if constexpr (std::is_same_v<T, PmrStep>) {
          const std::int64_t rounds = SatMul(static_cast<std::int64_t>(body.groups.size()), body.repeat);
          std::int64_t duration = SatMul(rounds, SatAdd(body.tense.count(), body.release.count()));
          for (const PmrGroup& group : body.groups) {
            for (int round = 0; round < std::min(body.repeat, 2); ++round) {
              const Micros prepare =
                  guide_.Prepare(body, guide_.Instruction(body, group, round, step.common.who));
              duration = SatAdd(duration, SatMul(prepare.count(), round == 0 ? 1 : body.repeat - 1));
            }
          }
          return {duration, SatMul(rounds, 3), SatMul(rounds, 3)};
        } else if constexpr (std::is_same_v<T, RestStep>) {
          std::int64_t marks = 0;
          if (body.interval.has_value() && body.interval->count() > 0 && body.length.count() > 0) {
            marks = (body.length.count() - 1) / body.interval->count();
          }
          return {body.length.count(), 1, marks};
        } else if constexpr (std::is_same_v<T, BellStep>) {
          return {SatMul(body.strikes, body.gap.count()), 1, std::max<std::int64_t>(body.strikes, 0)};
        } else if constexpr (std::is_same_v<T, TurnsStep>) {
          const std::int64_t turns = SatMul(2, body.rounds);
          return {SatMul(turns, body.each.count()), turns, turns};
        } else {
          return {};
        }
      },
      step.body);
}

std::string Thousands(std::int64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace attune::core::detail
