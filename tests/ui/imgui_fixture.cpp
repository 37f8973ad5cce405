// tests/ui/imgui_fixture.cpp: the headless clicking ImGui of imgui_fixture.hpp.
#include "ui/imgui_fixture.hpp"

#include <gtest/gtest.h>

#include <cfloat>
#include <cstring>

namespace attune::ui::testing {

ImGuiID IdPart::Hash(ImGuiID seed) const {
  if (const auto* label = std::get_if<std::string>(&part_)) return ImHashStr(label->c_str(), 0, seed);
  return ImHashData(&std::get<int>(part_), sizeof(int), seed);
}

std::string IdPart::Describe() const {
  if (const auto* label = std::get_if<std::string>(&part_)) return "\"" + *label + "\"";
  return std::to_string(std::get<int>(part_));
}

ImGuiFixture::ImGuiFixture(ImVec2 display, core::Theme theme) {
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = display;
  io.DeltaTime = 1.0f / 60.0f;
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = key;  // KeysDown[ImGuiKey_X] is key X
  look_.theme = theme;
  look_.fonts = LoadFonts(1.0f);
  look_.palette = PaletteFor(theme);
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));  // no GPU: any non-null
  ApplyStyle(look_);
}

ImGuiFixture::~ImGuiFixture() { ImGui::DestroyContext(context_); }

void ImGuiFixture::BeginFrame() {
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
}

void ImGuiFixture::EndFrame() { ImGui::Render(); }

void ImGuiFixture::MoveMouse(ImVec2 point) { ImGui::GetIO().MousePos = point; }

void ImGuiFixture::SetMouseButton(bool down) { ImGui::GetIO().MouseDown[0] = down; }

ImGuiID ImGuiFixture::HoveredId() const { return GImGui->HoveredId; }

ImGuiWindow* ImGuiFixture::FindWindow(const std::string& window) const {
  for (ImGuiWindow* candidate : GImGui->Windows) {
    if (!candidate->Active) continue;
    const std::string name = candidate->Name;
    if (name == window) return candidate;
    // A child window is named "parent/child_XXXXXXXX" (its ID in hex).
    if (name.size() == window.size() + 9 && name.compare(0, window.size(), window) == 0 &&
        name[window.size()] == '_') {
      return candidate;
    }
  }
  return nullptr;
}

bool ImGuiFixture::WindowDrawn(const std::string& window) const { return FindWindow(window) != nullptr; }

std::optional<ImGuiFixture::Target> ImGuiFixture::Locate(const std::string& window,
                                                         std::initializer_list<IdPart> path) const {
  ImGuiWindow* found = FindWindow(window);
  if (found == nullptr) return std::nullopt;
  ImGuiID id = found->ID;  // the bottom of the window's ID stack
  for (const IdPart& part : path) id = part.Hash(id);
  return Target{found, id};
}

ImGuiID ImGuiFixture::IdOf(const std::string& window, std::initializer_list<IdPart> path) const {
  const std::optional<Target> target = Locate(window, path);
  return target ? target->id : 0;
}

// Gives the item keyboard focus (ImGui's nav ID): as the item is submitted next frame, ImGui stores its
// rectangle, relative to its window's content, in NavRectRel. The app never enables keyboard navigation, so
// focus alone activates nothing. A window that appears asks ImGui for a default focus (its first item); that
// request is dropped here.
void ImGuiFixture::Focus(const Target& target) {
  ImGuiContext& g = *GImGui;
  g.NavInitRequest = false;
  g.NavInitRequestFromMove = false;
  g.NavInitResultId = 0;
  ImGui::SetFocusID(target.id, target.window);
}

std::optional<ImRect> ImGuiFixture::FocusedRect(const Target& target) const {
  const ImGuiContext& g = *GImGui;
  if (g.NavId != target.id || !g.NavIdIsAlive || g.NavWindow != target.window) return std::nullopt;
  // NavRectRel is relative to the window's content start (ImGui::WindowRectAbsToRel in 1.86).
  return ImGui::WindowRectRelToAbs(target.window, target.window->NavRectRel[g.NavLayer]);
}

void ImGuiFixture::ClearFocus() {
  GImGui->NavId = 0;
  GImGui->NavIdIsAlive = false;
}

bool ImGuiFixture::ExpectHovered(const std::string& window, std::initializer_list<IdPart> path) {
  const ImGuiID expected = IdOf(window, path);
  return Expect(expected != 0 && HoveredId() == expected, "the mouse is not over " + Describe(window, path) +
                                                              " (hovered id " + std::to_string(HoveredId()) +
                                                              ", expected " + std::to_string(expected) + ")");
}

std::string ImGuiFixture::NavState() const {
  const ImGuiContext& g = *GImGui;
  std::string windows;
  for (const ImGuiWindow* window : g.Windows) {
    if (window->Active) windows += std::string(" \"") + window->Name + "\"";
  }
  return " (focused id " + std::to_string(g.NavId) + (g.NavIdIsAlive ? " alive" : " not seen") + " in " +
         (g.NavWindow != nullptr ? g.NavWindow->Name : "no window") + "; windows drawn:" + windows + ")";
}

bool ImGuiFixture::Expect(bool condition, const std::string& message) {
  if (!condition) ADD_FAILURE() << message;
  return condition;
}

std::string ImGuiFixture::Describe(const std::string& window, std::initializer_list<IdPart> path) {
  std::string text = "window \"" + window + "\" item";
  for (const IdPart& part : path) text += " " + part.Describe();
  return text;
}

}  // namespace attune::ui::testing
