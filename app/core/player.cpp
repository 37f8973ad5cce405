// app/core/player.cpp: the player state machine. Session time is always derived from the ClockMap, so
// the picture and the audio thread (which copies the map) agree on it.
#include "core/player.hpp"

#include <algorithm>

namespace attune::core {

Micros ClockMap::SessionAt(Micros clock) const {
  Micros session = running ? session_anchor + (clock - clock_anchor) : session_anchor;
  session = std::max(session, Micros{0});
  return std::min(session, limit);
}

Player::Player(std::shared_ptr<const Timeline> timeline, Micros pre_roll)
    : timeline_(std::move(timeline)), pre_roll_(std::max(pre_roll, Micros{0})) {
  gates_passed_.assign(timeline_->steps.size(), false);
  map_.limit = NextGateAfter(Micros{0});
}

Micros Player::NextGateAfter(Micros session_time) const {
  Micros gate = timeline_->duration;
  for (std::size_t i = 0; i < timeline_->steps.size(); ++i) {
    const TimelineStep& step = timeline_->steps[i];
    if (step.wait && !gates_passed_[i] && step.end >= session_time) gate = std::min(gate, step.end);
  }
  return gate;
}

void Player::Reanchor(Micros now, bool running) {
  const Micros session = map_.SessionAt(now);
  map_.running = running;
  map_.clock_anchor = now;
  map_.session_anchor = session;
  map_.limit = NextGateAfter(session);
  ++revision_;
}

void Player::Seek(Micros now, Micros session_time) {
  const Micros target = std::clamp(session_time, Micros{0}, timeline_->duration);
  // Gates behind the target count as passed (the user moved past them); gates ahead hold again.
  for (std::size_t i = 0; i < timeline_->steps.size(); ++i) {
    const TimelineStep& step = timeline_->steps[i];
    gates_passed_[i] = step.wait && step.end <= target && !(step.end == target && step.start == target);
  }
  map_.clock_anchor = now;
  map_.session_anchor = target;
  map_.limit = NextGateAfter(target);
  ++revision_;
}

void Player::Start(Micros now) {
  if (status_ != PlayerStatus::kReady && status_ != PlayerStatus::kFinished &&
      status_ != PlayerStatus::kStopped) {
    return;
  }
  std::fill(gates_passed_.begin(), gates_passed_.end(), false);
  map_ = ClockMap{false, now, Micros{0}, NextGateAfter(Micros{0})};
  ++revision_;
  if (pre_roll_.count() > 0) {
    status_ = PlayerStatus::kPreRoll;
    pre_roll_end_ = now + pre_roll_;
    // The map already runs from the countdown's end (SessionAt floors at 0 before it), so the audio
    // thread, which renders ahead of the UI, starts the session on the exact frame.
    map_ = ClockMap{true, pre_roll_end_, Micros{0}, NextGateAfter(Micros{0})};
  } else {
    status_ = PlayerStatus::kPlaying;
    map_.running = true;
  }
  Update(now);
}

void Player::StartAt(Micros now, Micros session_time) {
  status_ = PlayerStatus::kPlaying;
  Seek(now, session_time);
  map_.running = true;
  Update(now);
}

void Player::Update(Micros now) {
  if (status_ == PlayerStatus::kPreRoll && now >= pre_roll_end_) {
    // Session time starts exactly when the countdown ends, however late this call comes.
    status_ = PlayerStatus::kPlaying;
    map_ = ClockMap{true, pre_roll_end_, Micros{0}, NextGateAfter(Micros{0})};
    ++revision_;
  }
  if (status_ != PlayerStatus::kPlaying) return;
  const Micros session = map_.SessionAt(now);
  if (session < map_.limit) return;
  const Micros at = map_.limit;
  bool gate = false;
  for (std::size_t i = 0; i < timeline_->steps.size(); ++i) {
    const TimelineStep& step = timeline_->steps[i];
    if (step.wait && !gates_passed_[i] && step.end == at) gate = true;
  }
  if (!gate && at < timeline_->duration) return;
  status_ = gate ? PlayerStatus::kWaiting : PlayerStatus::kFinished;
  map_.running = false;
  map_.clock_anchor = now;
  map_.session_anchor = at;
  ++revision_;
}

void Player::Pause(Micros now) {
  Update(now);
  if (status_ == PlayerStatus::kPlaying) {
    paused_from_ = PlayerStatus::kPlaying;
    Reanchor(now, false);
    status_ = PlayerStatus::kPaused;
  } else if (status_ == PlayerStatus::kPreRoll) {
    paused_from_ = PlayerStatus::kPreRoll;
    paused_pre_roll_left_ = pre_roll_end_ - now;
    status_ = PlayerStatus::kPaused;
    map_ = ClockMap{false, now, Micros{0}, map_.limit};
    ++revision_;
  }
}

void Player::Resume(Micros now) {
  if (status_ != PlayerStatus::kPaused) return;
  if (paused_from_ == PlayerStatus::kPreRoll) {
    status_ = PlayerStatus::kPreRoll;
    pre_roll_end_ = now + paused_pre_roll_left_;
    map_ = ClockMap{true, pre_roll_end_, Micros{0}, map_.limit};
    ++revision_;
  } else {
    status_ = PlayerStatus::kPlaying;
    Reanchor(now, true);
  }
  Update(now);
}

void Player::TogglePause(Micros now) {
  Update(now);
  if (status_ == PlayerStatus::kPaused) {
    Resume(now);
  } else {
    Pause(now);
  }
}

void Player::Next(Micros now) {
  Update(now);
  if (status_ == PlayerStatus::kPreRoll) {
    // Skips the countdown.
    status_ = PlayerStatus::kPlaying;
    Seek(now, Micros{0});
    map_.running = true;
    Update(now);
    return;
  }
  if (status_ != PlayerStatus::kPlaying && status_ != PlayerStatus::kPaused &&
      status_ != PlayerStatus::kWaiting) {
    return;
  }
  const int step = current_step(now);
  const bool running = status_ != PlayerStatus::kPaused;
  if (status_ == PlayerStatus::kWaiting) status_ = PlayerStatus::kPlaying;
  if (step + 1 >= static_cast<int>(timeline_->steps.size())) {
    std::fill(gates_passed_.begin(), gates_passed_.end(), true);
    map_ = ClockMap{false, now, timeline_->duration, timeline_->duration};
    status_ = PlayerStatus::kFinished;
    ++revision_;
    return;
  }
  Seek(now, timeline_->steps[static_cast<std::size_t>(step + 1)].start);
  map_.running = running;
  Update(now);
}

void Player::Previous(Micros now) {
  Update(now);
  if (status_ != PlayerStatus::kPlaying && status_ != PlayerStatus::kPaused &&
      status_ != PlayerStatus::kWaiting) {
    return;
  }
  const Micros session = SessionTime(now);
  int step = current_step(now);
  if (session - timeline_->steps[static_cast<std::size_t>(step)].start < Micros{2'000'000} && step > 0)
    --step;
  const bool running = status_ != PlayerStatus::kPaused;
  if (status_ == PlayerStatus::kWaiting) status_ = PlayerStatus::kPlaying;
  Seek(now, timeline_->steps[static_cast<std::size_t>(step)].start);
  map_.running = running;
  Update(now);
}

void Player::Continue(Micros now) {
  Update(now);
  if (status_ != PlayerStatus::kWaiting) return;
  const Micros at = map_.session_anchor;
  for (std::size_t i = 0; i < timeline_->steps.size(); ++i) {
    if (timeline_->steps[i].wait && timeline_->steps[i].end == at) gates_passed_[i] = true;
  }
  status_ = PlayerStatus::kPlaying;
  Reanchor(now, true);
  Update(now);
}

bool Player::ExtendRest(Micros now) {
  Update(now);
  if (status_ != PlayerStatus::kPlaying && status_ != PlayerStatus::kPaused) return false;
  const Micros session = SessionTime(now);
  std::optional<Timeline> longer = ExtendRestAt(*timeline_, session, Micros{60'000'000});
  if (!longer.has_value()) return false;
  timeline_ = std::make_shared<const Timeline>(std::move(*longer));
  gates_passed_.resize(timeline_->steps.size(), false);
  Reanchor(now, status_ == PlayerStatus::kPlaying);
  return true;
}

void Player::Stop(Micros now) {
  Update(now);
  if (status_ == PlayerStatus::kReady || status_ == PlayerStatus::kFinished ||
      status_ == PlayerStatus::kStopped) {
    return;
  }
  if (status_ == PlayerStatus::kPreRoll ||
      (status_ == PlayerStatus::kPaused && paused_from_ == PlayerStatus::kPreRoll)) {
    map_ = ClockMap{false, now, Micros{0}, map_.limit};
  } else {
    Reanchor(now, false);
  }
  status_ = PlayerStatus::kStopped;
  ++revision_;
}

Micros Player::SessionTime(Micros now) const {
  if (status_ == PlayerStatus::kReady || status_ == PlayerStatus::kPreRoll) return Micros{0};
  return std::clamp(map_.SessionAt(now), Micros{0}, timeline_->duration);
}

Micros Player::PreRollLeft(Micros now) const {
  if (status_ != PlayerStatus::kPreRoll) return Micros{0};
  return std::max(pre_roll_end_ - now, Micros{0});
}

int Player::current_step(Micros now) const {
  if (timeline_->steps.empty()) return 0;
  const Micros session = SessionTime(now);
  if (status_ == PlayerStatus::kWaiting) {
    // Held at a gate: still in the step that ends there.
    for (std::size_t i = 0; i < timeline_->steps.size(); ++i) {
      if (timeline_->steps[i].wait && timeline_->steps[i].end == session && !gates_passed_[i]) {
        return static_cast<int>(i);
      }
    }
  }
  if (session >= timeline_->duration) return static_cast<int>(timeline_->steps.size()) - 1;
  return StepAt(*timeline_, session);
}

bool KeepsScreenAwake(PlayerStatus status) {
  return status == PlayerStatus::kPreRoll || status == PlayerStatus::kPlaying ||
         status == PlayerStatus::kWaiting;
}

const char* ToString(PlayerStatus status) {
  switch (status) {
    case PlayerStatus::kReady:
      return "ready";
    case PlayerStatus::kPreRoll:
      return "pre-roll";
    case PlayerStatus::kPlaying:
      return "playing";
    case PlayerStatus::kPaused:
      return "paused";
    case PlayerStatus::kWaiting:
      return "waiting";
    case PlayerStatus::kFinished:
      return "finished";
    case PlayerStatus::kStopped:
      return "stopped";
  }
  return "ready";
}

}  // namespace attune::core
