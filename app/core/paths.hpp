// app/core/paths.hpp: where Attune keeps its files, following the XDG base directory rules.
// Pure functions of the environment (read once per call); safe from any thread that does not setenv.
#pragma once

#include <string>
#include <vector>

namespace attune::core {

// $XDG_CONFIG_HOME/attune, else $HOME/.config/attune, else ".config/attune" (relative).
std::string ConfigDir();
// $XDG_DATA_HOME/attune, else $HOME/.local/share/attune, else ".local/share/attune" (relative).
std::string DataDir();
// The user's own session folder: DataDir() + "/sessions".
std::string UserSessionsDir();
// Where exports go: $XDG_DOCUMENTS_DIR, else $HOME/Documents when it exists, else $HOME, else ".".
std::string DocumentsDir();
// The settings file: ConfigDir() + "/settings.yaml".
std::string SettingsPath();

// The folder of built-in sessions: the first that exists of `exe_dir`/../share/attune/sessions, the
// installed prefix (ATTUNE_INSTALLED_SESSIONS_DIR) and the source tree (ATTUNE_SOURCE_SESSIONS_DIR).
// `exe_dir` may be empty. Returns "" when none exists.
std::string BuiltInSessionsDir(const std::string& exe_dir);

// The candidates BuiltInSessionsDir() tries, in order (for messages and tests).
std::vector<std::string> BuiltInSessionsCandidates(const std::string& exe_dir);

}  // namespace attune::core
