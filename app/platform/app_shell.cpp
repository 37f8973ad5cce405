// app/platform/app_shell.cpp: the SDL plumbing of the window: starts SDL and GL, opens the main and the
// presenter windows, routes events, sleeps and draws as the frame pacer decides, takes screenshots.
#include "platform/app_shell.hpp"

#include <SDL.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "core/status_report.hpp"
#include "core/terminal_text.hpp"
#include "platform/app_controller.hpp"
#include "platform/app_window.hpp"
#include "platform/frame_pacer.hpp"
#include "platform/key_map.hpp"
#include "platform/screenshot.hpp"
#include "platform/status_file.hpp"

namespace attune::platform {
namespace {

class Shell {
 public:
  explicit Shell(const AppOptions& options) : options_(options), app_(options) {}
  int Run();

 private:
  bool Init();
  void HandleEvent(const SDL_Event& event, Micros now);
  void HandleKey(SDL_Keycode code, Micros now);
  void Tick(Micros now);
  void Draw(Micros now, bool present);
  void ApplyRequests();
  void SaveSettings();
  FrameInputs Inputs(Micros now, bool with_hint) const;
  int Quit(int code);

  AppOptions options_;
  AppController app_;
  std::unique_ptr<AppWindow> main_;
  std::unique_ptr<AppWindow> presenter_;
  FramePacerState pacer_;
  bool can_block_ = true;  // the video driver can block in SDL_WaitEventTimeout
  bool quit_ = false;
  bool awake_ = false;                  // the screensaver is inhibited (a session plays)
  std::unique_ptr<StatusFile> status_;  // --status-file
  Micros started_{0};
  Micros last_save_{0};
};

bool Shell::Init() {
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  // The name the desktop shows for the screensaver inhibition and the audio stream (SDL's default is "My
  // SDL application"), and the screensaver left alone until a session plays (SDL would inhibit it from
  // the moment the window opens): Tick() inhibits it only while one does.
  SDL_SetHint(SDL_HINT_APP_NAME, "Attune");
  SDL_SetHint(SDL_HINT_AUDIO_DEVICE_STREAM_NAME, "Guided session");
  SDL_SetHint(SDL_HINT_SCREENSAVER_INHIBIT_ACTIVITY_NAME, "A guided breathing session is playing");
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
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
  app_.LoadSettings();
  const core::WindowPlace& place = app_.settings().window;
  WindowSpec spec;
  spec.title = "Attune";
  spec.width = options_.width > 0 ? options_.width : place.width;
  spec.height = options_.height > 0 ? options_.height : place.height;
  spec.x = options_.width > 0 || options_.display >= 0 ? -1 : place.x;
  spec.y = options_.width > 0 || options_.display >= 0 ? -1 : place.y;
  spec.display = options_.display >= 0 ? options_.display : place.display;
  spec.fullscreen = options_.fullscreen;
  // A saved size (not --size) never exceeds the display it opens on: a 16384 px window saved once would
  // otherwise cost a gigabyte of framebuffer at every start.
  SDL_Rect usable{};
  if (options_.width <= 0 && SDL_GetDisplayUsableBounds(std::max(0, spec.display), &usable) == 0 &&
      usable.w > 0 && usable.h > 0) {
    spec.width = std::clamp(spec.width, core::kMinWindowWidth, std::max(core::kMinWindowWidth, usable.w));
    spec.height = std::clamp(spec.height, core::kMinWindowHeight, std::max(core::kMinWindowHeight, usable.h));
  }
  std::string error;
  main_ = AppWindow::Create(spec, nullptr, &error);
  if (!main_) {
    std::fprintf(stderr, "attune: cannot open a window: %s\n", core::EscapeForTerminal(error).c_str());
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
    if (!presenter_)
      std::fprintf(stderr, "attune: cannot open the presenter window: %s\n",
                   core::EscapeForTerminal(error).c_str());
  }
  app_.SetAudience(presenter_ != nullptr);
  app_.OpenServices();
  if (!options_.status_file.empty()) status_ = std::make_unique<StatusFile>(options_.status_file);
  return true;
}

void Shell::ApplyRequests() {
  const WindowRequests requests = app_.TakeRequests();
  if (requests.toggle_fullscreen) main_->SetFullscreen(!main_->fullscreen());
  if (requests.leave_fullscreen) main_->SetFullscreen(false);
  if (requests.title) main_->SetTitle(app_.Title());
  if (requests.show_cursor) SDL_ShowCursor(SDL_ENABLE);
}

void Shell::SaveSettings() {
  if (!options_.screenshot.empty()) return;
  core::WindowPlace place = app_.settings().window;
  if (!main_->fullscreen()) {
    SDL_GetWindowPosition(main_->sdl(), &place.x, &place.y);
    SDL_GetWindowSize(main_->sdl(), &place.width, &place.height);
    place.x = std::max(-1, place.x);
    place.y = std::max(-1, place.y);
  }
  place.display = std::max(0, SDL_GetWindowDisplayIndex(main_->sdl()));
  app_.SaveSettings(place);
}

void Shell::HandleKey(SDL_Keycode code, Micros now) {
  KeyContext context = app_.Keys(now);
  context.fullscreen = main_->fullscreen();
  context.text_focus = main_->WantsText();
  app_.Apply(MapKey(code, context), now);
  ApplyRequests();
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
          app_.SetAudience(false);
        } else {
          quit_ = true;
        }
      }
      break;
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
      app_.MouseMoved(now);
      SDL_ShowCursor(SDL_ENABLE);
      break;
    case SDL_KEYDOWN:
      HandleKey(event.key.keysym.sym, now);
      break;
    case SDL_DROPFILE: {
      const std::string path = event.drop.file != nullptr ? event.drop.file : "";
      SDL_free(event.drop.file);
      if (!path.empty()) app_.DropFile(path);
      ApplyRequests();
      break;
    }
    default:
      break;
  }
}

void Shell::Tick(Micros now) {
  app_.Tick(now, pacer_);
  ApplyRequests();
  if (app_.KeepAwake() != awake_) {
    awake_ = !awake_;
    if (awake_) {
      SDL_DisableScreenSaver();
    } else {
      SDL_EnableScreenSaver();
    }
  }
  if (app_.screen() == core::Screen::kPlayer && !ControlsShown(now, app_.last_mouse()) &&
      SDL_ShowCursor(SDL_QUERY) == SDL_ENABLE && options_.screenshot.empty()) {
    SDL_ShowCursor(SDL_DISABLE);
  }
  if (status_) {
    const std::optional<core::PlayerView> view = app_.PlayerViewAt(now);
    status_->Update(core::MakeStatusReport(view ? &*view : nullptr));
  }
  if (options_.quit_after >= 0.0 && now - started_ >= core::FromSeconds(options_.quit_after)) quit_ = true;
}

FrameInputs Shell::Inputs(Micros now, bool with_hint) const {
  FrameInputs inputs = app_.Frame(now, with_hint);
  if (options_.quit_after >= 0.0) inputs.quit_at = started_ + core::FromSeconds(options_.quit_after);
  return inputs;
}

void Shell::Draw(Micros now, bool present) {
  const ui::GlyphSet& glyphs = app_.Glyphs();
  main_->NeedGlyphs(glyphs);
  if (presenter_) presenter_->NeedGlyphs(glyphs);
  main_->BeginFrame(app_.settings().theme, app_.settings().font_scale);
  app_.DrawMain(main_->look(), now);
  main_->EndFrame(present);
  if (presenter_) {
    presenter_->BeginFrame(app_.settings().theme, 1.0f);
    app_.DrawPresenter(presenter_->look(), now);
    presenter_->EndFrame(present);
  }
  ApplyRequests();
  if (app_.quit_requested()) quit_ = true;
}

int Shell::Quit(int code) {
  presenter_.reset();
  main_.reset();
  SDL_Quit();
  return code;
}

int Shell::Run() {
  if (!Init()) {
    SDL_Quit();
    return 1;
  }
  app_.LoadLibrary();
  started_ = app_.Clock();
  Micros now = started_;
  app_.MouseMoved(options_.screenshot.empty() ? now : Micros{-10'000'000'000});
  app_.Startup(PlanStartup(options_), now);
  ApplyRequests();
  if (!options_.screenshot.empty()) {
    return Quit(TakeScreenshot(*main_, options_.screenshot, [this, now] { Draw(now, false); }));
  }
  while (!quit_) {
    now = app_.Clock();
    const Micros timeout = FrameTimeout(Inputs(now, true), pacer_);
    SDL_Event event;
    const int wait_ms = static_cast<int>((timeout.count() + 999) / 1000);
    // SDL 2.26 waits by polling every millisecond on drivers that cannot block (offscreen): there, and
    // only there (it has no input), sleep the whole timeout instead.
    if (!can_block_ && wait_ms > 0) SDL_Delay(static_cast<Uint32>(wait_ms));
    if (SDL_WaitEventTimeout(&event, can_block_ ? wait_ms : 0) != 0) {
      now = app_.Clock();
      HandleEvent(event, now);
      while (SDL_PollEvent(&event) != 0) HandleEvent(event, now);
      NoteInput(pacer_);
    }
    now = app_.Clock();
    Tick(now);
    if (quit_) break;
    if (!DecideFrame(Inputs(now, false), pacer_).draw) continue;
    Draw(now, true);
    // Saved at most once a second (a slider being dragged changes them every frame), never mid-session.
    if (app_.settings_dirty() && app_.screen() != core::Screen::kPlayer &&
        now - last_save_ >= Micros{1'000'000}) {
      SaveSettings();
      last_save_ = now;
    }
  }
  app_.Close(app_.Clock());
  SaveSettings();
  return Quit(0);
}

}  // namespace

int RunApp(const AppOptions& options) {
  Shell shell(options);
  return shell.Run();
}

}  // namespace attune::platform
