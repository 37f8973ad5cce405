// app/core/timeline_internal.hpp: what the pieces of the timeline compiler share. Private to core's
// timeline*.cpp files (nothing else includes it): breath cycles (timeline_cycles.cpp), prompt texts and
// spoken lengths (timeline_guide.cpp), sizes and limits (timeline_sizes.cpp), the compiler itself
// (timeline_compiler.cpp, timeline_steps.cpp). Compile() in timeline.cpp sizes, checks the limits, then
// compiles; ExtendRestAt (timeline_edits.cpp) edits a compiled timeline.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/timeline.hpp"

namespace attune::core::detail {

__extension__ typedef __int128 Int128;

// ---- Sizes and limits (timeline_sizes.cpp) ----

// Saturation cap for sizes: far above every limit, and sums of two never overflow.
inline constexpr std::int64_t kCap = std::numeric_limits<std::int64_t>::max() / 4;
inline constexpr std::size_t kMaxCues = 100'000;
inline constexpr Micros kLongSession = std::chrono::hours(2);

inline std::int64_t SatAdd(std::int64_t x, std::int64_t y) { return x >= kCap - y ? kCap : x + y; }

inline std::int64_t SatMul(std::int64_t x, std::int64_t y) {
  if (x <= 0 || y <= 0) return 0;
  if (x > kCap / y) return kCap;
  return std::min(x * y, kCap);
}

inline std::int64_t Saturate(Int128 x) {
  return x >= kCap ? kCap : (x < 0 ? 0 : static_cast<std::int64_t>(x));
}

// ---- Breath cycles (timeline_cycles.cpp) ----

// Inhale, hold, exhale, hold out: the phases of a breathing pattern.
bool IsBreathing(PhaseKind kind);

// "4-6", "4-7-8", "4-4-4-4", "2+1-6" (a two-part inhale); any other order lists every phase.
std::string PatternText(const Pattern& pattern);

// "Breathe in", "Breathe out", "Hold": a pattern phase's caption when the script gives none.
const char* DefaultLabel(PhaseKind kind);

// The cycles of a breathe step: phase boundaries with a linear ramp from `pattern` (first cycle) to `to`
// (last cycle), rounded to whole microseconds on the cumulative time, so the step lasts exactly
// round(n × (c0 + c1) / 2) and every cycle without a ramp lasts exactly c0. The one place a breathe
// step's cycle count and length are worked out: the Sizer and the Compiler both ask it.
class Cycles {
 public:
  Cycles(const BreatheStep& step, int people);

  std::int64_t count() const { return n_; }
  std::size_t phases_per_cycle() const { return phases_.size(); }
  const PatternPhase& phase(std::size_t k) const { return phases_[k]; }
  // Pattern phases that last in at least one of the ramp's ends.
  std::int64_t NonEmptyPhases() const;
  std::int64_t Duration() const;
  // The start of phase k of cycle i, from the step's start (k == phases_per_cycle(): the next cycle).
  std::int64_t Boundary(std::int64_t i, std::size_t k) const;
  Micros Length(std::int64_t i, std::size_t k) const { return Micros(Boundary(i, k + 1) - Boundary(i, k)); }

 private:
  std::vector<PatternPhase> phases_;
  bool ramp_ = false;
  std::vector<std::int64_t> p0_, p1_;
  std::int64_t c0_ = 0, c1_ = 0, n_ = 1;
};

// ---- Prompt texts, spoken lengths and step titles (timeline_guide.cpp) ----

std::string ReplaceAll(std::string text, const std::string& key, const std::string& value);

// The first `count` words of `text`, spaces collapsed, with "…" when there were more.
std::string FirstWords(const std::string& text, int count);

// A `say` step's length: its `for`, else its voice clip's length, else the reading time of its words.
// The one place this default lives (the loader leaves `for` unset when it is not written).
Micros SayLength(const Step& step, const SayStep& say);

// Prompt texts and spoken lengths: the one place both the Sizer and the Compiler take them from, so the
// size the limits check and the timeline played agree. Lengths are cached per text within one compile.
// The partners' names come from here too (the script's, or those of CompileOptions).
class Guide {
 public:
  Guide(const Session& session, const CompileOptions& options);

  // The roles as played: the script's, with CompileOptions' names in a two-person session.
  const Role& a() const { return a_; }
  const Role& b() const { return b_; }

  std::string NameOf(Person person) const;

  // {name}, {a} and {b} replaced.
  std::string Text(const std::string& text, Person who) const;

  // The spoken length of a synthesized (or read) prompt.
  Micros Spoken(const std::string& text) { return Speak(text).length; }

  // Whether `text` is really heard at the length Spoken gives: synthesized speech, not the reading-time
  // estimate (`voice: off`, no speech source). Only heard lengths are warned about.
  bool Heard(const std::string& text) { return Speak(text).heard; }

  bool HasClip(const StepCommon& common) const;

  // The spoken length of a step's own `say` (its recorded clip when it has one).
  Micros SpokenSay(const StepCommon& common, const std::string& text);

  bool HeardSay(const StepCommon& common, const std::string& text) { return HasClip(common) || Heard(text); }

  std::string SayText(const StepCommon& common) const;

  // The still time before a breathe / pmr / body_scan / turns step's first phase: explicit, or `auto`
  // (the prompt's spoken length plus 1 s). Zero for other steps and steps without a `say`.
  Micros LeadIn(const Step& step);

  // A PMR group's instruction in round `round` (0-based): its `say` or `prepare_say`, then `again_say`.
  std::string Instruction(const PmrStep& pmr, const PmrGroup& group, int round, Person who) const;

  Micros Prepare(const PmrStep& pmr, const std::string& instruction);

  // A turns step's caption for the turn in which `giver` gives to `receiver`.
  std::string TurnCaption(const TurnsStep& turns, const std::string& giver,
                          const std::string& receiver) const;

  // The short label for "now" / "next" of a leaf step: its `title`, else "Breathe 4-6 · alternate",
  // "Body scan · 3 regions", "Rest 5 min", ... `mode` is the breathe step's mode as played.
  std::string Title(const Step& step, BreathMode mode) const;

 private:
  struct Speech {
    Micros length{0};
    bool heard = false;
  };

  const Speech& Speak(const std::string& text);

  const Session& session_;
  const SpeechLength* speech_;
  Role a_;
  Role b_;
  std::map<std::string, Speech> cache_;
};

// ---- Sizes (timeline_sizes.cpp) ----

// How big a list of steps is once expanded, without expanding it. Saturates at kCap.
struct Size {
  std::int64_t duration = 0;
  std::int64_t phases = 0;  // an upper bound (zero-length ramp phases and wrap splits counted)
  std::int64_t cues = 0;    // an upper bound
};

Size Add(Size x, const Size& y);
Size Times(const Size& x, std::int64_t times);

class Sizer {
 public:
  Sizer(const Session& session, Guide& guide) : session_(session), guide_(guide) {}

  Size OfSteps(const std::vector<Step>& steps);
  Size Of(const Step& step);

 private:
  Size OfLeaf(const Step& step);

  const Session& session_;
  Guide& guide_;
  std::map<std::string, Size> memo_;
  std::set<std::string> active_;
};

// "100,000".
std::string Thousands(std::int64_t n);

// ---- The compiler (timeline_compiler.cpp: rows, cues, prompts, warnings; timeline_steps.cpp: steps) ----

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

// Lungs along one person's sequence, starting from `*lungs` (left where the sequence ends).
std::vector<Lungs> AssignLungs(const std::vector<Piece>& pieces, double* lungs);

class Compiler {
 public:
  Compiler(const Session& session, Guide& guide);

  void Steps(const std::vector<Step>& steps);
  void One(const Step& step);
  Timeline Finish();
  // The guidance warnings, each once however often its block repeats, in the order of the file.
  Diagnostics TakeWarnings();

  std::size_t phase_count() const { return timeline_.phases.size(); }
  std::size_t cue_count() const { return timeline_.cues.size(); }

 private:
  std::string Text(const std::string& text, Person who) const { return guide_.Text(text, who); }
  static std::string Excerpt(const std::string& text);
  void WarnOverlaps(Person listener);
  void AddCue(Micros time, CueSound sound, Person person, int count = 1, bool soft = false);
  void AddItemCue(Micros time, CueSound sound, bool soft = false);
  void AddPrompt(Micros start, Micros end, Micros spoken, std::string text, Person who, SourceLocation at,
                 PromptRole role, std::string voice = {});
  void AddItemPrompt(Micros end, const std::string& text, Person who, SourceLocation at, const char* item,
                     PromptRole role = PromptRole::kItem);
  void Warn(SourceLocation at, std::string message);
  void NoBreathTwice(std::vector<Piece>* pieces, Person person);
  static void FixBreathTwice(std::vector<Piece>* pieces, PhaseKind last);
  void AddRow(const Piece& piece, Person person, const Lungs& lungs);
  void EmitShared(const std::vector<Piece>& pieces);
  void EmitPerson(std::vector<Piece> pieces, Person person);
  void AddTicks(const std::vector<Piece>& pieces, Person person);
  static std::string Tenths(Micros t);

  // timeline_steps.cpp
  void Leaf(const Step& step);
  void Breathe(const BreatheStep& step, BreathMode mode, int line);
  static std::vector<Piece> Rotate(const std::vector<Piece>& a, Micros start, Micros length, Micros behind);

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

}  // namespace attune::core::detail
