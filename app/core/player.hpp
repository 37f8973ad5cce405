// app/core/player.hpp: the player, a pure state machine over a timeline. Time comes in as a parameter:
// `now` is the reading of the master clock (the audio clock while audio plays, else the monotonic clock),
// in microseconds. The player maps that clock to session time; the audio thread can do the same mapping
// from a ClockMap snapshot, so picture and sound derive session time from one clock and never drift.
#pragma once

#include <memory>

#include "core/timeline.hpp"

namespace attune::core {

enum class PlayerStatus {
  kReady,    // loaded, not started
  kPreRoll,  // counting down before the first step
  kPlaying,
  kPaused,
  kWaiting,   // held at a `wait` gate until Continue()
  kFinished,  // reached the end
  kStopped,   // stopped early by the user
};

// How a clock reading maps to session time: session = clamp(session_anchor + (clock - clock_anchor)
// if running, else session_anchor; floor 0; at most `limit`). Plain data: copy it to the audio thread.
struct ClockMap {
  bool running = false;
  Micros clock_anchor{0};
  Micros session_anchor{0};
  Micros limit{0};  // the next wait gate or the end of the session
  Micros SessionAt(Micros clock) const;
};

class Player {
 public:
  // `pre_roll`: the countdown before the first step (0 for none).
  Player(std::shared_ptr<const Timeline> timeline, Micros pre_roll);

  void Start(Micros now);   // from kReady (or after kFinished / kStopped: starts again from 0)
  void Pause(Micros now);   // kPlaying / kPreRoll -> kPaused
  void Resume(Micros now);  // kPaused -> what it was
  void TogglePause(Micros now);
  void Next(Micros now);  // jump to the next step's start (at the last step: finish)
  void Previous(
      Micros now);  // back to the current step's start, or the previous step's when within 2 s of it
  void Continue(Micros now);    // leave a wait gate
  bool ExtendRest(Micros now);  // the rest playing now gets one more minute; false if none plays
  void Stop(Micros now);
  void StartAt(Micros now, Micros session_time);  // start playing at once from a session time (no pre-roll)

  // Moves the state along to `now`: enters a wait gate, finishes at the end. Call once per frame and
  // before reading. Idempotent for the same `now`.
  void Update(Micros now);

  PlayerStatus status() const { return status_; }
  Micros SessionTime(Micros now) const;  // clamped to [0, duration]
  Micros PreRollLeft(Micros now) const;  // > 0 only in kPreRoll
  const ClockMap& clock_map() const { return map_; }
  const std::shared_ptr<const Timeline>& timeline() const { return timeline_; }
  int revision() const { return revision_; }  // bumps whenever the timeline or the clock map changes
  int current_step(Micros now) const;         // index into timeline().steps

 private:
  void Seek(Micros now, Micros session_time);
  void Reanchor(Micros now, bool running);
  Micros NextGateAfter(Micros session_time) const;

  std::shared_ptr<const Timeline> timeline_;
  Micros pre_roll_;
  PlayerStatus status_ = PlayerStatus::kReady;
  PlayerStatus paused_from_ = PlayerStatus::kPlaying;
  Micros pre_roll_end_{0};  // clock at which the pre-roll ends
  Micros paused_pre_roll_left_{0};
  ClockMap map_;
  std::vector<bool> gates_passed_;  // per step: its wait gate has been continued
  int revision_ = 0;
};

const char* ToString(PlayerStatus status);

// Whether a session in `status` keeps the screen awake (the screensaver and idle sleep inhibited): while it
// counts down, plays or holds at a wait gate (the room is still in the session), not when it is ready,
// paused or over.
bool KeepsScreenAwake(PlayerStatus status);

}  // namespace attune::core
