#include "core/yaml_guard.hpp"

#include <fmt/format.h>

#include <vector>

#include "core/loader.hpp"

namespace attune::core {
namespace {

// Decodes one UTF-8 sequence at `i`. Returns its length, or 0 when invalid (overlong, surrogate, > U+10FFFF,
// truncated).
std::size_t DecodeUtf8(std::string_view text, std::size_t i, char32_t* out) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    *out = b0;
    return 1;
  }
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4;
    cp = b0 & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *out = cp;
  return length;
}

// YAML 1.2 c-printable.
bool IsPrintable(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
         (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

struct Line {
  std::string_view text;
  int number = 0;
};

// Column (1-based, in characters) of byte offset `offset` in `line`.
int CharColumn(std::string_view line, std::size_t offset) {
  int column = 1;
  for (std::size_t i = 0; i < offset && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::optional<GuardProblem> CheckEncoding(std::string_view text) {
  int line = 1;
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(text, i, &cp);
    if (length == 0) {
      return GuardProblem{line, CharColumn(text.substr(line_start), i - line_start),
                          InvalidUtf8Message(static_cast<unsigned char>(text[i]))};
    }
    if (!IsPrintable(cp)) {
      return GuardProblem{line, CharColumn(text.substr(line_start), i - line_start),
                          ForbiddenCharacterMessage(cp)};
    }
    i += length;
    if (cp == '\n') {
      ++line;
      line_start = i;
    }
  }
  return std::nullopt;
}

// An over-estimate of the nesting depth yaml-cpp will recurse into, line by line: the stack of block
// indentations, compact "- " / "? " / "key:" levels on a line, and flow brackets. Quoted scalars, comments
// and block scalars ("|", ">") are skipped so their text does not count.
std::optional<GuardProblem> CheckDepth(std::string_view text) {
  enum class Quote { kNone, kSingle, kDouble };
  Quote quote = Quote::kNone;
  int flow = 0;
  int block_scalar_indent = -1;  // >= 0 while skipping a block scalar's lines more indented than this
  std::vector<int> indents;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_number;
    start = end + 1;

    std::size_t p = 0;
    while (p < line.size() && line[p] == ' ') ++p;
    const int indent = static_cast<int>(p);
    const bool blank = p == line.size() || line[p] == '\r' || line[p] == '#';
    if (block_scalar_indent >= 0) {
      if (blank || indent > block_scalar_indent) {
        if (end == text.size()) break;
        continue;
      }
      block_scalar_indent = -1;
    }

    int depth = 0;
    int node_column = indent;
    if (quote == Quote::kNone && flow == 0 && !blank) {
      while (!indents.empty() && indents.back() > indent) indents.pop_back();
      if (indents.empty() || indents.back() < indent) indents.push_back(indent);
      depth = static_cast<int>(indents.size());
      // Compact nested nodes on one line: "- - a", "? - a", "- key: value".
      while (p + 1 <= line.size() && (line[p] == '-' || line[p] == '?') &&
             (p + 1 == line.size() || line[p + 1] == ' ' || line[p + 1] == '\t')) {
        node_column = static_cast<int>(p);
        ++depth;
        ++p;
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
      }
    }
    if (depth + flow > kMaxYamlDepth) return GuardProblem{line_number, CharColumn(line, p), TooDeepMessage()};

    char previous = ' ';  // the last non-space character outside quotes on this line (' ' = none yet)
    for (std::size_t i = p; i < line.size(); ++i) {
      const char c = line[i];
      if (quote == Quote::kDouble) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          quote = Quote::kNone;
          previous = '"';
        }
        continue;
      }
      if (quote == Quote::kSingle) {
        if (c == '\'') {
          if (i + 1 < line.size() && line[i + 1] == '\'') {
            ++i;
          } else {
            quote = Quote::kNone;
            previous = '\'';
          }
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') continue;
      const bool at_node_start = previous == ' ' || previous == '[' || previous == '{' || previous == ',' ||
                                 previous == ':' || previous == '-' || previous == '?';
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) break;
      if ((c == '"' || c == '\'') && at_node_start) {
        quote = c == '"' ? Quote::kDouble : Quote::kSingle;
        continue;
      }
      if (c == '[' || c == '{') {
        ++flow;
        if (flow + depth > kMaxYamlDepth) {
          return GuardProblem{line_number, CharColumn(line, i), TooDeepMessage()};
        }
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      } else if (c == ':' && flow == 0 &&
                 (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t' || line[i + 1] == '\r')) {
        ++depth;
        if (depth + flow > kMaxYamlDepth)
          return GuardProblem{line_number, CharColumn(line, i), TooDeepMessage()};
      } else if ((c == '|' || c == '>') && flow == 0 &&
                 (previous == ':' || previous == '-' || previous == ' ')) {
        block_scalar_indent = previous == ':' ? indent : node_column;
        break;
      }
      previous = c;
    }
    if (end == text.size()) break;
  }
  return std::nullopt;
}

}  // namespace

std::string_view StripBom(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::optional<GuardProblem> CheckYamlText(std::string_view text) {
  if (text.size() > kMaxFileBytes) return GuardProblem{0, 0, FileTooLargeMessage(text.size())};
  if (auto problem = CheckEncoding(text)) return problem;
  return CheckDepth(text);
}

std::string FileTooLargeMessage(std::size_t bytes) {
  return fmt::format("the file is {} bytes; a session file is at most {} bytes (1 MiB)", bytes,
                     kMaxFileBytes);
}

std::string InvalidUtf8Message(unsigned char byte) {
  return fmt::format("the file is not valid UTF-8 (byte 0x{:02x})", byte);
}

std::string ForbiddenCharacterMessage(char32_t code_point) {
  return fmt::format("the character U+{:04X} is not allowed in a YAML file",
                     static_cast<std::uint32_t>(code_point));
}

std::string TooDeepMessage() {
  return fmt::format("the YAML is nested more than {} levels deep", kMaxYamlDepth);
}

}  // namespace attune::core
