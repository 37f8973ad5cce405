// tests/core/terminal_text_test.cpp: EscapeForTerminal shows what a terminal would act on and leaves
// ordinary text as it is.
#include "core/terminal_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace attune::core {
namespace {

TEST(EscapeForTerminal, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(EscapeForTerminal("Box breathing · 4 min × 2, Ölçü, 呼吸, 🙂, C:\\x"),
            "Box breathing · 4 min × 2, Ölçü, 呼吸, 🙂, C:\\x");
  EXPECT_EQ(EscapeForTerminal(""), "");
}

TEST(EscapeForTerminal, ShowsTerminalEscapes) {
  EXPECT_EQ(EscapeForTerminal("\x1b]0;owned\a"), "\\x1b]0;owned\\x07");
  EXPECT_EQ(EscapeForTerminal("\x1b[2Jtitle"), "\\x1b[2Jtitle");
  EXPECT_EQ(EscapeForTerminal("a\rb\bc\x7f"
                              "d"),
            "a\\rb\\x08c\\x7fd");
  EXPECT_EQ(EscapeForTerminal(std::string("nul\0here", 8)), "nul\\x00here");
  EXPECT_EQ(EscapeForTerminal("tab\there"), "tab\\there");
}

TEST(EscapeForTerminal, ShowsC1ControlsAndBidiOverrides) {
  EXPECT_EQ(EscapeForTerminal("\xc2\x9b"
                              "2J"),
            "\\u009b2J");                                                              // U+009B CSI
  EXPECT_EQ(EscapeForTerminal("\xc2\x80\xc2\x9f\xc2\xa0"), "\\u0080\\u009f\xc2\xa0");  // NBSP stays
  EXPECT_EQ(EscapeForTerminal("abc\xe2\x80\xae"
                              "fdp.exe"),
            "abc\\u202efdp.exe");
  EXPECT_EQ(EscapeForTerminal("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\xa8"),
            "\\u202a\\u2066\\u2069\\u2028");
  EXPECT_EQ(EscapeForTerminal("\xe2\x80\x94"), "\xe2\x80\x94");  // an em dash is text
}

TEST(EscapeForTerminal, ShowsEachInvalidUtf8ByteAsHex) {
  EXPECT_EQ(EscapeForTerminal("a\xff"
                              "b"),
            "a\\xffb");
  EXPECT_EQ(EscapeForTerminal("\x80"), "\\x80");                             // a lone continuation byte
  EXPECT_EQ(EscapeForTerminal("x\xe2\x80"), "x\\xe2\\x80");                  // truncated at the end
  EXPECT_EQ(EscapeForTerminal("\xc0\xaf"), "\\xc0\\xaf");                    // overlong '/'
  EXPECT_EQ(EscapeForTerminal("\xed\xa0\x80"), "\\xed\\xa0\\x80");           // a surrogate
  EXPECT_EQ(EscapeForTerminal("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // over U+10FFFF
  EXPECT_EQ(EscapeForTerminal("\xc2\x1b"), "\\xc2\\x1b");  // a lead byte then ESC: both shown
}

TEST(EscapeForTerminal, KeepsLineBreaksOnlyWhenAsked) {
  EXPECT_EQ(EscapeForTerminal("one\ntwo\r\n"), "one\\ntwo\\r\\n");
  EXPECT_EQ(EscapeForTerminal("one\ntwo\r\nthree\rfour", {.keep_newlines = true}),
            "one\ntwo\r\nthree\\rfour");
}

}  // namespace
}  // namespace attune::core

namespace attune::core {
namespace {

TEST(QuoteJsonForTerminal, EscapesWhatJsonAndTheTerminalNeed) {
  EXPECT_EQ(QuoteJsonForTerminal("Box · \"4\" \\ ×"), "\"Box · \\\"4\\\" \\\\ ×\"");
  EXPECT_EQ(QuoteJsonForTerminal("\x1b]0;x\a\n\t\x7f"), "\"\\u001b]0;x\\u0007\\n\\t\\u007f\"");
  EXPECT_EQ(QuoteJsonForTerminal("\xc2\x9b\xe2\x80\xae\xe2\x81\xa7"), "\"\\u009b\\u202e\\u2067\"");
  EXPECT_EQ(QuoteJsonForTerminal("a\xff"
                                 "b\xe2\x80"),
            "\"a\\ufffdb\\ufffd\\ufffd\"");
}

}  // namespace
}  // namespace attune::core
