// app/core/quick_timer.hpp: a breathing timer without writing YAML. From a pattern, a length, one or two
// people and a mode it makes an ordinary session script (format v1) that loads clean, plays at once, and can
// be saved to the user's sessions folder, where the library finds it. Pure, except SaveQuickTimer.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/timeline.hpp"

namespace attune::core {

enum class QuickPattern {
  kBox,       // 4-4-4-4
  k478,       // 4-7-8
  kCoherent,  // 5-5: six breaths a minute
  kSigh,      // cyclic physiological sigh: in 2 s, top up 1.5 s, out 6.5 s (no inhale under 1.5 s)
  kCustom,    // QuickTimerSpec::custom
};
inline constexpr std::array<QuickPattern, 5> kQuickPatterns = {QuickPattern::kBox, QuickPattern::k478,
                                                               QuickPattern::kCoherent, QuickPattern::kSigh,
                                                               QuickPattern::kCustom};
const char* ToString(QuickPattern pattern);     // "box", "4-7-8", "coherent", "sigh", "custom"
const char* DisplayName(QuickPattern pattern);  // "Box breathing", "4-7-8 breathing", ...

struct QuickTimerSpec {
  QuickPattern pattern = QuickPattern::kBox;
  // kCustom: inhale, hold, exhale, hold_out in seconds. Inhale and exhale at least 0.5, holds at least 0,
  // the cycle at most 120 s; at most three decimals are kept.
  std::array<double, 4> custom = {4.0, 0.0, 6.0, 0.0};
  int minutes = 5;                          // of breathing, 1..240
  int people = 1;                           // 1 or 2
  BreathMode mode = BreathMode::kTogether;  // with two people: kTogether, kAlternate or kHalf
  std::string name_a;  // with two people, optional role names (empty = "Partner A" / "Partner B")
  std::string name_b;
};

// What is wrong with a spec, as sentences a person reads ("Breathe in must be at least 0.5 s."); empty when
// the spec makes a valid script.
std::vector<std::string> QuickTimerProblems(const QuickTimerSpec& spec);

// "Box breathing, 5 min"; with two people the mode follows: "Box breathing, 5 min, alternate".
std::string QuickTimerTitle(const QuickTimerSpec& spec);

// The pattern as people read it: "4-4-4-4", "4-7-8", "5-5", "2+1.5-6.5" (the sigh), "4.5-0-6.5-0" (custom).
std::string QuickPatternText(const QuickTimerSpec& spec);

// The script text. Only meaningful when QuickTimerProblems(spec) is empty.
std::string QuickTimerYaml(const QuickTimerSpec& spec);

// The spec's script loaded and compiled as any script is: the timeline to play at once, without saving. Its
// `file` is "" (nothing on disk yet); `yaml` is the text (for core::ScriptHash). On a bad spec, `timeline` is
// nullopt and `problems` says why (QuickTimerProblems, then any loader or compiler error).
struct QuickTimerBuild {
  std::optional<Timeline> timeline;
  std::vector<std::string> problems;
  std::string yaml;
};
QuickTimerBuild BuildQuickTimer(const QuickTimerSpec& spec, const CompileOptions& compile = {});

// A file name for the spec: "quick-box-5min.yaml", "quick-custom-4-0-6-0-10min-alternate.yaml".
std::string QuickTimerFileName(const QuickTimerSpec& spec);

struct QuickTimerSave {
  bool ok = false;
  std::string path;   // the file written
  std::string error;  // why not, for the user
};

// Writes the script into `folder` (created if needed) under QuickTimerFileName, or "-2", "-3", ... before
// ".yaml" when that name is taken: never overwrites a file. Atomic: a temporary file is written and fsynced,
// then linked to its name (which fails rather than replace an existing file). UI thread.
QuickTimerSave SaveQuickTimer(const QuickTimerSpec& spec, const std::string& folder);

}  // namespace attune::core
