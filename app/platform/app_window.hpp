// app/platform/app_window.hpp: one SDL window with its OpenGL context and its own Dear ImGui context.
// Owns every SDL/GL/ImGui handle it creates (RAII); a second window (the presenter's) shares the GL context.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/frame_damage.hpp"
#include "ui/glyphs.hpp"
#include "ui/look.hpp"

namespace attune::platform {

struct WindowSpec {
  std::string title = "Attune";
  int x = -1;  // -1: centred on `display`
  int y = -1;
  int width = 1280;
  int height = 720;
  int display = 0;
  bool fullscreen = false;
  bool hidden = false;
};

class AppWindow {
 public:
  // Creates the window. `share`: another window whose GL context to use (nullptr: create one).
  // Returns null with `*error` = SDL_GetError() text on failure.
  static std::unique_ptr<AppWindow> Create(const WindowSpec& spec, AppWindow* share, std::string* error);
  ~AppWindow();
  AppWindow(const AppWindow&) = delete;
  AppWindow& operator=(const AppWindow&) = delete;

  SDL_Window* sdl() const { return window_; }
  Uint32 id() const { return SDL_GetWindowID(window_); }

  // Routes an SDL event to this window's ImGui context (the caller checks the window id).
  void ProcessEvent(const SDL_Event& event);
  // Makes this window current, reloads fonts when `scale` changed or NeedGlyphs added glyphs, starts an
  // ImGui frame.
  void BeginFrame(core::Theme theme, float font_scale);
  // The codepoints the texts this window may draw use (ui::GlyphSet, which only grows): when it grew, the
  // fonts are rebuilt at the next BeginFrame with fallback fonts (fontconfig) for what the main font lacks.
  void NeedGlyphs(const ui::GlyphSet& glyphs);
  // Renders the frame (clearing to the theme's background) and, when `present`, shows it. With software
  // GL under GLX (llvmpipe, as under Xvfb), a presented frame redraws and copies to the window only the
  // parts that changed (FrameDamage, GLX_MESA_copy_sub_buffer); the back buffer, never swapped, keeps the
  // rest. Elsewhere it draws everything and swaps buffers. ATTUNE_PARTIAL_REDRAW=0 turns partial
  // redraws off, =1 uses them with any GL driver that has the extension, =check also compares each
  // partly redrawn frame with the whole frame and reports a difference on stderr.
  void EndFrame(bool present = true);
  // True when presented frames redraw only what changed.
  bool partial_redraw() const { return glx_ != nullptr; }
  // The back buffer as RGBA rows, top row first (call after EndFrame(false)).
  std::vector<unsigned char> ReadPixels(int* width, int* height) const;

  void SetFullscreen(bool fullscreen);
  bool fullscreen() const;
  void SetTitle(const std::string& title);
  const ui::Look& look() const { return look_; }
  // True while ImGui wants keyboard text (a text field has focus).
  bool WantsText() const;

 private:
  AppWindow();
  void MakeCurrent();
  void RenderParts(ImDrawData* draw, const std::vector<PixelRect>& parts, int height);

  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  bool owns_gl_ = false;
  ImGuiContext* imgui_ = nullptr;
  ui::Look look_;
  struct Glx;                 // GLX's display and glXCopySubBufferMESA (defined with the X headers)
  std::unique_ptr<Glx> glx_;  // set when presented frames redraw only what changed
  FrameDamage damage_;
  PartDrawData parts_draw_;
  float loaded_scale_ = 0.0f;
  bool style_set_ = false;
  std::vector<char32_t> glyphs_;  // NeedGlyphs's codepoints
  bool glyphs_changed_ = false;
  bool glyphs_check_ = false;  // report the glyphs no font has once the atlas is built
};

// The UI scale for a window: the font-scale setting, the desktop DPI and the window height (a projector
// at 1080p gets larger text than a laptop window).
float UiScale(SDL_Window* window, float font_scale);

// Writes RGBA pixels as a PNG (stb_image_write). Returns false on failure.
bool WritePng(const std::string& path, const std::vector<unsigned char>& rgba, int width, int height);

}  // namespace attune::platform
