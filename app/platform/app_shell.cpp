// app/platform/app_shell.cpp: runs the window: screens (library, before starting, player, end), the
// presenter window, keys and mouse, settings and history, and frame pacing (draw only on visible change).
#include "platform/app_shell.hpp"

#include <SDL.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "audio/clip_probe.hpp"
#include "audio/speech_length.hpp"
#include "core/history.hpp"
#include "core/library.hpp"
#include "core/paths.hpp"
#include "core/player.hpp"
#include "core/player_view.hpp"
#include "core/quick_timer.hpp"
#include "core/settings.hpp"
#include "core/streaks.hpp"
#include "platform/app_window.hpp"
#include "platform/session_audio.hpp"
#include "ui/history_view.hpp"
#include "ui/library_screen.hpp"
#include "ui/player_screen.hpp"
#include "ui/quick_timer_view.hpp"
#include "ui/start_screen.hpp"

namespace attune::platform {
namespace {

using core::Micros;
using core::PlayerStatus;

enum class Screen { kLibrary, kStart, kPlayer, kEnd, kHistory, kQuickTimer };

constexpr Micros kFrameInterval{16'667};  // at most 60 frames a second (after input)
// While a pacer moves, redraw when it has moved a pixel, but at most 24 times a second: a slow breathing
// circle moves 1-1.5 px per frame at that rate, and software GL pays ~3-4 ms per 1280x720 frame.
constexpr Micros kMotionInterval{41'667};
// Near the turns of a breath the circle moves less than a pixel per interval: look again this often
// (building the view and its signature costs CPU too; every millisecond was ~1700 looks in 10 s).
constexpr Micros kMotionRecheck{8'000};
constexpr Micros kControlsLinger{2'500'000};  // controls hide this long after the mouse stops
constexpr Micros kLibraryPoll{2'000'000};     // look for changed scripts this often
constexpr Micros kHistoryUpdate{5'000'000};

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::int64_t UtcNowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class Shell {
 public:
  explicit Shell(const AppOptions& options) : options_(options) {}
  int Run();

 private:
  bool Init();
  void LoadLibrary();
  void HandleEvent(const SDL_Event& event, Micros now);
  void HandleKey(const SDL_Keysym& key, Micros now);
  void Tick(Micros now);
  bool Draw(Micros now, bool force);
  Micros Timeout(Micros now) const;
  std::string Signature(Micros now) const;

  void OpenEntry(int index);
  void StartPlaying(Micros now);
  // Plays `timeline` (from the script `path`, "" for a quick timer not saved, with text `script`).
  void StartTimeline(std::shared_ptr<const core::Timeline> timeline, const std::string& path,
                     const std::string& script, Micros now);
  void StartAgendaItem(std::size_t item, bool play, Micros now);
  void ApplyPlayerActions(const ui::PlayerActions& actions, Micros now);
  void Finish(Micros now, bool completed);
  void ChangeSettings(const core::Settings& settings);
  void SaveSettings();
  void SetFullscreen(bool fullscreen);
  void AdjustVolume(float delta);
  void SyncAudio();
  core::PlayerView View(Micros now) const;
  ui::PlayerChrome Chrome(Micros now) const;
  ui::LibraryView MakeLibraryView() const;
  ui::StartView MakeStartView() const;
  std::string AgendaText() const;
  void UpdateTitle();
  void RecordProgress(Micros now, bool force);

  AppOptions options_;
  core::Settings settings_;
  std::string settings_path_;
  std::string notice_;
  bool settings_dirty_ = false;
  std::unique_ptr<core::Library> library_;
  core::LibraryFilter filter_;
  std::vector<int> visible_;
  bool show_settings_ = false;
  std::vector<std::string> agenda_;  // files, in order
  std::size_t agenda_item_ = 0;

  std::unique_ptr<AppWindow> main_;
  std::unique_ptr<AppWindow> presenter_;
  audio::SndfileClipProbe probe_;
  audio::SynthSpeechLength speech_;  // the spoken length of every prompt, as the mixer will speak it
  SessionAudio audio_;
  std::unique_ptr<core::History> history_;

  Screen screen_ = Screen::kLibrary;
  int entry_ = -1;  // library index of the session on the start / player / end screen
  std::string entry_path_;
  std::shared_ptr<const core::Timeline> played_;  // what StartTimeline got last (for "Again")
  std::string played_path_;
  std::string played_script_;
  int selected_ = 0;  // the library row the keyboard points at
  bool scroll_to_selected_ = false;
  core::QuickTimerSpec quick_spec_;
  ui::QuickTimerView quick_view_;
  std::shared_ptr<const core::Timeline> timeline_;
  std::unique_ptr<core::Player> player_;
  int synced_revision_ = -1;
  core::EndSummary end_summary_;
  std::string streak_;

  bool blank_ = false;
  bool confirm_stop_ = false;
  Micros last_mouse_{0};
  Micros last_draw_{0};
  Micros last_poll_{0};
  Micros last_save_{0};
  Micros started_{0};
  int frames_to_draw_ = 3;
  float pacer_pixels_ = 0.0f;  // the pacer's span as last drawn (for the one-pixel redraw rule)
  bool can_block_ = true;      // the video driver can block in SDL_WaitEventTimeout
  std::string last_signature_;
  bool quit_ = false;

  std::int64_t practice_id_ = 0;
  Micros practised_{0};
  Micros playing_since_{-1};
  Micros last_record_{0};
  int recorded_step_ = 0;
};

bool Shell::Init() {
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "attune: cannot start the video system: %s\n", SDL_GetError());
    return false;
  }
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) SDL_ClearError();
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, 0);

  const char* driver = SDL_GetCurrentVideoDriver();
  can_block_ = driver == nullptr || std::string(driver) != "offscreen";
  settings_path_ = core::SettingsPath();
  core::SettingsLoad load = core::LoadSettingsFile(settings_path_);
  settings_ = load.settings;
  notice_ = load.notice;
  if (!notice_.empty()) std::fprintf(stderr, "attune: %s\n", notice_.c_str());
  if (options_.reduced_motion) settings_.reduced_motion = true;
  if (options_.theme == "light") settings_.theme = core::Theme::kLight;
  if (options_.theme == "dark") settings_.theme = core::Theme::kDark;
  if (options_.theme == "high-contrast") settings_.theme = core::Theme::kHighContrast;

  WindowSpec spec;
  spec.title = "Attune";
  spec.width = options_.width > 0 ? options_.width : settings_.window.width;
  spec.height = options_.height > 0 ? options_.height : settings_.window.height;
  spec.x = options_.width > 0 || options_.display >= 0 ? -1 : settings_.window.x;
  spec.y = options_.width > 0 || options_.display >= 0 ? -1 : settings_.window.y;
  spec.display = options_.display >= 0 ? options_.display : settings_.window.display;
  spec.fullscreen = options_.fullscreen;
  std::string error;
  main_ = AppWindow::Create(spec, nullptr, &error);
  if (!main_) {
    std::fprintf(stderr, "attune: cannot open a window: %s\n", error.c_str());
    return false;
  }
  if (options_.presenter) {
    WindowSpec presenter_spec;
    presenter_spec.title = "Attune presenter";
    presenter_spec.width = 900;
    presenter_spec.height = 640;
    presenter_spec.display = options_.display == 0 ? 1 : 0;
    if (SDL_GetNumVideoDisplays() < 2) {
      // One screen: keep the facilitator's window in its corner, beside the centred audience window.
      presenter_spec.display = 0;
      presenter_spec.x = 0;
      presenter_spec.y = 0;
      presenter_spec.width = 720;
      presenter_spec.height = 560;
    }
    presenter_ = AppWindow::Create(presenter_spec, main_.get(), &error);
    if (!presenter_) std::fprintf(stderr, "attune: cannot open the presenter window: %s\n", error.c_str());
  }
  if (options_.screenshot.empty()) audio_.Open();
  if (options_.screenshot.empty() || options_.screen == "history") {
    core::HistoryOpenResult opened = core::History::Open(core::DefaultHistoryPath());
    history_ = std::move(opened.history);
    if (!opened.notice.empty()) notice_ = opened.notice;
  }
  audio_.SetLevels(settings_.sound);
  return true;
}

void Shell::LoadLibrary() {
  core::LoadOptions load_options;
  load_options.probe = &probe_;
  library_ = std::make_unique<core::Library>(load_options, core::CompileOptions{&speech_});
  const std::string builtin = core::BuiltInSessionsDir(options_.exe_dir);
  library_->AddFolder(builtin, core::LibrarySource::kBuiltIn);
  library_->AddFolder(core::UserSessionsDir(), core::LibrarySource::kUser);
  for (const std::string& file : options_.files) library_->AddFile(file, core::LibrarySource::kNamed);
  visible_ = library_->Filter(filter_);
  agenda_ = options_.files;
  if (agenda_.empty()) {
    std::string first = settings_.last_session;
    if (first.empty() || library_->Find(first) < 0 ||
        !library_->entries()[static_cast<std::size_t>(library_->Find(first))].ok) {
      first = builtin.empty() ? std::string() : builtin + "/breathing-together.yaml";
    }
    if (!first.empty() && library_->Find(first) >= 0) agenda_.push_back(first);
  }
}

std::string Shell::AgendaText() const {
  if (agenda_.size() < 2 || agenda_item_ >= agenda_.size() || entry_path_ != agenda_[agenda_item_]) return "";
  return fmt::format("Session {} of {}", agenda_item_ + 1, agenda_.size());
}

void Shell::OpenEntry(int index) {
  if (index < 0 || index >= static_cast<int>(library_->entries().size())) return;
  entry_ = index;
  const core::LibraryEntry& entry = library_->entries()[static_cast<std::size_t>(index)];
  entry_path_ = entry.path;
  screen_ = entry.ok ? Screen::kStart : Screen::kLibrary;
  UpdateTitle();
}

void Shell::UpdateTitle() {
  std::string title = "Attune";
  if (screen_ != Screen::kLibrary && entry_ >= 0) {
    title = library_->entries()[static_cast<std::size_t>(entry_)].title + " — Attune";
  }
  main_->SetTitle(title);
}

void Shell::StartAgendaItem(std::size_t item, bool play, Micros now) {
  if (item >= agenda_.size()) return;
  agenda_item_ = item;
  const int index = library_->Find(agenda_[item]);
  OpenEntry(index);
  if (play && screen_ == Screen::kStart) StartPlaying(now);
}

void Shell::StartPlaying(Micros now) {
  if (entry_ < 0) return;
  const core::LibraryEntry& entry = library_->entries()[static_cast<std::size_t>(entry_)];
  if (!entry.ok || !entry.timeline) return;
  StartTimeline(entry.timeline, entry.path, ReadText(entry.path), now);
}

void Shell::StartTimeline(std::shared_ptr<const core::Timeline> timeline, const std::string& path,
                          const std::string& script, Micros now) {
  played_ = timeline;
  played_path_ = path;
  played_script_ = script;
  timeline_ = timeline;
  const bool renamed =
      timeline->people == 2 && ((!settings_.name_a.empty() && settings_.name_a != timeline->a.name) ||
                                (!settings_.name_b.empty() && settings_.name_b != timeline->b.name));
  if (renamed) {
    core::LoadOptions load_options;
    load_options.probe = &probe_;
    if (auto named = core::CompileWithNames(script, path, settings_.name_a, settings_.name_b, load_options,
                                            core::CompileOptions{&speech_})) {
      timeline_ = std::move(named);
    }
  }
  player_ =
      std::make_unique<core::Player>(timeline_, Micros(std::int64_t{settings_.pre_roll_seconds} * 1'000'000));
  audio_.SetTimeline(timeline_);
  player_->Start(now);
  synced_revision_ = -1;
  SyncAudio();
  screen_ = Screen::kPlayer;
  blank_ = false;
  confirm_stop_ = false;
  if (!path.empty()) {
    settings_.last_session = path;
    settings_dirty_ = true;
  }
  practised_ = Micros{0};
  playing_since_ = Micros{-1};
  recorded_step_ = 0;
  practice_id_ = 0;
  if (history_) {
    practice_id_ = history_->BeginPractice(core::MakePracticeStart(*timeline_, script, UtcNowMicros()));
  }
  last_record_ = now;
  UpdateTitle();
}

void Shell::SyncAudio() {
  if (!player_) return;
  if (player_->revision() != synced_revision_) {
    synced_revision_ = player_->revision();
    // Extending a rest gives the player a new, longer timeline: picture and sound follow it, the sound
    // gaplessly (retargeted, then the clock map that goes with it).
    if (player_->timeline() != timeline_) {
      timeline_ = player_->timeline();
      audio_.ExtendTimeline(timeline_);
    }
    audio_.SetClockMap(player_->clock_map());
  }
}

void Shell::RecordProgress(Micros now, bool force) {
  if (!player_) return;
  const bool playing = player_->status() == PlayerStatus::kPlaying;
  if (playing && playing_since_.count() < 0) playing_since_ = now;
  if (!playing && playing_since_.count() >= 0) {
    practised_ += now - playing_since_;
    playing_since_ = Micros{-1};
  }
  if (!history_ || practice_id_ == 0) return;
  const int step = player_->current_step(now) + 1;
  if (force || step != recorded_step_ || now - last_record_ >= kHistoryUpdate) {
    const Micros actual = practised_ + (playing_since_.count() >= 0 ? now - playing_since_ : Micros{0});
    history_->UpdateProgress(practice_id_, actual, step, player_->SessionTime(now));
    recorded_step_ = step;
    last_record_ = now;
  }
}

void Shell::Finish(Micros now, bool completed) {
  if (!player_) return;
  const Micros reached = player_->SessionTime(now);
  RecordProgress(now, false);
  if (playing_since_.count() >= 0) {
    practised_ += now - playing_since_;
    playing_since_ = Micros{-1};
  }
  if (!completed && player_->status() != PlayerStatus::kStopped) player_->Stop(now);
  SyncAudio();
  end_summary_ = core::BuildEndSummary(*timeline_, completed ? timeline_->duration : reached, completed);
  streak_.clear();
  if (history_ && practice_id_ != 0) {
    history_->Finish(practice_id_, practised_, player_->current_step(now) + 1, reached, completed);
    const core::HistoryStats stats =
        core::ComputeStats(history_->All(), core::FormatLocalIso(UtcNowMicros()), core::StreakSettings{});
    if (stats.current_streak > 0) {
      streak_ = stats.current_streak == 1 ? "Your first day of a new streak"
                                          : fmt::format("{} days in a row", stats.current_streak);
    }
    practice_id_ = 0;
  }
  screen_ = Screen::kEnd;
  confirm_stop_ = false;
  blank_ = false;
  SDL_ShowCursor(SDL_ENABLE);
}

void Shell::ChangeSettings(const core::Settings& settings) {
  settings_ = settings;
  settings_dirty_ = true;
  audio_.SetLevels(settings_.sound);
}

void Shell::SaveSettings() {
  if (!options_.screenshot.empty()) return;
  if (!main_->fullscreen()) {
    SDL_GetWindowPosition(main_->sdl(), &settings_.window.x, &settings_.window.y);
    SDL_GetWindowSize(main_->sdl(), &settings_.window.width, &settings_.window.height);
    settings_.window.x = std::max(-1, settings_.window.x);
    settings_.window.y = std::max(-1, settings_.window.y);
  }
  settings_.window.display = std::max(0, SDL_GetWindowDisplayIndex(main_->sdl()));
  std::string error;
  if (!core::SaveSettingsFile(settings_path_, settings_, &error))
    std::fprintf(stderr, "attune: %s\n", error.c_str());
  settings_dirty_ = false;
}

void Shell::SetFullscreen(bool fullscreen) { main_->SetFullscreen(fullscreen); }

void Shell::AdjustVolume(float delta) {
  settings_.sound.master =
      std::clamp(std::round((settings_.sound.master + delta) * 20.0f) / 20.0f, 0.0f, 1.0f);
  settings_.sound.muted = false;
  ChangeSettings(settings_);
}

core::PlayerView Shell::View(Micros now) const {
  core::PlayerViewOptions options;
  const core::Micros pre = player_->PreRollLeft(now);
  return core::BuildPlayerView(*timeline_, player_->status(), player_->SessionTime(now), pre, options);
}

ui::PlayerChrome Shell::Chrome(Micros now) const {
  ui::PlayerChrome chrome;
  chrome.show_controls = options_.screenshot.empty() && now - last_mouse_ < kControlsLinger;
  chrome.blank = blank_;
  chrome.audience = presenter_ != nullptr;
  chrome.reduced_motion = settings_.reduced_motion;
  chrome.pacer_style = settings_.pacer_style;
  chrome.confirm_stop = confirm_stop_;
  chrome.volume = settings_.sound.master;
  chrome.muted = settings_.sound.muted;
  chrome.notice = options_.screenshot.empty() ? audio_.status() : std::string();
  chrome.agenda = AgendaText();
  return chrome;
}

ui::LibraryView Shell::MakeLibraryView() const {
  ui::LibraryView view;
  for (const int index : visible_)
    view.rows.push_back(ui::MakeLibraryRow(library_->entries()[static_cast<std::size_t>(index)]));
  view.total = static_cast<int>(library_->entries().size());
  view.filter = filter_;
  view.user_folder = core::UserSessionsDir();
  view.notice = notice_;
  view.settings = settings_;
  view.show_settings = show_settings_;
  view.history_available = history_ != nullptr;
  view.selected = visible_.empty() ? -1 : std::clamp(selected_, 0, static_cast<int>(visible_.size()) - 1);
  view.scroll_to_selected = scroll_to_selected_;
  return view;
}

ui::StartView Shell::MakeStartView() const {
  ui::StartView view;
  const core::LibraryEntry& entry = library_->entries()[static_cast<std::size_t>(entry_)];
  view.title = entry.title;
  view.summary = entry.summary;
  view.length = core::FormatLength(entry.length);
  view.people = entry.people;
  for (const std::string& tag : entry.tags) view.tags += (view.tags.empty() ? "" : "  ·  ") + tag;
  if (entry.timeline) {
    const core::Timeline& t = *entry.timeline;
    const std::size_t shown = std::min<std::size_t>(t.steps.size(), 24);
    for (std::size_t i = 0; i < shown; ++i) {
      view.steps.push_back(
          fmt::format("{}   {}", t.steps[i].title, core::FormatLength(t.steps[i].end - t.steps[i].start)));
    }
    if (t.steps.size() > shown) view.steps.push_back(fmt::format("... and {} more", t.steps.size() - shown));
    view.name_a = settings_.name_a.empty() ? t.a.name : settings_.name_a;
    view.name_b = settings_.name_b.empty() ? t.b.name : settings_.name_b;
    view.colour_a = t.a.color;
    view.colour_b = t.b.color;
  }
  for (const core::Diagnostic& d : entry.diagnostics) view.warnings.push_back(d.Format());
  view.settings = settings_;
  view.agenda = AgendaText();
  view.notice = notice_;
  return view;
}

void Shell::ApplyPlayerActions(const ui::PlayerActions& actions, Micros now) {
  if (!player_) return;
  if (actions.toggle_pause) player_->TogglePause(now);
  if (actions.next) player_->Next(now);
  if (actions.previous) player_->Previous(now);
  if (actions.continue_gate) player_->Continue(now);
  if (actions.extend_rest) player_->ExtendRest(now);
  if (actions.stop) confirm_stop_ = true;
  if (actions.cancel_stop) confirm_stop_ = false;
  if (actions.volume_up) AdjustVolume(0.05f);
  if (actions.volume_down) AdjustVolume(-0.05f);
  if (actions.toggle_mute) {
    settings_.sound.muted = !settings_.sound.muted;
    ChangeSettings(settings_);
  }
  if (actions.toggle_fullscreen) SetFullscreen(!main_->fullscreen());
  if (actions.confirm_stop) Finish(now, false);
  SyncAudio();
}

void Shell::HandleKey(const SDL_Keysym& key, Micros now) {
  const SDL_Keycode code = key.sym;
  if (screen_ == Screen::kPlayer && player_) {
    ui::PlayerActions actions;
    if (confirm_stop_) {
      if (code == SDLK_RETURN || code == SDLK_KP_ENTER || code == SDLK_y) actions.confirm_stop = true;
      if (code == SDLK_ESCAPE || code == SDLK_n) actions.cancel_stop = true;
      ApplyPlayerActions(actions, now);
      return;
    }
    const bool waiting = player_->status() == PlayerStatus::kWaiting;
    switch (code) {
      case SDLK_SPACE:
        if (waiting) {
          actions.continue_gate = true;
        } else {
          actions.toggle_pause = true;
        }
        break;
      case SDLK_RIGHT:
      case SDLK_PAGEDOWN:
        if (waiting) {
          actions.continue_gate = true;
        } else {
          actions.next = true;
        }
        break;
      case SDLK_LEFT:
      case SDLK_PAGEUP:
        actions.previous = true;
        break;
      case SDLK_RETURN:
      case SDLK_KP_ENTER:
        if (waiting) actions.continue_gate = true;
        break;
      case SDLK_b:
      case SDLK_PERIOD:
        blank_ = !blank_;
        break;
      case SDLK_F11:
      case SDLK_f:
        actions.toggle_fullscreen = true;
        break;
      case SDLK_ESCAPE:
        if (blank_) {
          blank_ = false;
        } else if (main_->fullscreen()) {
          SetFullscreen(false);
        } else {
          actions.stop = true;
        }
        break;
      case SDLK_PLUS:
      case SDLK_EQUALS:
      case SDLK_KP_PLUS:
        actions.volume_up = true;
        break;
      case SDLK_MINUS:
      case SDLK_KP_MINUS:
        actions.volume_down = true;
        break;
      case SDLK_m:
        actions.toggle_mute = true;
        break;
      case SDLK_e:
        actions.extend_rest = true;
        break;
      default:
        break;
    }
    ApplyPlayerActions(actions, now);
    return;
  }
  if (screen_ == Screen::kStart) {
    if (main_->WantsText()) return;
    if (code == SDLK_RETURN || code == SDLK_KP_ENTER) StartPlaying(now);
    if (code == SDLK_ESCAPE) {
      screen_ = Screen::kLibrary;
      UpdateTitle();
    }
    if (code == SDLK_F11 || code == SDLK_f) SetFullscreen(!main_->fullscreen());
    return;
  }
  if (screen_ == Screen::kEnd) {
    const bool has_next = agenda_item_ + 1 < agenda_.size() && entry_path_ == agenda_[agenda_item_];
    if (code == SDLK_RETURN || code == SDLK_KP_ENTER || code == SDLK_RIGHT || code == SDLK_PAGEDOWN ||
        code == SDLK_SPACE) {
      if (has_next) {
        StartAgendaItem(agenda_item_ + 1, true, now);
      } else {
        screen_ = Screen::kLibrary;
      }
    }
    if (code == SDLK_ESCAPE) screen_ = Screen::kLibrary;
    UpdateTitle();
    return;
  }
  if (screen_ == Screen::kHistory || screen_ == Screen::kQuickTimer) {
    if (code == SDLK_ESCAPE && !main_->WantsText()) screen_ = Screen::kLibrary;
    return;
  }
  if (screen_ == Screen::kLibrary) {
    if (code == SDLK_ESCAPE && main_->fullscreen()) SetFullscreen(false);
    if (code == SDLK_F11) SetFullscreen(!main_->fullscreen());
    if (main_->WantsText() && code != SDLK_DOWN && code != SDLK_UP && code != SDLK_RETURN) return;
    const int count = static_cast<int>(visible_.size());
    if (count == 0) return;
    int moved = selected_;
    if (code == SDLK_DOWN) moved = selected_ + 1;
    if (code == SDLK_UP) moved = selected_ - 1;
    if (code == SDLK_PAGEDOWN) moved = selected_ + 5;
    if (code == SDLK_PAGEUP) moved = selected_ - 5;
    if (code == SDLK_HOME) moved = 0;
    if (code == SDLK_END) moved = count - 1;
    moved = std::clamp(moved, 0, count - 1);
    if (moved != selected_) {
      selected_ = moved;
      scroll_to_selected_ = true;
    }
    if (code == SDLK_RETURN || code == SDLK_KP_ENTER) {
      const int index = visible_[static_cast<std::size_t>(std::clamp(selected_, 0, count - 1))];
      if (library_->entries()[static_cast<std::size_t>(index)].ok) OpenEntry(index);
    }
  }
}

void Shell::HandleEvent(const SDL_Event& event, Micros now) {
  Uint32 window_id = 0;
  switch (event.type) {
    case SDL_WINDOWEVENT:
      window_id = event.window.windowID;
      break;
    case SDL_KEYDOWN:
    case SDL_KEYUP:
      window_id = event.key.windowID;
      break;
    case SDL_TEXTINPUT:
      window_id = event.text.windowID;
      break;
    case SDL_MOUSEMOTION:
      window_id = event.motion.windowID;
      break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      window_id = event.button.windowID;
      break;
    case SDL_MOUSEWHEEL:
      window_id = event.wheel.windowID;
      break;
    default:
      break;
  }
  AppWindow* target = presenter_ && window_id == presenter_->id() ? presenter_.get() : main_.get();
  target->ProcessEvent(event);
  switch (event.type) {
    case SDL_QUIT:
      quit_ = true;
      break;
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_CLOSE) {
        if (presenter_ && window_id == presenter_->id()) {
          presenter_.reset();
        } else {
          quit_ = true;
        }
      }
      break;
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
      last_mouse_ = now;
      SDL_ShowCursor(SDL_ENABLE);
      break;
    case SDL_KEYDOWN:
      HandleKey(event.key.keysym, now);
      break;
    case SDL_DROPFILE: {
      std::string path = event.drop.file != nullptr ? event.drop.file : "";
      SDL_free(event.drop.file);
      if (!path.empty()) {
        const int index = library_->AddFile(path, core::LibrarySource::kNamed);
        visible_ = library_->Filter(filter_);
        if (screen_ != Screen::kPlayer) {
          OpenEntry(index);
          if (screen_ == Screen::kLibrary) filter_ = core::LibraryFilter{};
          visible_ = library_->Filter(filter_);
        }
      }
      break;
    }
    default:
      break;
  }
}

void Shell::Tick(Micros now) {
  audio_.Poll();
  if (player_) {
    player_->Update(now);
    SyncAudio();
    RecordProgress(now, false);
    if (screen_ == Screen::kPlayer && player_->status() == PlayerStatus::kFinished) Finish(now, true);
  }
  if (screen_ != Screen::kPlayer && now - last_poll_ >= kLibraryPoll && options_.screenshot.empty()) {
    last_poll_ = now;
    if (library_->Refresh()) {
      visible_ = library_->Filter(filter_);
      entry_ = entry_path_.empty() ? -1 : library_->Find(entry_path_);
      if (entry_ < 0 && screen_ == Screen::kStart) screen_ = Screen::kLibrary;
      if (entry_ >= 0 && screen_ == Screen::kStart &&
          !library_->entries()[static_cast<std::size_t>(entry_)].ok) {
        screen_ = Screen::kLibrary;
      }
      frames_to_draw_ = std::max(frames_to_draw_, 2);
    }
  }
  if (screen_ == Screen::kPlayer) {
    const bool idle = now - last_mouse_ >= kControlsLinger;
    if (idle && SDL_ShowCursor(SDL_QUERY) == SDL_ENABLE && options_.screenshot.empty())
      SDL_ShowCursor(SDL_DISABLE);
  }
  if (options_.quit_after >= 0.0 && now - started_ >= core::FromSeconds(options_.quit_after)) quit_ = true;
}

std::string Shell::Signature(Micros now) const {
  if (screen_ != Screen::kPlayer || !player_) return "";
  const core::PlayerView view = View(now);
  const double range = pacer_pixels_ > 0.0f ? static_cast<double>(pacer_pixels_) : 400.0;
  std::string sig =
      fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(view.status), view.step_number,
                  view.elapsed.count() / 1'000'000, view.caption, view.pre_roll_seconds,
                  view.rest_left.count() / 1'000'000, view.turn_left.count() / 1'000'000,
                  std::lround(view.tension * 600.0), view.region, blank_, confirm_stop_,
                  Chrome(now).show_controls, (view.duration - view.elapsed).count() / 1'000'000);
  sig += audio_.status();
  for (const core::PacerView& pacer : view.pacers) {
    sig += fmt::format("|{}|{}|{}|{}", pacer.label, pacer.seconds_left, std::lround(pacer.lungs * range),
                       pacer.caption);
  }
  return sig;
}

Micros Shell::Timeout(Micros now) const {
  Micros timeout{1'000'000};
  if (frames_to_draw_ > 0) timeout = std::max(Micros{0}, last_draw_ + kFrameInterval - now);
  if (screen_ == Screen::kPlayer && player_) {
    const core::FrameHint hint = core::NextVisibleChange(
        *timeline_, player_->status(), player_->SessionTime(now), player_->PreRollLeft(now));
    if (hint.moving && !blank_) {
      timeout = std::min(timeout, std::max(kMotionRecheck, last_draw_ + kMotionInterval - now));
    } else if (hint.until_change != Micros::max()) {
      timeout = std::min(timeout, hint.until_change + Micros{500});
    }
    if (now - last_mouse_ < kControlsLinger)
      timeout = std::min(timeout, last_mouse_ + kControlsLinger - now + Micros{1000});
  } else {
    timeout = std::min(timeout, std::max(Micros{0}, last_poll_ + kLibraryPoll - now));
  }
  if (audio_.preparing()) timeout = std::min(timeout, Micros{100'000});
  if (options_.quit_after >= 0.0) {
    timeout = std::min(timeout, std::max(Micros{0}, started_ + core::FromSeconds(options_.quit_after) - now));
  }
  return std::max(Micros{0}, timeout);
}

bool Shell::Draw(Micros now, bool force) {
  std::string signature = Signature(now);
  if (!force && frames_to_draw_ == 0 && signature == last_signature_) return false;
  if (frames_to_draw_ > 0) --frames_to_draw_;
  last_signature_ = std::move(signature);
  last_draw_ = now;
  const bool present = options_.screenshot.empty();
  main_->BeginFrame(settings_.theme, settings_.font_scale);
  const ui::Look& look = main_->look();
  switch (screen_) {
    case Screen::kLibrary: {
      const ui::LibraryActions actions = ui::DrawLibrary(MakeLibraryView(), look);
      if (actions.filter_text) filter_.text = *actions.filter_text;
      if (actions.filter_people) filter_.people = *actions.filter_people;
      if (actions.filter_length) filter_.length = *actions.filter_length;
      if (actions.filter_text || actions.filter_people || actions.filter_length) {
        visible_ = library_->Filter(filter_);
        selected_ = 0;
      }
      scroll_to_selected_ = false;
      if (actions.toggle_settings) show_settings_ = !show_settings_;
      if (actions.show_history && history_) screen_ = Screen::kHistory;
      if (actions.quick_timer) {
        quick_view_ = ui::MakeQuickTimerView(quick_spec_);
        screen_ = Screen::kQuickTimer;
      }
      if (actions.dismiss_notice) notice_.clear();
      if (actions.settings) ChangeSettings(*actions.settings);
      if (actions.open >= 0 && actions.open < static_cast<int>(visible_.size())) {
        selected_ = actions.open;
        OpenEntry(visible_[static_cast<std::size_t>(actions.open)]);
      }
      if (actions.quit) quit_ = true;
      break;
    }
    case Screen::kStart: {
      if (entry_ < 0) {
        screen_ = Screen::kLibrary;
        break;
      }
      const ui::StartActions actions = ui::DrawStart(MakeStartView(), look);
      if (actions.name_a) {
        settings_.name_a = *actions.name_a;
        settings_dirty_ = true;
      }
      if (actions.name_b) {
        settings_.name_b = *actions.name_b;
        settings_dirty_ = true;
      }
      if (actions.settings) ChangeSettings(*actions.settings);
      if (actions.back) screen_ = Screen::kLibrary;
      if (actions.start) StartPlaying(now);
      break;
    }
    case Screen::kPlayer: {
      const core::PlayerView view = View(now);
      const ui::PlayerActions actions = ui::DrawPlayer(view, Chrome(now), look);
      pacer_pixels_ = actions.pacer_pixels;
      ApplyPlayerActions(actions, now);
      break;
    }
    case Screen::kHistory: {
      if (!history_) {
        screen_ = Screen::kLibrary;
        break;
      }
      const ui::HistoryView view =
          ui::MakeHistoryView(history_->All(), core::FormatLocalIso(UtcNowMicros()), core::StreakSettings{});
      const ui::HistoryActions actions = ui::DrawHistory(view, look);
      if (actions.back) screen_ = Screen::kLibrary;
      break;
    }
    case Screen::kQuickTimer: {
      const ui::QuickTimerActions actions = ui::DrawQuickTimer(quick_view_, look);
      if (actions.spec) {
        quick_spec_ = *actions.spec;
        quick_view_ = ui::MakeQuickTimerView(quick_spec_);
      }
      if (actions.save) {
        const core::QuickTimerSave saved = core::SaveQuickTimer(quick_spec_, core::UserSessionsDir());
        quick_view_.saved_to = saved.ok ? saved.path : "";
        quick_view_.save_error = saved.ok ? "" : saved.error;
        if (saved.ok) {
          library_->Refresh();
          visible_ = library_->Filter(filter_);
        }
      }
      if (actions.back) screen_ = Screen::kLibrary;
      if (actions.start) {
        core::QuickTimerBuild build = core::BuildQuickTimer(quick_spec_, core::CompileOptions{&speech_});
        if (build.timeline) {
          entry_ = -1;
          entry_path_.clear();
          StartTimeline(std::make_shared<const core::Timeline>(std::move(*build.timeline)), "", build.yaml,
                        now);
        }
      }
      break;
    }
    case Screen::kEnd: {
      ui::EndView view;
      view.summary = end_summary_;
      view.streak = streak_;
      if (agenda_item_ + 1 < agenda_.size() && entry_path_ == agenda_[agenda_item_]) {
        const int next = library_->Find(agenda_[agenda_item_ + 1]);
        if (next >= 0) view.next = library_->entries()[static_cast<std::size_t>(next)].title;
      }
      const ui::EndActions actions = ui::DrawEnd(view, look);
      if (actions.again && played_) StartTimeline(played_, played_path_, played_script_, now);
      if (actions.library) screen_ = Screen::kLibrary;
      if (actions.next) StartAgendaItem(agenda_item_ + 1, true, now);
      if (actions.quit) quit_ = true;
      break;
    }
  }
  main_->EndFrame(present);
  if (presenter_) {
    presenter_->BeginFrame(settings_.theme, 1.0f);
    if (screen_ == Screen::kPlayer && player_) {
      const ui::PlayerActions actions = ui::DrawPresenter(View(now), Chrome(now), presenter_->look());
      ApplyPlayerActions(actions, now);
    } else {
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
      ImGui::Begin("##presenter_idle", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
      ImGui::TextDisabled("The facilitator's view appears here while a session plays.");
      ImGui::End();
    }
    presenter_->EndFrame(present);
  }
  return true;
}

int Shell::Run() {
  if (!Init()) {
    SDL_Quit();
    return 1;
  }
  LoadLibrary();
  started_ = audio_.Clock();
  Micros now = started_;
  last_mouse_ = options_.screenshot.empty() ? now : Micros{-10'000'000'000};

  if (!agenda_.empty()) {
    const bool player_shot = !options_.screenshot.empty() &&
                             (options_.at >= 0.0 || options_.screen == "player" || options_.screen == "end");
    StartAgendaItem(0, options_.start && options_.screenshot.empty(), now);
    if (options_.start && options_.at > 0.0 && player_ && options_.screenshot.empty()) {
      player_->StartAt(now, core::FromSeconds(options_.at));
    }
    if (options_.paused && player_ && options_.screenshot.empty()) player_->Pause(now);
    if (player_shot && screen_ == Screen::kStart) {
      StartPlaying(now);
      player_->StartAt(now, core::FromSeconds(std::max(0.0, options_.at)));
      if (options_.paused) player_->Pause(now);
      blank_ = options_.blank;
    }
  }
  if (options_.screen == "library") screen_ = Screen::kLibrary;
  if (options_.screen == "history" && history_) screen_ = Screen::kHistory;
  if (options_.screen == "quick-timer") {
    quick_view_ = ui::MakeQuickTimerView(quick_spec_);
    screen_ = Screen::kQuickTimer;
  }
  if (options_.screen == "end" && player_) Finish(now, true);

  if (!options_.screenshot.empty()) {
    for (int i = 0; i < 3; ++i) Draw(now, true);
    int w = 0, h = 0;
    const std::vector<unsigned char> pixels = main_->ReadPixels(&w, &h);
    const bool ok = WritePng(options_.screenshot, pixels, w, h);
    if (!ok) std::fprintf(stderr, "attune: cannot write %s\n", options_.screenshot.c_str());
    presenter_.reset();
    main_.reset();
    SDL_Quit();
    return ok ? 0 : 1;
  }

  while (!quit_) {
    now = audio_.Clock();
    const Micros timeout = Timeout(now);
    SDL_Event event;
    const int wait_ms = static_cast<int>((timeout.count() + 999) / 1000);
    // SDL 2.26 waits by polling every millisecond on drivers that cannot block (offscreen): there, and
    // only there (it has no input), sleep the whole timeout instead.
    if (!can_block_ && wait_ms > 0) SDL_Delay(static_cast<Uint32>(wait_ms));
    if (SDL_WaitEventTimeout(&event, can_block_ ? wait_ms : 0) != 0) {
      now = audio_.Clock();
      HandleEvent(event, now);
      while (SDL_PollEvent(&event) != 0) HandleEvent(event, now);
      frames_to_draw_ = std::max(frames_to_draw_, 3);
    }
    now = audio_.Clock();
    Tick(now);
    if (quit_) break;
    if (frames_to_draw_ > 0 && now - last_draw_ < kFrameInterval) continue;
    Draw(now, false);
    // Saved at most once a second (a slider being dragged changes them every frame), never mid-session.
    if (settings_dirty_ && screen_ != Screen::kPlayer && now - last_save_ >= Micros{1'000'000}) {
      SaveSettings();
      last_save_ = now;
    }
  }
  if (player_ && screen_ == Screen::kPlayer) Finish(audio_.Clock(), false);
  SaveSettings();
  presenter_.reset();
  main_.reset();
  SDL_Quit();
  return 0;
}

}  // namespace

int RunApp(const AppOptions& options) {
  Shell shell(options);
  return shell.Run();
}

}  // namespace attune::platform
