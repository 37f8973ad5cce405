// app/ui/player_draw.cpp: the player's text helpers and the pictures on its stage (see player_draw.hpp).
#include "ui/player_draw.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace attune::ui::player_draw {
namespace {

// A pacer circle with as many segments as keep its outline within a quarter pixel of a true circle:
// n = pi * sqrt(2r), e.g. 58 at r = 168 px. Software GL pays per triangle, and the pacer redraws up to 24
// times a second, so the finer tessellation of SmoothCircle (0.75 r segments) costs CPU no one can see.
void PacerCircle(ImDrawList* draw, ImVec2 centre, float radius, ImU32 colour, float thickness = 0.0f) {
  const int segments = std::clamp(static_cast<int>(std::ceil(kPi * std::sqrt(2.0f * radius))), 24, 512);
  SmoothCircle(draw, centre, radius, colour, thickness, segments);
}

// The breathing disc as a steady inner disc and the ring from it out to `radius`. The inner disc's radius
// moves in steps of `step` pixels, so between steps only the ring's triangles change and software GL
// redraws only the tiles along the edge (platform/frame_damage.hpp), not the disc's bounding box. The ring
// overlaps the inner disc's soft edge by a pixel: the same opaque colour over itself, so no seam.
void PacerDisc(ImDrawList* draw, ImVec2 centre, float radius, ImU32 colour, float step) {
  const float inner = std::floor((radius - 2.0f) / step) * step;
  if (inner < step) {
    PacerCircle(draw, centre, radius, colour);
    return;
  }
  PacerCircle(draw, centre, inner, colour);
  const float from = inner - 1.0f;
  const float thickness = radius - from;
  PacerCircle(draw, centre, from + thickness * 0.5f, colour, thickness);
}

// The name above a two-person pacer, and how much height it takes.
float DrawPacerName(ImDrawList* draw, const core::PacerView& pacer, const Rect& area, const Look& look,
                    ImU32 colour) {
  if (pacer.name.empty()) return 0.0f;
  const float size = look.fonts.heading->FontSize;
  TextCentred(draw, look.fonts.heading, size, area.CentreX(), area.y0, colour, pacer.name);
  return size * 1.4f;
}

// The phase label under a pacer: the large text while the pacer breathes.
void DrawPacerLabel(ImDrawList* draw, const core::PacerView& pacer, float cx, float y,
                    const PlayerLayout& layout, const Look& look) {
  if (pacer.label.empty()) return;
  TextCentred(draw, LargeFont(look, layout.label_size), layout.label_size, cx, y, ToU32(look.palette.text),
              pacer.label);
}

}  // namespace

void TextAt(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, const std::string& text) {
  const std::string shown = VisualOrder(text);
  draw->AddText(font, size, pos, colour, shown.c_str(), shown.c_str() + shown.size());
}

float TextWidth(ImFont* font, float size, const std::string& text) {
  const std::string shown = VisualOrder(text);
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, shown.c_str(), shown.c_str() + shown.size()).x;
}

void TextCentred(ImDrawList* draw, ImFont* font, float size, float cx, float y, ImU32 colour,
                 const std::string& text) {
  TextAt(draw, font, size, ImVec2(cx - TextWidth(font, size, text) * 0.5f, y), colour, text);
}

float CaptionSize(const Look& look, float height) {
  return std::min(look.fonts.caption->FontSize, std::max(22.0f * look.scale, height * 0.055f));
}

ImFont* LargeFont(const Look& look, float size) {
  return size > look.fonts.heading->FontSize ? look.fonts.caption : look.fonts.heading;
}

void DrawFitted(ImDrawList* draw, ImFont* font, float size, float min_size, const Rect& box, ImU32 colour,
                const std::string& text) {
  if (text.empty() || box.Width() <= 1.0f || box.Height() <= 1.0f) return;
  float h = MeasureCentredText(font, size, box.Width(), text);
  while (h > box.Height() && size * 0.92f >= min_size) {
    size *= 0.92f;
    h = MeasureCentredText(font, size, box.Width(), text);
  }
  // The line box is 1.25 x the size; the glyphs sit in its upper 1.0, so centre on the glyphs.
  const float top = box.y0 + std::max(0.0f, (box.Height() - h + size * 0.25f) * 0.5f);
  draw->PushClipRect(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), true);
  DrawCentredText(draw, font, size, box.CentreX(), top, box.Width(), colour, text);
  draw->PopClipRect();
}

ImVec4 PacerColour(const core::PacerView& pacer, const Look& look, int people) {
  if (people < 2 || look.theme == core::Theme::kHighContrast) return look.palette.accent;
  return ParseHexColour(pacer.color, look.palette.accent);
}

float DrawCirclePacer(ImDrawList* draw, const core::PacerView& pacer, const Rect& area,
                      const PlayerLayout& layout, const Look& look, int people) {
  const Palette& p = look.palette;
  const ImVec4 colour = PacerColour(pacer, look, people);
  const float name_space = DrawPacerName(draw, pacer, area, look, ToU32(colour));
  const float label_space = layout.label_size * 1.5f;
  const float r_max =
      std::max(10.0f, std::min(area.Width() * 0.44f, (area.Height() - name_space - label_space) * 0.5f));
  const float r_min = r_max * 0.36f;
  const float r = r_min + (r_max - r_min) * F(std::clamp(pacer.lungs, 0.0, 1.0));
  const ImVec2 centre(area.CentreX(), area.y0 + name_space + r_max);
  // Rings rather than stacked discs: software GL pays for every covered pixel, so the glow and the
  // resting-size mark are outlines, and only the breathing disc itself is filled.
  PacerCircle(draw, centre, r_max, ToU32(p.guide, 0.9f), 1.5f * look.scale);
  PacerCircle(draw, centre, r + 4.0f * look.scale, ToU32(colour, 0.10f), 9.0f * look.scale);
  PacerDisc(draw, centre, r, ToU32(Mix(p.background, colour, 0.78f)), 16.0f * look.scale);
  PacerCircle(draw, centre, r_min, ToU32(Mix(p.background, colour, 0.95f), 0.5f), 1.5f * look.scale);
  if (pacer.show_count && pacer.seconds_left > 0) {
    const float size = std::min(look.fonts.digits->FontSize, r_min * 1.25f);
    const std::string digits = std::to_string(pacer.seconds_left);
    TextCentred(draw, look.fonts.digits, size, centre.x, centre.y - size * 0.55f, ToU32(p.background, 0.85f),
                digits);
  }
  DrawPacerLabel(draw, pacer, centre.x, centre.y + r_max + layout.label_size * 0.3f, layout, look);
  return r_max - r_min;
}

// Returns the bar's height in pixels.
float DrawBarPacer(ImDrawList* draw, const core::PacerView& pacer, const Rect& area,
                   const PlayerLayout& layout, const Look& look, int people) {
  const Palette& p = look.palette;
  const ImVec4 colour = PacerColour(pacer, look, people);
  const float name_space = DrawPacerName(draw, pacer, area, look, ToU32(colour));
  const float height = std::max(20.0f, area.Height() - name_space - layout.label_size * 1.5f);
  const float width = std::min(area.Width() * 0.2f, 90.0f * look.scale);
  const ImVec2 top(area.CentreX() - width * 0.5f, area.y0 + name_space);
  const ImVec2 bottom(top.x + width, top.y + height);
  const float rounding = width * 0.3f;
  draw->AddRectFilled(top, bottom, ToU32(p.guide, 0.6f), rounding);
  const float fill = height * F(std::clamp(pacer.lungs, 0.0, 1.0));
  if (fill > 1.0f) {
    draw->AddRectFilled(ImVec2(top.x, bottom.y - fill), bottom, ToU32(Mix(p.background, colour, 0.8f)),
                        std::min(rounding, fill * 0.5f));
  }
  if (pacer.show_count && pacer.seconds_left > 0) {
    const float size = std::min(look.fonts.digits->FontSize, height * 0.3f);
    TextAt(draw, look.fonts.digits, size,
           ImVec2(bottom.x + 24.0f * look.scale, area.y0 + name_space + height * 0.5f - size * 0.5f),
           ToU32(p.text, 0.8f), std::to_string(pacer.seconds_left));
  }
  DrawPacerLabel(draw, pacer, area.CentreX(), bottom.y + layout.label_size * 0.3f, layout, look);
  return height;
}

// The PMR gauge in the middle of the stage, with the group and its state (Get ready, Tense, Release)
// above it at fixed places; the instruction and the signals are the captions below.
void DrawTension(ImDrawList* draw, const core::PlayerView& view, const Rect& area, const PlayerLayout& layout,
                 const Look& look) {
  const Palette& p = look.palette;
  const float label_size = layout.label_size;
  const float width = std::min(area.Width() * 0.6f, 640.0f * look.scale);
  const float height = 36.0f * look.scale;
  const float y = area.CentreY() - height * 0.5f;
  const ImVec2 a(area.CentreX() - width * 0.5f, y);
  const ImVec2 b(a.x + width, y + height);
  const float body = look.fonts.body->FontSize;
  TextCentred(draw, LargeFont(look, label_size), label_size, area.CentreX(),
              y - body * 1.5f - label_size * 1.3f, ToU32(p.text), view.group);
  TextCentred(draw, look.fonts.body, body, area.CentreX(), y - body * 1.5f, ToU32(p.muted), view.phase_label);
  draw->AddRectFilled(a, b, ToU32(p.guide, 0.6f), height * 0.5f);
  const float fill = width * F(std::clamp(view.tension, 0.0, 1.0));
  const ImVec4 warm = ImVec4(0.90f, 0.62f, 0.45f, 1.0f);
  const ImVec4 colour =
      look.theme == core::Theme::kHighContrast ? p.accent : Mix(p.accent, warm, F(view.tension));
  if (fill > 1.0f)
    draw->AddRectFilled(a, ImVec2(a.x + fill, b.y), ToU32(colour), std::min(height * 0.5f, fill * 0.5f));
}

// The body outline, the areas the region names lit (none in the lead-in or for a region such as "the
// sounds in the room"), and the region's name under it.
void DrawBody(ImDrawList* draw, const core::PlayerView& view, const Rect& area, const PlayerLayout& layout,
              const Look& look) {
  const Palette& p = look.palette;
  const float label_size = layout.label_size;
  const float h = std::max(40.0f, area.Height() - label_size * 1.6f);
  const float u = h / 10.0f;  // the figure is 10 units tall
  const float cx = area.CentreX();
  const float top = area.y0;
  const std::uint32_t areas = view.body_areas;
  auto colour = [&](std::uint32_t bit) {
    return (areas & bit) != 0 ? ToU32(p.accent) : ToU32(p.guide, 0.9f);
  };
  const float limb = u * 0.55f;
  // Head and neck.
  SmoothCircle(draw, ImVec2(cx, top + u * 0.8f), u * 0.7f, colour(core::kBodyHead));
  draw->AddLine(ImVec2(cx, top + u * 1.5f), ImVec2(cx, top + u * 2.0f), colour(core::kBodyNeck), limb);
  // Torso: shoulders, chest, belly, pelvis.
  draw->AddRectFilled(ImVec2(cx - u * 1.3f, top + u * 2.0f), ImVec2(cx + u * 1.3f, top + u * 2.5f),
                      colour(core::kBodyShoulders | core::kBodyBack), u * 0.25f);
  draw->AddRectFilled(ImVec2(cx - u * 1.0f, top + u * 2.6f), ImVec2(cx + u * 1.0f, top + u * 3.8f),
                      colour(core::kBodyChest | core::kBodyBack), u * 0.25f);
  draw->AddRectFilled(ImVec2(cx - u * 0.95f, top + u * 3.9f), ImVec2(cx + u * 0.95f, top + u * 4.9f),
                      colour(core::kBodyBelly | core::kBodyBack), u * 0.25f);
  draw->AddRectFilled(ImVec2(cx - u * 1.0f, top + u * 5.0f), ImVec2(cx + u * 1.0f, top + u * 5.6f),
                      colour(core::kBodyPelvis), u * 0.25f);
  // Arms (the figure faces the viewer: its left is on the right of the screen).
  for (int side = 0; side < 2; ++side) {
    const float s = side == 0 ? 1.0f : -1.0f;  // 0: the figure's left
    const std::uint32_t arm = side == 0 ? core::kBodyLeftArm : core::kBodyRightArm;
    const std::uint32_t hand = side == 0 ? core::kBodyLeftHand : core::kBodyRightHand;
    const std::uint32_t leg = side == 0 ? core::kBodyLeftLeg : core::kBodyRightLeg;
    const std::uint32_t foot = side == 0 ? core::kBodyLeftFoot : core::kBodyRightFoot;
    draw->AddLine(ImVec2(cx + s * u * 1.55f, top + u * 2.4f), ImVec2(cx + s * u * 1.8f, top + u * 5.0f),
                  colour(arm), limb);
    SmoothCircle(draw, ImVec2(cx + s * u * 1.85f, top + u * 5.45f), u * 0.33f, colour(hand));
    draw->AddLine(ImVec2(cx + s * u * 0.5f, top + u * 5.8f), ImVec2(cx + s * u * 0.6f, top + u * 9.2f),
                  colour(leg), limb * 1.2f);
    draw->AddRectFilled(ImVec2(cx + s * u * 0.6f - u * 0.35f, top + u * 9.45f),
                        ImVec2(cx + s * u * 0.6f + u * 0.35f, top + u * 9.85f), colour(foot), u * 0.15f);
  }
  TextCentred(draw, LargeFont(look, label_size), label_size, cx, top + h + label_size * 0.3f, ToU32(p.text),
              view.region);
}

void DrawRest(ImDrawList* draw, const core::PlayerView& view, const Rect& area, const Look& look) {
  const Palette& p = look.palette;
  const float r = std::max(10.0f, std::min(area.Width(), area.Height()) * 0.4f);
  const ImVec2 centre(area.CentreX(), area.CentreY());
  SmoothCircle(draw, centre, r, ToU32(p.guide, 0.8f), 2.0f * look.scale);
  const float done = view.step_length.count() > 0
                         ? F(core::ToSeconds(view.step_elapsed) / core::ToSeconds(view.step_length))
                         : 0.0f;
  if (done > 0.001f) {
    const int segments = std::max(4, static_cast<int>(F(CircleSegments(r)) * done));
    draw->PathArcTo(centre, r, -kPi * 0.5f, -kPi * 0.5f + 2.0f * kPi * done, segments);
    draw->PathStroke(ToU32(p.accent, 0.7f), 0, 3.0f * look.scale);
  }
  for (const double mark : view.rest_marks) {
    const float angle = -kPi * 0.5f + 2.0f * kPi * F(mark);
    const ImVec2 dot(centre.x + r * std::cos(angle), centre.y + r * std::sin(angle));
    SmoothCircle(draw, dot, 5.0f * look.scale, ToU32(mark <= done ? p.accent : p.muted));
  }
  const float size = std::min(look.fonts.digits->FontSize, r * 0.55f);
  TextCentred(draw, look.fonts.digits, size, centre.x, centre.y - size * 0.55f, ToU32(p.muted),
              core::FormatClock(view.rest_left));
}

void DrawTurns(ImDrawList* draw, const core::PlayerView& view, const Rect& area, const Look& look) {
  const Palette& p = look.palette;
  const float size = look.fonts.heading->FontSize;
  const ImVec4 giver = ParseHexColour(view.giver_color, p.accent);
  const bool before = view.turn_number == 0;  // the lead-in: who begins, and when
  float y = area.CentreY() - size * 3.0f;
  TextCentred(draw, look.fonts.body, look.fonts.body->FontSize, area.CentreX(), y, ToU32(p.muted),
              before ? fmt::format("{} turns", view.turn_count)
                     : fmt::format("Turn {} of {}", view.turn_number, view.turn_count));
  y += size * 1.4f;
  TextCentred(draw, look.fonts.heading, size, area.CentreX(), y, ToU32(giver),
              view.giver + (before ? " gives first" : " gives"));
  y += size * 1.3f;
  TextCentred(draw, look.fonts.heading, size, area.CentreX(), y, ToU32(p.text),
              fmt::format("{} receives", view.receiver));
  y += size * 1.8f;
  std::string clock;
  if (before) {
    clock = fmt::format("The first turn begins in {}", core::FormatClock(view.turn_left));
  } else if (view.turn_number < view.turn_count) {
    clock = fmt::format("You swap in {}", core::FormatClock(view.turn_left));
  } else {
    clock = fmt::format("Last turn: {} left", core::FormatClock(view.turn_left));
  }
  TextCentred(draw, look.fonts.body, look.fonts.body->FontSize, area.CentreX(), y, ToU32(p.muted), clock);
}

void DrawBell(ImDrawList* draw, const Rect& area, const Look& look) {
  const Palette& p = look.palette;
  const float r = std::max(10.0f, std::min(area.Width(), area.Height()) * 0.18f);
  const ImVec2 centre(area.CentreX(), area.CentreY());
  SmoothCircle(draw, centre, r, ToU32(p.accent, 0.5f), 2.0f * look.scale);
  SmoothCircle(draw, centre, r * 0.7f, ToU32(p.accent, 0.3f), 2.0f * look.scale);
  SmoothCircle(draw, centre, r * 0.4f, ToU32(p.accent, 0.2f));
}

}  // namespace attune::ui::player_draw
