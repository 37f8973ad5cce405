// app/ui/player_screen.cpp: the player (pacers, gauge, body figure, captions, controls) and the presenter.
#include "ui/player_screen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace attune::ui {
namespace {

using core::PlayerStatus;
using core::StepKind;

constexpr float kPi = 3.14159265f;

float F(double x) { return static_cast<float>(x); }

struct Rect {
  float x0, y0, x1, y1;
  float Width() const { return x1 - x0; }
  float Height() const { return y1 - y0; }
  float CentreX() const { return (x0 + x1) * 0.5f; }
  float CentreY() const { return (y0 + y1) * 0.5f; }
};

// Both in drawing order (VisualOrder: right-to-left scripts reversed, Arabic joined).
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

// The caption size: large enough to read from the back of a room, bounded by the loaded font.
float CaptionSize(const Look& look, float height) {
  return std::min(look.fonts.caption->FontSize, std::max(22.0f * look.scale, height * 0.055f));
}

// The font that draws `size` crisply: the caption font above the heading's own size, else the heading.
ImFont* LargeFont(const Look& look, float size) {
  return size > look.fonts.heading->FontSize ? look.fonts.caption : look.fonts.heading;
}

// Draws `text` wrapped to `box`, centred in it both ways, at `size` or, when that would not fit, as much
// smaller as fits (down to `min_size`); what still does not fit is clipped to the box, so a long caption
// never pushes anything else.
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

PlayerLayout LayOut(const ImVec2& display, const Look& look, const PlayerChrome& chrome, int people) {
  PlayerLayout l;
  const float s = look.scale;
  const float body = look.fonts.body->FontSize;
  l.margin = 32.0f * s;
  l.caption_size = CaptionSize(look, display.y);
  l.label_size = std::max(look.fonts.heading->FontSize, l.caption_size);
  l.title_y = l.margin * 0.75f;
  float top = l.title_y + body * 1.6f;
  l.notice_y = top;
  if (!chrome.notice.empty()) top += body * 1.4f;
  l.mode_y = top;
  if (people == 2) top += body * 1.6f;
  const float bar_h = std::max(3.0f, 4.0f * s);
  float bottom = display.y - bar_h - l.margin * 0.6f;
  if (!chrome.audience) {
    bottom -= body * 1.3f;
    l.next_y = bottom;
  }
  bottom -= l.caption_size * 0.3f;
  const float x0 = l.margin;
  const float x1 = display.x - l.margin;
  const float caption_width = std::min(display.x * 0.84f, 1500.0f * s);
  const float cx = display.x * 0.5f;
  l.steady = Rect{cx - caption_width * 0.5f, bottom - body * 1.6f, cx + caption_width * 0.5f, bottom};
  l.caption = Rect{l.steady.x0, l.steady.y0 - l.caption_size * 2.5f, l.steady.x1, l.steady.y0};
  l.stage = Rect{x0, top + body * 0.5f, x1, std::max(top + body * 0.5f + 40.0f, l.caption.y0 - body * 0.8f)};
  return l;
}

// The large caption and the steady line, each in its own fixed band (without a steady line, a long
// caption may use its band too, rather than shrink further).
void DrawCaptions(ImDrawList* draw, const Rect& large, const Rect& steady, const std::string& caption,
                  const std::string& line, const PlayerLayout& layout, const Look& look, ImU32 large_colour) {
  const float body = look.fonts.body->FontSize;
  const bool fits =
      MeasureCentredText(look.fonts.caption, layout.caption_size, large.Width(), caption) <= large.Height();
  const Rect box = line.empty() && !fits ? Rect{large.x0, large.y0, large.x1, steady.y1} : large;
  DrawFitted(draw, look.fonts.caption, layout.caption_size, body * 0.8f, box, large_colour, caption);
  const ImU32 quiet = ToU32(Mix(look.palette.muted, look.palette.text, 0.35f));
  DrawFitted(draw, look.fonts.body, body * 0.9f, body * 0.64f, steady, quiet, line);
}

ImVec4 PacerColour(const core::PacerView& pacer, const Look& look, int people) {
  if (people < 2 || look.theme == core::Theme::kHighContrast) return look.palette.accent;
  return ParseHexColour(pacer.color, look.palette.accent);
}

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

// Returns the pixels the radius spans from empty to full.
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

bool Button(const char* label, const Look& look) {
  return ImGui::Button(label, ImVec2(0, look.fonts.body->FontSize + 18.0f * look.scale));
}

void DrawControls(const core::PlayerView& view, const PlayerChrome& chrome, const Look& look,
                  PlayerActions* actions) {
  const bool paused = view.status == PlayerStatus::kPaused;
  if (Button("< Previous", look)) actions->previous = true;
  ImGui::SameLine();
  if (view.waiting) {
    if (Button("Continue", look)) actions->continue_gate = true;
  } else if (Button(paused ? "Resume" : "Pause", look)) {
    actions->toggle_pause = true;
  }
  ImGui::SameLine();
  if (Button("Next >", look)) actions->next = true;
  ImGui::SameLine();
  if (view.kind == StepKind::kRest) {
    if (Button("+1 min", look)) actions->extend_rest = true;
    ImGui::SameLine();
  }
  if (Button("Stop", look)) actions->stop = true;
  ImGui::SameLine();
  ImGui::TextDisabled("  Volume %d%%%s", static_cast<int>(std::lround(chrome.volume * 100.0f)),
                      chrome.muted ? " (muted)" : "");
  ImGui::SameLine();
  if (Button("-", look)) actions->volume_down = true;
  ImGui::SameLine();
  if (Button("+", look)) actions->volume_up = true;
  ImGui::SameLine();
  if (Button(chrome.muted ? "Unmute" : "Mute", look)) actions->toggle_mute = true;
  ImGui::SameLine();
  if (Button("Fullscreen", look)) actions->toggle_fullscreen = true;
}

void DrawConfirmStop(const Look& look, PlayerActions* actions) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImVec2 size(460.0f * look.scale, 170.0f * look.scale);
  ImGui::SetNextWindowPos(ImVec2((display.x - size.x) * 0.5f, (display.y - size.y) * 0.5f));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, look.palette.surface);
  ImGui::Begin("##confirm_stop", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted("Stop this session?");
  ImGui::PopFont();
  ImGui::TextDisabled("Enter stops, Esc keeps going.");
  if (Button("Stop", look)) actions->confirm_stop = true;
  ImGui::SameLine();
  if (Button("Keep going", look)) actions->cancel_stop = true;
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace

PlayerActions DrawPlayer(const core::PlayerView& view, const PlayerChrome& chrome, const Look& look) {
  PlayerActions actions;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const Palette& p = look.palette;
  // No window background: the frame is cleared to the theme's background, and a full-screen quad would
  // double the pixels software GL shades each frame.
  BeginScreen("##player", ImGuiWindowFlags_NoBackground);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (chrome.blank) {
    draw->AddRectFilled(ImVec2(0, 0), display, IM_COL32(0, 0, 0, 255));
    ImGui::End();
    return actions;
  }
  const float s = look.scale;
  const float body = look.fonts.body->FontSize;
  const ImU32 muted = ToU32(p.muted);
  const float width = display.x;
  const float height = display.y;
  const PlayerLayout layout = LayOut(display, look, chrome, view.people);
  const float margin = layout.margin;
  const Rect& stage = layout.stage;
  const bool pre_roll = view.status == PlayerStatus::kPreRoll;

  // Top line: title, step, clocks; then the notice and, for two, the breathing mode.
  TextAt(draw, look.fonts.body, body, ImVec2(margin, layout.title_y), muted,
         chrome.agenda.empty() ? view.title : view.title + "  ·  " + chrome.agenda);
  if (!pre_roll && view.step_count > 0) {
    const std::string clocks = fmt::format(
        "{}  ·  {} left", core::FormatClock(view.elapsed - core::Micros(view.elapsed.count() % 1'000'000)),
        core::FormatClock(view.remaining));
    TextAt(draw, look.fonts.body, body,
           ImVec2(width - margin - TextWidth(look.fonts.body, body, clocks), layout.title_y), muted, clocks);
    if (!chrome.audience) {
      TextCentred(draw, look.fonts.body, body, width * 0.5f, layout.title_y, ToU32(p.text, 0.85f),
                  fmt::format("{}   ({} of {})", view.step_title, view.step_number, view.step_count));
    }
  }
  if (!chrome.notice.empty()) {
    TextCentred(draw, look.fonts.body, body * 0.9f, width * 0.5f, layout.notice_y, ToU32(p.warning, 0.85f),
                chrome.notice);
  }
  if (!view.mode_text.empty() && !pre_roll) {
    TextCentred(draw, look.fonts.body, body, width * 0.5f, layout.mode_y, muted, view.mode_text);
  }

  // Bottom: progress bar and the next step.
  const float bar_h = std::max(3.0f, 4.0f * s);
  draw->AddRectFilled(ImVec2(0, height - bar_h), ImVec2(width, height), ToU32(p.guide, 0.7f));
  draw->AddRectFilled(ImVec2(0, height - bar_h),
                      ImVec2(width * F(std::clamp(view.progress, 0.0, 1.0)), height), ToU32(p.accent, 0.8f));
  if (!view.next_title.empty() && !pre_roll && !chrome.audience) {
    TextCentred(draw, look.fonts.body, body, width * 0.5f, layout.next_y, muted, "Next: " + view.next_title);
  }

  // The stage, and the captions in their bands under it. A `say` step, a wait gate and the pre-roll put
  // their text in the middle of the stage instead.
  const float middle_size = std::min(look.fonts.caption->FontSize, layout.caption_size * 1.1f);
  if (pre_roll) {
    const float size = std::min(look.fonts.digits->FontSize, stage.Height() * 0.45f);
    float y = stage.CentreY() - size;
    TextCentred(draw, look.fonts.caption, layout.caption_size, stage.CentreX(),
                y - layout.caption_size * 1.6f, ToU32(p.text), "Get comfortable");
    TextCentred(draw, look.fonts.digits, size, stage.CentreX(), y, ToU32(p.accent),
                std::to_string(view.pre_roll_seconds));
    y += size * 1.3f;
    TextCentred(draw, look.fonts.body, body, stage.CentreX(), y, muted,
                "Starting in a moment. Space pauses.");
  } else if (view.waiting) {
    // The room sees the wait text (or the step's prompt); how to go on is for whoever holds the controls.
    const Rect text{stage.x0, stage.y0, stage.x1, stage.CentreY() + middle_size};
    DrawFitted(draw, look.fonts.caption, middle_size, body * 0.8f, text, ToU32(p.text), view.caption);
    if (!chrome.audience) {
      TextCentred(draw, look.fonts.body, body, stage.CentreX(), stage.CentreY() + middle_size * 1.4f, muted,
                  "Press Space, Right or click Continue");
    }
  } else if (view.kind == StepKind::kSay) {
    DrawFitted(draw, look.fonts.caption, middle_size, body * 0.8f, stage, ToU32(p.text), view.caption);
  } else {
    if (view.kind == StepKind::kBreathe && !view.pacers.empty()) {
      const int n = static_cast<int>(view.pacers.size());
      const float w = stage.Width() / static_cast<float>(n);
      bool own_captions = false;
      for (const core::PacerView& pacer : view.pacers)
        own_captions = own_captions || !pacer.caption.empty() || !pacer.steady_line.empty();
      for (int i = 0; i < n; ++i) {
        const float x0 = stage.x0 + w * static_cast<float>(i);
        const Rect area{x0, stage.y0, x0 + w, stage.y1};
        const core::PacerView& pacer = view.pacers[static_cast<std::size_t>(i)];
        const float pixels = chrome.reduced_motion || chrome.pacer_style == core::PacerStyle::kBar
                                 ? DrawBarPacer(draw, pacer, area, layout, look, view.people)
                                 : DrawCirclePacer(draw, pacer, area, layout, look, view.people);
        actions.pacer_pixels = std::max(actions.pacer_pixels, pixels);
        if (own_captions) {
          // A prompt for one partner shows under their own pacer; one for both fills the other side.
          const float cw = layout.caption.Width() / static_cast<float>(n);
          const float cx0 = layout.caption.x0 + cw * static_cast<float>(i);
          const Rect large{cx0 + 8.0f * s, layout.caption.y0, cx0 + cw - 8.0f * s, layout.caption.y1};
          const Rect steady{large.x0, layout.steady.y0, large.x1, layout.steady.y1};
          const bool own_large = !pacer.caption.empty();
          DrawCaptions(draw, large, steady, own_large ? pacer.caption : view.caption,
                       pacer.steady_line.empty() ? view.steady_line : pacer.steady_line, layout, look,
                       own_large ? ToU32(PacerColour(pacer, look, view.people)) : ToU32(p.text));
        }
      }
      if (!own_captions) {
        DrawCaptions(draw, layout.caption, layout.steady, view.caption, view.steady_line, layout, look,
                     ToU32(p.text));
      }
    } else {
      if (view.kind == StepKind::kPmr) {
        DrawTension(draw, view, stage, layout, look);
      } else if (view.kind == StepKind::kBodyScan) {
        DrawBody(draw, view, stage, layout, look);
      } else if (view.kind == StepKind::kRest) {
        DrawRest(draw, view, stage, look);
      } else if (view.kind == StepKind::kTurns) {
        DrawTurns(draw, view, stage, look);
      } else if (view.kind == StepKind::kBell) {
        DrawBell(draw, stage, look);
      }
      DrawCaptions(draw, layout.caption, layout.steady, view.caption, view.steady_line, layout, look,
                   ToU32(p.text));
    }
  }
  if (view.status == PlayerStatus::kPaused) {
    const float size = look.fonts.heading->FontSize;
    const ImVec2 a(width * 0.5f - 150.0f * s, stage.y0);
    draw->AddRectFilled(a, ImVec2(a.x + 300.0f * s, a.y + size * 2.6f), ToU32(p.surface, 0.92f), 12.0f * s);
    TextCentred(draw, look.fonts.heading, size, width * 0.5f, a.y + size * 0.3f, ToU32(p.text), "Paused");
    TextCentred(draw, look.fonts.body, body, width * 0.5f, a.y + size * 1.5f, muted, "Space resumes");
  }

  // The controls lie over the bottom of the screen while the mouse moves, so nothing above them moves.
  if (chrome.show_controls && !chrome.audience) {
    const float controls_h = body + 40.0f * s;
    const float y = height - bar_h - margin * 0.4f - controls_h;
    draw->AddRectFilled(ImVec2(0, y - 6.0f * s), ImVec2(width, height - bar_h), ToU32(p.background, 0.94f));
    ImGui::SetCursorPos(ImVec2(margin, y + 4.0f * s));
    DrawControls(view, chrome, look, &actions);
  }
  ImGui::End();
  if (chrome.confirm_stop) DrawConfirmStop(look, &actions);
  return actions;
}

PlayerActions DrawPresenter(const core::PlayerView& view, const PlayerChrome& chrome, const Look& look) {
  PlayerActions actions;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const Palette& p = look.palette;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, p.background);
  ImGui::Begin("##presenter", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted(VisualOrder(view.title).c_str());
  ImGui::PopFont();
  if (!chrome.agenda.empty()) ImGui::TextDisabled("%s", chrome.agenda.c_str());
  ImGui::TextDisabled("Status: %s", core::ToString(view.status));
  ImGui::Separator();
  ImGui::PushFont(look.fonts.caption);
  ImGui::Text("%s  /  %s",
              core::FormatClock(view.elapsed - core::Micros(view.elapsed.count() % 1'000'000)).c_str(),
              core::FormatClock(view.duration).c_str());
  ImGui::PopFont();
  ImGui::Text("Remaining %s   ·   this step %s left", core::FormatClock(view.remaining).c_str(),
              core::FormatClock(view.step_length - view.step_elapsed).c_str());
  ImGui::ProgressBar(F(view.progress), ImVec2(-1, 8.0f * look.scale), "");
  ImGui::Spacing();
  ImGui::TextDisabled("NOW  (step %d of %d)", view.step_number, view.step_count);
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextWrapped("%s", VisualOrder(view.step_title).c_str());
  ImGui::PopFont();
  for (const core::PacerView& pacer : view.pacers) {
    ImGui::TextColored(ParseHexColour(pacer.color, p.accent), "%s%s%s  %d s", VisualOrder(pacer.name).c_str(),
                       pacer.name.empty() ? "" : ": ", pacer.label.c_str(), pacer.seconds_left);
  }
  if (!view.caption.empty()) ImGui::TextWrapped("Caption: %s", VisualOrder(view.caption).c_str());
  if (!view.steady_line.empty()) ImGui::TextWrapped("Line: %s", VisualOrder(view.steady_line).c_str());
  if (!view.phase_label.empty()) ImGui::TextWrapped("%s: %s", view.phase_label.c_str(), view.group.c_str());
  if (view.waiting) ImGui::TextDisabled("Waiting: Space, Right or Continue goes on");
  if (!view.note.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("Note: %s", VisualOrder(view.note).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("NEXT");
  ImGui::TextWrapped("%s", view.next_title.empty() ? "The end" : VisualOrder(view.next_title).c_str());
  if (!view.next_note.empty()) ImGui::TextWrapped("Note: %s", view.next_note.c_str());
  ImGui::Spacing();
  ImGui::Separator();
  DrawControls(view, chrome, look, &actions);
  ImGui::End();
  ImGui::PopStyleColor();
  if (chrome.confirm_stop) DrawConfirmStop(look, &actions);
  return actions;
}

}  // namespace attune::ui
