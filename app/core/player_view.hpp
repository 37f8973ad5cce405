// app/core/player_view.hpp: what the player screen shows at one instant, as plain data, and when that
// picture next changes visibly (for frame pacing). Pure functions of the timeline, the player's state
// and the session time; no SDL, no ImGui, no clock. Safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/pacer.hpp"
#include "core/player.hpp"
#include "core/timeline.hpp"

namespace attune::core {

// Body areas a body-scan region can light up, as bits of PlayerView::body_areas.
enum BodyArea : std::uint32_t {
  kBodyHead = 1u << 0,
  kBodyNeck = 1u << 1,
  kBodyShoulders = 1u << 2,
  kBodyChest = 1u << 3,
  kBodyBelly = 1u << 4,
  kBodyPelvis = 1u << 5,
  kBodyLeftArm = 1u << 6,
  kBodyRightArm = 1u << 7,
  kBodyLeftHand = 1u << 8,
  kBodyRightHand = 1u << 9,
  kBodyLeftLeg = 1u << 10,
  kBodyRightLeg = 1u << 11,
  kBodyLeftFoot = 1u << 12,
  kBodyRightFoot = 1u << 13,
  kBodyBack = 1u << 14,
  kBodyWhole = (1u << 15) - 1,
};

// The areas a region's text names ("left foot" -> kBodyLeftFoot, "the top of the head" -> kBodyHead,
// "both legs" -> left and right leg); 0 when it names none the outline can show.
std::uint32_t BodyAreasOf(const std::string& region);

struct PacerView {
  Person person = Person::kA;
  std::string name;   // the partner's name; empty with one person
  std::string color;  // "#rrggbb"
  PhaseKind phase = PhaseKind::kSay;
  bool breathing = false;  // inhale, hold, exhale or hold_out
  double lungs = 0.0;      // 0 empty .. 1 full
  double phase_progress = 0.0;
  std::string label;     // "Breathe in", "Hold", "Rest", ...: the large text by the pacer; empty outside
                         // breathing (and in a lead-in, when the pacer rests still)
  int seconds_left = 0;  // the countdown digit (whole seconds, rounded up)
  bool show_count = false;
  // A prompt addressed to this partner only (`who: a` / `who: b`), split as PlayerView::caption and
  // PlayerView::steady_line are.
  std::string caption;
  std::string steady_line;
};

struct PlayerViewOptions {
  std::string name_a;  // override the role names (the partners' own names); empty = the script's
  std::string name_b;
};

struct PlayerView {
  PlayerStatus status = PlayerStatus::kReady;
  std::string title;
  int people = 1;
  StepKind kind = StepKind::kSay;
  BreathMode mode = BreathMode::kTogether;
  std::string mode_text;  // "Together", "Alternate: one breathes in as the other breathes out", ...
  int step_number = 0;    // 1-based
  int step_count = 0;
  std::string step_title;
  std::string next_title;  // "" at the last step
  std::string note;        // presenter-only
  std::string next_note;
  Micros elapsed{0};
  Micros remaining{0};
  Micros duration{0};
  double progress = 0.0;  // 0..1 through the session
  Micros step_elapsed{0};
  Micros step_length{0};
  int pre_roll_seconds = 0;       // the pre-roll digit; > 0 only in kPreRoll
  std::vector<PacerView> pacers;  // one per person while breathing; empty otherwise
  // The step's phase now (person a's in a two-person step): kLeadIn while the step's prompt is spoken
  // before its first breath, region, group or turn; kPrepare, kTense, kRelease in PMR; ...
  PhaseKind phase = PhaseKind::kSay;
  bool lead_in = false;  // phase == kLeadIn: the pacer rests still, with no label and no count
  // The captions for both (or the only person), laid out by the screen in a band of fixed height:
  // - caption: the large text. The latest prompt that speaks now: a step's own prompt while it is spoken
  //   (t < spoken_end), an item's instruction for its whole item (a region, a PMR group, a turn), a PMR
  //   signal ("Now.", "And release...") through its phase. On a `say` step its prompt stays large; at a
  //   wait gate it is the step's wait text (or, without one, the step's prompt).
  // - steady_line: the smaller line: the step's own prompt once spoken (or while an item speaks over it),
  //   for the rest of the step. Empty when it would repeat `caption`.
  std::string caption;
  PromptRole caption_role = PromptRole::kStep;  // what `caption` is, when it is non-empty
  std::string steady_line;
  // PMR
  double tension = 0.0;  // 0..1: empty in prepare, fills through tense, drains through release
  bool tensing = false;
  std::string group;        // the group of the prepare / tense / release playing; empty in a lead-in
  std::string phase_label;  // "Get ready" (prepare), "Tense", "Release"; empty elsewhere
  // Body scan
  std::string region;
  std::uint32_t body_areas = 0;
  // Rest
  Micros rest_left{0};
  std::vector<double> rest_marks;  // interval bells as fractions 0..1 of the rest step
  // Turns
  std::string giver;
  std::string receiver;
  std::string giver_color;
  int turn_number = 0;  // 1-based; 0 in the step's lead-in (giver and receiver are then the first turn's)
  int turn_count = 0;
  Micros turn_left{0};  // until this turn ends (in the lead-in: until the first turn starts)
  // Wait gate
  bool waiting = false;
};

// The picture at session time `t` (clamped to the timeline). `pre_roll_left` matters only in kPreRoll.
PlayerView BuildPlayerView(const Timeline& timeline, PlayerStatus status, Micros t, Micros pre_roll_left,
                           const PlayerViewOptions& options = {});

// How long the picture stays the same, for frame pacing. `moving`: something changes continuously (a
// circle grows, a bar fills), so redraw when it moves a pixel. Otherwise `until_change` is the time to the
// next discrete change (a countdown or clock digit, a phase, a caption, a prompt's speech ending so that
// it becomes the steady line); Micros::max() when nothing will
// change by itself (paused, waiting, finished).
struct FrameHint {
  bool moving = false;
  Micros until_change = Micros::max();
};
FrameHint NextVisibleChange(const Timeline& timeline, PlayerStatus status, Micros t, Micros pre_roll_left);

// What the end screen says.
struct EndSummary {
  std::string title;
  // "You practised for 4 min 35 s." / "You stopped after 1 min 2 s." / with time skipped: "You reached the
  // end: 1 min 10 s practised, 3 min 50 s skipped." / "You stopped after 40 s of practice (2 min skipped)."
  std::string headline;
  // Per kind of practice, the time played (skipped time left out): "Paced breathing: 3 min 50 s", in order
  // of first use.
  std::vector<std::string> lines;
  bool counted = true;  // the practice counts in the totals and streaks (StreakSettings::min_practice)
  // When it does not: "Under 30 s of practice: kept in your history, not counted in your totals or
  // streak."
  std::string note;
};

// What happened in a practice, as the PracticeRecorder saw it.
struct EndFacts {
  bool completed = false;                         // played to the end (possibly skipping on the way)
  Micros reached{0};                              // session time reached
  Micros practised{0};                            // PracticeRecorder::Practised
  Micros skipped{0};                              // PracticeRecorder::Skipped(reached)
  std::vector<std::pair<Micros, Micros>> played;  // PracticeRecorder::played(): session spans played
  Micros min_counted{30'000'000};                 // StreakSettings::min_practice
};
EndSummary BuildEndSummary(const Timeline& timeline, const EndFacts& facts);

}  // namespace attune::core
