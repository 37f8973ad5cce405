// app/platform/frame_pacer.cpp: the frame pacing rules: 60 fps after input, 24 fps while a pacer moves,
// a sleep until the next visible change otherwise, and a signature comparison so that only visible
// changes are drawn.
#include "platform/frame_pacer.hpp"

#include <algorithm>

namespace attune::platform {

Micros FrameTimeout(const FrameInputs& inputs, const FramePacerState& state) {
  const Micros now = inputs.now;
  Micros timeout = kIdleWait;
  if (state.frames_to_draw > 0) timeout = std::max(Micros{0}, state.last_draw + kFrameInterval - now);
  if (inputs.player) {
    if (inputs.hint.moving && !inputs.blank) {
      timeout = std::min(timeout, std::max(kMotionRecheck, state.last_draw + kMotionInterval - now));
    } else if (inputs.hint.until_change != Micros::max()) {
      timeout = std::min(timeout, inputs.hint.until_change + Micros{500});
    }
    if (ControlsShown(now, inputs.last_mouse)) {
      timeout = std::min(timeout, inputs.last_mouse + kControlsLinger - now + Micros{1000});
    }
  } else {
    timeout = std::min(timeout, std::max(Micros{0}, state.last_poll + kLibraryPoll - now));
  }
  if (inputs.preparing_audio) timeout = std::min(timeout, kPreparingRecheck);
  if (inputs.quit_at != Micros::max()) timeout = std::min(timeout, std::max(Micros{0}, inputs.quit_at - now));
  return std::max(Micros{0}, timeout);
}

FrameDecision DecideFrame(const FrameInputs& inputs, FramePacerState& state) {
  if (state.frames_to_draw > 0 && inputs.now - state.last_draw < kFrameInterval) {
    return {false, FrameReason::kTooSoon};
  }
  std::string signature = inputs.signature ? inputs.signature() : std::string();
  const bool owed = state.frames_to_draw > 0;
  if (!owed && signature == state.last_signature) return {false, FrameReason::kUnchanged};
  if (owed) --state.frames_to_draw;
  state.last_signature = std::move(signature);
  state.last_draw = inputs.now;
  return {true, owed ? FrameReason::kOwed : FrameReason::kChanged};
}

void NoteInput(FramePacerState& state) {
  state.frames_to_draw = std::max(state.frames_to_draw, kFramesAfterInput);
}

void NoteChange(FramePacerState& state) {
  state.frames_to_draw = std::max(state.frames_to_draw, kFramesAfterChange);
}

bool LibraryPollDue(Micros now, FramePacerState& state) {
  if (now - state.last_poll < kLibraryPoll) return false;
  state.last_poll = now;
  return true;
}

bool ControlsShown(Micros now, Micros last_mouse) { return now - last_mouse < kControlsLinger; }

}  // namespace attune::platform
