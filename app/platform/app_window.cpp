// app/platform/app_window.cpp: creates SDL windows with a GL 3 context and a Dear ImGui context each,
// routes their events, draws frames (under software GL only the parts that changed) and reads pixels back
// for screenshots.
#include "platform/app_window.hpp"

#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <malloc.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "core/terminal_text.hpp"
#include "platform/font_fallback.hpp"

// Last: the X headers define macros (None, Bool, Status) nothing above should see.
#include <GL/glx.h>

namespace attune::platform {
namespace {

// A small round icon: a soft circle in the accent colour, drawn in code so the window has an icon
// without reading a file.
void SetIcon(SDL_Window* window) {
  constexpr int kSize = 64;
  std::vector<Uint32> pixels(kSize * kSize);
  for (int y = 0; y < kSize; ++y) {
    for (int x = 0; x < kSize; ++x) {
      const double dx = x + 0.5 - kSize / 2.0, dy = y + 0.5 - kSize / 2.0;
      const double d = std::sqrt(dx * dx + dy * dy);
      double alpha = std::clamp(30.5 - d, 0.0, 1.0);
      Uint32 r = 122, g = 178, b = 196;
      if (d < 16.0) {
        r = 226;
        g = 238;
        b = 240;
        alpha = 1.0;
      } else if (d < 17.0) {
        const double t = d - 16.0;
        r = static_cast<Uint32>(226 - t * 104);
        g = static_cast<Uint32>(238 - t * 60);
        b = static_cast<Uint32>(240 - t * 44);
      }
      const Uint32 a = static_cast<Uint32>(alpha * 255.0);
      pixels[static_cast<std::size_t>(y * kSize + x)] = (a << 24) | (b << 16) | (g << 8) | r;
    }
  }
  SDL_Surface* surface = SDL_CreateRGBSurfaceFrom(pixels.data(), kSize, kSize, 32, kSize * 4, 0x000000ff,
                                                  0x0000ff00, 0x00ff0000, 0xff000000);
  if (surface == nullptr) return;
  SDL_SetWindowIcon(window, surface);
  SDL_FreeSurface(surface);
}

// Software rasterizers, where every pixel drawn costs CPU.
bool SoftwareRenderer() {
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  if (renderer == nullptr) return false;
  const std::string_view name(renderer);
  return name.find("llvmpipe") != std::string_view::npos || name.find("softpipe") != std::string_view::npos ||
         name.find("Software Rasterizer") != std::string_view::npos;
}

// Software GL allocates and frees its vertex and command buffers every frame, often past glibc's
// defaults for returning memory to the system (128 KiB): each frame then maps, faults in and unmaps fresh
// pages, about a third of the app's CPU while a pacer moves (perf, llvmpipe under Xvfb). Keeping up to
// 32 MiB of freed memory for reuse costs a few MB of RSS and most of that CPU.
void KeepFreedMemoryForReuse() {
  static bool done = false;
  if (done) return;
  done = true;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
  mallopt(M_TOP_PAD, 4 << 20);
}

}  // namespace

struct AppWindow::Glx {
  Display* display = nullptr;
  PFNGLXCOPYSUBBUFFERMESAPROC copy_sub_buffer = nullptr;
  bool check = false;  // compare every partly redrawn frame with the whole frame (slow; for tests)
  int checked = 0, partial = 0, differed = 0;  // frames compared, of them partial, of them different
  double redrawn = 0.0;                        // the sum of each compared frame's redrawn fraction
};

AppWindow::AppWindow() = default;

std::unique_ptr<AppWindow> AppWindow::Create(const WindowSpec& spec, AppWindow* share, std::string* error) {
  std::unique_ptr<AppWindow> self(new AppWindow());
  // Software GL (Mesa's llvmpipe, as under Xvfb or with no GPU) renders on the calling thread unless the
  // user chose otherwise: for one small scene a frame, its rasterizer threads cost more CPU in handing
  // work over than they save (measured: 8.0-8.7% of a core with two threads, 7.1-7.5% with none, for
  // two breathing pacers at 1280x720). GPU drivers ignore the variable. Read when GL starts, so set first.
  if (share == nullptr) setenv("LP_NUM_THREADS", "0", 0);
  const int displays = std::max(1, SDL_GetNumVideoDisplays());
  const int display = std::clamp(spec.display, 0, displays - 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (spec.hidden) flags |= SDL_WINDOW_HIDDEN;
  const int x = spec.x >= 0 && display == 0
                    ? spec.x
                    : static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(static_cast<unsigned>(display)));
  const int y = spec.y >= 0 && display == 0
                    ? spec.y
                    : static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(static_cast<unsigned>(display)));
  self->window_ = SDL_CreateWindow(spec.title.c_str(), x, y, spec.width, spec.height, flags);
  if (self->window_ == nullptr) {
    *error = SDL_GetError();
    return nullptr;
  }
  SetIcon(self->window_);
  if (share != nullptr) {
    self->gl_ = share->gl_;
  } else {
    self->gl_ = SDL_GL_CreateContext(self->window_);
    self->owns_gl_ = true;
    if (self->gl_ == nullptr) {
      *error = SDL_GetError();
      return nullptr;
    }
  }
  SDL_GL_MakeCurrent(self->window_, self->gl_);
  SDL_GL_SetSwapInterval(1);
  // Partial redraws: only with a GLX context (SDL on X11) whose driver copies part of the back buffer to
  // the window, and by default only where drawing pixels costs CPU (software GL).
  const char* partial = std::getenv("ATTUNE_PARTIAL_REDRAW");
  const bool software = SoftwareRenderer();
  if (software && std::getenv("ATTUNE_MALLOC_DEFAULTS") == nullptr) KeepFreedMemoryForReuse();
  const bool want = partial != nullptr ? std::string_view(partial) != "0" : software;
  if (want && glXGetCurrentContext() != nullptr) {
    Display* x_display = glXGetCurrentDisplay();
    const char* extensions =
        x_display != nullptr ? glXQueryExtensionsString(x_display, DefaultScreen(x_display)) : "";
    const auto copy = reinterpret_cast<PFNGLXCOPYSUBBUFFERMESAPROC>(
        glXGetProcAddressARB(reinterpret_cast<const GLubyte*>("glXCopySubBufferMESA")));
    if (extensions != nullptr && std::strstr(extensions, "GLX_MESA_copy_sub_buffer") != nullptr &&
        copy != nullptr) {
      self->glx_ = std::make_unique<Glx>(
          Glx{x_display, copy, partial != nullptr && std::string_view(partial) == "check"});
    }
  }
  IMGUI_CHECKVERSION();
  ImGuiContext* previous = ImGui::GetCurrentContext();
  self->imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(self->imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  ImGui_ImplSDL2_InitForOpenGL(self->window_, self->gl_);
  ImGui_ImplOpenGL3_Init("#version 130");
  if (spec.fullscreen) self->SetFullscreen(true);
  if (previous != nullptr) ImGui::SetCurrentContext(previous);
  return self;
}

AppWindow::~AppWindow() {
  if (glx_ != nullptr && glx_->check) {
    std::fprintf(stderr,
                 "attune: partial redraw checked %d frames (%d partial), %d differed; %.1f%% redrawn\n",
                 glx_->checked, glx_->partial, glx_->differed,
                 glx_->checked > 0 ? 100.0 * glx_->redrawn / glx_->checked : 0.0);
  }
  if (imgui_ != nullptr) {
    MakeCurrent();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext(imgui_);
  }
  if (owns_gl_ && gl_ != nullptr) SDL_GL_DeleteContext(gl_);
  if (window_ != nullptr) SDL_DestroyWindow(window_);
}

void AppWindow::MakeCurrent() {
  SDL_GL_MakeCurrent(window_, gl_);
  ImGui::SetCurrentContext(imgui_);
}

void AppWindow::ProcessEvent(const SDL_Event& event) {
  // Exposed, resized, shown again...: the window may have lost what was copied to it.
  if (event.type == SDL_WINDOWEVENT && event.window.windowID == id()) damage_.Reset();
  ImGui::SetCurrentContext(imgui_);
  ImGui_ImplSDL2_ProcessEvent(&event);
}

float UiScale(SDL_Window* window, float font_scale) {
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  float dpi_scale = 1.0f;
  float ddpi = 0.0f;
  const int display = SDL_GetWindowDisplayIndex(window);
  if (display >= 0 && SDL_GetDisplayDPI(display, &ddpi, nullptr, nullptr) == 0 && ddpi > 0.0f) {
    dpi_scale = std::clamp(ddpi / 96.0f, 1.0f, 3.0f);
  }
  const float height_scale = std::clamp(static_cast<float>(h) / 820.0f, 0.8f, 2.2f);
  const float scale = std::max(dpi_scale, height_scale) * font_scale;
  // Quantize so that small resizes do not rebuild the font atlas.
  return std::round(scale * 8.0f) / 8.0f;
}

void AppWindow::NeedGlyphs(const ui::GlyphSet& glyphs) {
  if (glyphs.size() == glyphs_.size()) return;  // the set only grows: same size, same glyphs
  glyphs_.assign(glyphs.codepoints().begin(), glyphs.codepoints().end());
  glyphs_changed_ = true;
}

void AppWindow::BeginFrame(core::Theme theme, float font_scale) {
  MakeCurrent();
  const float scale = UiScale(window_, font_scale);
  if (scale != loaded_scale_ || theme != look_.theme || !style_set_ || glyphs_changed_) {
    if (scale != loaded_scale_ || glyphs_changed_) {
      look_.fonts = ui::LoadFonts(scale, PlanFonts(glyphs_));
      glyphs_changed_ = false;
      glyphs_check_ = true;
      if (loaded_scale_ > 0.0f) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
      }
      loaded_scale_ = scale;
    }
    look_.scale = scale;
    look_.theme = theme;
    look_.palette = ui::PaletteFor(theme);
    ui::ApplyStyle(look_);
    style_set_ = true;
  }
  ImGui_ImplOpenGL3_NewFrame();
  // The backend has made the font texture (on its first frame, or above): the atlas's own copy of the
  // pixels (a few MB) is no longer needed.
  ImGui::GetIO().Fonts->ClearTexData();
  // Nor are the font files' data (a CJK collection is 19 MB): LoadFonts reads them again on a rebuild.
  ImGui::GetIO().Fonts->ClearInputData();
  if (glyphs_check_) {  // the atlas is built now: say what the user's texts need that no font has
    const std::string notice = ui::MissingGlyphsNotice(ui::MissingGlyphs(look_.fonts, glyphs_));
    if (!notice.empty()) std::fprintf(stderr, "attune: %s\n", core::EscapeForTerminal(notice).c_str());
    glyphs_check_ = false;
  }
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  ImGui::PushFont(look_.fonts.body);
}

void AppWindow::EndFrame(bool present) {
  ImGui::PopFont();
  ImGui::Render();
  ImDrawData* draw = ImGui::GetDrawData();
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4& bg = look_.palette.background;
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  // Parts are handed to the backend as clip rectangles in ImGui's units, exact only at a framebuffer scale
  // of 1 (as SDL has on X11).
  const bool unscaled = draw->FramebufferScale.x == 1.0f && draw->FramebufferScale.y == 1.0f;
  if (!present || glx_ == nullptr || !unscaled) {
    damage_.Reset();
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(draw);
    if (present) SDL_GL_SwapWindow(window_);
    return;
  }
  // The pixels depend on the draw data, the clear colour and the font texture.
  const float salt_values[] = {bg.x, bg.y, bg.z, loaded_scale_};
  const std::vector<PixelRect> parts =
      damage_.Update(*draw, w, h, HashBytes(salt_values, sizeof(salt_values), 1));
  if (parts.empty()) return;  // the window already shows this frame
  RenderParts(draw, parts, h);
  if (glx_->check) {
    // ATTUNE_PARTIAL_REDRAW=check: the partly redrawn frame must equal the frame drawn whole.
    int rw = 0, rh = 0;
    const std::vector<unsigned char> partly = ReadPixels(&rw, &rh);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(draw);
    const std::vector<unsigned char> whole = ReadPixels(&rw, &rh);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < whole.size(); ++i) differ += partly[i] != whole[i] ? 1u : 0u;
    if (differ > 0) std::fprintf(stderr, "attune: partial redraw differs in %zu bytes\n", differ);
    ++glx_->checked;
    double area = 0.0;
    for (const PixelRect& part : parts) area += static_cast<double>(part.w) * part.h;
    glx_->redrawn += area / (static_cast<double>(w) * h);
    glx_->partial += parts.size() != 1 || parts[0].w != w || parts[0].h != h ? 1 : 0;
    glx_->differed += differ > 0 ? 1 : 0;
  }
  const GLXDrawable drawable = glXGetCurrentDrawable();
  for (const PixelRect& part : parts) {
    glx_->copy_sub_buffer(glx_->display, drawable, part.x, h - part.y - part.h, part.w, part.h);
  }
}

void AppWindow::RenderParts(ImDrawData* draw, const std::vector<PixelRect>& parts, int height) {
  if (!parts_draw_.Build(*draw, parts, height)) {  // rare: all of it (the parts copied are still right)
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(draw);
    return;
  }
  glEnable(GL_SCISSOR_TEST);
  for (const PixelRect& part : parts) {
    glScissor(part.x, height - part.y - part.h, part.w, part.h);
    glClear(GL_COLOR_BUFFER_BIT);
  }
  glDisable(GL_SCISSOR_TEST);
  ImGui_ImplOpenGL3_RenderDrawData(parts_draw_.data());
}

std::vector<unsigned char> AppWindow::ReadPixels(int* width, int* height) const {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  std::vector<unsigned char> flipped(pixels.size());
  const std::size_t row = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y) {
    std::copy_n(pixels.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(h - 1 - y) * row), row,
                flipped.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row));
  }
  *width = w;
  *height = h;
  return flipped;
}

void AppWindow::SetFullscreen(bool fullscreen) {
  SDL_SetWindowFullscreen(window_, fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

bool AppWindow::fullscreen() const { return (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN) != 0; }

void AppWindow::SetTitle(const std::string& title) { SDL_SetWindowTitle(window_, title.c_str()); }

bool AppWindow::WantsText() const {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(imgui_);
  const bool wants = ImGui::GetIO().WantTextInput;
  ImGui::SetCurrentContext(previous);
  return wants;
}

bool WritePng(const std::string& path, const std::vector<unsigned char>& rgba, int width, int height) {
  if (width <= 0 || height <= 0 ||
      rgba.size() < static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4) {
    return false;
  }
  return stbi_write_png(path.c_str(), width, height, 4, rgba.data(), width * 4) != 0;
}

}  // namespace attune::platform
