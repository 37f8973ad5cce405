// app/core/settings.hpp: the user's settings (theme, names, volumes, voice and rate, pre-roll, pacer style,
// window place) and their file, $XDG_CONFIG_HOME/attune/settings.yaml. Parsing and serializing are pure;
// saving is atomic (a temporary file unique to the process, 0600, fsync, rename); a corrupt file is kept
// aside as settings.yaml.bad. A window size out of range is clamped (on save and on load, with a note), never
// an error: a size the app itself saved can never make the next start fail. Called from the UI thread only.
#pragma once

#include <optional>
#include <string>

namespace attune::core {

enum class Theme { kDark, kLight, kHighContrast };
enum class PacerStyle { kCircle, kBar };

// The one rule for a window's size, shared by `--size`, the shell's save and the settings file: from
// kMinWindowWidth x kMinWindowHeight to kMaxWindowSide (SDL refuses a window over 16384: "Window is too
// large").
inline constexpr int kMinWindowWidth = 160;
inline constexpr int kMinWindowHeight = 120;
inline constexpr int kMaxWindowSide = 16384;

struct WindowPlace {
  int x = -1;  // -1: let the desktop place the window
  int y = -1;
  int width = 1280;  // logical pixels, kMinWindowWidth..kMaxWindowSide
  int height = 720;  // logical pixels, kMinWindowHeight..kMaxWindowSide
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

// The synthesized voice (audio/speech.hpp speaks with it): the English voice's name, a flite voice ("kal16",
// "slt", "rms", "awb") or "espeak"; a name this build lacks falls back to espeak-ng with a notice. And the
// speaking rate in words per minute, pauses included.
inline constexpr int kMinSpeechRate = 80;
inline constexpr int kMaxSpeechRate = 220;
struct SpeechVoice {
  std::string english = "kal16";
  int words_per_minute = 125;  // kMinSpeechRate..kMaxSpeechRate
};

struct Settings {
  Theme theme = Theme::kDark;
  std::string name_a;  // the partners' names, remembered; empty = the script's role names
  std::string name_b;
  SoundLevels sound;
  SpeechVoice speech;
  int pre_roll_seconds = 5;  // 0..60
  // A practice with less practised time than this is kept in the history but not counted (0..600).
  int min_counted_seconds = 30;
  PacerStyle pacer_style = PacerStyle::kCircle;
  bool reduced_motion = false;  // the pacer becomes a filling bar; nothing grows
  float font_scale = 1.0f;      // 0.75..2
  WindowPlace window;
  std::string last_session;  // path of the session last played
};

// `place` with its size inside the window rule and its position at least -1.
WindowPlace ClampWindowPlace(const WindowPlace& place);

struct SettingsParse {
  std::optional<Settings> settings;  // nullopt: the text is corrupt
  std::string error;                 // why, when corrupt: "line 3: 'volume' must be a number from 0 to 1"
  // Values that were out of range but harmless, clamped: "The saved window size 20000x900 was more than
  // the largest window (16384); it is 16384x900 now."
  std::string note;
};

// Parses settings YAML. Unknown keys are ignored (a newer version may add some); missing keys keep their
// defaults; a value of the wrong type or out of range makes the whole text corrupt.
SettingsParse ParseSettings(const std::string& text);
std::string SerializeSettings(const Settings& settings);

const char* ToString(Theme theme);       // "dark", "light", "high-contrast"
const char* ToString(PacerStyle style);  // "circle", "bar"

struct SettingsLoad {
  Settings settings;
  // For the user, empty when all is well: "Your settings file could not be read ..." or the parse's note.
  std::string notice;
};

// Reads `path`. A missing file gives defaults and no notice. A corrupt one is renamed to `path`.bad,
// defaults are used and `notice` says so.
SettingsLoad LoadSettingsFile(const std::string& path);

// Writes atomically: a temporary file unique to this process beside `path` (mkstemp, mode 0600 whatever the
// umask), fsync, rename over `path` (which is then 0600: it holds names), fsync of the folder, creating the
// folder if needed. The window size is clamped to the rule first. A `path` that is a symlink stays one
// (the file it points to is replaced); one that is or points to no regular file (a device, a FIFO) is not
// written. Returns false with `*error` set on failure; the old file is then untouched and no temporary
// file is left.
bool SaveSettingsFile(const std::string& path, const Settings& settings, std::string* error);

}  // namespace attune::core
