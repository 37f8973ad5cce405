// app/platform/font_fallback.hpp: which installed font files have the glyphs the main font lacks, found
// through fontconfig (FcFontSort with the missing codepoints as a charset). The fonts are then merged
// into ImGui's (ui::LoadFonts with a ui::FontPlan). UI thread only.
#pragma once

#include <string>
#include <vector>

#include "ui/look.hpp"

namespace attune::platform {

// True when the font file `path` (face `index` of a collection) maps `codepoint` to a glyph.
bool FontFileHas(const std::string& path, int index, char32_t codepoint);

// The fonts to take `wanted`'s codepoints from when `main_file` (ui::MainFontFile(), "" for ImGui's
// built-in font, which has Latin-1) lacks them. Only fonts stb_truetype draws are chosen: scalable
// TrueType or CFF outlines, not colour (bitmap emoji such as Noto Color Emoji). Each codepoint goes to
// the first font in fontconfig's order that has it; codepoints no such font has, and those above U+FFFF
// (ImGui 1.86's ImWchar is 16 bits), are put in `*unfound` when it is given. Fonts a codepoint would come
// from are listed once, each with its codepoints.
std::vector<ui::FallbackFont> FindFallbackFonts(const std::string& main_file,
                                                const std::vector<char32_t>& wanted,
                                                std::vector<char32_t>* unfound = nullptr);

// The plan for ui::LoadFonts: `text` as given and the fallbacks for what ui::MainFontFile() lacks.
ui::FontPlan PlanFonts(const std::vector<char32_t>& text);

}  // namespace attune::platform
