// app/platform/app_controller.hpp: the app behind the window: the library, navigation and agenda, the
// player and its sound, practice records and settings; draws the screen shown and does what the user
// asked for (a key's action, a click). No SDL: the shell owns the windows, events, clock and pacing, and
// carries out what TakeRequests() asks of the windows. UI thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audio/clip_probe.hpp"
#include "audio/session_audio.hpp"
#include "audio/speech_length.hpp"
#include "core/agenda.hpp"
#include "core/history.hpp"
#include "core/library.hpp"
#include "core/navigation.hpp"
#include "core/player.hpp"
#include "core/player_view.hpp"
#include "core/practice_recorder.hpp"
#include "core/quick_timer.hpp"
#include "core/settings.hpp"
#include "core/sound_start.hpp"
#include "platform/app_shell.hpp"
#include "platform/frame_pacer.hpp"
#include "platform/key_map.hpp"
#include "platform/screenshot.hpp"
#include "ui/glyphs.hpp"
#include "ui/look.hpp"
#include "ui/player_screen.hpp"
#include "ui/quick_timer_view.hpp"
#include "ui/screen_models.hpp"

namespace attune::platform {

// What the controller asks of the windows; collected until the shell takes them.
struct WindowRequests {
  bool toggle_fullscreen = false;
  bool leave_fullscreen = false;
  bool title = false;        // set the main window's title to Title()
  bool show_cursor = false;  // a session ended: show the mouse pointer again
};

// The wall clock in UTC microseconds since the epoch (practice records, streak days).
std::int64_t UtcNowMicros();

class AppController {
 public:
  explicit AppController(const AppOptions& options) : options_(options) {}

  // Reads the settings file (a notice on stderr when it was unreadable) and applies the command line's
  // theme and reduced motion.
  void LoadSettings();
  const core::Settings& settings() const { return settings_; }
  // Opens the audio device (not for a screenshot) and the practice history (not for a screenshot, but
  // for one of the history screen).
  void OpenServices();
  // Lists the built-in, the user's and the named sessions, and makes the agenda.
  void LoadLibrary();
  // Carries out the command line's startup plan at `now`.
  void Startup(const StartupPlan& plan, Micros now);

  Micros Clock() const { return audio_.Clock(); }
  core::Screen screen() const { return nav_.screen(); }
  bool quit_requested() const { return quit_; }
  // A session is under way on the player: the screen must not blank (core::KeepsScreenAwake).
  bool KeepAwake() const {
    return nav_.screen() == core::Screen::kPlayer && player_ && core::KeepsScreenAwake(player_->status());
  }
  // What the player shows at `now`, when a session is on the player (for --status-file).
  std::optional<core::PlayerView> PlayerViewAt(Micros now) const {
    if (nav_.screen() != core::Screen::kPlayer || !player_) return std::nullopt;
    return View(now);
  }
  std::string Title() const;
  WindowRequests TakeRequests();

  // Input. The key context lacks what only the window knows (fullscreen, text focus).
  KeyContext Keys(Micros now) const;
  void Apply(KeyAction action, Micros now);
  void MouseMoved(Micros now) { last_mouse_ = now; }
  Micros last_mouse() const { return last_mouse_; }
  void DropFile(const std::string& path);
  void SetAudience(bool audience) { audience_ = audience; }  // a presenter window is open

  // Once a loop: the audio, the player and its records, a finished session, the library poll.
  void Tick(Micros now, FramePacerState& pacer);
  // The pacer's inputs at `now` (all but the quit deadline); the player's next visible change only
  // `with_hint` (FrameTimeout needs it, DecideFrame does not).
  FrameInputs Frame(Micros now, bool with_hint) const;
  // Every codepoint the screens may draw: the library's entries (titles, summaries, steps, captions,
  // prompts, names, diagnostics), the playing timeline, the partners' names, the search text and the
  // notice. Re-gathered only when the library or the timeline changed; the small texts each call.
  const ui::GlyphSet& Glyphs();
  // Draw the main window's screen / the presenter's window, inside their ImGui frames.
  void DrawMain(const ui::Look& look, Micros now);
  void DrawPresenter(const ui::Look& look, Micros now);
  // The app closes: a playing session is finished as stopped.
  void Close(Micros now);

  bool settings_dirty() const { return settings_dirty_; }
  // Saves the settings with the main window's `place` (never for a screenshot).
  void SaveSettings(const core::WindowPlace& place);

 private:
  void OpenEntry(const core::LibraryEntry& entry);
  void StartPlaying(Micros now);
  // Plays `timeline` (from the script `path`, "" for a quick timer not saved, with text `script`).
  void StartTimeline(std::shared_ptr<const core::Timeline> timeline, const std::string& path,
                     const std::string& script, Micros now);
  void StartAgendaItem(std::size_t item, bool play, Micros now);
  void ApplyPlayerActions(const ui::PlayerActions& actions, Micros now);
  void SelectRow(KeyAction action);
  void Finish(Micros now, bool completed);
  void ChangeSettings(const core::Settings& settings);
  void AdjustVolume(float delta);
  void SyncAudio();
  // The player's clock starts once the session's sound is ready (core::DecideSoundStart): each tick until
  // then, and at once when there is nothing to wait for. StartAt and Pause while it waits are kept for then.
  void StartWhenSoundReady(Micros now);
  void StartAtWhenSoundReady(Micros now, Micros session_time);
  void PauseWhenStarted(Micros now);
  void RecordProgress(Micros now, bool force);
  core::PlayerView View(Micros now) const;
  ui::PlayerChrome Chrome(Micros now) const;
  std::string Signature(Micros now) const;
  void DrawLibrary(const ui::Look& look);
  void DrawStart(const ui::Look& look, Micros now);
  void DrawQuickTimer(const ui::Look& look, Micros now);
  void DrawEnd(const ui::Look& look, Micros now);
  void DrawHistory(const ui::Look& look);

  AppOptions options_;
  core::Settings settings_;
  std::string settings_path_;
  std::string notice_;
  bool settings_dirty_ = false;
  std::unique_ptr<core::Library> library_;
  std::vector<int> visible_;
  ui::LibraryScreenState library_screen_;
  core::Navigation nav_;
  core::Agenda agenda_;
  WindowRequests requests_;
  bool audience_ = false;
  bool quit_ = false;

  audio::SndfileClipProbe probe_;
  audio::SynthSpeechLength speech_;  // the spoken length of every prompt, as the mixer will speak it
  audio::SessionAudio audio_;
  core::PracticeSaver saver_;  // owns the history; keeps practices it could not write and retries
  core::PracticeRecorder recorder_;
  std::int64_t end_key_ = 0;          // the saver's key of the practice the end screen shows
  Micros ended_at_{0};                // when the end screen last appeared (for kEndHold)
  Micros last_retry_{0};              // when the saver last retried pending practices
  std::string settings_error_;        // the notice of a failed settings save, cleared once one succeeds
  bool help_open_ = false;            // the "?" overlay listing the keys
  std::string history_notice_;        // what the history screen says after an export or a deletion
  std::int64_t history_confirm_ = 0;  // the history row whose deletion waits for a yes

  std::shared_ptr<const core::Timeline> played_;  // what StartTimeline got last (for "Again")
  std::string played_path_;
  std::string played_script_;
  core::QuickTimerSpec quick_spec_;
  ui::QuickTimerView quick_view_;
  std::shared_ptr<const core::Timeline> timeline_;
  std::unique_ptr<core::Player> player_;
  int synced_revision_ = -1;
  struct PendingStart {
    Micros asked{0};           // the clock when the session was asked to start
    std::optional<Micros> at;  // start from this session time (no pre-roll), else from the start
    bool pause = false;        // pause as soon as it starts
  };
  std::optional<PendingStart> pending_start_;  // a player waiting for its sound
  std::string sound_notice_;                   // core::kSoundLateMessage until the late sound arrives
  core::EndSummary end_summary_;
  std::string streak_;
  Micros last_mouse_{0};  // the mouse moved, or a volume key was pressed: the controls show (kControlsLinger)
  float pacer_pixels_ = 0.0f;  // the pacer's span as last drawn (for the one-pixel redraw rule)
  ui::GlyphSet glyphs_;
  std::size_t glyph_library_ = 0;                   // the library's signature when glyphs_ took it in
  const core::Timeline* glyph_timeline_ = nullptr;  // the timeline glyphs_ took in last
};

}  // namespace attune::platform
