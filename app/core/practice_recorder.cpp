// app/core/practice_recorder.cpp: practised time and when to write progress (see practice_recorder.hpp).
#include "core/practice_recorder.hpp"

#include "core/history.hpp"

namespace attune::core {

void PracticeRecorder::Begin(std::int64_t id, Micros now) {
  id_ = id;
  practised_ = Micros{0};
  playing_since_ = Micros{-1};
  last_write_ = now;
  written_step_ = 0;
}

std::optional<ProgressUpdate> PracticeRecorder::Observe(Micros now, bool playing, int step,
                                                        Micros session_time, bool force) {
  if (playing && playing_since_.count() < 0) playing_since_ = now;
  if (!playing && playing_since_.count() >= 0) {
    practised_ += now - playing_since_;
    playing_since_ = Micros{-1};
  }
  if (id_ == 0) return std::nullopt;
  if (!force && step == written_step_ && now - last_write_ < kUpdateInterval) return std::nullopt;
  written_step_ = step;
  last_write_ = now;
  return ProgressUpdate{id_, Practised(now), step, session_time};
}

std::optional<FinishRecord> PracticeRecorder::Finish(Micros now, int step, Micros reached, bool completed) {
  if (playing_since_.count() >= 0) {
    practised_ += now - playing_since_;
    playing_since_ = Micros{-1};
  }
  if (id_ == 0) return std::nullopt;
  const FinishRecord record{id_, practised_, step, reached, completed};
  id_ = 0;
  return record;
}

Micros PracticeRecorder::Practised(Micros now) const {
  return practised_ + (playing_since_.count() >= 0 ? now - playing_since_ : Micros{0});
}

bool WriteTo(History& history, const ProgressUpdate& update) {
  return history.UpdateProgress(update.id, update.actual, update.reached_step, update.reached);
}

bool WriteTo(History& history, const FinishRecord& record) {
  return history.Finish(record.id, record.actual, record.reached_step, record.reached, record.completed);
}

}  // namespace attune::core
