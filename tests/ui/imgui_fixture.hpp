// tests/ui/imgui_fixture.hpp: a headless Dear ImGui (1.86) that clicks. A context with the app's fonts and
// style (atlas built, no window, no GL), frames run one at a time, and input injected through ImGuiIO:
// the mouse moved, pressed and released over a widget found by its window and label, characters typed,
// keys pressed. The views under test are plain functions returning their actions, so a click returns the
// actions of the frames it took.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ui/look.hpp"

namespace attune::ui::testing {

// One part of a widget's ID stack: a label ("Start", "##row") or an integer pushed with PushID(int). A
// combo's items are {index, label} in the popup window "##Combo_00" (Debian's 1.86 pushes the index).
class IdPart {
 public:
  IdPart(const char* label) : part_(std::string(label)) {}  // NOLINT(google-explicit-constructor)
  IdPart(std::string label) : part_(std::move(label)) {}    // NOLINT(google-explicit-constructor)
  IdPart(int index) : part_(index) {}                       // NOLINT(google-explicit-constructor)
  // This part's ID under `seed`, as ImGui's PushID / GetID compute it.
  ImGuiID Hash(ImGuiID seed) const;
  std::string Describe() const;

 private:
  std::variant<std::string, int> part_;
};

// The actions a view returned on each frame of a click: the mouse over the widget, the button going down,
// the button coming up (a button reports its press on release; a slider changes on the press).
template <typename Actions>
struct Clicked {
  Actions hover;
  Actions press;
  Actions release;
};

class ImGuiFixture {
 public:
  explicit ImGuiFixture(ImVec2 display = ImVec2(1280, 720), core::Theme theme = core::Theme::kDark);
  ~ImGuiFixture();
  ImGuiFixture(const ImGuiFixture&) = delete;
  ImGuiFixture& operator=(const ImGuiFixture&) = delete;

  const Look& look() const { return look_; }

  // Runs one frame of `draw` (a callable returning the view's actions) and returns what it returned.
  template <typename Draw>
  auto Frame(Draw&& draw) {
    BeginFrame();
    auto actions = draw();
    EndFrame();
    return actions;
  }
  // Runs `count` frames of `draw` with no input change, returning the last frame's actions.
  template <typename Draw>
  auto Frames(int count, Draw&& draw) {
    auto actions = Frame(draw);
    for (int i = 1; i < count; ++i) actions = Frame(draw);
    return actions;
  }

  // The screen rectangle of the widget `path` (its labels and pushed IDs, outermost first) inside the
  // window `window` ("##start", or a child "##start/##options"), as the last frames of `draw` laid it out;
  // nullopt when no such window or widget was drawn. Runs frames of `draw`.
  template <typename Draw>
  std::optional<ImRect> Find(const std::string& window, std::initializer_list<IdPart> path, Draw&& draw) {
    Frames(2, draw);  // the windows exist and have settled
    const std::optional<Target> target = Locate(window, path);
    if (!target) return std::nullopt;
    Focus(*target);
    Frame(draw);  // ImGui records the focused item's rectangle as it is submitted
    return FocusedRect(*target);
  }

  // Clicks the middle of the widget: one frame hovering, one with the left button down, one with it up.
  // Fails the test (and returns default actions) when the widget is not found or another item is under
  // the mouse.
  template <typename Draw>
  auto Click(const std::string& window, std::initializer_list<IdPart> path, Draw&& draw) {
    using Actions = decltype(draw());
    Clicked<Actions> clicked{};
    const std::optional<ImRect> rect = Find(window, path, draw);
    if (!Expect(rect.has_value(), "no widget " + Describe(window, path) + NavState())) return clicked;
    ClearFocus();
    MoveMouse(rect->GetCenter());
    clicked.hover = Frame(draw);
    if (!ExpectHovered(window, path)) return clicked;
    SetMouseButton(true);
    clicked.press = Frame(draw);
    SetMouseButton(false);
    clicked.release = Frame(draw);
    return clicked;
  }
  // Clicks at a point of the screen (hover, down, up), returning the release frame's actions.
  template <typename Draw>
  auto ClickAt(ImVec2 point, Draw&& draw) {
    MoveMouse(point);
    Frame(draw);
    SetMouseButton(true);
    Frame(draw);
    SetMouseButton(false);
    return Frame(draw);
  }

  // Types `text` (ASCII) one character a frame; returns the actions of the frame of each character.
  template <typename Draw>
  auto Type(const std::string& text, Draw&& draw) {
    std::vector<decltype(draw())> frames;
    for (const char c : text) {
      ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
      frames.push_back(Frame(draw));
    }
    return frames;
  }
  // Presses and releases `key` (an ImGuiKey_, mapped to KeysDown[key]): returns the press frame's actions.
  template <typename Draw>
  auto PressKey(ImGuiKey key, Draw&& draw) {
    ImGui::GetIO().KeysDown[key] = true;
    auto actions = Frame(draw);
    ImGui::GetIO().KeysDown[key] = false;
    Frame(draw);
    return actions;
  }

  void MoveMouse(ImVec2 point);
  void SetMouseButton(bool down);
  // The ID of the item under the mouse in the last frame (0: none).
  ImGuiID HoveredId() const;
  // The ID ImGui gives the widget `path` in `window` (0 when the window was not drawn).
  ImGuiID IdOf(const std::string& window, std::initializer_list<IdPart> path) const;
  // Whether a window whose name is `window` (or, for a child, starts with "window_") was drawn last frame.
  bool WindowDrawn(const std::string& window) const;

 private:
  struct Target {
    ImGuiWindow* window;
    ImGuiID id;
  };
  void BeginFrame();
  void EndFrame();
  ImGuiWindow* FindWindow(const std::string& window) const;
  std::optional<Target> Locate(const std::string& window, std::initializer_list<IdPart> path) const;
  void Focus(const Target& target);
  std::optional<ImRect> FocusedRect(const Target& target) const;
  void ClearFocus();
  bool ExpectHovered(const std::string& window, std::initializer_list<IdPart> path);
  std::string NavState() const;
  static bool Expect(bool condition, const std::string& message);
  static std::string Describe(const std::string& window, std::initializer_list<IdPart> path);

  ImGuiContext* context_ = nullptr;
  Look look_;
};

}  // namespace attune::ui::testing
