// app/core/timeline.hpp: the exact, expanded timeline of a session, compiled from a validated Session.
// Everything that plays (pacer, captions, audio cues, presenter view, practice log) reads from it.
// Times are integer microseconds from the session's start. Immutable once compiled; safe to read from
// any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/model.hpp"
#include "core/speech_length.hpp"

namespace attune::core {

enum class StepKind { kSay, kBreathe, kBodyScan, kPmr, kRest, kBell, kTurns };

// One row of `attune plan`: a span of time of one kind for one person (or both).
struct TimelinePhase {
  Micros start{0};
  Micros end{0};
  PhaseKind kind = PhaseKind::kSay;
  Person person = Person::kBoth;
  int step = 0;         // 1-based index into Timeline::steps (the played order)
  int line = 0;         // the script line of the step (or of the region / group item)
  std::string caption;  // what the pacer shows: "Breathe in", the prompt, the region, ...
  // Breathing only: where the lungs are at start and end (0 empty .. 1 full), set by the compiler so that
  // the pacer is continuous. Non-breathing phases hold the previous value.
  double lungs_from = 0.0;
  double lungs_to = 0.0;
  bool count = true;             // show the seconds left
  std::string item;              // region / group rows: the body region or muscle group itself ("left foot")
  Person giver = Person::kBoth;  // turn rows: who gives in this turn (the other receives)
};

// A discrete sound, placed exactly. `person` decides panning (kBoth = centre).
struct Cue {
  Micros time{0};
  CueSound sound = CueSound::kBowl;
  Person person = Person::kBoth;
  int count = 1;  // pulses in this cue: `breath: ticks` uses 1 at an inhale and 2 at an exhale
  // A region change in a body scan: a short, damped strike about 12 dB below a step cue (never a ringing
  // bowl). The mixer renders soft cues quieter and shorter.
  bool soft = false;
};

// What a prompt is to the person: a step's own `say` (large while spoken, then a smaller steady line), an
// item's instruction (a region, a PMR group, a turn), or a short signal ("Now.", "And release...").
enum class PromptRole { kStep, kItem, kSignal };

// A prompt to show as a caption and to speak.
struct Prompt {
  Micros start{0};
  Micros end{0};         // when the caption stops showing (the end of its step or item)
  Micros spoken_end{0};  // where its speech ends: start + the spoken length (recorded clip, synthesized
                         // speech at the session's voice and rate, or with `voice: off` the reading time)
  std::string text;      // with {name}, {a}, {b}, {region}, {group}, {giver}, {receiver} already replaced
  Person who = Person::kBoth;
  std::string voice;  // recorded clip (real path) or empty = synthesize
  int step = 0;       // 1-based index into Timeline::steps
  int line = 0;       // the script line it came from (the step's `say`, the region or group item)
  int column = 0;
  PromptRole role = PromptRole::kStep;
};

// One played step (after `repeat` and `use` are expanded).
struct TimelineStep {
  Micros start{0};
  Micros end{0};
  StepKind kind = StepKind::kSay;
  int line = 0;
  std::string title;      // short label for "now" / "next": "Breathe 4-6", "Body scan", "Rest 5 min", ...
  std::string note;       // presenter-only
  bool wait = false;      // the player holds at `end` until continued
  std::string wait_text;  // what the room sees while held (empty: the step's prompt stays)
  BreathMode mode = BreathMode::kTogether;  // breathe steps
  std::vector<Micros> interval_marks;       // rest steps: the interval bell times
};

struct Timeline {
  std::string title;
  std::string file;
  int people = 1;
  Role a;
  Role b;
  SoundSettings sound;
  std::string language = "en";
  Micros duration{0};
  std::vector<TimelineStep> steps;
  std::vector<TimelinePhase> phases;  // sorted by start, then person
  std::vector<Cue> cues;              // sorted by time
  std::vector<Prompt> prompts;        // sorted by start
};

inline constexpr Micros kMaxSessionLength = std::chrono::hours(4);
inline constexpr std::size_t kMaxPhases = 100'000;

struct CompileResult {
  std::optional<Timeline> timeline;  // set when there is no error
  Diagnostics diagnostics;           // limits exceeded, long-session warnings, ...
};

// Expands and times a session. Refuses (with a diagnostic, quickly, without expanding) anything over
// the limits: 4 hours, 100,000 phases.
// `speech` gives every prompt's spoken length (nullptr: the reading time; `voice: off` always uses the
// reading time). Lead-ins and `auto` PMR prepare phases are sized from it, so pass the same source
// wherever the same session is shown or heard.
// `name_a` / `name_b` are the partners' names for this playing (empty: the script's own role names). In a
// two-person session they replace the roles' names everywhere the compiler uses them: Timeline::a / b (the
// pacers' names), {name}, {a}, {b}, {giver} and {receiver} in every prompt, caption and title, and so the
// spoken lengths that time lead-ins and prepare phases. A one-person session keeps its script's names.
struct CompileOptions {
  const SpeechLength* speech = nullptr;
  std::string name_a{};
  std::string name_b{};
};

// Adds the guidance warnings to `diagnostics`: two prompts for one listener that overlap, a prompt that
// runs past the time it has (the next prompt for the same listener or its step's end), a lead_in or
// prepare too short for its prompt. Each names file:line:column (and the other prompt's line).
CompileResult Compile(const Session& session, const CompileOptions& options = {});

// Cues with time in (from, to]: the window rule that never drops or doubles a cue across frames.
std::vector<Cue> CuesIn(const Timeline& timeline, Micros from, Micros to);

// The index of the step playing at `t` (clamped to the first / last step).
int StepAt(const Timeline& timeline, Micros t);

// A copy of `timeline` with the rest phase playing at `t` made longer by `extra` (everything after it
// moves later). Returns nullopt when no rest phase plays at `t`.
std::optional<Timeline> ExtendRestAt(const Timeline& timeline, Micros t, Micros extra);

const char* ToString(StepKind kind);

}  // namespace attune::core
