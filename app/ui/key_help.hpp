// app/ui/key_help.hpp: the "?" overlay: the keys of the screen and what they do, over the screen, with a
// Close button. Its lines come from the key table (platform/key_map.hpp KeyHelpFor). UI thread only,
// inside an ImGui frame.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ui/look.hpp"

namespace attune::ui {

// `lines`: (keys, what they do). Returns true when Close was clicked.
bool DrawKeyHelp(const std::vector<std::pair<std::string, std::string>>& lines, const Look& look);

}  // namespace attune::ui
