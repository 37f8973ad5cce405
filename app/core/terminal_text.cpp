// app/core/terminal_text.cpp: EscapeForTerminal, one byte-level UTF-8 decoder and a list of what a
// terminal acts on.
#include "core/terminal_text.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>

namespace attune::core {
namespace {

// The length of the valid UTF-8 sequence at `text[i]` with its code point in `*code`, or 0 when the byte
// there does not start one (RFC 3629: no overlong forms, no surrogates, nothing over U+10FFFF).
std::size_t DecodeUtf8(std::string_view text, std::size_t i, char32_t* code) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  char32_t value = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    *code = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, value = lead & 0x1Fu, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, value = lead & 0x0Fu, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, value = lead & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
    value = (value << 6) | (byte(i + k) & 0x3Fu);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *code = value;
  return length;
}

// Code points past ASCII that a terminal or a bidi renderer acts on instead of showing.
bool IsActiveCodePoint(char32_t code) {
  return (code >= 0x80 && code <= 0x9F) ||      // C1 controls (U+009B is CSI on some terminals)
         (code >= 0x2028 && code <= 0x202E) ||  // line/paragraph separators, bidi embeddings/overrides
         (code >= 0x2066 && code <= 0x2069);    // bidi isolates
}

}  // namespace

std::string QuoteJsonForTerminal(std::string_view utf8) {
  std::string out = "\"";
  out.reserve(utf8.size() + 2);
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t code = 0;
    const std::size_t length = DecodeUtf8(utf8, i, &code);
    if (length == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    switch (code) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (code < 0x20 || code == 0x7F || IsActiveCodePoint(code)) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(code));
        } else {
          out.append(utf8.substr(i, length));
        }
    }
    i += length;
  }
  return out + "\"";
}

std::string EscapeForTerminal(std::string_view utf8, TerminalTextOptions options) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t code = 0;
    const std::size_t length = DecodeUtf8(utf8, i, &code);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(utf8[i]));
      ++i;
      continue;
    }
    if (code == '\n' && options.keep_newlines) {
      out += '\n';
    } else if (code == '\r' && options.keep_newlines && i + 1 < utf8.size() && utf8[i + 1] == '\n') {
      out += "\r\n";
      ++i;
    } else if (code == '\n') {
      out += "\\n";
    } else if (code == '\r') {
      out += "\\r";
    } else if (code == '\t') {
      out += "\\t";
    } else if (code < 0x20 || code == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(code));
    } else if (IsActiveCodePoint(code)) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(code));
    } else {
      out.append(utf8.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace attune::core
