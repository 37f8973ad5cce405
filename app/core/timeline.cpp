// app/core/timeline.cpp: the timeline compiler. Sizes the script first (saturating arithmetic, no
// expansion), refuses anything over the limits, then expands repeat/use and times every phase exactly.
#include "core/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <type_traits>

#include "core/duration.hpp"

namespace attune::core {
namespace {

__extension__ typedef __int128 Int128;

// Saturation cap for sizes: far above every limit, and sums of two never overflow.
constexpr std::int64_t kCap = std::numeric_limits<std::int64_t>::max() / 4;
constexpr std::size_t kMaxCues = 100'000;
constexpr Micros kLongSession = std::chrono::hours(2);

std::int64_t SatAdd(std::int64_t x, std::int64_t y) { return x >= kCap - y ? kCap : x + y; }

std::int64_t SatMul(std::int64_t x, std::int64_t y) {
  if (x <= 0 || y <= 0) return 0;
  if (x > kCap / y) return kCap;
  return std::min(x * y, kCap);
}

std::int64_t Saturate(Int128 x) { return x >= kCap ? kCap : (x < 0 ? 0 : static_cast<std::int64_t>(x)); }

bool IsBreathing(PhaseKind kind) {
  return kind == PhaseKind::kInhale || kind == PhaseKind::kHold || kind == PhaseKind::kExhale ||
         kind == PhaseKind::kHoldOut;
}

std::string ReplaceAll(std::string text, const std::string& key, const std::string& value) {
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

// Seconds as short as they read: "4", "5.45", "0.5".
std::string ShortSeconds(Micros t) {
  std::string text = fmt::format("{}.{:06}", t.count() / 1'000'000, t.count() % 1'000'000);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// "4-6", "4-7-8", "4-4-4-4", "2+1-6" (a two-part inhale); any other order lists every phase.
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

// The cycles of a breathe step: phase boundaries with a linear ramp from `pattern` (first cycle) to `to`
// (last cycle), rounded to whole microseconds on the cumulative time, so the step lasts exactly
// round(n × (c0 + c1) / 2) and every cycle without a ramp lasts exactly c0.
class Cycles {
 public:
  Cycles(const BreatheStep& step, int people) : phases_(step.pattern.phases) {
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

  std::int64_t count() const { return n_; }
  std::size_t phases_per_cycle() const { return phases_.size(); }
  const PatternPhase& phase(std::size_t k) const { return phases_[k]; }
  // Pattern phases that last in at least one of the ramp's ends.
  std::int64_t NonEmptyPhases() const {
    std::int64_t count = 0;
    for (std::size_t k = 0; k < phases_.size(); ++k) {
      if (p0_[k + 1] - p0_[k] > 0 || p1_[k + 1] - p1_[k] > 0) ++count;
    }
    return count;
  }
  std::int64_t Duration() const {
    if (!ramp_) return SatMul(n_, c0_);
    return Saturate((static_cast<Int128>(n_) * (static_cast<Int128>(c0_) + c1_) + 1) / 2);
  }
  // The start of phase k of cycle i, from the step's start (k == phases_per_cycle(): the next cycle).
  std::int64_t Boundary(std::int64_t i, std::size_t k) const {
    if (k == phases_.size()) {
      ++i;
      k = 0;
    }
    if (!ramp_) return i * c0_ + p0_[k];
    const Int128 I = i;
    if (n_ == 1) {
      const Int128 twice = I * (static_cast<Int128>(c0_) + c1_) + p0_[k] + p1_[k];
      return static_cast<std::int64_t>((twice + 1) / 2);
    }
    const Int128 m = n_ - 1;
    const Int128 t2 = 2 * m * I * c0_ + (static_cast<Int128>(c1_) - c0_) * I * (I - 1) + 2 * m * p0_[k] +
                      2 * I * (static_cast<Int128>(p1_[k]) - p0_[k]);
    const Int128 den = 2 * m;
    return static_cast<std::int64_t>((2 * t2 + den) / (2 * den));
  }
  Micros Length(std::int64_t i, std::size_t k) const { return Micros(Boundary(i, k + 1) - Boundary(i, k)); }

 private:
  std::vector<PatternPhase> phases_;
  bool ramp_ = false;
  std::vector<std::int64_t> p0_, p1_;
  std::int64_t c0_ = 0, c1_ = 0, n_ = 1;
};

// How big a list of steps is once expanded, without expanding it. Saturates at kCap.
struct Size {
  std::int64_t duration = 0;
  std::int64_t phases = 0;  // an upper bound (zero-length ramp phases and wrap splits counted)
  std::int64_t cues = 0;    // an upper bound
};

Size Add(Size x, const Size& y) {
  x.duration = SatAdd(x.duration, y.duration);
  x.phases = SatAdd(x.phases, y.phases);
  x.cues = SatAdd(x.cues, y.cues);
  return x;
}

Size Times(const Size& x, std::int64_t times) {
  return {SatMul(x.duration, times), SatMul(x.phases, times), SatMul(x.cues, times)};
}

Micros SayLength(const Step& step, const SayStep& say) {
  if (say.length.has_value()) return *say.length;
  if (step.common.voice_length.has_value()) return *step.common.voice_length;
  return ReadingTime(step.common.say.value_or(""));
}

constexpr Micros kSecond{1'000'000};
constexpr Micros kPrepareMinimum{3'000'000};

// Prompt texts and spoken lengths: the one place both the Sizer and the Compiler take them from, so the
// size the limits check and the timeline played agree. Lengths are cached per text within one compile.
class Guide {
 public:
  Guide(const Session& session, const SpeechLength* speech) : session_(session), speech_(speech) {}

  std::string NameOf(Person person) const {
    if (session_.people == 2 && person == Person::kA) return session_.a.name;
    if (session_.people == 2 && person == Person::kB) return session_.b.name;
    return "you";
  }

  // {name}, {a} and {b} replaced.
  std::string Text(const std::string& text, Person who) const {
    return ReplaceAll(ReplaceAll(ReplaceAll(text, "{name}", NameOf(who)), "{a}", session_.a.name), "{b}",
                      session_.b.name);
  }

  // The spoken length of a synthesized (or read) prompt.
  Micros Spoken(const std::string& text) { return Speak(text).length; }

  // Whether `text` is really heard at the length Spoken gives: synthesized speech, not the reading-time
  // estimate (`voice: off`, no speech source). Only heard lengths are warned about.
  bool Heard(const std::string& text) { return Speak(text).heard; }

  bool HasClip(const StepCommon& common) const {
    return session_.sound.voice != VoiceMode::kOff && !common.voice.empty() &&
           common.voice_length.has_value();
  }

  // The spoken length of a step's own `say` (its recorded clip when it has one).
  Micros SpokenSay(const StepCommon& common, const std::string& text) {
    return HasClip(common) ? *common.voice_length : Spoken(text);
  }

  bool HeardSay(const StepCommon& common, const std::string& text) { return HasClip(common) || Heard(text); }

  std::string SayText(const StepCommon& common) const {
    return common.say.has_value() ? Text(*common.say, common.who) : std::string();
  }

  // The still time before a breathe / pmr / body_scan / turns step's first phase: explicit, or `auto`
  // (the prompt's spoken length plus 1 s). Zero for other steps and steps without a `say`.
  Micros LeadIn(const Step& step) {
    const bool has_lead_in =
        std::holds_alternative<BreatheStep>(step.body) || std::holds_alternative<PmrStep>(step.body) ||
        std::holds_alternative<BodyScanStep>(step.body) || std::holds_alternative<TurnsStep>(step.body);
    if (!has_lead_in || !step.common.say.has_value()) return Micros{0};
    if (step.common.lead_in.has_value()) return *step.common.lead_in;
    return SpokenSay(step.common, SayText(step.common)) + kSecond;
  }

  // A PMR group's instruction in round `round` (0-based): its `say` or `prepare_say`, then `again_say`.
  std::string Instruction(const PmrStep& pmr, const PmrGroup& group, int round, Person who) const {
    const std::string& text = round == 0 ? group.say.value_or(pmr.prepare_say) : pmr.again_say;
    return Text(ReplaceAll(text, "{group}", group.group), who);
  }

  Micros Prepare(const PmrStep& pmr, const std::string& instruction) {
    if (pmr.prepare.has_value()) return *pmr.prepare;
    return std::max(kPrepareMinimum, Spoken(instruction) + kSecond);
  }

 private:
  struct Speech {
    Micros length{0};
    bool heard = false;
  };

  const Speech& Speak(const std::string& text) {
    if (const auto found = cache_.find(text); found != cache_.end()) return found->second;
    const VoiceMode mode = session_.sound.voice;
    Speech speech{ReadingTime(text), false};
    if (mode != VoiceMode::kOff && mode != VoiceMode::kRecorded && speech_ != nullptr) {
      if (const auto length = speech_->Length(session_.language, text)) speech = {*length, true};
    }
    return cache_.emplace(text, speech).first->second;
  }

  const Session& session_;
  const SpeechLength* speech_;
  std::map<std::string, Speech> cache_;
};

// The first `count` words of `text`, spaces collapsed, with "…" when there were more.
std::string FirstWords(const std::string& text, int count) {
  std::string out;
  int words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word && ++words > count) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + "…";
    }
    if (space && in_word) out += ' ';
    if (!space) out += c;
    in_word = !space;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

class Sizer {
 public:
  Sizer(const Session& session, Guide& guide) : session_(session), guide_(guide) {}

  Size OfSteps(const std::vector<Step>& steps) {
    Size total;
    for (const Step& step : steps) total = Add(total, Of(step));
    return total;
  }

  Size Of(const Step& step) {
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

 private:
  Size OfLeaf(const Step& step) {
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

  const Session& session_;
  Guide& guide_;
  std::map<std::string, Size> memo_;
  std::set<std::string> active_;
};

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ",");
  }
  return digits;
}

// One span of a pacer's sequence before lungs are assigned. `offset` and `original` describe a phase cut
// by the wrap of a shifted pacer: `offset` of the original phase lies before `start`, and the original
// lasted `original` (equal to end - start when uncut).
struct Piece {
  PhaseKind kind = PhaseKind::kSay;
  Micros start{0};
  Micros end{0};
  Micros offset{0};
  Micros original{0};
  std::string caption;
  int line = 0;
  bool count = true;
  std::string item;
  Person giver = Person::kBoth;
};

struct Lungs {
  double from = 0.0;
  double to = 0.0;
  bool operator==(const Lungs&) const = default;
};

// Lungs along one person's sequence, starting from `lungs`. A run of inhale phases rises to 1 and a run
// of exhale phases falls to 0, each part in proportion to its share of the run's time (so a 2+1 inhale
// rises in two parts). A run cut by the wrap at its start moves from `lungs` towards its end at the
// uncut run's pace (full scale over the run's length) and stops there; a run cut at its end stops where
// the uncut run would have been. Holds keep. Other phases (say, rest, region...) ease back to 0, the resting
// value; zero-length phases keep.
std::vector<Lungs> AssignLungs(const std::vector<Piece>& pieces, double* lungs) {
  std::vector<Lungs> result(pieces.size());
  double now = *lungs;
  std::size_t i = 0;
  while (i < pieces.size()) {
    const PhaseKind kind = pieces[i].kind;
    const bool moving = kind == PhaseKind::kInhale || kind == PhaseKind::kExhale;
    if (!moving) {
      // A lead-in holds the lungs where they are (at a step's start they are at a cycle boundary).
      const bool rests = !IsBreathing(kind) && kind != PhaseKind::kLeadIn && pieces[i].end > pieces[i].start;
      result[i] = {now, rests ? 0.0 : now};
      now = result[i].to;
      ++i;
      continue;
    }
    const double target = kind == PhaseKind::kInhale ? 1.0 : 0.0;
    std::size_t j = i;
    std::int64_t total = 0;
    while (j < pieces.size() && pieces[j].kind == kind) total += pieces[j++].original.count();
    const std::int64_t x0 = pieces[i].offset.count();
    const double span = static_cast<double>(total - x0);
    const double from = now;
    std::int64_t x = x0;
    for (std::size_t p = i; p < j; ++p) {
      const double start_lungs = now;
      x += (pieces[p].end - pieces[p].start).count();
      if (x0 > 0) {
        // Cut at its start: move at the uncut run's full-scale pace, from wherever the lungs were.
        const double moved = static_cast<double>(x - x0) / static_cast<double>(total);
        now = target > from ? std::min(target, from + moved) : std::max(target, from - moved);
      } else {
        now = x >= total ? target : from + (target - from) * static_cast<double>(x) / span;
      }
      result[p] = {start_lungs, now};
    }
    i = j;
  }
  *lungs = now;
  return result;
}

class Compiler {
 public:
  Compiler(const Session& session, Guide& guide) : session_(session), guide_(guide) {
    timeline_.title = session.title;
    timeline_.file = session.file;
    timeline_.people = session.people;
    timeline_.a = session.a;
    timeline_.b = session.b;
    timeline_.sound = session.sound;
    timeline_.language = session.language;
  }

  void Steps(const std::vector<Step>& steps) {
    for (const Step& step : steps) One(step);
  }

  void One(const Step& step) {
    if (const auto* repeat = std::get_if<RepeatStep>(&step.body)) {
      for (int i = 0; i < repeat->times; ++i) Steps(repeat->steps);
    } else if (const auto* use = std::get_if<UseStep>(&step.body)) {
      const auto block = session_.blocks.find(use->block);
      if (block != session_.blocks.end()) Steps(block->second);
    } else {
      Leaf(step);
    }
  }

  Timeline Finish() {
    timeline_.duration = now_;
    std::stable_sort(timeline_.phases.begin(), timeline_.phases.end(),
                     [](const TimelinePhase& x, const TimelinePhase& y) {
                       if (x.start != y.start) return x.start < y.start;
                       if (x.step != y.step) return x.step < y.step;
                       return static_cast<int>(x.person) < static_cast<int>(y.person);
                     });
    std::stable_sort(timeline_.cues.begin(), timeline_.cues.end(),
                     [](const Cue& x, const Cue& y) { return x.time < y.time; });
    std::stable_sort(timeline_.prompts.begin(), timeline_.prompts.end(),
                     [](const Prompt& x, const Prompt& y) { return x.start < y.start; });
    WarnOverlaps(Person::kA);
    if (session_.people == 2) WarnOverlaps(Person::kB);
    return std::move(timeline_);
  }

  // The guidance warnings, each once however often its block repeats, in the order of the file.
  Diagnostics TakeWarnings() {
    std::set<std::tuple<int, int, std::string>> seen;
    Diagnostics unique;
    for (Diagnostic& d : warnings_) {
      if (seen.emplace(d.line, d.column, d.message.substr(0, d.message.find(':'))).second)
        unique.push_back(std::move(d));
    }
    std::stable_sort(unique.begin(), unique.end(), [](const Diagnostic& x, const Diagnostic& y) {
      return x.line != y.line ? x.line < y.line : x.column < y.column;
    });
    warnings_.clear();
    return unique;
  }

  std::size_t phase_count() const { return timeline_.phases.size(); }
  std::size_t cue_count() const { return timeline_.cues.size(); }

 private:
  std::string Text(const std::string& text, Person who) const { return guide_.Text(text, who); }

  // The first words of a prompt, to name it in a warning: "Let your attention settle…".
  static std::string Excerpt(const std::string& text) { return FirstWords(text, 4); }

  // Two prompts that `listener` hears (theirs and both's) overlap when one starts before the speech of an
  // earlier one has ended.
  void WarnOverlaps(Person listener) {
    const Prompt* speaking = nullptr;
    for (const Prompt& prompt : timeline_.prompts) {
      if (prompt.who != listener && prompt.who != Person::kBoth) continue;
      if (prompt.spoken_end == prompt.start || heard_.count({prompt.start, prompt.text}) == 0) continue;
      if (speaking != nullptr && prompt.start < speaking->spoken_end) {
        // No absolute times in the text: a block used many times warns once.
        Warn({speaking->line, speaking->column},
             fmt::format("prompt overlaps \"{}\" (line {}): it is still spoken {} after that one starts",
                         Excerpt(prompt.text), prompt.line, Tenths(speaking->spoken_end - prompt.start)));
      }
      if (speaking == nullptr || prompt.spoken_end > speaking->spoken_end) speaking = &prompt;
    }
  }

  void AddCue(Micros time, CueSound sound, Person person, int count = 1, bool soft = false) {
    if (sound == CueSound::kNone) return;
    timeline_.cues.push_back({time, sound, person, count, soft});
  }

  // A cue that marks an item inside a step (region, prepare, tense, release, turn): at the step's own
  // start the step cue stands for it.
  void AddItemCue(Micros time, CueSound sound, bool soft = false) {
    if (time != step_start_) AddCue(time, sound, Person::kBoth, 1, soft);
  }

  void AddPrompt(Micros start, Micros end, Micros spoken, std::string text, Person who, SourceLocation at,
                 PromptRole role, std::string voice = {}) {
    if (voice.empty() ? guide_.Heard(text) : true) heard_.insert({start, text});
    Prompt prompt;
    prompt.start = start;
    prompt.end = end;
    prompt.spoken_end = start + spoken;
    prompt.text = std::move(text);
    prompt.who = who;
    prompt.voice = std::move(voice);
    prompt.step = step_number_;
    prompt.line = at.line;
    prompt.column = at.column;
    prompt.role = role;
    timeline_.prompts.push_back(std::move(prompt));
  }

  // An item's prompt from now to `end`, warned when its speech runs past the item.
  void AddItemPrompt(Micros end, const std::string& text, Person who, SourceLocation at, const char* item,
                     PromptRole role = PromptRole::kItem) {
    const Micros spoken = guide_.Spoken(text);
    if (spoken > end - now_ && guide_.Heard(text)) {
      Warn(at, fmt::format("prompt lasts {} when spoken but has {} before the end of its {}", Tenths(spoken),
                           Tenths(end - now_), item));
    }
    AddPrompt(now_, end, spoken, text, who, at, role);
  }

  void Warn(SourceLocation at, std::string message) {
    Diagnostic d;
    d.file = session_.file;
    d.line = at.line;
    d.column = at.column;
    d.severity = Severity::kWarning;
    d.message = std::move(message);
    warnings_.push_back(std::move(d));
  }

  // No breath twice: where `person`'s first moving phase (after leading holds and the lead-in) goes the
  // way their last breath went (an exhale after an exhale, an inhale after an inhale, with no resting
  // phase between), that run becomes a hold of the same length labelled "Rest"; no length changes.
  void NoBreathTwice(std::vector<Piece>* pieces, Person person) {
    PhaseKind& last = last_move_[person == Person::kB ? 1 : 0];
    FixBreathTwice(pieces, last);
    for (const Piece& piece : *pieces) {
      if (piece.kind == PhaseKind::kInhale || piece.kind == PhaseKind::kExhale) {
        last = piece.kind;
      } else if (!IsBreathing(piece.kind) && piece.kind != PhaseKind::kLeadIn && piece.end > piece.start) {
        last = PhaseKind::kSay;
      }
    }
  }

  static void FixBreathTwice(std::vector<Piece>* pieces, PhaseKind last) {
    for (std::size_t i = 0; i < pieces->size(); ++i) {
      const PhaseKind kind = (*pieces)[i].kind;
      if (kind != PhaseKind::kInhale && kind != PhaseKind::kExhale) {
        if (IsBreathing(kind) || kind == PhaseKind::kLeadIn || (*pieces)[i].end == (*pieces)[i].start)
          continue;
        return;  // a resting phase: the lungs ease back, nothing to fix
      }
      if (kind != last) return;
      for (std::size_t j = i; j < pieces->size() && (*pieces)[j].kind == kind; ++j) {
        Piece& piece = (*pieces)[j];
        piece.kind = kind == PhaseKind::kExhale ? PhaseKind::kHoldOut : PhaseKind::kHold;
        piece.caption = "Rest";
        piece.offset = Micros{0};
        piece.original = piece.end - piece.start;
      }
      return;
    }
  }

  void AddRow(const Piece& piece, Person person, const Lungs& lungs) {
    TimelinePhase row;
    row.start = piece.start;
    row.end = piece.end;
    row.kind = piece.kind;
    row.person = person;
    row.step = step_number_;
    row.line = piece.line;
    row.caption = piece.caption;
    row.lungs_from = lungs.from;
    row.lungs_to = lungs.to;
    row.count = piece.count;
    row.item = piece.item;
    row.giver = piece.giver;
    timeline_.phases.push_back(std::move(row));
  }

  // Pieces both people share. With two people whose lungs differ, a piece becomes one row per person
  // until they meet again (the end of the first inhale or exhale, or of the first resting phase).
  void EmitShared(const std::vector<Piece>& pieces) {
    std::vector<Piece> pa = pieces;
    NoBreathTwice(&pa, Person::kA);
    if (session_.people != 2) {
      AddTicks(pa, Person::kBoth);
      const std::vector<Lungs> a = AssignLungs(pa, &lungs_[0]);
      for (std::size_t i = 0; i < pa.size(); ++i) AddRow(pa[i], Person::kBoth, a[i]);
      return;
    }
    std::vector<Piece> pb = pieces;
    NoBreathTwice(&pb, Person::kB);
    const std::vector<Lungs> a = AssignLungs(pa, &lungs_[0]);
    const std::vector<Lungs> b = AssignLungs(pb, &lungs_[1]);
    std::vector<Piece> ticks_a, ticks_b, ticks_both;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if ((a[i] == b[i] && pa[i].kind == pb[i].kind) || pieces[i].end == pieces[i].start) {
        AddRow(pa[i], Person::kBoth, a[i]);
      } else {
        AddRow(pa[i], Person::kA, a[i]);
        AddRow(pb[i], Person::kB, b[i]);
      }
      if (pa[i].kind == pb[i].kind) {
        ticks_both.push_back(pa[i]);
      } else {
        ticks_a.push_back(pa[i]);
        ticks_b.push_back(pb[i]);
      }
    }
    AddTicks(ticks_both, Person::kBoth);
    AddTicks(ticks_a, Person::kA);
    AddTicks(ticks_b, Person::kB);
  }

  void EmitPerson(std::vector<Piece> pieces, Person person) {
    double& lungs_now = lungs_[person == Person::kB ? 1 : 0];
    NoBreathTwice(&pieces, person);
    AddTicks(pieces, person);
    const std::vector<Lungs> lungs = AssignLungs(pieces, &lungs_now);
    for (std::size_t i = 0; i < pieces.size(); ++i) AddRow(pieces[i], person, lungs[i]);
  }

  void AddTicks(const std::vector<Piece>& pieces, Person person) {
    if (session_.sound.breath != BreathSound::kTicks) return;
    for (const Piece& piece : pieces) {
      if (!IsBreathing(piece.kind) || piece.offset.count() != 0) continue;
      AddCue(piece.start, CueSound::kTick, person, piece.kind == PhaseKind::kExhale ? 2 : 1);
    }
  }

  // Seconds for a guidance warning: one decimal ("4.3 s", "3 s").
  static std::string Tenths(Micros t) {
    std::string text = fmt::format("{:.1f}", ToSeconds(t));
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
    return text + " s";
  }

  void Leaf(const Step& step) {
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
      Piece p{kind,  now_, now_ + length, Micros{0}, length, std::move(caption), line,
              count, {},   Person::kBoth};
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
      info.title = SayTitle(say);
      shared.push_back(piece(PhaseKind::kSay, SayLength(step, *body), say, line, false));
    } else if (const auto* breathe = std::get_if<BreatheStep>(&step.body)) {
      info.kind = StepKind::kBreathe;
      info.mode = session_.people == 2 ? breathe->mode : BreathMode::kTogether;
      info.title = "Breathe " + PatternText(breathe->pattern);
      if (breathe->to.has_value()) info.title += " to " + PatternText(*breathe->to);
      if (info.mode != BreathMode::kTogether) info.title += std::string(" · ") + ToString(info.mode);
      Breathe(*breathe, info.mode, line);
    } else if (const auto* scan = std::get_if<BodyScanStep>(&step.body)) {
      info.kind = StepKind::kBodyScan;
      info.title =
          fmt::format("Body scan · {} region{}", scan->regions.size(), scan->regions.size() == 1 ? "" : "s");
      // A region change is a soft cue, never a ringing bowl.
      const CueSound region_sound = scan->region_cue.value_or(session_.sound.cues);
      for (const BodyRegion& region : scan->regions) {
        const std::string caption =
            region.say.has_value() ? Text(*region.say, common.who)
                                   : Text(ReplaceAll(scan->prompt, "{region}", region.region), common.who);
        AddItemCue(now_, region_sound, true);
        AddItemPrompt(now_ + region.length, caption, common.who, region.location, "region");
        Piece item = piece(PhaseKind::kRegion, region.length, caption, region.location.line, false);
        item.item = region.region;
        shared.push_back(std::move(item));
      }
    } else if (const auto* pmr = std::get_if<PmrStep>(&step.body)) {
      info.kind = StepKind::kPmr;
      info.title = fmt::format("Muscle relaxation · {} group{}", pmr->groups.size(),
                               pmr->groups.size() == 1 ? "" : "s");
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
      info.title = "Rest " + FormatLength(rest->length);
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
      info.title = bell->strikes > 1 ? fmt::format("Bell × {}", bell->strikes) : "Bell";
      for (int strike = 0; strike < bell->strikes; ++strike)
        AddCue(now_ + bell->gap * strike, bell->sound, Person::kBoth);
      shared.push_back(
          piece(PhaseKind::kBell, bell->gap * bell->strikes, say.empty() ? "Bell" : say, line, false));
    } else if (const auto* turns = std::get_if<TurnsStep>(&step.body)) {
      info.kind = StepKind::kTurns;
      info.title = fmt::format("Turns · {} round{}", turns->rounds, turns->rounds == 1 ? "" : "s");
      const std::string first_name = turns->first == Person::kB ? session_.b.name : session_.a.name;
      const std::string second_name = turns->first == Person::kB ? session_.a.name : session_.b.name;
      for (int round = 0; round < turns->rounds; ++round) {
        for (int turn = 0; turn < 2; ++turn) {
          const std::string& giver = turn == 0 ? first_name : second_name;
          const std::string& receiver = turn == 0 ? second_name : first_name;
          const std::string caption = guide_.Text(
              ReplaceAll(ReplaceAll(ReplaceAll(turns->prompt, "{giver}", giver), "{receiver}", receiver),
                         "{name}", giver),
              Person::kBoth);
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
      EmitShared({Piece{
          PhaseKind::kWait, now_, now_, Micros{0}, Micros{0}, caption, line, false, {}, Person::kBoth}});
    }
    if (common.title.has_value()) info.title = Text(*common.title, common.who);
    timeline_.steps.push_back(std::move(info));
  }

  static std::string SayTitle(const std::string& text) { return FirstWords(text, 5); }

  void Breathe(const BreatheStep& step, BreathMode mode, int line) {
    const Cycles cycles(step, session_.people);
    const Micros start = now_;
    std::vector<Piece> a;
    auto caption_of = [&](const PatternPhase& phase) {
      if (!phase.label.empty()) return phase.label;
      const auto label = step.labels.find(phase.kind);
      return label != step.labels.end() ? label->second : std::string(DefaultLabel(phase.kind));
    };
    std::vector<std::string> captions;
    for (std::size_t k = 0; k < cycles.phases_per_cycle(); ++k)
      captions.push_back(caption_of(cycles.phase(k)));
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
  static std::vector<Piece> Rotate(const std::vector<Piece>& a, Micros start, Micros length, Micros behind) {
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

  const Session& session_;
  Guide& guide_;
  Diagnostics warnings_;
  std::set<std::pair<Micros, std::string>> heard_;  // prompts whose spoken length is really heard
  // Per person, the direction of the last inhale or exhale, until a resting phase (kSay: none).
  std::array<PhaseKind, 2> last_move_{PhaseKind::kSay, PhaseKind::kSay};
  Timeline timeline_;
  Micros now_{0};
  Micros step_start_{0};
  int step_number_ = 0;
  std::array<double, 2> lungs_{0.0, 0.0};
};

Diagnostic MakeDiagnostic(const Session& session, const Step* step, Severity severity, std::string message) {
  Diagnostic d;
  d.file = session.file;
  d.severity = severity;
  d.message = std::move(message);
  if (step != nullptr) {
    d.line = step->common.location.line;
    d.column = step->common.location.column;
  }
  return d;
}

}  // namespace

CompileResult Compile(const Session& session, const CompileOptions& options) {
  CompileResult result;
  Guide guide(session, options.speech);
  Sizer sizer(session, guide);
  std::vector<Size> sizes;
  Size total;
  for (const Step& step : session.steps) {
    sizes.push_back(sizer.Of(step));
    total = Add(total, sizes.back());
  }
  // The step where a running total first passes `limit`: the diagnostic points there.
  auto crossing = [&](auto member, std::int64_t limit) -> const Step* {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      sum = SatAdd(sum, sizes[i].*member);
      if (sum > limit) return &session.steps[i];
    }
    return session.steps.empty() ? nullptr : &session.steps.back();
  };
  if (total.duration > kMaxSessionLength.count()) {
    const std::string length =
        total.duration >= kCap ? std::string("far longer than that") : FormatLength(Micros(total.duration));
    result.diagnostics.push_back(
        MakeDiagnostic(session, crossing(&Size::duration, kMaxSessionLength.count()), Severity::kError,
                       total.duration >= kCap ? "session is far over the limit of 4 h"
                                              : fmt::format("session is {} long; the limit is 4 h", length)));
    return result;
  }
  // The phase bound overcounts by a few rows per step at most, so a bound over twice the limit is
  // refused at once; anything nearer is expanded (cheaply) and counted exactly.
  constexpr auto kMaxPhasesCount = static_cast<std::int64_t>(kMaxPhases);
  constexpr auto kMaxCuesCount = static_cast<std::int64_t>(kMaxCues);
  if (total.phases > 2 * kMaxPhasesCount) {
    result.diagnostics.push_back(
        MakeDiagnostic(session, crossing(&Size::phases, 2 * kMaxPhasesCount), Severity::kError,
                       fmt::format("session has over {} phases; the limit is {}",
                                   Thousands(2 * kMaxPhasesCount), Thousands(kMaxPhasesCount))));
    return result;
  }
  if (total.cues > 2 * kMaxCuesCount) {
    result.diagnostics.push_back(
        MakeDiagnostic(session, crossing(&Size::cues, 2 * kMaxCuesCount), Severity::kError,
                       fmt::format("session has over {} cues; the limit is {}", Thousands(2 * kMaxCuesCount),
                                   Thousands(kMaxCuesCount))));
    return result;
  }
  Compiler compiler(session, guide);
  std::vector<std::size_t> phases_after, cues_after;
  for (const Step& step : session.steps) {
    compiler.One(step);
    phases_after.push_back(compiler.phase_count());
    cues_after.push_back(compiler.cue_count());
  }
  auto exact_crossing = [&](const std::vector<std::size_t>& after, std::size_t limit) -> const Step* {
    for (std::size_t i = 0; i < after.size(); ++i) {
      if (after[i] > limit) return &session.steps[i];
    }
    return nullptr;
  };
  if (compiler.phase_count() > kMaxPhases) {
    result.diagnostics.push_back(
        MakeDiagnostic(session, exact_crossing(phases_after, kMaxPhases), Severity::kError,
                       fmt::format("session has {} phases; the limit is {}",
                                   Thousands(static_cast<std::int64_t>(compiler.phase_count())),
                                   Thousands(kMaxPhasesCount))));
    return result;
  }
  if (compiler.cue_count() > kMaxCues) {
    result.diagnostics.push_back(MakeDiagnostic(
        session, exact_crossing(cues_after, kMaxCues), Severity::kError,
        fmt::format("session has {} cues; the limit is {}",
                    Thousands(static_cast<std::int64_t>(compiler.cue_count())), Thousands(kMaxCuesCount))));
    return result;
  }
  Timeline timeline = compiler.Finish();
  for (Diagnostic& d : compiler.TakeWarnings()) result.diagnostics.push_back(std::move(d));
  if (timeline.duration > kLongSession) {
    result.diagnostics.push_back(
        MakeDiagnostic(session, nullptr, Severity::kWarning,
                       fmt::format("session is {} long, over 2 h", FormatLength(timeline.duration))));
  }
  result.timeline = std::move(timeline);
  return result;
}

std::vector<Cue> CuesIn(const Timeline& timeline, Micros from, Micros to) {
  if (to <= from) return {};
  const auto first = std::upper_bound(timeline.cues.begin(), timeline.cues.end(), from,
                                      [](Micros t, const Cue& cue) { return t < cue.time; });
  const auto last =
      std::upper_bound(first, timeline.cues.end(), to, [](Micros t, const Cue& cue) { return t < cue.time; });
  return {first, last};
}

int StepAt(const Timeline& timeline, Micros t) {
  if (timeline.steps.empty()) return 0;
  const auto after = std::upper_bound(timeline.steps.begin(), timeline.steps.end(), t,
                                      [](Micros x, const TimelineStep& step) { return x < step.start; });
  const auto index = static_cast<int>(after - timeline.steps.begin()) - 1;
  return std::clamp(index, 0, static_cast<int>(timeline.steps.size()) - 1);
}

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

const char* ToString(StepKind kind) {
  switch (kind) {
    case StepKind::kSay:
      return "say";
    case StepKind::kBreathe:
      return "breathe";
    case StepKind::kBodyScan:
      return "body_scan";
    case StepKind::kPmr:
      return "pmr";
    case StepKind::kRest:
      return "rest";
    case StepKind::kBell:
      return "bell";
    case StepKind::kTurns:
      return "turns";
  }
  return "say";
}

}  // namespace attune::core
