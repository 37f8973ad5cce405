// app/ui/glyphs.hpp: the codepoints the loaded texts need, and ImGui glyph ranges built from exactly those.
// The fonts hold glyphs only for what the user's texts use (a script in Japanese adds its few hundred
// kanji, not the 20,000 of the CJK block). UI thread only.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <set>
#include <string_view>
#include <vector>

#include "core/library.hpp"
#include "core/timeline.hpp"

namespace attune::ui {

// The codepoints of `utf8` in order, control characters (< U+0020) left out. A malformed sequence gives
// U+FFFD for its first byte and decoding goes on with the next (as ImGui draws it).
std::vector<char32_t> DecodeUtf8(std::string_view utf8);

// A growing set of codepoints (it never shrinks: the fonts stay put as the user moves between screens).
class GlyphSet {
 public:
  // Adds the codepoints of `utf8` as typed and as drawn (VisualOrder: Arabic presentation forms).
  void AddText(std::string_view utf8);
  // Every text the screens can show of a script: title, summary, tags, diagnostics, the partners' names,
  // step titles, notes and wait texts, captions, items and prompts.
  void AddEntry(const core::LibraryEntry& entry);
  void AddTimeline(const core::Timeline& timeline);
  const std::set<char32_t>& codepoints() const { return codepoints_; }
  std::size_t size() const { return codepoints_.size(); }

 private:
  std::set<char32_t> codepoints_;
};

// Zero-terminated ImGui glyph ranges covering `codepoints` (ImFontGlyphRangesBuilder), after the ranges in
// `base` (zero-terminated, or nullptr). Codepoints above U+FFFF are left out: this ImGui's ImWchar is 16
// bits, so it draws them as its fallback glyph whatever the font has.
std::vector<ImWchar> GlyphRanges(const std::vector<char32_t>& codepoints, const ImWchar* base = nullptr);

}  // namespace attune::ui
