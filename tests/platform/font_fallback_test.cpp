// tests/platform/font_fallback_test.cpp: fontconfig finds an installed font file that has each glyph the
// main font lacks (Hebrew, Arabic and its presentation forms, Japanese), never a colour emoji font, and
// says which codepoints nothing can draw.
#include "platform/font_fallback.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "core/compile_file.hpp"
#include "ui/glyphs.hpp"

namespace attune::platform {
namespace {

bool Exists(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  std::fclose(file);
  return true;
}

const std::string kInter = "/usr/share/fonts/opentype/inter/Inter-Regular.otf";
const std::string kNotoHebrew =
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf";                            // fonts-noto-core
const std::string kSymbola = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf";  // fonts-symbola
const std::string kNotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";      // fonts-noto-cjk

// Every wanted codepoint is assigned to exactly one font, and that font's file has it.
void ExpectCovered(const std::vector<ui::FallbackFont>& fonts, const std::vector<char32_t>& wanted) {
  std::vector<char32_t> assigned;
  for (const ui::FallbackFont& font : fonts) {
    for (char32_t c : font.codepoints) {
      EXPECT_TRUE(FontFileHas(font.path, font.index, c))
          << font.path << " U+" << std::hex << static_cast<unsigned>(c);
      assigned.push_back(c);
    }
  }
  std::vector<char32_t> sorted = wanted;
  std::sort(sorted.begin(), sorted.end());
  std::sort(assigned.begin(), assigned.end());
  EXPECT_EQ(assigned, sorted);
}

TEST(FontFallback, FontFileHasReadsTheFilesCharacterMap) {
  if (!Exists(kNotoHebrew)) GTEST_SKIP() << "fonts-noto-core is not installed";
  EXPECT_TRUE(FontFileHas(kNotoHebrew, 0, 0x05D0));
  EXPECT_FALSE(FontFileHas(kNotoHebrew, 0, 0x3042));
  EXPECT_FALSE(FontFileHas("/nonexistent/font.ttf", 0, 'a'));
}

TEST(FontFallback, HebrewArabicAndJapaneseEachFindAFontThatHasThem) {
  if (!Exists(kInter)) GTEST_SKIP() << "fonts-inter is not installed";
  if (!Exists(kNotoHebrew) || !Exists(kNotoCjk)) GTEST_SKIP() << "fonts-noto-core or fonts-noto-cjk missing";
  // Alef, beh and its initial form, lam-alef, hiragana a, the kanji 息.
  const std::vector<char32_t> wanted = {0x05D0, 0x0628, 0xFE91, 0xFEFB, 0x3042, 0x606F};
  std::vector<char32_t> unfound;
  const std::vector<ui::FallbackFont> fonts = FindFallbackFonts(kInter, wanted, &unfound);
  EXPECT_TRUE(unfound.empty());
  ExpectCovered(fonts, wanted);
  EXPECT_LE(fonts.size(), 3u);
  for (const ui::FallbackFont& font : fonts)
    EXPECT_EQ(font.path.find("Color"), std::string::npos) << font.path;
}

TEST(FontFallback, WhatTheMainFontHasNeedsNoFallback) {
  if (!Exists(kInter)) GTEST_SKIP() << "fonts-inter is not installed";
  std::vector<char32_t> unfound;
  EXPECT_TRUE(FindFallbackFonts(kInter, {'a', 0x00E9, 0x0107, 0x2014}, &unfound).empty());
  EXPECT_TRUE(unfound.empty());
  // ImGui's built-in font (no file) has Latin-1 only.
  const std::vector<ui::FallbackFont> fonts = FindFallbackFonts("", {0x00E9, 0x0107});
  ExpectCovered(fonts, {0x0107});
}

TEST(FontFallback, AstralEmojiCannotBeDrawnAndColourFontsAreNeverChosen) {
  if (!Exists(kInter)) GTEST_SKIP() << "fonts-inter is not installed";
  std::vector<char32_t> unfound;
  // U+1F600 is above ImGui 1.86's 16-bit ImWchar. U+263A (white smiling face) is in DejaVu Sans; U+2728
  // (sparkles) is only in Symbola (fonts-symbola) as outlines and in Noto Color Emoji as a bitmap.
  const std::vector<ui::FallbackFont> fonts = FindFallbackFonts(kInter, {0x1F600, 0x263A, 0x2728}, &unfound);
  for (const ui::FallbackFont& font : fonts)
    EXPECT_EQ(font.path.find("Color"), std::string::npos) << font.path;
  if (Exists(kSymbola)) {
    EXPECT_EQ(unfound, (std::vector<char32_t>{0x1F600}));
    ExpectCovered(fonts, {0x263A, 0x2728});
  } else {
    EXPECT_EQ(unfound, (std::vector<char32_t>{0x1F600, 0x2728}));
    ExpectCovered(fonts, {0x263A});
  }
}

TEST(FontFallback, ACodepointNoFontHasIsUnfound) {
  if (!Exists(kInter)) GTEST_SKIP() << "fonts-inter is not installed";
  std::vector<char32_t> unfound;
  // U+0378 is unassigned.
  EXPECT_TRUE(FindFallbackFonts(kInter, {0x0378}, &unfound).empty());
  EXPECT_EQ(unfound, (std::vector<char32_t>{0x0378}));
}

TEST(FontFallback, PlanFontsKeepsTheTextAndAddsTheFallbacks) {
  if (!Exists(kNotoHebrew)) GTEST_SKIP() << "fonts-noto-core is not installed";
  const ui::FontPlan plan = PlanFonts({0x05D0});
  EXPECT_EQ(plan.text, (std::vector<char32_t>{0x05D0}));
  if (ui::MainFontFile() == kInter) ExpectCovered(plan.fallbacks, {0x05D0});
}

TEST(FontFallback, MissingGlyphsNoticeNamesTheCodepoints) {
  EXPECT_EQ(ui::MissingGlyphsNotice({}), "");
  EXPECT_EQ(ui::MissingGlyphsNotice({0x1F600, 0x0378}),
            "no installed font draws U+1F600, U+0378 (shown as a replacement mark); scripts/setup installs "
            "fonts-noto-core, fonts-noto-cjk and fonts-symbola");
  EXPECT_EQ(
      ui::MissingGlyphsNotice({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}),
      "no installed font draws U+0001, U+0002, U+0003, U+0004, U+0005, U+0006, U+0007, U+0008 and 2 more "
      "(shown as a replacement mark); scripts/setup installs fonts-noto-core, fonts-noto-cjk and "
      "fonts-symbola");
}

// The whole path on the fixture of app.text_*: its texts' glyphs, the fallbacks fontconfig finds, the fonts
// built. Every codepoint has a glyph, the atlas stays small (only the glyphs used), and each font file
// is held once.
TEST(FontFallback, TheFixturesTextsGetEveryGlyphInASmallAtlas) {
  if (!Exists(kInter) || !Exists(kNotoHebrew) || !Exists(kNotoCjk))
    GTEST_SKIP() << "a font package is missing";
  const core::CompiledFile file =
      core::CompileFile(std::string(ATTUNE_TEST_DATA_DIR) + "/text/three-scripts.yaml");
  ASSERT_TRUE(file.ok());
  ui::GlyphSet glyphs;
  glyphs.AddTimeline(*file.timeline);
  const std::vector<char32_t> text(glyphs.codepoints().begin(), glyphs.codepoints().end());
  EXPECT_GT(text.size(), 40u);
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  ui::LoadFonts(1.5f);
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  std::printf("atlas without the texts' glyphs %d x %d\n", width, height);
  const ui::Fonts fonts = ui::LoadFonts(1.5f, PlanFonts(text));
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  EXPECT_EQ(ui::MissingGlyphs(fonts, text), std::vector<char32_t>{});
  for (ImFont* font : {fonts.heading, fonts.caption}) EXPECT_NE(font->FindGlyphNoFallback(0x606F), nullptr);
  std::printf("atlas %d x %d for %zu codepoints, fallbacks:", width, height, text.size());
  for (const std::string& path : fonts.fallbacks) std::printf(" %s", path.c_str());
  std::printf("\n");
  EXPECT_LE(width * height, 2048 * 2048);
  std::set<const void*> files;
  int owners = 0;
  for (const ImFontConfig& config : ImGui::GetIO().Fonts->ConfigData) {
    files.insert(config.FontData);
    if (config.FontDataOwnedByAtlas) ++owners;
  }
  EXPECT_EQ(owners, static_cast<int>(files.size()));
  ImGui::DestroyContext(context);
}

}  // namespace
}  // namespace attune::platform
