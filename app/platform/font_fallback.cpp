// app/platform/font_fallback.cpp: fontconfig lookups for glyphs the main font lacks.
#include "platform/font_fallback.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <utility>

namespace attune::platform {
namespace {

FcConfig* Config() {
  // FcInit loads the configuration and scans the fonts once per process (the cache makes it fast).
  static const bool ready = FcInit() == FcTrue;
  return ready ? FcConfigGetCurrent() : nullptr;
}

// The charset of one face of a file, or null (the caller destroys it).
FcCharSet* FileCharSet(const std::string& path, int index) {
  if (Config() == nullptr) return nullptr;
  int count = 0;
  FcPattern* pattern = FcFreeTypeQuery(reinterpret_cast<const FcChar8*>(path.c_str()),
                                       static_cast<unsigned int>(std::max(index, 0)), nullptr, &count);
  if (pattern == nullptr) return nullptr;
  FcCharSet* charset = nullptr;
  FcCharSet* copy = nullptr;
  if (FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset) == FcResultMatch) copy = FcCharSetCopy(charset);
  FcPatternDestroy(pattern);
  return copy;
}

// stb_truetype (ImGui 1.86's rasterizer) reads TrueType and CFF outlines only, and no colour glyphs.
bool Drawable(FcPattern* font) {
  FcBool colour = FcFalse;
  if (FcPatternGetBool(font, FC_COLOR, 0, &colour) == FcResultMatch && colour == FcTrue) return false;
  FcBool scalable = FcFalse;
  if (FcPatternGetBool(font, FC_SCALABLE, 0, &scalable) != FcResultMatch || scalable != FcTrue) return false;
  FcChar8* format = nullptr;
  if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) != FcResultMatch) return false;
  const char* f = reinterpret_cast<const char*>(format);
  return std::strcmp(f, "TrueType") == 0 || std::strcmp(f, "CFF") == 0;
}

}  // namespace

bool FontFileHas(const std::string& path, int index, char32_t codepoint) {
  FcCharSet* charset = FileCharSet(path, index);
  if (charset == nullptr) return false;
  const bool has = FcCharSetHasChar(charset, codepoint) == FcTrue;
  FcCharSetDestroy(charset);
  return has;
}

std::vector<ui::FallbackFont> FindFallbackFonts(const std::string& main_file,
                                                const std::vector<char32_t>& wanted,
                                                std::vector<char32_t>* unfound) {
  std::vector<ui::FallbackFont> result;
  FcCharSet* main = main_file.empty() ? nullptr : FileCharSet(main_file, 0);
  std::vector<char32_t> missing;
  for (char32_t c : wanted) {
    if (c > 0xFFFF) {
      if (unfound != nullptr) unfound->push_back(c);
      continue;
    }
    const bool has = main != nullptr ? FcCharSetHasChar(main, c) == FcTrue : (c >= 0x20 && c <= 0xFF);
    if (!has) missing.push_back(c);
  }
  if (main != nullptr) FcCharSetDestroy(main);
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  if (missing.empty() || Config() == nullptr) {
    if (unfound != nullptr) unfound->insert(unfound->end(), missing.begin(), missing.end());
    return result;
  }

  // Ask for a sans-serif font with these codepoints: charset coverage outranks the family in
  // fontconfig's sort, so the fonts that have them come first, in the desktop's preferred order.
  FcPattern* pattern = FcPatternCreate();
  FcCharSet* needed = FcCharSetCreate();
  for (char32_t c : missing) FcCharSetAddChar(needed, c);
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("sans-serif"));
  FcPatternAddCharSet(pattern, FC_CHARSET, needed);
  FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
  FcPatternAddBool(pattern, FC_COLOR, FcFalse);
  FcConfigSubstitute(Config(), pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult status = FcResultNoMatch;
  FcFontSet* sorted = FcFontSort(Config(), pattern, FcFalse, nullptr, &status);
  std::map<std::pair<std::string, int>, std::size_t> chosen;  // (file, face) -> index in result
  std::vector<char32_t> left = missing;
  for (int i = 0; sorted != nullptr && i < sorted->nfont && !left.empty(); ++i) {
    FcPattern* font = sorted->fonts[i];
    FcChar8* file = nullptr;
    FcCharSet* charset = nullptr;
    int index = 0;
    if (!Drawable(font) || FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch) {
      continue;
    }
    FcPatternGetInteger(font, FC_INDEX, 0, &index);
    index &= 0xFFFF;  // the upper bits name a variable font's instance; stb_truetype reads the default
    std::vector<char32_t> still;
    for (char32_t c : left) {
      if (FcCharSetHasChar(charset, c) != FcTrue) {
        still.push_back(c);
        continue;
      }
      const auto key = std::make_pair(std::string(reinterpret_cast<const char*>(file)), index);
      auto [at, added] = chosen.emplace(key, result.size());
      if (added) result.push_back(ui::FallbackFont{key.first, index, {}});
      result[at->second].codepoints.push_back(c);
    }
    left = std::move(still);
  }
  if (sorted != nullptr) FcFontSetDestroy(sorted);
  FcCharSetDestroy(needed);
  FcPatternDestroy(pattern);
  if (unfound != nullptr) unfound->insert(unfound->end(), left.begin(), left.end());
  return result;
}

ui::FontPlan PlanFonts(const std::vector<char32_t>& text) {
  ui::FontPlan plan;
  plan.text = text;
  plan.fallbacks = FindFallbackFonts(ui::MainFontFile(), text);
  return plan;
}

}  // namespace attune::platform
