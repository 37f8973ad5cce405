// app/core/model.hpp: a session script as the loader validated it (format v1, shared/SESSION-FORMAT.md).
// Values are already checked and converted (times in microseconds, patterns resolved to phases,
// voice paths resolved to real paths inside the script's folder). `repeat` and `use` stay as a tree:
// the timeline compiler expands them, so a script full of aliases or nested uses never explodes here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/time.hpp"

namespace attune::core {

enum class Person { kA, kB, kBoth };

// The sounds a session can make. kTick is the soft pulse of `breath: ticks`.
enum class CueSound { kNone, kBowl, kChime, kGong, kWood, kTone, kTick };

enum class BreathSound { kGlide, kTicks, kNone };
enum class VoiceMode { kAuto, kRecorded, kSynth, kOff };

// A place in the script, 1-based.
struct SourceLocation {
  int line = 0;
  int column = 0;
};

struct Role {
  std::string name;   // "Partner A" by default
  std::string color;  // "#rrggbb"
  double pan = 0.0;   // -1 left .. 1 right
};

struct SoundSettings {
  CueSound cues = CueSound::kBowl;
  BreathSound breath = BreathSound::kGlide;
  std::string ambience = "none";  // "none", "pink", "brown", or a resolved real path to an audio file
  VoiceMode voice = VoiceMode::kAuto;
};

// One phase of a breathing pattern. kind is one of kInhale, kHold, kExhale, kHoldOut (see PhaseKind).
enum class PhaseKind {
  kSay,
  kLeadIn,  // the still time before a step's first phase in which its prompt is spoken (`lead_in`)
  kInhale,
  kHold,
  kExhale,
  kHoldOut,
  kRegion,
  kPrepare,  // PMR: the group's instruction, spoken while the muscles are still soft
  kTense,
  kRelease,
  kRest,
  kBell,
  kTurn,
  kWait
};

struct PatternPhase {
  PhaseKind kind = PhaseKind::kInhale;
  Micros length{0};
  std::string label;  // from `phases: [{inhale: 2, label: ...}]`; empty = the step's or default caption
};

struct Pattern {
  std::vector<PatternPhase> phases;  // never empty after loading
  Micros CycleLength() const;
};

// Common keys any step may carry.
struct StepCommon {
  SourceLocation location;           // of the step's kind key
  std::optional<std::string> say;    // the prompt (for a `say` step, its text)
  SourceLocation say_location;       // of the `say` value (for a `say` step, the kind key's value)
  std::optional<std::string> title;  // `title`; nullopt = derived from the step
  // `lead_in` on a breathe / pmr / body_scan / turns step with a `say`: nullopt = `auto` (the prompt's
  // spoken length plus 1 s); 0 = spoken over the first phases, as a background.
  std::optional<Micros> lead_in;
  SourceLocation lead_in_location;     // of the `lead_in` value, when given
  std::string voice;                   // resolved real path of a recorded clip, or empty
  std::optional<Micros> voice_length;  // the clip's length, read from the file
  std::string voice_name;              // the clip as written in the script ("clip.wav"), for messages
  SourceLocation voice_location;       // of the `voice` value, when given
  Person who = Person::kBoth;
  std::string note;             // presenter-only
  std::optional<CueSound> cue;  // explicit `cue`; nullopt = the session default rule
  bool wait = false;
  std::string wait_text;  // `wait: "When you are both ready"`; empty with `wait: true` (the prompt stays)
};

struct SayStep {
  std::optional<Micros> length;  // `for`; nullopt = the default rule (clip length or words)
};

enum class BreathMode { kTogether, kAlternate, kHalf, kShift };

struct BreatheStep {
  Pattern pattern;
  std::optional<Pattern> to;  // ramp target, same shape as `pattern`
  std::optional<int> cycles;
  std::optional<Micros> length;  // `for`
  BreathMode mode = BreathMode::kTogether;
  std::optional<Micros> shift_time;         // `shift: 1s`
  std::optional<double> shift_fraction;     // `shift: 25%` as 0.25
  std::map<PhaseKind, std::string> labels;  // captions per phase kind, from `labels`
  bool count = true;
};

struct BodyRegion {
  SourceLocation location;
  std::string region;
  Micros length{0};
  std::optional<std::string> say;
};

struct BodyScanStep {
  std::string prompt = "Bring your attention to your {region}.";
  std::vector<BodyRegion> regions;
  // `region_cue`: the sound at each region change after the first. nullopt = the soft default (a short
  // cue about 12 dB below a step cue, never a ringing bowl); kNone = silent; a name = that cue, soft.
  std::optional<CueSound> region_cue;
};

struct PmrGroup {
  SourceLocation location;
  std::string group;
  std::optional<std::string> say;
};

struct PmrStep {
  std::optional<Micros> prepare;  // nullopt = `auto`: the instruction's spoken length plus 1 s, at least 3 s
  SourceLocation prepare_location;  // of the `prepare` value, when given
  Micros tense{7'000'000};
  Micros release{30'000'000};
  int repeat = 1;
  std::string prepare_say = "You might tense your {group}.";  // a group's default instruction
  std::string tense_say = "Now.";
  std::string again_say = "Once more: {group}.";
  std::string release_say = "And release. Notice the difference.";
  std::vector<PmrGroup> groups;
};

struct RestStep {
  Micros length{0};
  std::optional<Micros> interval;
};

struct BellStep {
  CueSound sound = CueSound::kBowl;
  int strikes = 1;
  Micros gap{5'000'000};
};

struct TurnsStep {
  Micros each{0};
  int rounds = 1;
  Person first = Person::kA;
  std::string prompt = "{giver}, your turn to give. {receiver}, simply receive.";
  CueSound swap_cue = CueSound::kChime;
};

struct Step;
struct RepeatStep {
  int times = 1;
  std::vector<Step> steps;
};

struct UseStep {
  std::string block;  // a key of Session::blocks, checked by the loader
};

using StepBody = std::variant<SayStep, BreatheStep, BodyScanStep, PmrStep, RestStep, BellStep, TurnsStep,
                              RepeatStep, UseStep>;

struct Step {
  StepCommon common;
  StepBody body;
};

struct Session {
  std::string file;  // the path it was loaded from, as given
  std::string title;
  std::string summary;
  std::string author;
  std::string language = "en";
  std::vector<std::string> tags;
  int people = 1;
  Role a{"Partner A", "#6fa8dc", -0.6};
  Role b{"Partner B", "#e69138", 0.6};
  SoundSettings sound;
  std::map<std::string, Pattern> patterns;
  std::map<std::string, std::vector<Step>> blocks;
  std::vector<Step> steps;
};

const char* ToString(Person person);    // "a", "b", "both"
const char* ToString(CueSound sound);   // "none", "bowl", ... "tick"
const char* ToString(PhaseKind kind);   // "say", "inhale", ... "wait"
const char* ToString(BreathMode mode);  // "together", "alternate", "half", "shift"

}  // namespace attune::core
