// app/core/settings.hpp: the user's settings (theme, names, volumes, pre-roll, pacer style, window place)
// and their file, $XDG_CONFIG_HOME/attune/settings.yaml. Parsing and serializing are pure; saving is
// atomic (temporary file, fsync, rename); a corrupt file is kept aside as settings.yaml.bad.
// Called from the UI thread only.
#pragma once

#include <optional>
#include <string>

namespace attune::core {

enum class Theme { kDark, kLight, kHighContrast };
enum class PacerStyle { kCircle, kBar };

struct WindowPlace {
  int x = -1;  // -1: let the desktop place the window
  int y = -1;
  int width = 1280;  // logical pixels, at least 320
  int height = 720;  // logical pixels, at least 240
  int display = 0;   // 0-based monitor index
  bool fullscreen = false;
};

struct SoundLevels {  // each 0..1
  float master = 0.8f;
  float cues = 1.0f;
  float breath = 0.6f;
  float voice = 1.0f;
  float ambience = 0.5f;
  bool muted = false;
};

struct Settings {
  Theme theme = Theme::kDark;
  std::string name_a;  // the partners' names, remembered; empty = the script's role names
  std::string name_b;
  SoundLevels sound;
  int pre_roll_seconds = 5;  // 0..60
  PacerStyle pacer_style = PacerStyle::kCircle;
  bool reduced_motion = false;  // the pacer becomes a filling bar; nothing grows
  float font_scale = 1.0f;      // 0.75..2
  WindowPlace window;
  std::string last_session;  // path of the session last played
};

struct SettingsParse {
  std::optional<Settings> settings;  // nullopt: the text is corrupt
  std::string error;                 // why, when corrupt: "line 3: 'volume' must be a number from 0 to 1"
};

// Parses settings YAML. Unknown keys are ignored (a newer version may add some); missing keys keep their
// defaults; a value of the wrong type or out of range makes the whole text corrupt.
SettingsParse ParseSettings(const std::string& text);
std::string SerializeSettings(const Settings& settings);

const char* ToString(Theme theme);       // "dark", "light", "high-contrast"
const char* ToString(PacerStyle style);  // "circle", "bar"

struct SettingsLoad {
  Settings settings;
  std::string notice;  // for the user, empty when all is well: "Your settings file could not be read ..."
};

// Reads `path`. A missing file gives defaults and no notice. A corrupt one is renamed to `path`.bad,
// defaults are used and `notice` says so.
SettingsLoad LoadSettingsFile(const std::string& path);

// Writes atomically: `path`.tmp, fsync, rename over `path`, creating the folder if needed. Returns false
// with `*error` set on failure; the old file is then untouched.
bool SaveSettingsFile(const std::string& path, const Settings& settings, std::string* error);

}  // namespace attune::core
