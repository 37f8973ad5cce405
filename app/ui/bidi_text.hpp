// app/ui/bidi_text.hpp: right-to-left text (Hebrew, Arabic...) put in the order ImGui draws it. ImGui draws
// codepoints left to right, one glyph each, so a line must arrive in visual order with Arabic letters
// already in their joined presentation forms. Pure functions (GNU FriBidi), no ImGui. Any thread.
#pragma once

#include <string>
#include <string_view>

namespace attune::ui {

// True when `utf8` holds a codepoint of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo,
// Samaritan, Mandaic, their presentation forms) or an explicit right-to-left mark. Pure ASCII answers
// without decoding.
bool HasRightToLeft(std::string_view utf8);

// One line of text in visual order (Unicode bidi algorithm, direction from the first strong character):
// right-to-left runs reversed, brackets mirrored in them, Arabic letters shaped to their presentation
// forms (isolated, initial, medial, final; lam-alef ligatures) so that they join. Text without any
// right-to-left codepoint is returned unchanged without calling FriBidi. Invalid UTF-8 is returned
// unchanged. For wrapped text, wrap first and pass each line.
std::string VisualOrder(std::string_view utf8);

}  // namespace attune::ui
