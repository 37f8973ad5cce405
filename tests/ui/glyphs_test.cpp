// tests/ui/glyphs_test.cpp: the codepoints the texts use, the glyph ranges built from exactly those, and
// fonts that merge fallback glyphs without copying a font file per size.
#include "ui/glyphs.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <vector>

#include "ui/look.hpp"

namespace attune::ui {
namespace {

TEST(Glyphs, DecodeGivesCodepointsAndReplacesMalformedBytes) {
  EXPECT_EQ(DecodeUtf8("a\u00E9\u05D0\u3042\U0001F600"),
            (std::vector<char32_t>{'a', 0xE9, 0x05D0, 0x3042, 0x1F600}));
  EXPECT_EQ(DecodeUtf8("a\xFFz"), (std::vector<char32_t>{'a', 0xFFFD, 'z'}));
  EXPECT_EQ(DecodeUtf8("\xE3\x81"), (std::vector<char32_t>{0xFFFD, 0xFFFD}));  // cut short
  EXPECT_EQ(DecodeUtf8("a\tb\n"), (std::vector<char32_t>{'a', 'b'}));
}

TEST(Glyphs, AsciiAddsNothingAndOtherTextAddsExactlyItsCodepoints) {
  GlyphSet set;
  set.AddText("Breathe in");
  EXPECT_EQ(set.size(), 0u);
  set.AddText("\u3086\u3063\u304F\u308A \u3086");  // ゆっくり ゆ
  EXPECT_EQ(set.codepoints(), (std::set<char32_t>{' ', 0x304F, 0x3063, 0x3086, 0x308A}));
}

TEST(Glyphs, ArabicAddsItsLettersAndTheirPresentationForms) {
  GlyphSet set;
  set.AddText("\u0628\u064A\u062A");  // بيت
  EXPECT_EQ(set.codepoints(), (std::set<char32_t>{0x0628, 0x062A, 0x064A, 0xFE91, 0xFE96, 0xFEF4}));
}

TEST(Glyphs, ATimelineGivesItsTitleNamesStepsCaptionsAndPrompts) {
  core::Timeline timeline;
  timeline.title = "\u00C0";
  timeline.a.name = "\u05D0";
  timeline.b.name = "\u05D1";
  core::TimelineStep step;
  step.title = "\u00C1";
  step.note = "\u00C2";
  step.wait_text = "\u00C3";
  timeline.steps.push_back(step);
  core::TimelinePhase phase;
  phase.caption = "\u00C4";
  phase.item = "\u00C5";
  timeline.phases.push_back(phase);
  timeline.phases.push_back(phase);
  core::Prompt prompt;
  prompt.text = "\u00C6";
  timeline.prompts.push_back(prompt);
  GlyphSet set;
  set.AddTimeline(timeline);
  EXPECT_EQ(set.codepoints(), (std::set<char32_t>{0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0x05D0, 0x05D1}));
}

TEST(Glyphs, AnEntryGivesItsTitleSummaryTagsAndDiagnostics) {
  core::LibraryEntry entry;
  entry.title = "\u00C0";
  entry.summary = "\u00C1";
  entry.tags = {"\u00C2"};
  core::Diagnostic diagnostic;
  diagnostic.message = "\u00C3";
  entry.diagnostics.push_back(diagnostic);
  GlyphSet set;
  set.AddEntry(entry);
  EXPECT_EQ(set.codepoints(), (std::set<char32_t>{0xC0, 0xC1, 0xC2, 0xC3}));
}

TEST(Glyphs, RangesHoldExactlyTheCodepointsAfterTheBase) {
  const ImWchar base[] = {0x0020, 0x007E, 0};
  EXPECT_EQ(GlyphRanges({0x05D3, 0x05D0, 0x05D1, 0x3042, 0x1F600}, base),
            (std::vector<ImWchar>{0x0020, 0x007E, 0x05D0, 0x05D1, 0x05D3, 0x05D3, 0x3042, 0x3042, 0}));
  EXPECT_EQ(GlyphRanges({}), (std::vector<ImWchar>{0}));
}

bool Exists(const char* path) {
  std::FILE* file = std::fopen(path, "rb");
  if (file == nullptr) return false;
  std::fclose(file);
  return true;
}

class FontsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
  }
  void TearDown() override { ImGui::DestroyContext(context_); }
  ImGuiContext* context_ = nullptr;
};

TEST_F(FontsTest, AFallbackFontsGlyphsAreMergedIntoTheTextFontsOnly) {
  const char* hebrew = "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf";
  if (!Exists(hebrew)) GTEST_SKIP() << "fonts-noto-core is not installed";
  if (MainFontFile().empty()) GTEST_SKIP() << "neither fonts-inter nor fonts-dejavu-core is installed";
  FontPlan plan;
  plan.text = {0x05D0, 0x05D1};
  plan.fallbacks.push_back(FallbackFont{hebrew, 0, {0x05D0, 0x05D1}});
  const Fonts fonts = LoadFonts(1.0f, plan);
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  ASSERT_NE(pixels, nullptr);
  for (ImFont* font : {fonts.body, fonts.heading, fonts.caption}) {
    EXPECT_NE(font->FindGlyphNoFallback(0x05D0), nullptr);
    EXPECT_NE(font->FindGlyphNoFallback(0x05D1), nullptr);
    EXPECT_EQ(font->FindGlyphNoFallback(0x05D2), nullptr);  // not used by any text: not in the atlas
    EXPECT_NE(font->FindGlyphNoFallback('A'), nullptr);
  }
  EXPECT_EQ(fonts.digits->FindGlyphNoFallback(0x05D0), nullptr);
  EXPECT_EQ(fonts.fallbacks, (std::vector<std::string>{hebrew}));
  // Each file is owned by exactly one of the fonts reading it (no copy per size).
  std::set<const void*> files;
  int owners = 0;
  for (const ImFontConfig& config : ImGui::GetIO().Fonts->ConfigData) {
    files.insert(config.FontData);
    if (config.FontDataOwnedByAtlas) ++owners;
  }
  EXPECT_EQ(owners, static_cast<int>(files.size()));
  EXPECT_EQ(ImGui::GetIO().Fonts->ConfigData.Size, 7);  // 4 sizes + the fallback merged into 3
  ImGui::GetIO().Fonts->ClearInputData();               // frees each file once (ASan would see a double free)
  EXPECT_NE(fonts.body->FindGlyphNoFallback(0x05D0), nullptr);
}

TEST_F(FontsTest, WithoutAPlanTheFontsHaveNoHebrew) {
  if (MainFontFile().empty()) GTEST_SKIP() << "neither fonts-inter nor fonts-dejavu-core is installed";
  const Fonts fonts = LoadFonts(1.0f);
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  // Inter has no Hebrew; DejaVu Sans has, but only glyphs in the ranges are loaded.
  EXPECT_EQ(fonts.body->FindGlyphNoFallback(0x05D0), nullptr);
  EXPECT_NE(fonts.body->FindGlyphNoFallback(0x00E9), nullptr);
  EXPECT_TRUE(fonts.fallbacks.empty());
}

}  // namespace
}  // namespace attune::ui
