// tests/ui/bidi_text_test.cpp: VisualOrder puts right-to-left text in drawing order with Arabic joined, and
// leaves everything else alone.
#include "ui/bidi_text.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "ui/glyphs.hpp"

namespace attune::ui {
namespace {

std::vector<char32_t> Visual(const std::string& text) { return DecodeUtf8(VisualOrder(text)); }

TEST(BidiText, HebrewIsReversed) {
  // שלום: shin lamed vav final-mem, drawn from the right.
  EXPECT_EQ(Visual("\u05E9\u05DC\u05D5\u05DD"), (std::vector<char32_t>{0x05DD, 0x05D5, 0x05DC, 0x05E9}));
}

TEST(BidiText, ArabicLettersAreShapedToPresentationFormsThatJoin) {
  // بيت: beh initial, yeh medial, teh final, reversed.
  EXPECT_EQ(Visual("\u0628\u064A\u062A"), (std::vector<char32_t>{0xFE96, 0xFEF4, 0xFE91}));
  // سلام: seen initial, lam-alef final ligature (no fill character left behind), meem isolated.
  EXPECT_EQ(Visual("\u0633\u0644\u0627\u0645"), (std::vector<char32_t>{0xFEE1, 0xFEFC, 0xFEB3}));
  // لا alone: the isolated lam-alef ligature.
  EXPECT_EQ(Visual("\u0644\u0627"), (std::vector<char32_t>{0xFEFB}));
}

TEST(BidiText, AMarkComesBeforeItsLetterInDrawingOrder) {
  // فّ: feh and shadda. ImGui draws the zero-width mark at the pen, then the letter from the same place.
  EXPECT_EQ(Visual("\u0641\u0651"), (std::vector<char32_t>{0x0651, 0xFED1}));
}

TEST(BidiText, MixedTextKeepsNumbersAndLatinRunsLeftToRight) {
  // Left-to-right paragraph (first strong letter Latin): the Hebrew word turns round; a number after it
  // belongs to its right-to-left run (the space between takes the run's direction), so it moves left of
  // the word while reading left to right itself.
  EXPECT_EQ(VisualOrder("abc \u05E9\u05DC\u05D5\u05DD 123"), "abc 123 \u05DD\u05D5\u05DC\u05E9");
  EXPECT_EQ(VisualOrder("abc \u05E9\u05DC\u05D5\u05DD def"), "abc \u05DD\u05D5\u05DC\u05E9 def");
  // Arabic with Arabic-Indic digits: the digits read left to right inside the reversed run.
  EXPECT_EQ(Visual("\u0628 \u0661\u0662"), (std::vector<char32_t>{0x0661, 0x0662, ' ', 0xFE8F}));
  // Right-to-left paragraph: the runs go right to left, each number and Latin word reads left to right.
  EXPECT_EQ(VisualOrder("\u05E9\u05DC\u05D5\u05DD 123 abc"), "abc 123 \u05DD\u05D5\u05DC\u05E9");
  // A number inside Hebrew, with its comma: "נשמו, 3 פעמים".
  EXPECT_EQ(VisualOrder("\u05E0\u05E9\u05DE\u05D5, 3 \u05E4\u05E2\u05DE\u05D9\u05DD"),
            "\u05DD\u05D9\u05DE\u05E2\u05E4 3 ,\u05D5\u05DE\u05E9\u05E0");
}

TEST(BidiText, BracketsAreMirroredInARightToLeftRun) {
  EXPECT_EQ(VisualOrder("\u05E9\u05DC\u05D5\u05DD (\u05D0)"), "(\u05D0) \u05DD\u05D5\u05DC\u05E9");
}

TEST(BidiText, TextWithoutRightToLeftIsUnchanged) {
  EXPECT_FALSE(HasRightToLeft("Breathe in, 4 s (slowly)"));
  EXPECT_EQ(VisualOrder("Breathe in, 4 s (slowly)"), "Breathe in, 4 s (slowly)");
  EXPECT_EQ(VisualOrder("一緒に呼吸 — Ça va"), "一緒に呼吸 — Ça va");
  EXPECT_EQ(VisualOrder(""), "");
  EXPECT_FALSE(HasRightToLeft("一緒に呼吸"));
  EXPECT_TRUE(HasRightToLeft("a \u05D0"));
  EXPECT_TRUE(HasRightToLeft("\u0628"));
  EXPECT_TRUE(HasRightToLeft("\uFEFC"));
}

TEST(BidiText, InvalidUtf8IsReturnedUnchanged) {
  const std::string bad = "\u05D0 \xFF\xFE";
  EXPECT_EQ(VisualOrder(bad), bad);
}

TEST(BidiText, AsciiIsFast) {
  // Every caption goes through VisualOrder each frame: ASCII must not reach FriBidi. 20,000 calls on an
  // 80-character line take well under a millisecond each without it (about 1 µs here).
  const std::string line(80, 'a');
  const auto start = std::chrono::steady_clock::now();
  std::size_t total = 0;
  for (int i = 0; i < 20000; ++i) total += VisualOrder(line).size();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(total, 80u * 20000u);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), 200);
}

}  // namespace
}  // namespace attune::ui
