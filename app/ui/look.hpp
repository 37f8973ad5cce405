// app/ui/look.hpp: the look shared by every view: the palette of a theme, the fonts at the sizes drawn
// with, and small drawing helpers (centred wrapped text, smooth circles). UI thread only.
#pragma once

#include <imgui.h>

#include <string>

#include "core/settings.hpp"

namespace attune::ui {

struct Palette {
  ImVec4 background;
  ImVec4 surface;  // panels, cards
  ImVec4 surface_hover;
  ImVec4 text;
  ImVec4 muted;   // secondary text
  ImVec4 accent;  // the one-person pacer, buttons
  ImVec4 accent_soft;
  ImVec4 error;
  ImVec4 warning;
  ImVec4 guide;  // faint rings and tracks
};

Palette PaletteFor(core::Theme theme);

// The fonts, loaded into ImGui's atlas at the sizes they are drawn with. Every pointer is non-null
// after LoadFonts (ImGui's default font stands in when no font file is found).
struct Fonts {
  ImFont* body = nullptr;     // ~20 px at scale 1: lists, details, controls
  ImFont* heading = nullptr;  // ~30 px: titles
  ImFont* caption = nullptr;  // ~44 px: prompts, readable from the back of a room
  ImFont* digits = nullptr;   // ~120 px: the countdown and the pre-roll
  std::string source;         // the file the fonts came from, or "built-in"
};

// Adds the fonts to io.Fonts (cleared first) at `scale` (HiDPI factor times the font scale setting).
// Tries Inter (fonts-inter), then DejaVu Sans, then ImGui's built-in font. The caller builds the atlas
// (the backend does, or io.Fonts->GetTexDataAsRGBA32 in tests).
Fonts LoadFonts(float scale);

struct Look {
  Palette palette;
  Fonts fonts;
  float scale = 1.0f;  // multiply every layout size by this
  core::Theme theme = core::Theme::kDark;
};

// Applies the palette and generous spacing to ImGui's style (call after creating the context and on a
// theme change).
void ApplyStyle(const Look& look);

ImU32 ToU32(const ImVec4& colour, float alpha = 1.0f);
// "#rrggbb" to a colour; `fallback` when the text is not in that form.
ImVec4 ParseHexColour(const std::string& hex, const ImVec4& fallback);
// `colour` moved toward `target` by t (0..1).
ImVec4 Mix(const ImVec4& colour, const ImVec4& target, float t);

// Draws `text` word-wrapped to `width`, each line centred on `centre_x`, from `top`. Returns the height.
float DrawCentredText(ImDrawList* draw, ImFont* font, float size, float centre_x, float top, float width,
                      ImU32 colour, const std::string& text);
// The height DrawCentredText would take.
float MeasureCentredText(ImFont* font, float size, float width, const std::string& text);

// Opens the one full-window ImGui window a screen draws into (no title, not movable, never saved);
// `extra_flags` adds e.g. ImGuiWindowFlags_NoBackground. Pair with ImGui::End().
void BeginScreen(const char* id, ImGuiWindowFlags extra_flags = 0);

// A smooth circle, filled or (thickness > 0) an outline: with `segments` 0, the segment count grows with
// the radius (CircleSegments; ImGui 1.86 caps automatic ones at 48).
void SmoothCircle(ImDrawList* draw, ImVec2 centre, float radius, ImU32 colour, float thickness = 0.0f,
                  int segments = 0);
int CircleSegments(float radius);

}  // namespace attune::ui
