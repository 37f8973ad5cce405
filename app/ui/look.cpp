// app/ui/look.cpp: the palettes, the fonts at the sizes drawn with, the ImGui style and drawing helpers.
#include "ui/look.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <list>
#include <map>
#include <vector>

#include "ui/bidi_text.hpp"
#include "ui/glyphs.hpp"

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

std::string MainFontFile() {
  if (const char* forced = std::getenv("ATTUNE_FONT"); forced != nullptr && Readable(forced)) return forced;
  for (const char* path : {"/usr/share/fonts/opentype/inter/Inter-Regular.otf",
                           "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}) {
    if (Readable(path)) return path;
  }
  return "";
}

namespace {

// Reads a whole font file into memory ImGui may free (IM_ALLOC); null when unreadable.
void* ReadFontFile(const std::string& path, int* size) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return nullptr;
  void* data = nullptr;
  if (std::fseek(file, 0, SEEK_END) == 0) {
    const long length = std::ftell(file);
    if (length > 0 && length < (1L << 30) && std::fseek(file, 0, SEEK_SET) == 0) {
      data = IM_ALLOC(static_cast<std::size_t>(length));
      if (std::fread(data, 1, static_cast<std::size_t>(length), file) != static_cast<std::size_t>(length)) {
        IM_FREE(data);
        data = nullptr;
      } else {
        *size = static_cast<int>(length);
      }
    }
  }
  std::fclose(file);
  return data;
}

// Adds fonts to the atlas, reading each file once: ImGui copies font data it does not own for every
// font added, which for a CJK collection (19 MB) at three sizes would be 57 MB. The first font from a file
// owns its data; the others point at the same bytes without owning them, so ClearInputData and Clear
// free each file exactly once.
class AtlasFiles {
 public:
  explicit AtlasFiles(ImFontAtlas* atlas) : atlas_(atlas) {}
  ImFont* Add(const std::string& path, ImFontConfig config, const ImWchar* ranges) {
    auto found = files_.find(path);
    if (found == files_.end()) {
      int size = 0;
      void* data = ReadFontFile(path, &size);
      found = files_.emplace(path, File{data, size, false}).first;
    }
    File& file = found->second;
    if (file.data == nullptr) return nullptr;
    config.FontDataOwnedByAtlas = true;  // no copy
    ImFont* font = atlas_->AddFontFromMemoryTTF(file.data, file.size, config.SizePixels, &config, ranges);
    if (file.owned) atlas_->ConfigData.back().FontDataOwnedByAtlas = false;
    file.owned = true;
    return font;
  }

 private:
  struct File {
    void* data;
    int size;
    bool owned;  // a font added already owns `data`
  };
  ImFontAtlas* atlas_;
  std::map<std::string, File> files_;
};

std::string LightSibling(const std::string& regular) {
  const std::string from = "Inter-Regular.otf";
  if (regular.size() < from.size() || regular.compare(regular.size() - from.size(), from.size(), from) != 0) {
    return regular;
  }
  std::string light = regular.substr(0, regular.size() - from.size()) + "Inter-Light.otf";
  return Readable(light.c_str()) ? light : regular;
}

}  // namespace

Fonts LoadFonts(float scale, const FontPlan& plan) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // GL 3 takes any texture height: rounding it up to a power of two could double the atlas for nothing.
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  Fonts fonts;
  const std::string regular = MainFontFile();
  const std::string light = regular.empty() ? regular : LightSibling(regular);
  // ImGui keeps pointers to the glyph ranges and reads them when it builds the atlas, later: they live
  // until the next LoadFonts for the same atlas (each window's ImGui context has its own).
  static std::map<const ImFontAtlas*, std::list<std::vector<ImWchar>>> kept;
  std::list<std::vector<ImWchar>>* ranges = &kept[io.Fonts];
  ranges->clear();
  // U+FFFD, the replacement character, is what ImGui draws for a codepoint no font has (when a font has
  // it; else '?').
  std::vector<char32_t> main_codepoints = plan.text;
  main_codepoints.push_back(0xFFFD);
  const ImWchar* main_ranges = ranges->emplace_back(GlyphRanges(main_codepoints, kGlyphRanges)).data();
  std::vector<const ImWchar*> fallback_ranges;
  for (const FallbackFont& fallback : plan.fallbacks) {
    fallback_ranges.push_back(ranges->emplace_back(GlyphRanges(fallback.codepoints)).data());
  }
  AtlasFiles files(io.Fonts);
  auto add = [&](const std::string& path, float size, const ImWchar* glyphs,
                 bool merge_fallbacks) -> ImFont* {
    ImFontConfig config;
    // Horizontal oversampling places small glyphs at sub-pixel positions; large ones need none, and
    // without it their glyphs take half the atlas (less memory in the atlas and in the GL texture).
    config.OversampleH = size > 40.0f ? 1 : 2;
    config.OversampleV = 1;
    config.SizePixels = size * scale;
    ImFont* font = path.empty() ? nullptr : files.Add(path, config, glyphs);
    if (font == nullptr) {
      ImFontConfig fallback;
      fallback.SizePixels = size * scale;
      return io.Fonts->AddFontDefault(&fallback);
    }
    if (!merge_fallbacks) return font;
    for (std::size_t i = 0; i < plan.fallbacks.size(); ++i) {
      if (plan.fallbacks[i].codepoints.empty()) continue;
      ImFontConfig merged = config;
      merged.MergeMode = true;
      merged.FontNo = plan.fallbacks[i].index;
      merged.DstFont = font;
      files.Add(plan.fallbacks[i].path, merged, fallback_ranges[i]);
    }
    return font;
  };
  fonts.body = add(regular, 20.0f, main_ranges, true);
  fonts.heading = add(regular, 30.0f, main_ranges, true);
  fonts.caption = add(light, 44.0f, main_ranges, true);
  fonts.digits = add(light, 120.0f, kDigitRanges, false);
  fonts.source = regular.empty() ? "built-in" : regular;
  for (const FallbackFont& fallback : plan.fallbacks) fonts.fallbacks.push_back(fallback.path);
  return fonts;
}

std::vector<char32_t> MissingGlyphs(const Fonts& fonts, const std::vector<char32_t>& codepoints) {
  std::vector<char32_t> missing;
  for (char32_t c : codepoints) {
    if (c > 0xFFFF || fonts.body == nullptr ||
        fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) {
      missing.push_back(c);
    }
  }
  return missing;
}

std::string MissingGlyphsNotice(const std::vector<char32_t>& missing) {
  if (missing.empty()) return "";
  std::string text = "no installed font draws";
  constexpr std::size_t kNamed = 8;
  for (std::size_t i = 0; i < missing.size() && i < kNamed; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "%sU+%04X", i == 0 ? " " : ", ", static_cast<unsigned>(missing[i]));
    text += code;
  }
  if (missing.size() > kNamed) text += " and " + std::to_string(missing.size() - kNamed) + " more";
  text +=
      " (shown as a replacement mark); scripts/setup installs fonts-noto-core, fonts-noto-cjk and "
      "fonts-symbola";
  return text;
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
    // Wrapped in reading order, then each line put in drawing order.
    const std::string line = VisualOrder(std::string_view(b, static_cast<std::size_t>(e - b)));
    const char* lb = line.c_str();
    const char* le = lb + line.size();
    const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, lb, le);
    draw->AddText(font, size, ImVec2(centre_x - extent.x * 0.5f, y), colour, lb, le);
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
