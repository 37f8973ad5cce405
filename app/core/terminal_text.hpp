// app/core/terminal_text.hpp: text from a script, a history database or the command line made safe to
// print on a terminal. A title such as "\e]0;owned\a" or "\e[2J" would otherwise retitle or clear the
// user's terminal, and a bidi override would make a diagnostic read backwards. Every place that prints text
// it did not write itself (check, plan, render, history, the usage errors) passes it through here.
#pragma once

#include <string>
#include <string_view>

namespace attune::core {

struct TerminalTextOptions {
  // Keep "\n" and "\r\n" as line breaks (for text that is several lines by design: a summary, a CSV).
  // Otherwise they are shown as the two characters `\n` and `\r`.
  bool keep_newlines = false;
};

// `utf8` with everything a terminal would act on made visible, and ordinary text (any printable UTF-8,
// backslashes included) unchanged:
// - C0 controls and DEL as `\t`, `\n`, `\r` or `\xNN` (ESC is `\x1b`, BEL `\x07`, backspace `\x08`);
// - C1 controls U+0080-U+009F, bidi embeddings and overrides U+202A-U+202E, bidi isolates U+2066-U+2069
//   and the line and paragraph separators U+2028-U+2029 as `\uNNNN`;
// - each byte that is not part of valid UTF-8 (a stray continuation byte, a truncated sequence, an
//   overlong form, a surrogate, a code point over U+10FFFF) as `\xNN`.
// The result is for people to read, not to parse back: a backslash in the input is not doubled, so
// Windows paths and ordinary text print as they are.
std::string EscapeForTerminal(std::string_view utf8, TerminalTextOptions options = {});

// `utf8` as a JSON string literal, quotes included, that is also safe on a terminal: `"` and `\`
// escaped, C0 controls as \b \f \n \r \t or \u00NN, and DEL, the C1 controls and the bidi and separator
// code points above as \uNNNN (JSON readers get the same string back); a byte that is not valid UTF-8
// becomes \ufffd, so the output is always valid UTF-8 and valid JSON.
std::string QuoteJsonForTerminal(std::string_view utf8);

}  // namespace attune::core
