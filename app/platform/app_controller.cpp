// app/platform/app_controller.cpp: what each screen's actions and each key's action do: open, play,
// pause, step, stop and finish a session, record it, re-read the library, change and save settings. The
// screens' drawing and their view-models: app_controller_draw.cpp.
#include "platform/app_controller.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "audio/speech.hpp"
#include "core/compile_file.hpp"
#include "core/names.hpp"
#include "core/paths.hpp"
#include "core/streaks.hpp"
#include "core/terminal_text.hpp"

namespace attune::platform {
namespace {

using core::PlayerStatus;
using core::Screen;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::int64_t UtcNowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void AppController::LoadSettings() {
  settings_path_ = core::SettingsPath();
  core::SettingsLoad load = core::LoadSettingsFile(settings_path_);
  settings_ = load.settings;
  notice_ = load.notice;
  if (!notice_.empty()) std::fprintf(stderr, "attune: %s\n", core::EscapeForTerminal(notice_).c_str());
  if (options_.reduced_motion) settings_.reduced_motion = true;
  if (const std::optional<core::Theme> theme = core::FromName<core::Theme>(options_.theme))
    settings_.theme = *theme;
  // Before any prompt is measured: the library's lengths are those of this voice at this rate.
  audio::SpeechSynthesizer::Instance().Configure(
      {settings_.speech.english, settings_.speech.words_per_minute});
}

void AppController::OpenServices() {
  if (options_.screenshot.empty()) audio_.Open();
  if (options_.screenshot.empty() || options_.screen == "history") {
    const core::HistoryOpenResult opened = saver_.Open(core::DefaultHistoryPath());
    if (!opened.notice.empty()) {
      notice_ = opened.notice;
      std::fprintf(stderr, "attune: %s\n", core::EscapeForTerminal(notice_).c_str());
    }
    if (!saver_.history()) {
      // Seen where the user looks (the library and start screens), not only in a log.
      notice_ = "Your practices cannot be saved now: " + opened.reason + ". Attune will retry.";
      std::fprintf(stderr, "attune: %s\n", core::EscapeForTerminal(opened.error).c_str());
    }
  }
  audio_.SetLevels(settings_.sound);
}

void AppController::LoadLibrary() {
  core::LoadOptions load_options;
  load_options.probe = &probe_;
  core::CompileOptions compile;
  compile.speech = &speech_;
  library_ = std::make_unique<core::Library>(load_options, compile);
  const std::string builtin = core::BuiltInSessionsDir(options_.exe_dir);
  library_->AddFolder(builtin, core::LibrarySource::kBuiltIn);
  library_->AddFolder(core::UserSessionsDir(), core::LibrarySource::kUser);
  for (const std::string& file : options_.files) library_->AddFile(file, core::LibrarySource::kNamed);
  visible_ = library_->Filter(library_screen_.filter);
  const auto lookup = [this](const std::string& path) {
    const core::LibraryEntry* entry = core::FindEntry(*library_, path);
    return core::EntryStatus{entry != nullptr, entry != nullptr && entry->ok};
  };
  agenda_ =
      core::Agenda::AtStart(options_.files, settings_.last_session,
                            builtin.empty() ? std::string() : builtin + "/breathing-together.yaml", lookup);
}

void AppController::Startup(const StartupPlan& plan, Micros now) {
  if (!agenda_.empty()) {
    StartAgendaItem(0, plan.play, now);
    if (plan.seek.count() > 0 && player_) StartAtWhenSoundReady(now, plan.seek);
    if (plan.pause && player_) PauseWhenStarted(now);
    if (plan.shot_player && nav_.screen() == Screen::kStart) {
      StartPlaying(now);
      if (player_) {
        StartAtWhenSoundReady(now, plan.shot_at);
        if (plan.shot_paused) PauseWhenStarted(now);
      }
      nav_.SetBlank(plan.shot_blank);
    }
  }
  if (plan.screen == Screen::kLibrary) nav_.Back();
  if (plan.screen == Screen::kHistory) nav_.ShowHistory(saver_.history() != nullptr);
  if (plan.screen == Screen::kQuickTimer) {
    quick_view_ = ui::MakeQuickTimerView(quick_spec_);
    nav_.ShowQuickTimer();
  }
  if (plan.screen == Screen::kEnd && player_) {
    // A screenshot of the end: the session as a person played it, without a skip, to --at (stopped
    // there) or, without one, to its end.
    const Micros duration = timeline_->duration;
    const Micros reached = plan.shot_at > Micros{0} ? std::min(plan.shot_at, duration) : duration;
    player_->StartAt(now - reached, Micros{0});
    player_->Update(now);
    recorder_.Begin(recorder_.id(), now - reached);
    recorder_.Observe(now - reached, true, 1, Micros{0});
    Finish(now, player_->status() == PlayerStatus::kFinished);
  }
}

std::string AppController::Title() const {
  return ui::WindowTitle(nav_.screen(), core::FindEntry(*library_, nav_.session()));
}

WindowRequests AppController::TakeRequests() { return std::exchange(requests_, WindowRequests{}); }

void AppController::OpenEntry(const core::LibraryEntry& entry) {
  nav_.Open(entry.path, entry.ok);
  requests_.title = true;
}

void AppController::StartAgendaItem(std::size_t item, bool play, Micros now) {
  if (!agenda_.Select(item)) return;
  const core::LibraryEntry* entry = core::FindEntry(*library_, agenda_.CurrentPath());
  if (entry == nullptr) return;
  OpenEntry(*entry);
  if (play && nav_.screen() == Screen::kStart) StartPlaying(now);
}

void AppController::StartPlaying(Micros now) {
  const core::LibraryEntry* entry = core::FindEntry(*library_, nav_.session());
  if (entry == nullptr || !entry->ok || !entry->timeline) return;
  StartTimeline(entry->timeline, entry->path, ReadText(entry->path), now);
}

void AppController::StartTimeline(std::shared_ptr<const core::Timeline> timeline, const std::string& path,
                                  const std::string& script, Micros now) {
  played_ = timeline;
  played_path_ = path;
  played_script_ = script;
  timeline_ = timeline;
  // The partners' names are a compile input (they are in the prompts, so in their spoken lengths too).
  const bool renamed =
      timeline->people == 2 && ((!settings_.name_a.empty() && settings_.name_a != timeline->a.name) ||
                                (!settings_.name_b.empty() && settings_.name_b != timeline->b.name));
  if (renamed) {
    core::LoadOptions load_options;
    load_options.probe = &probe_;
    core::CompileOptions compile;
    compile.speech = &speech_;
    compile.name_a = settings_.name_a;
    compile.name_b = settings_.name_b;
    core::CompiledFile named = core::CompileText(script, path, load_options, compile);
    if (named.timeline) timeline_ = std::move(named.timeline);
  }
  player_ =
      std::make_unique<core::Player>(timeline_, Micros(std::int64_t{settings_.pre_roll_seconds} * 1'000'000));
  audio_.SetTimeline(timeline_);
  pending_start_ = PendingStart{now, std::nullopt, false};
  sound_notice_.clear();
  StartWhenSoundReady(now);
  synced_revision_ = -1;
  SyncAudio();
  nav_.Play(path);
  if (!path.empty()) {
    settings_.last_session = path;
    settings_dirty_ = true;
  }
  const std::int64_t id = saver_.Begin(core::MakePracticeStart(*timeline_, script, UtcNowMicros()));
  recorder_.Begin(id, now);
  requests_.title = true;
}

void AppController::SyncAudio() {
  if (!player_ || player_->revision() == synced_revision_) return;
  synced_revision_ = player_->revision();
  // Extending a rest gives the player a new, longer timeline: picture and sound follow it, the sound
  // gaplessly (retargeted, then the clock map that goes with it).
  if (player_->timeline() != timeline_) {
    timeline_ = player_->timeline();
    audio_.ExtendTimeline(timeline_);
  }
  audio_.SetClockMap(player_->clock_map());
}

void AppController::StartWhenSoundReady(Micros now) {
  if (!pending_start_ || !player_) return;
  const core::SoundStart decision = core::DecideSoundStart(audio_.sound_ready(), pending_start_->asked, now);
  if (decision == core::SoundStart::kWait) return;
  if (decision == core::SoundStart::kStartWithoutSound) sound_notice_ = core::kSoundLateMessage;
  const PendingStart start = *pending_start_;
  pending_start_.reset();
  if (start.at) {
    player_->StartAt(now, *start.at);
  } else if (settings_.pre_roll_seconds == 0) {
    // Without a countdown, session time 0 is the first frame the device has yet to mix, so the start is
    // heard whole (the picture holds at 0 for that one buffer).
    player_->Start(now + audio_.output_latency());
  } else {
    player_->Start(now);
  }
  if (start.pause) player_->Pause(now);
  SyncAudio();
}

void AppController::StartAtWhenSoundReady(Micros now, Micros session_time) {
  if (pending_start_) {
    pending_start_->at = session_time;
  } else {
    player_->StartAt(now, session_time);
  }
}

void AppController::PauseWhenStarted(Micros now) {
  if (pending_start_) {
    pending_start_->pause = true;
  } else {
    player_->Pause(now);
  }
}

void AppController::RecordProgress(Micros now, bool force) {
  if (!player_) return;
  const std::optional<core::ProgressUpdate> update =
      recorder_.Observe(now, player_->status() == PlayerStatus::kPlaying, player_->current_step(now) + 1,
                        player_->SessionTime(now), force);
  if (update) saver_.Write(*update);
}

void AppController::Finish(Micros now, bool completed) {
  if (!player_) return;
  pending_start_.reset();
  const Micros reached = player_->SessionTime(now);
  RecordProgress(now, false);
  if (!completed && player_->status() != PlayerStatus::kStopped) player_->Stop(now);
  SyncAudio();
  const core::StreakSettings counting = core::StreakSettingsFrom(settings_);
  const core::EndFacts facts{completed,
                             reached,
                             recorder_.Practised(now),
                             recorder_.Skipped(reached),
                             recorder_.played(),
                             counting.min_practice};
  end_summary_ = core::BuildEndSummary(*timeline_, facts);
  streak_.clear();
  end_key_ = recorder_.id();
  const std::optional<core::FinishRecord> record =
      recorder_.Finish(now, player_->current_step(now) + 1, reached, completed);
  if (record) saver_.Write(*record);
  // The streak counts saved practices only: shown when this one is among them and counts.
  if (record && end_summary_.counted && saver_.history() && saver_.Saved(end_key_)) {
    streak_ = ui::StreakLine(
        core::ComputeStats(saver_.history()->All(), core::FormatLocalIso(UtcNowMicros()), counting)
            .current_streak);
  }
  if (!saver_.Saved(end_key_))
    std::fprintf(stderr, "attune: %s\n", core::EscapeForTerminal(saver_.Status(end_key_)).c_str());
  nav_.Finish();
  ended_at_ = now;
  requests_.show_cursor = true;
}

void AppController::Close(Micros now) {
  if (player_ && nav_.screen() == Screen::kPlayer) Finish(now, false);
  if (!saver_.Retry())
    std::fprintf(stderr, "attune: practices not saved: %zu (%s)\n", saver_.pending(),
                 core::EscapeForTerminal(saver_.reason()).c_str());
}

const ui::GlyphSet& AppController::Glyphs() {
  if (library_) {
    std::size_t signature = library_->entries().size();
    for (const core::LibraryEntry& entry : library_->entries()) {
      signature = signature * 1000003u + entry.path.size() * 31u + static_cast<std::size_t>(entry.size) +
                  static_cast<std::size_t>(entry.mtime.time_since_epoch().count());
    }
    if (signature != glyph_library_) {
      for (const core::LibraryEntry& entry : library_->entries()) glyphs_.AddEntry(entry);
      glyph_library_ = signature;
    }
  }
  if (timeline_ && timeline_.get() != glyph_timeline_) {
    glyphs_.AddTimeline(*timeline_);
    glyph_timeline_ = timeline_.get();
  }
  glyphs_.AddText(settings_.name_a);
  glyphs_.AddText(settings_.name_b);
  glyphs_.AddText(library_screen_.filter.text);
  glyphs_.AddText(notice_);
  return glyphs_;
}

void AppController::ChangeSettings(const core::Settings& settings) {
  settings_ = settings;
  settings_dirty_ = true;
  audio_.SetLevels(settings_.sound);
}

void AppController::SaveSettings(const core::WindowPlace& place) {
  if (!options_.screenshot.empty()) return;
  settings_.window = core::ClampWindowPlace(place);
  std::string error;
  if (!core::SaveSettingsFile(settings_path_, settings_, &error)) {
    // Kept dirty: the shell saves again (at most once a second) until it works; the user sees why, once
    // per new reason (not every second).
    const std::string notice = "Your settings could not be saved (" + error + "). Attune will retry.";
    if (notice != settings_error_) {
      std::fprintf(stderr, "attune: %s\n", core::EscapeForTerminal(error).c_str());
      settings_error_ = notice;
      notice_ = notice;
    }
    settings_dirty_ = true;
    return;
  }
  if (!settings_error_.empty() && notice_ == settings_error_) notice_.clear();
  settings_error_.clear();
  settings_dirty_ = false;
}

void AppController::AdjustVolume(float delta) {
  settings_.sound.master =
      std::clamp(std::round((settings_.sound.master + delta) * 20.0f) / 20.0f, 0.0f, 1.0f);
  settings_.sound.muted = false;
  ChangeSettings(settings_);
}

KeyContext AppController::Keys(Micros now) const {
  KeyContext context;
  context.screen = nav_.screen();
  context.waiting = player_ && player_->status() == PlayerStatus::kWaiting;
  context.confirm_stop = nav_.confirming_stop();
  context.blank = nav_.blank();
  context.has_next = agenda_.Next(nav_.session()).has_value();
  context.end_hold = nav_.screen() == Screen::kEnd && now - ended_at_ < kEndHold;
  context.help_open = help_open_;
  return context;
}

void AppController::Apply(KeyAction action, Micros now) {
  const Screen screen = nav_.screen();
  ui::PlayerActions player;
  switch (action) {
    case KeyAction::kNone:
      break;
    case KeyAction::kTogglePause:
      player.toggle_pause = true;
      break;
    case KeyAction::kNext:
      player.next = true;
      break;
    case KeyAction::kPrevious:
      player.previous = true;
      break;
    case KeyAction::kContinue:
      player.continue_gate = true;
      break;
    case KeyAction::kExtendRest:
      player.extend_rest = true;
      break;
    case KeyAction::kAskStop:
      player.stop = true;
      break;
    case KeyAction::kConfirmStop:
      player.confirm_stop = true;
      break;
    case KeyAction::kCancelStop:
      player.cancel_stop = true;
      break;
    // The volume and mute keys bring up the controls, which show the level ("Volume 65% (muted)"), as a
    // mouse move would: the key's feedback, hidden again kControlsLinger later.
    case KeyAction::kVolumeUp:
      player.volume_up = true;
      last_mouse_ = now;
      break;
    case KeyAction::kVolumeDown:
      player.volume_down = true;
      last_mouse_ = now;
      break;
    case KeyAction::kToggleMute:
      player.toggle_mute = true;
      last_mouse_ = now;
      break;
    case KeyAction::kToggleBlank:
      nav_.ToggleBlank();
      break;
    case KeyAction::kUnblank:
      nav_.SetBlank(false);
      break;
    case KeyAction::kToggleFullscreen:
      if (screen == Screen::kPlayer) {
        player.toggle_fullscreen = true;
      } else {
        requests_.toggle_fullscreen = true;
      }
      break;
    case KeyAction::kLeaveFullscreen:
      requests_.leave_fullscreen = true;
      break;
    case KeyAction::kToggleHelp:
      help_open_ = !help_open_;
      break;
    case KeyAction::kBack:
      if (screen == Screen::kHistory && history_confirm_ != 0) {  // Esc answers the question: keep it
        history_confirm_ = 0;
        break;
      }
      nav_.Back();
      if (screen == Screen::kStart) requests_.title = true;
      break;
    case KeyAction::kStart:
      StartPlaying(now);
      break;
    case KeyAction::kNextAgendaItem:
      if (nav_.Continue(agenda_.Next(nav_.session()).has_value()))
        StartAgendaItem(agenda_.current() + 1, true, now);
      break;
    default:  // the library's selection and Open
      SelectRow(action);
      break;
  }
  if (screen == Screen::kPlayer) ApplyPlayerActions(player, now);
  if (screen == Screen::kEnd) requests_.title = true;
}

void AppController::SelectRow(KeyAction action) {
  const int count = static_cast<int>(visible_.size());
  if (count == 0) return;
  const int moved = MoveSelection(action, library_screen_.selected, count);
  if (moved != library_screen_.selected) {
    library_screen_.selected = moved;
    library_screen_.scroll_to_selected = true;
  }
  if (action != KeyAction::kOpen) return;
  const core::LibraryEntry& entry =
      library_->entries()[static_cast<std::size_t>(visible_[static_cast<std::size_t>(moved)])];
  if (entry.ok) OpenEntry(entry);
}

void AppController::ApplyPlayerActions(const ui::PlayerActions& actions, Micros now) {
  if (!player_) return;
  // While the clock waits for the sound there is nothing yet to pause or skip.
  if (!pending_start_) {
    if (actions.toggle_pause) player_->TogglePause(now);
    if (actions.next) player_->Next(now);
    if (actions.previous) player_->Previous(now);
  }
  if (actions.continue_gate) player_->Continue(now);
  if (actions.extend_rest) player_->ExtendRest(now);
  if (actions.stop) nav_.AskStop();
  if (actions.cancel_stop) nav_.CancelStop();
  if (actions.volume_up) AdjustVolume(0.05f);
  if (actions.volume_down) AdjustVolume(-0.05f);
  if (actions.toggle_mute) {
    settings_.sound.muted = !settings_.sound.muted;
    ChangeSettings(settings_);
  }
  if (actions.toggle_fullscreen) requests_.toggle_fullscreen = true;
  if (actions.confirm_stop) Finish(now, false);
  SyncAudio();
}

void AppController::DropFile(const std::string& path) {
  const int index = library_->AddFile(path, core::LibrarySource::kNamed);
  visible_ = library_->Filter(library_screen_.filter);
  if (nav_.screen() == Screen::kPlayer || index < 0 || index >= static_cast<int>(library_->entries().size()))
    return;
  OpenEntry(library_->entries()[static_cast<std::size_t>(index)]);
  if (nav_.screen() == Screen::kLibrary) library_screen_.filter = core::LibraryFilter{};
  visible_ = library_->Filter(library_screen_.filter);
}

void AppController::Tick(Micros now, FramePacerState& pacer) {
  audio_.Poll();
  StartWhenSoundReady(now);
  if (!sound_notice_.empty() && audio_.sound_ready()) sound_notice_.clear();  // the late sound came
  if (player_) {
    player_->Update(now);
    SyncAudio();
    RecordProgress(now, false);
    if (nav_.screen() == Screen::kPlayer && player_->status() == PlayerStatus::kFinished) Finish(now, true);
  }
  // Practices the history could not take are retried every few seconds, whatever the screen.
  if (saver_.pending() > 0 && now - last_retry_ >= core::PracticeRecorder::kUpdateInterval) {
    last_retry_ = now;
    saver_.Retry();
  }
  if (nav_.screen() != Screen::kPlayer && options_.screenshot.empty() && LibraryPollDue(now, pacer) &&
      library_->Refresh()) {
    visible_ = library_->Filter(library_screen_.filter);
    const core::LibraryEntry* entry = core::FindEntry(*library_, nav_.session());
    nav_.LibraryChanged(entry != nullptr, entry != nullptr && entry->ok);
    NoteChange(pacer);
  }
}

FrameInputs AppController::Frame(Micros now, bool with_hint) const {
  FrameInputs inputs;
  inputs.now = now;
  inputs.player = nav_.screen() == Screen::kPlayer && player_ != nullptr;
  if (inputs.player && with_hint) {
    inputs.hint = core::NextVisibleChange(*timeline_, player_->status(), player_->SessionTime(now),
                                          player_->PreRollLeft(now));
  }
  inputs.blank = nav_.blank();
  inputs.last_mouse = last_mouse_;
  inputs.preparing_audio = audio_.preparing() || pending_start_.has_value();
  inputs.signature = [this, now] { return Signature(now); };
  return inputs;
}

}  // namespace attune::platform
