// app/ui/bidi_text.cpp: VisualOrder through GNU FriBidi (bidi levels, Arabic joining and shaping, line
// reordering).
#include "ui/bidi_text.hpp"

#include <fribidi.h>

#include <algorithm>
#include <vector>

namespace attune::ui {
namespace {

bool RightToLeftCodepoint(char32_t c) {
  return (c >= 0x0590 && c <= 0x08FF) ||  // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic...
         (c >= 0xFB1D && c <= 0xFDFF) ||  // Hebrew and Arabic presentation forms-A
         (c >= 0xFE70 && c <= 0xFEFE) ||  // Arabic presentation forms-B
         c == 0x200F || c == 0x202B || c == 0x202E || c == 0x2067 ||  // RLM, RLE, RLO, RLI
         (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}

// Decodes UTF-8; false on a malformed sequence.
bool Decode(std::string_view text, std::vector<FriBidiChar>* out) {
  out->clear();
  out->reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    int extra = 0;
    char32_t c = 0;
    if (b < 0x80) {
      c = b;
    } else if ((b & 0xE0) == 0xC0) {
      c = b & 0x1F;
      extra = 1;
    } else if ((b & 0xF0) == 0xE0) {
      c = b & 0x0F;
      extra = 2;
    } else if ((b & 0xF8) == 0xF0) {
      c = b & 0x07;
      extra = 3;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= static_cast<std::size_t>(extra); ++k) {
      if (i + k >= text.size()) return false;
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      c = (c << 6) | (next & 0x3F);
    }
    out->push_back(c);
    i += 1 + static_cast<std::size_t>(extra);
  }
  return true;
}

void Encode(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

bool HasRightToLeft(std::string_view utf8) {
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return false;
  }
  std::vector<FriBidiChar> text;
  if (!Decode(utf8, &text)) return false;
  return std::any_of(text.begin(), text.end(), [](FriBidiChar c) { return RightToLeftCodepoint(c); });
}

std::string VisualOrder(std::string_view utf8) {
  std::vector<FriBidiChar> text;
  if (!HasRightToLeft(utf8) || !Decode(utf8, &text)) return std::string(utf8);
  const auto n = static_cast<FriBidiStrIndex>(text.size());
  std::vector<FriBidiCharType> types(text.size());
  std::vector<FriBidiBracketType> brackets(text.size());
  std::vector<FriBidiLevel> levels(text.size());
  std::vector<FriBidiArabicProp> joining(text.size());
  fribidi_get_bidi_types(text.data(), n, types.data());
  fribidi_get_bracket_types(text.data(), n, types.data(), brackets.data());
  FriBidiParType base = FRIBIDI_PAR_ON;
  if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &base, levels.data()) == 0) {
    return std::string(utf8);
  }
  // Shaping works on the logical order: each letter's form depends on its neighbours in reading order.
  fribidi_get_joining_types(text.data(), n, joining.data());
  fribidi_join_arabic(types.data(), n, levels.data(), joining.data());
  fribidi_shape(FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAGS_ARABIC, levels.data(), n, joining.data(),
                text.data());
  // Without FRIBIDI_FLAG_REORDER_NSM a combining mark (shadda, a niqqud point) lands before its letter in
  // a reversed run: ImGui draws it with zero advance at the letter's left edge, where the fonts' marks are
  // drawn to sit over the glyph that follows (as a shaper lays out right-to-left runs).
  if (fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT & ~FRIBIDI_FLAG_REORDER_NSM, types.data(), n, 0, base,
                           levels.data(), text.data(), nullptr) == 0) {
    return std::string(utf8);
  }
  std::string out;
  out.reserve(utf8.size() + 8);
  for (FriBidiChar c : text) {
    // A lam-alef ligature leaves FRIBIDI_CHAR_FILL (U+FEFF, zero width) where the alef was; explicit
    // bidi marks have done their work. Neither has a glyph to draw.
    if (c == FRIBIDI_CHAR_FILL || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069)) {
      continue;
    }
    Encode(c, &out);
  }
  return out;
}

}  // namespace attune::ui
