// app/core/timeline_compiler.cpp: the timeline compiler's rows, cues and prompts. Expands repeat / use,
// turns each step's pieces into phase rows with the lungs assigned (one row per person while two pacers
// differ), places cues and prompts, and collects the guidance warnings. The steps themselves are laid out
// in timeline_steps.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "core/timeline_internal.hpp"

namespace attune::core::detail {

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

Compiler::Compiler(const Session& session, Guide& guide) : session_(session), guide_(guide) {
  timeline_.title = session.title;
  timeline_.file = session.file;
  timeline_.people = session.people;
  timeline_.a = guide.a();
  timeline_.b = guide.b();
  timeline_.sound = session.sound;
  timeline_.language = session.language;
}

void Compiler::Steps(const std::vector<Step>& steps) {
  for (const Step& step : steps) One(step);
}

void Compiler::One(const Step& step) {
  if (const auto* repeat = std::get_if<RepeatStep>(&step.body)) {
    for (int i = 0; i < repeat->times; ++i) Steps(repeat->steps);
  } else if (const auto* use = std::get_if<UseStep>(&step.body)) {
    const auto block = session_.blocks.find(use->block);
    if (block != session_.blocks.end()) Steps(block->second);
  } else {
    Leaf(step);
  }
}

Timeline Compiler::Finish() {
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
Diagnostics Compiler::TakeWarnings() {
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

// The first words of a prompt, to name it in a warning: "Let your attention settle…".
std::string Compiler::Excerpt(const std::string& text) { return FirstWords(text, 4); }

// Two prompts that `listener` hears (theirs and both's) overlap when one starts before the speech of an
// earlier one has ended.
void Compiler::WarnOverlaps(Person listener) {
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

void Compiler::AddCue(Micros time, CueSound sound, Person person, int count, bool soft) {
  if (sound == CueSound::kNone) return;
  timeline_.cues.push_back({time, sound, person, count, soft});
}

// A cue that marks an item inside a step (region, prepare, tense, release, turn): at the step's own
// start the step cue stands for it.
void Compiler::AddItemCue(Micros time, CueSound sound, bool soft) {
  if (time != step_start_) AddCue(time, sound, Person::kBoth, 1, soft);
}

void Compiler::AddPrompt(Micros start, Micros end, Micros spoken, std::string text, Person who,
                         SourceLocation at, PromptRole role, std::string voice) {
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
void Compiler::AddItemPrompt(Micros end, const std::string& text, Person who, SourceLocation at,
                             const char* item, PromptRole role) {
  const Micros spoken = guide_.Spoken(text);
  if (spoken > end - now_ && guide_.Heard(text)) {
    Warn(at, fmt::format("prompt lasts {} when spoken but has {} before the end of its {}", Tenths(spoken),
                         Tenths(end - now_), item));
  }
  AddPrompt(now_, end, spoken, text, who, at, role);
}

void Compiler::Warn(SourceLocation at, std::string message) {
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
void Compiler::NoBreathTwice(std::vector<Piece>* pieces, Person person) {
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

void Compiler::FixBreathTwice(std::vector<Piece>* pieces, PhaseKind last) {
  for (std::size_t i = 0; i < pieces->size(); ++i) {
    const PhaseKind kind = (*pieces)[i].kind;
    if (kind != PhaseKind::kInhale && kind != PhaseKind::kExhale) {
      if (IsBreathing(kind) || kind == PhaseKind::kLeadIn || (*pieces)[i].end == (*pieces)[i].start) continue;
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

void Compiler::AddRow(const Piece& piece, Person person, const Lungs& lungs) {
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
void Compiler::EmitShared(const std::vector<Piece>& pieces) {
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

void Compiler::EmitPerson(std::vector<Piece> pieces, Person person) {
  double& lungs_now = lungs_[person == Person::kB ? 1 : 0];
  NoBreathTwice(&pieces, person);
  AddTicks(pieces, person);
  const std::vector<Lungs> lungs = AssignLungs(pieces, &lungs_now);
  for (std::size_t i = 0; i < pieces.size(); ++i) AddRow(pieces[i], person, lungs[i]);
}

void Compiler::AddTicks(const std::vector<Piece>& pieces, Person person) {
  if (session_.sound.breath != BreathSound::kTicks) return;
  for (const Piece& piece : pieces) {
    if (!IsBreathing(piece.kind) || piece.offset.count() != 0) continue;
    AddCue(piece.start, CueSound::kTick, person, piece.kind == PhaseKind::kExhale ? 2 : 1);
  }
}

// Seconds for a guidance warning: one decimal ("4.3 s", "3 s").
std::string Compiler::Tenths(Micros t) {
  std::string text = fmt::format("{:.1f}", ToSeconds(t));
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text + " s";
}

}  // namespace attune::core::detail
