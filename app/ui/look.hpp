// app/ui/look.hpp: the look shared by every view: the palette of a theme, the fonts at the sizes drawn
// with, and small drawing helpers (centred wrapped text, smooth circles). UI thread only.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "core/settings.hpp"
#include "ui/bidi_text.hpp"

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
  ImFont* body = nullptr;              // ~20 px at scale 1: lists, details, controls
  ImFont* heading = nullptr;           // ~30 px: titles
  ImFont* caption = nullptr;           // ~44 px: prompts, readable from the back of a room
  ImFont* digits = nullptr;            // ~120 px: the countdown and the pre-roll
  std::string source;                  // the file the fonts came from, or "built-in"
  std::vector<std::string> fallbacks;  // the fallback font files merged in (FontPlan), in order
};

// A font file to take some glyphs from when the main font lacks them (found through fontconfig by
// platform/font_fallback: ui never includes fontconfig).
struct FallbackFont {
  std::string path;
  int index = 0;                     // the face in a collection (.ttc)
  std::vector<char32_t> codepoints;  // the glyphs to take from it
};

// What the user's texts need beyond the fixed Latin ranges: `text` (GlyphSet's codepoints) is added to
// the main font's ranges (it takes those it has); each fallback then gives the glyphs listed for it.
struct FontPlan {
  std::vector<char32_t> text;
  std::vector<FallbackFont> fallbacks;
};

// The file LoadFonts uses as its main font: $ATTUNE_FONT, Inter (fonts-inter), DejaVu Sans; "" when
// none is readable (ImGui's built-in font).
std::string MainFontFile();

// Adds the fonts to io.Fonts (cleared first) at `scale` (HiDPI factor times the font scale setting),
// from MainFontFile(), with `plan`'s glyphs merged into the body, heading and caption fonts (MergeMode;
// the countdown's digits take none). Each font file is read once however many sizes use it. The caller
// builds the atlas (the backend does, or io.Fonts->GetTexDataAsRGBA32 in tests); after that
// io.Fonts->ClearInputData() may free the files' data.
Fonts LoadFonts(float scale, const FontPlan& plan = {});

// The codepoints of `codepoints` the body font (built) has no glyph for, in order; those above U+FFFF
// always (ImGui 1.86 cannot draw them). ImGui draws them as its fallback glyph.
std::vector<char32_t> MissingGlyphs(const Fonts& fonts, const std::vector<char32_t>& codepoints);
// The sentence for stderr when some are missing, "" when none: "no installed font draws U+1F600 (shown
// as a replacement mark); scripts/setup installs fonts-noto-core, fonts-noto-cjk and fonts-symbola".
// At most 8 codepoints are named, then "and N more".
std::string MissingGlyphsNotice(const std::vector<char32_t>& missing);

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
// Each line is drawn in visual order (VisualOrder: right-to-left scripts reversed, Arabic joined).
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
