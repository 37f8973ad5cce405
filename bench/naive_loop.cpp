// bench/naive_loop.cpp: the reference for bench/app_cpu.sh --against-naive: an SDL2 + OpenGL 3 + Dear
// ImGui window that draws one filled circle growing and shrinking, redrawing the whole window at 60 frames
// a second (vsync off, SDL_Delay to the next frame) the way a straightforward app would.
// Usage: attune_naive_loop [SECONDS] [WIDTHxHEIGHT]  (default: 14 s at 1280x720; 0 s: until closed)
#include <SDL.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 14.0;
  int width = 1280, height = 720;
  if (argc > 2 && std::sscanf(argv[2], "%dx%d", &width, &height) != 2) {
    std::fprintf(stderr, "usage: %s [SECONDS] [WIDTHxHEIGHT]\n", argv[0]);
    return 2;
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_Window* window = SDL_CreateWindow("naive loop", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width,
                                        height, SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE);
  if (window == nullptr) {
    std::fprintf(stderr, "SDL_CreateWindow: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GLContext gl = SDL_GL_CreateContext(window);
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(0);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplSDL2_InitForOpenGL(window, gl);
  ImGui_ImplOpenGL3_Init("#version 130");

  const Uint64 frequency = SDL_GetPerformanceFrequency();
  const Uint64 start = SDL_GetPerformanceCounter();
  const double frame = 1.0 / 60.0;
  double next = 0.0;
  bool quit = false;
  while (!quit) {
    SDL_Event event;
    while (SDL_PollEvent(&event) != 0) {
      ImGui_ImplSDL2_ProcessEvent(&event);
      if (event.type == SDL_QUIT) quit = true;
    }
    const double t =
        static_cast<double>(SDL_GetPerformanceCounter() - start) / static_cast<double>(frequency);
    if (seconds > 0.0 && t >= seconds) break;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // A 10 s breath: the radius swings between 30% and 100% of a third of the window's height.
    const float full = display.y / 3.0f;
    const float radius = full * (0.65f + 0.35f * static_cast<float>(std::sin(t * 2.0 * 3.14159265 / 10.0)));
    ImGui::GetBackgroundDrawList()->AddCircleFilled(ImVec2(display.x * 0.5f, display.y * 0.5f), radius,
                                                    IM_COL32(122, 178, 196, 255));
    ImGui::Render();
    glViewport(0, 0, static_cast<int>(display.x), static_cast<int>(display.y));
    glClearColor(0.07f, 0.08f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(window);
    next += frame;
    const double now =
        static_cast<double>(SDL_GetPerformanceCounter() - start) / static_cast<double>(frequency);
    if (next > now) {
      SDL_Delay(static_cast<Uint32>((next - now) * 1000.0));
    } else {
      next = now;
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}
