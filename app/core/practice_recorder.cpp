// app/core/practice_recorder.cpp: practised time and when to write progress (see practice_recorder.hpp).
#include "core/practice_recorder.hpp"

#include <algorithm>

#include "core/history.hpp"

namespace attune::core {

void PracticeRecorder::Begin(std::int64_t id, Micros now) {
  id_ = id;
  practised_ = Micros{0};
  playing_since_.reset();
  last_write_ = now;
  written_step_ = 0;
  // The practice begins at session time 0, not playing: what the first observation finds beyond that was
  // played from the start (a pre-roll, or playing at once) or jumped to (starting past the beginning).
  observed_ = true;
  last_playing_ = false;
  last_now_ = now;
  last_session_ = Micros{0};
  covered_.clear();
}

void PracticeRecorder::AddCovered(Micros from, Micros to) {
  if (to <= from) return;
  if (!covered_.empty() && covered_.back().second == from) {  // the common case: playing on
    covered_.back().second = to;
  } else {
    covered_.emplace_back(from, to);
    std::sort(covered_.begin(), covered_.end());
  }
  std::vector<std::pair<Micros, Micros>> merged;
  for (const auto& span : covered_) {
    if (!merged.empty() && span.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  covered_ = std::move(merged);
}

void PracticeRecorder::Cover(Micros now, bool playing, Micros session_time) {
  if (observed_) {
    const Micros clock = std::max(now - last_now_, Micros{0});
    const Micros advanced = session_time - last_session_;
    if (advanced >= Micros{0} && advanced <= clock + kJumpTolerance) {
      if (playing || last_playing_) AddCovered(last_session_, session_time);
    } else if (playing) {
      AddCovered(std::max(session_time - clock, Micros{0}), session_time);
    }
  }
  observed_ = true;
  last_playing_ = playing;
  last_now_ = now;
  last_session_ = session_time;
}

Micros PracticeRecorder::Skipped(Micros reached) const {
  Micros played{0};
  for (const auto& [from, to] : covered_) {
    if (from >= reached) break;
    played += std::min(to, reached) - from;
  }
  return std::max(reached - played, Micros{0});
}

std::optional<ProgressUpdate> PracticeRecorder::Observe(Micros now, bool playing, int step,
                                                        Micros session_time, bool force) {
  Cover(now, playing, session_time);
  if (playing && !playing_since_) playing_since_ = now;
  if (!playing && playing_since_.has_value()) {
    practised_ += now - *playing_since_;
    playing_since_.reset();
  }
  if (id_ == 0) return std::nullopt;
  if (!force && step == written_step_ && now - last_write_ < kUpdateInterval) return std::nullopt;
  written_step_ = step;
  last_write_ = now;
  return ProgressUpdate{id_, Practised(now), step, session_time, Skipped(session_time)};
}

std::optional<FinishRecord> PracticeRecorder::Finish(Micros now, int step, Micros reached, bool completed) {
  Cover(now, playing_since_.has_value(), reached);
  if (playing_since_.has_value()) {
    practised_ += now - *playing_since_;
    playing_since_.reset();
  }
  if (id_ == 0) return std::nullopt;
  const FinishRecord record{id_, practised_, step, reached, completed, Skipped(reached)};
  id_ = 0;
  return record;
}

Micros PracticeRecorder::Practised(Micros now) const {
  return practised_ + (playing_since_.has_value() ? now - *playing_since_ : Micros{0});
}

bool WriteTo(History& history, const ProgressUpdate& update) {
  return history.UpdateProgress(update.id,
                                {update.actual, update.reached_step, update.reached, update.skipped});
}

bool WriteTo(History& history, const FinishRecord& record) {
  return history.Finish(record.id, {record.actual, record.reached_step, record.reached, record.skipped},
                        record.completed);
}

HistoryOpenResult PracticeSaver::Open(const std::string& path) {
  path_ = path;
  HistoryOpenResult opened = History::Open(path);
  history_ = std::move(opened.history);
  reason_ = history_ ? std::string() : opened.reason;
  return opened;
}

void PracticeSaver::Reopen() {
  if (history_ || path_.empty()) return;
  HistoryOpenResult opened = History::Open(path_);
  history_ = std::move(opened.history);
  if (!history_) reason_ = opened.reason;
}

std::int64_t PracticeSaver::Begin(const PracticeStart& start) {
  if (!enabled()) return 0;
  const std::int64_t key = next_key_++;
  Entry& entry = entries_[key];
  entry.start = start;
  Retry();
  return key;
}

bool PracticeSaver::Flush(Entry& entry) {
  if (!entry.dirty) return true;
  if (!history_) return false;
  if (entry.id == 0) {
    entry.id = history_->BeginPractice(entry.start);
    if (entry.id == 0) {
      reason_ = history_->failure();
      return false;
    }
  }
  const bool ok = entry.completed ? history_->Finish(entry.id, entry.progress, *entry.completed)
                                  : history_->UpdateProgress(entry.id, entry.progress);
  if (!ok) {
    reason_ = history_->failure();
    // No error but no row changed: the row is no longer playing (finished or marked interrupted by then);
    // writing it again would change nothing.
    if (!reason_.empty()) return false;
  }
  entry.dirty = false;
  return true;
}

bool PracticeSaver::Retry() {
  if (!enabled()) return true;
  bool any_dirty = false;
  for (const auto& [key, entry] : entries_) any_dirty = any_dirty || entry.dirty;
  if (!any_dirty) return true;
  Reopen();
  bool all = true;
  for (auto it = entries_.begin(); it != entries_.end();) {
    const bool ok = Flush(it->second);
    all = all && ok;
    if (ok && it->second.completed) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  if (all) reason_.clear();
  return all;
}

void PracticeSaver::Write(const ProgressUpdate& update) {
  const auto it = entries_.find(update.id);
  if (it == entries_.end()) return;
  Entry& entry = it->second;
  entry.progress.actual = update.actual;
  entry.progress.reached_step = std::max(entry.progress.reached_step, update.reached_step);
  entry.progress.reached = std::max(entry.progress.reached, update.reached);
  entry.progress.skipped = update.skipped;
  entry.dirty = true;
  Retry();
}

void PracticeSaver::Write(const FinishRecord& record) {
  const auto it = entries_.find(record.id);
  if (it == entries_.end()) return;
  Entry& entry = it->second;
  entry.progress.actual = record.actual;
  entry.progress.reached_step = std::max(entry.progress.reached_step, record.reached_step);
  entry.progress.reached = std::max(entry.progress.reached, record.reached);
  entry.progress.skipped = record.skipped;
  entry.completed = record.completed;
  entry.dirty = true;
  Retry();
}

bool PracticeSaver::Saved(std::int64_t key) const {
  const auto it = entries_.find(key);
  return it == entries_.end() || !it->second.dirty;
}

std::size_t PracticeSaver::pending() const {
  std::size_t count = 0;
  for (const auto& [key, entry] : entries_) count += entry.dirty ? 1 : 0;
  return count;
}

std::string PracticeSaver::Status(std::int64_t key) const {
  if (key == 0 || Saved(key)) return "";
  return "Not saved: " + (reason_.empty() ? std::string("the history cannot be written") : reason_) +
         ". Attune will retry.";
}

}  // namespace attune::core
