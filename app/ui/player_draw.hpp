// app/ui/player_draw.hpp: internal to the player (player_screen.cpp, player_draw.cpp): the text helpers, the
// player's layout, and the pictures on its stage (pacers, PMR gauge, body figure, rest ring, turns, bell).
#pragma once

#include <string>

#include "core/player_view.hpp"
#include "ui/look.hpp"

namespace attune::ui::player_draw {

inline constexpr float kPi = 3.14159265f;

inline float F(double x) { return static_cast<float>(x); }

struct Rect {
  float x0, y0, x1, y1;
  float Width() const { return x1 - x0; }
  float Height() const { return y1 - y0; }
  float CentreX() const { return (x0 + x1) * 0.5f; }
  float CentreY() const { return (y0 + y1) * 0.5f; }
};

// Both in drawing order (VisualOrder: right-to-left scripts reversed, Arabic joined).
void TextAt(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, const std::string& text);
float TextWidth(ImFont* font, float size, const std::string& text);
void TextCentred(ImDrawList* draw, ImFont* font, float size, float cx, float y, ImU32 colour,
                 const std::string& text);
// The caption size: large enough to read from the back of a room, bounded by the loaded font.
float CaptionSize(const Look& look, float height);
// The font that draws `size` crisply: the caption font above the heading's own size, else the heading.
ImFont* LargeFont(const Look& look, float size);
// Draws `text` wrapped to `box`, centred in it both ways, at `size` or, when that would not fit, as much
// smaller as fits (down to `min_size`); what still does not fit is clipped to the box, so a long caption
// never pushes anything else.
void DrawFitted(ImDrawList* draw, ImFont* font, float size, float min_size, const Rect& box, ImU32 colour,
                const std::string& text);

// Where everything on the player sits. It depends only on the display, the look and the chrome (and
// whether the session is for two), never on the text shown: the pacer's centre and radius, the ring, the
// PMR gauge and the body figure stay put when a caption changes its length or its number of lines.
struct PlayerLayout {
  float margin = 0.0f;
  float title_y = 0.0f;
  float notice_y = 0.0f;  // when chrome.notice is set
  float mode_y = 0.0f;    // two people: the breathing mode line
  Rect stage{};           // the session's own picture: pacers, gauge, figure, timer
  Rect caption{};         // the large text (up to two lines at caption_size; longer text shrinks)
  Rect steady{};          // the smaller steady line under it
  float next_y = 0.0f;    // "Next: ..." (not in the audience window)
  float caption_size = 0.0f;
  float label_size = 0.0f;  // the phase label by the pacer, the group and region headings
};

// A pacer's colour: the partner's own with two people (not in high contrast), else the accent.
ImVec4 PacerColour(const core::PacerView& pacer, const Look& look, int people);
// The pacers; each returns the pixels the pacer spans from empty to full.
float DrawCirclePacer(ImDrawList* draw, const core::PacerView& pacer, const Rect& area,
                      const PlayerLayout& layout, const Look& look, int people);
float DrawBarPacer(ImDrawList* draw, const core::PacerView& pacer, const Rect& area,
                   const PlayerLayout& layout, const Look& look, int people);
// The PMR gauge, with the group and its state above it.
void DrawTension(ImDrawList* draw, const core::PlayerView& view, const Rect& area, const PlayerLayout& layout,
                 const Look& look);
// The body scan's figure, the current region lit.
void DrawBody(ImDrawList* draw, const core::PlayerView& view, const Rect& area, const PlayerLayout& layout,
              const Look& look);
// A rest's ring filling over the rest, with its marks and the time left.
void DrawRest(ImDrawList* draw, const core::PlayerView& view, const Rect& area, const Look& look);
// Turn-taking: whose turn, who receives, and when the partners swap.
void DrawTurns(ImDrawList* draw, const core::PlayerView& view, const Rect& area, const Look& look);
// A bell step's rings.
void DrawBell(ImDrawList* draw, const Rect& area, const Look& look);

}  // namespace attune::ui::player_draw
