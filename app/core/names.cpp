// app/core/names.cpp: the name tables of core's enums, and ToString derived from them.
#include "core/names.hpp"

#include <array>

#include "core/history.hpp"
#include "core/navigation.hpp"
#include "core/quick_timer.hpp"
#include "core/settings.hpp"
#include "core/timeline.hpp"

namespace attune::core {
namespace {

constexpr std::array<EnumName<Person>, 3> kPersonNames = {{
    {Person::kA, "a"},
    {Person::kB, "b"},
    {Person::kBoth, "both"},
}};

constexpr std::array<EnumName<CueSound>, 7> kCueSoundNames = {{
    {CueSound::kNone, "none"},
    {CueSound::kBowl, "bowl"},
    {CueSound::kChime, "chime"},
    {CueSound::kGong, "gong"},
    {CueSound::kWood, "wood"},
    {CueSound::kTone, "tone"},
    {CueSound::kTick, "tick"},
}};

constexpr std::array<EnumName<BreathSound>, 3> kBreathSoundNames = {{
    {BreathSound::kGlide, "glide"},
    {BreathSound::kTicks, "ticks"},
    {BreathSound::kNone, "none"},
}};

constexpr std::array<EnumName<VoiceMode>, 4> kVoiceModeNames = {{
    {VoiceMode::kAuto, "auto"},
    {VoiceMode::kRecorded, "recorded"},
    {VoiceMode::kSynth, "synth"},
    {VoiceMode::kOff, "off"},
}};

constexpr std::array<EnumName<PhaseKind>, 14> kPhaseKindNames = {{
    {PhaseKind::kSay, "say"},
    {PhaseKind::kLeadIn, "lead_in"},
    {PhaseKind::kInhale, "inhale"},
    {PhaseKind::kHold, "hold"},
    {PhaseKind::kExhale, "exhale"},
    {PhaseKind::kHoldOut, "hold_out"},
    {PhaseKind::kRegion, "region"},
    {PhaseKind::kPrepare, "prepare"},
    {PhaseKind::kTense, "tense"},
    {PhaseKind::kRelease, "release"},
    {PhaseKind::kRest, "rest"},
    {PhaseKind::kBell, "bell"},
    {PhaseKind::kTurn, "turn"},
    {PhaseKind::kWait, "wait"},
}};

constexpr std::array<EnumName<BreathMode>, 4> kBreathModeNames = {{
    {BreathMode::kTogether, "together"},
    {BreathMode::kAlternate, "alternate"},
    {BreathMode::kHalf, "half"},
    {BreathMode::kShift, "shift"},
}};

constexpr std::array<EnumName<StepKind>, 7> kStepKindNames = {{
    {StepKind::kSay, "say"},
    {StepKind::kBreathe, "breathe"},
    {StepKind::kBodyScan, "body_scan"},
    {StepKind::kPmr, "pmr"},
    {StepKind::kRest, "rest"},
    {StepKind::kBell, "bell"},
    {StepKind::kTurns, "turns"},
}};

constexpr std::array<EnumName<Theme>, 3> kThemeNames = {{
    {Theme::kDark, "dark"},
    {Theme::kLight, "light"},
    {Theme::kHighContrast, "high-contrast"},
}};

constexpr std::array<EnumName<PacerStyle>, 2> kPacerStyleNames = {{
    {PacerStyle::kCircle, "circle"},
    {PacerStyle::kBar, "bar"},
}};

constexpr std::array<EnumName<PracticeState>, 4> kPracticeStateNames = {{
    {PracticeState::kPlaying, "playing"},
    {PracticeState::kCompleted, "completed"},
    {PracticeState::kStopped, "stopped"},
    {PracticeState::kInterrupted, "interrupted"},
}};

constexpr std::array<EnumName<QuickPattern>, 5> kQuickPatternNames = {{
    {QuickPattern::kBox, "box"},
    {QuickPattern::k478, "4-7-8"},
    {QuickPattern::kCoherent, "coherent"},
    {QuickPattern::kSigh, "sigh"},
    {QuickPattern::kCustom, "custom"},
}};

// The app's screens, as `--screen` names them.
constexpr std::array<EnumName<Screen>, 6> kScreenNames = {{
    {Screen::kLibrary, "library"},
    {Screen::kStart, "start"},
    {Screen::kPlayer, "player"},
    {Screen::kEnd, "end"},
    {Screen::kHistory, "history"},
    {Screen::kQuickTimer, "quick-timer"},
}};

}  // namespace

std::span<const EnumName<Person>> NameTable(Person) { return kPersonNames; }
std::span<const EnumName<CueSound>> NameTable(CueSound) { return kCueSoundNames; }
std::span<const EnumName<BreathSound>> NameTable(BreathSound) { return kBreathSoundNames; }
std::span<const EnumName<VoiceMode>> NameTable(VoiceMode) { return kVoiceModeNames; }
std::span<const EnumName<PhaseKind>> NameTable(PhaseKind) { return kPhaseKindNames; }
std::span<const EnumName<BreathMode>> NameTable(BreathMode) { return kBreathModeNames; }
std::span<const EnumName<StepKind>> NameTable(StepKind) { return kStepKindNames; }
std::span<const EnumName<Theme>> NameTable(Theme) { return kThemeNames; }
std::span<const EnumName<PacerStyle>> NameTable(PacerStyle) { return kPacerStyleNames; }
std::span<const EnumName<PracticeState>> NameTable(PracticeState) { return kPracticeStateNames; }
std::span<const EnumName<QuickPattern>> NameTable(QuickPattern) { return kQuickPatternNames; }
std::span<const EnumName<Screen>> NameTable(Screen) { return kScreenNames; }

const char* ToString(Person person) { return NameOf(person); }
const char* ToString(CueSound sound) { return NameOf(sound); }
const char* ToString(BreathSound sound) { return NameOf(sound); }
const char* ToString(VoiceMode mode) { return NameOf(mode); }
const char* ToString(PhaseKind kind) { return NameOf(kind); }
const char* ToString(BreathMode mode) { return NameOf(mode); }
const char* ToString(StepKind kind) { return NameOf(kind); }
const char* ToString(Theme theme) { return NameOf(theme); }
const char* ToString(PacerStyle style) { return NameOf(style); }
const char* ToString(PracticeState state) { return NameOf(state); }
const char* ToString(QuickPattern pattern) { return NameOf(pattern); }
const char* ToString(Screen screen) { return NameOf(screen); }

std::optional<PracticeState> PracticeStateFromString(const std::string& text) {
  return FromName<PracticeState>(text);
}

}  // namespace attune::core
