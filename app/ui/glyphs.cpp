// app/ui/glyphs.cpp: codepoint collection and glyph ranges.
#include "ui/glyphs.hpp"

#include "ui/bidi_text.hpp"

namespace attune::ui {

std::vector<char32_t> DecodeUtf8(std::string_view utf8) {
  std::vector<char32_t> out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    std::size_t extra = 0;
    char32_t c = b;
    if (b >= 0xC2 && b <= 0xDF) {
      extra = 1;
      c = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      extra = 2;
      c = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      extra = 3;
      c = b & 0x07;
    } else if (b >= 0x80) {
      c = 0xFFFD;
    }
    bool ok = i + extra < utf8.size() || extra == 0;
    for (std::size_t k = 1; ok && k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      if ((next & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (next & 0x3F);
    }
    if (!ok || (extra == 2 && c < 0x800) || (extra == 3 && (c < 0x10000 || c > 0x10FFFF))) {
      out.push_back(0xFFFD);
      i += 1;
      continue;
    }
    if (c >= 0x20) out.push_back(c);
    i += 1 + extra;
  }
  return out;
}

void GlyphSet::AddText(std::string_view utf8) {
  bool ascii = true;
  for (char ch : utf8) {
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  }
  // ASCII is always in the fonts: nothing to add.
  if (ascii) return;
  for (char32_t c : DecodeUtf8(utf8)) codepoints_.insert(c);
  if (HasRightToLeft(utf8)) {
    for (char32_t c : DecodeUtf8(VisualOrder(utf8))) codepoints_.insert(c);
  }
}

void GlyphSet::AddEntry(const core::LibraryEntry& entry) {
  AddText(entry.title);
  AddText(entry.summary);
  AddText(entry.path);
  for (const std::string& tag : entry.tags) AddText(tag);
  for (const core::Diagnostic& d : entry.diagnostics) AddText(d.message);
  if (entry.timeline) AddTimeline(*entry.timeline);
}

void GlyphSet::AddTimeline(const core::Timeline& timeline) {
  AddText(timeline.title);
  AddText(timeline.a.name);
  AddText(timeline.b.name);
  for (const core::TimelineStep& step : timeline.steps) {
    AddText(step.title);
    AddText(step.note);
    AddText(step.wait_text);
  }
  // Many phases repeat one caption ("Breathe in"): skip a caption equal to the one before it.
  const std::string* last = nullptr;
  for (const core::TimelinePhase& phase : timeline.phases) {
    if (last == nullptr || *last != phase.caption) AddText(phase.caption);
    last = &phase.caption;
    AddText(phase.item);
  }
  for (const core::Prompt& prompt : timeline.prompts) AddText(prompt.text);
}

std::vector<ImWchar> GlyphRanges(const std::vector<char32_t>& codepoints, const ImWchar* base) {
  ImFontGlyphRangesBuilder builder;
  if (base != nullptr) builder.AddRanges(base);
  for (char32_t c : codepoints) {
    if (c <= 0xFFFF) builder.AddChar(static_cast<ImWchar>(c));
  }
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  return std::vector<ImWchar>(ranges.begin(), ranges.end());
}

}  // namespace attune::ui
