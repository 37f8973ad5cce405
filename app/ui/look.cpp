// app/ui/look.cpp: the palettes, the fonts at the sizes drawn with, the ImGui style and drawing helpers.
#include "ui/look.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace attune::ui {
namespace {

ImVec4 Rgb(int r, int g, int b) {
  return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                static_cast<float>(b) / 255.0f, 1.0f);
}

bool Readable(const char* path) {
  std::FILE* file = std::fopen(path, "rb");
  if (file == nullptr) return false;
  std::fclose(file);
  return true;
}

// Latin, Latin-1, Latin Extended-A, general punctuation (dashes, quotes, ellipsis).
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x2190, 0x2193, 0};
// The countdown font only needs digits, the colon and a few signs.
const ImWchar kDigitRanges[] = {0x0020, 0x003A, 0};

}  // namespace

Palette PaletteFor(core::Theme theme) {
  Palette p;
  switch (theme) {
    case core::Theme::kDark:
      p.background = Rgb(17, 20, 27);
      p.surface = Rgb(27, 31, 41);
      p.surface_hover = Rgb(38, 44, 58);
      p.text = Rgb(226, 230, 238);
      p.muted = Rgb(139, 148, 166);
      p.accent = Rgb(122, 178, 196);
      p.accent_soft = Rgb(58, 92, 108);
      p.error = Rgb(232, 128, 120);
      p.warning = Rgb(226, 190, 110);
      p.guide = Rgb(52, 58, 74);
      break;
    case core::Theme::kLight:
      p.background = Rgb(244, 241, 235);
      p.surface = Rgb(232, 228, 220);
      p.surface_hover = Rgb(220, 214, 204);
      p.text = Rgb(38, 42, 50);
      p.muted = Rgb(104, 108, 118);
      p.accent = Rgb(58, 124, 146);
      p.accent_soft = Rgb(176, 206, 214);
      p.error = Rgb(176, 52, 44);
      p.warning = Rgb(150, 100, 20);
      p.guide = Rgb(210, 204, 194);
      break;
    case core::Theme::kHighContrast:
      p.background = Rgb(0, 0, 0);
      p.surface = Rgb(24, 24, 24);
      p.surface_hover = Rgb(60, 60, 60);
      p.text = Rgb(255, 255, 255);
      p.muted = Rgb(220, 220, 220);
      p.accent = Rgb(255, 214, 0);
      p.accent_soft = Rgb(120, 100, 0);
      p.error = Rgb(255, 110, 110);
      p.warning = Rgb(255, 200, 80);
      p.guide = Rgb(150, 150, 150);
      break;
  }
  return p;
}

Fonts LoadFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  const char* regular = nullptr;
  const char* light = nullptr;
  const char* candidates[][2] = {
      {"/usr/share/fonts/opentype/inter/Inter-Regular.otf",
       "/usr/share/fonts/opentype/inter/Inter-Light.otf"},
      {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"},
  };
  if (const char* forced = std::getenv("ATTUNE_FONT"); forced != nullptr && Readable(forced)) {
    regular = light = forced;
  }
  for (const auto& pair : candidates) {
    if (regular != nullptr) break;
    if (Readable(pair[0])) {
      regular = pair[0];
      light = Readable(pair[1]) ? pair[1] : pair[0];
    }
  }
  auto add = [&](const char* path, float size, const ImWchar* ranges) -> ImFont* {
    ImFontConfig config;
    // Horizontal oversampling places small glyphs at sub-pixel positions; large ones need none, and
    // without it their glyphs take half the atlas (less memory in the atlas and in the GL texture).
    config.OversampleH = size > 40.0f ? 1 : 2;
    config.OversampleV = 1;
    ImFont* font =
        path != nullptr ? io.Fonts->AddFontFromFileTTF(path, size * scale, &config, ranges) : nullptr;
    if (font == nullptr) {
      ImFontConfig fallback;
      fallback.SizePixels = size * scale;
      font = io.Fonts->AddFontDefault(&fallback);
    }
    return font;
  };
  fonts.body = add(regular, 20.0f, kGlyphRanges);
  fonts.heading = add(regular, 30.0f, kGlyphRanges);
  fonts.caption = add(light, 44.0f, kGlyphRanges);
  fonts.digits = add(light, 120.0f, kDigitRanges);
  fonts.source = regular != nullptr ? regular : "built-in";
  return fonts;
}

void ApplyStyle(const Look& look) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  const Palette& p = look.palette;
  style.WindowPadding = ImVec2(24, 20);
  style.FramePadding = ImVec2(14, 9);
  style.ItemSpacing = ImVec2(12, 12);
  style.ItemInnerSpacing = ImVec2(10, 8);
  style.ScrollbarSize = 14;
  style.GrabMinSize = 14;
  style.WindowRounding = 10;
  style.ChildRounding = 10;
  style.FrameRounding = 8;
  style.PopupRounding = 8;
  style.GrabRounding = 8;
  style.ScrollbarRounding = 8;
  style.TabRounding = 8;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.FrameBorderSize = look.theme == core::Theme::kHighContrast ? 1.0f : 0.0f;
  style.AntiAliasedLines = true;
  style.AntiAliasedFill = true;
  style.CircleTessellationMaxError = 0.2f;
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.muted;
  c[ImGuiCol_WindowBg] = p.background;
  c[ImGuiCol_ChildBg] = p.surface;
  c[ImGuiCol_PopupBg] = p.surface;
  c[ImGuiCol_Border] = p.guide;
  c[ImGuiCol_FrameBg] = p.surface_hover;
  c[ImGuiCol_FrameBgHovered] = Mix(p.surface_hover, p.accent, 0.15f);
  c[ImGuiCol_FrameBgActive] = Mix(p.surface_hover, p.accent, 0.25f);
  c[ImGuiCol_TitleBg] = p.surface;
  c[ImGuiCol_TitleBgActive] = p.surface;
  c[ImGuiCol_ScrollbarBg] = p.background;
  c[ImGuiCol_ScrollbarGrab] = p.guide;
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_SliderGrab] = p.accent;
  c[ImGuiCol_SliderGrabActive] = p.accent;
  c[ImGuiCol_Button] = p.surface_hover;
  c[ImGuiCol_ButtonHovered] = Mix(p.surface_hover, p.accent, 0.3f);
  c[ImGuiCol_ButtonActive] = Mix(p.surface_hover, p.accent, 0.45f);
  c[ImGuiCol_Header] = Mix(p.surface, p.accent, 0.18f);
  c[ImGuiCol_HeaderHovered] = Mix(p.surface, p.accent, 0.28f);
  c[ImGuiCol_HeaderActive] = Mix(p.surface, p.accent, 0.38f);
  c[ImGuiCol_Separator] = p.guide;
  c[ImGuiCol_PlotHistogram] = p.accent;
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.55f);
  c[ImGuiCol_NavHighlight] = p.accent;
  style.ScaleAllSizes(look.scale);
  ImGui::GetStyle() = style;
}

ImU32 ToU32(const ImVec4& colour, float alpha) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(colour.x, colour.y, colour.z, colour.w * alpha));
}

ImVec4 ParseHexColour(const std::string& hex, const ImVec4& fallback) {
  if (hex.size() != 7 || hex[0] != '#') return fallback;
  unsigned int value = 0;
  if (std::sscanf(hex.c_str() + 1, "%6x", &value) != 1) return fallback;
  return Rgb(static_cast<int>((value >> 16) & 0xff), static_cast<int>((value >> 8) & 0xff),
             static_cast<int>(value & 0xff));
}

ImVec4 Mix(const ImVec4& colour, const ImVec4& target, float t) {
  return ImVec4(colour.x + (target.x - colour.x) * t, colour.y + (target.y - colour.y) * t,
                colour.z + (target.z - colour.z) * t, colour.w + (target.w - colour.w) * t);
}

namespace {

std::vector<std::pair<const char*, const char*>> WrapLines(ImFont* font, float size, float width,
                                                           const std::string& text) {
  std::vector<std::pair<const char*, const char*>> lines;
  const char* begin = text.c_str();
  const char* end = begin + text.size();
  const float scale = size / font->FontSize;
  while (begin < end) {
    const char* newline = std::find(begin, end, '\n');
    const char* wrap = font->CalcWordWrapPositionA(scale, begin, newline, width);
    if (wrap == begin) wrap = begin + 1;
    const char* line_end = wrap;
    while (line_end > begin && (line_end[-1] == ' ')) --line_end;
    lines.emplace_back(begin, line_end);
    begin = wrap;
    while (begin < end && (*begin == ' ' || *begin == '\n')) ++begin;
    if (begin == newline) ++begin;
  }
  return lines;
}

}  // namespace

float DrawCentredText(ImDrawList* draw, ImFont* font, float size, float centre_x, float top, float width,
                      ImU32 colour, const std::string& text) {
  float y = top;
  const float line_height = size * 1.25f;
  for (const auto& [b, e] : WrapLines(font, size, width, text)) {
    const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, b, e);
    draw->AddText(font, size, ImVec2(centre_x - extent.x * 0.5f, y), colour, b, e);
    y += line_height;
  }
  return y - top;
}

float MeasureCentredText(ImFont* font, float size, float width, const std::string& text) {
  return static_cast<float>(WrapLines(font, size, width, text).size()) * size * 1.25f;
}

int CircleSegments(float radius) { return std::clamp(static_cast<int>(radius * 0.75f), 48, 512); }

void SmoothCircle(ImDrawList* draw, ImVec2 centre, float radius, ImU32 colour, float thickness,
                  int segments) {
  if (radius <= 0.5f) return;
  if (segments <= 0) segments = CircleSegments(radius);
  if (thickness <= 0.0f) {
    draw->AddCircleFilled(centre, radius, colour, segments);
  } else {
    draw->AddCircle(centre, radius, colour, segments, thickness);
  }
}

void BeginScreen(const char* id, ImGuiWindowFlags extra_flags) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | extra_flags);
}

}  // namespace attune::ui
