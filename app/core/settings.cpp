#include "core/settings.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/atomic_file.hpp"
#include "core/names.hpp"

namespace attune::core {
namespace {

struct Corrupt {
  std::string message;
};

std::string Where(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? std::string() : fmt::format("line {}: ", mark.line + 1);
}

template <typename T>
T Read(const YAML::Node& node, const char* key, T low, T high) {
  T value{};
  try {
    value = node.as<T>();
  } catch (const YAML::Exception&) {
    throw Corrupt{fmt::format("{}'{}' must be a number from {} to {}", Where(node), key, low, high)};
  }
  if (!(value >= low && value <= high)) {
    throw Corrupt{fmt::format("{}'{}' must be a number from {} to {}", Where(node), key, low, high)};
  }
  return value;
}

bool ReadBool(const YAML::Node& node, const char* key) {
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    throw Corrupt{fmt::format("{}'{}' must be true or false", Where(node), key)};
  }
}

std::string ReadText(const YAML::Node& node, const char* key) {
  if (!node.IsScalar()) throw Corrupt{fmt::format("{}'{}' must be text", Where(node), key)};
  return node.as<std::string>();
}

void ReadSound(const YAML::Node& node, SoundLevels* sound) {
  if (!node.IsMap()) throw Corrupt{fmt::format("{}'sound' must be a mapping", Where(node))};
  for (const auto& item : node) {
    const std::string key = item.first.as<std::string>();
    const YAML::Node& value = item.second;
    if (key == "master") sound->master = Read<float>(value, "master", 0.0f, 1.0f);
    if (key == "cues") sound->cues = Read<float>(value, "cues", 0.0f, 1.0f);
    if (key == "breath") sound->breath = Read<float>(value, "breath", 0.0f, 1.0f);
    if (key == "voice") sound->voice = Read<float>(value, "voice", 0.0f, 1.0f);
    if (key == "ambience") sound->ambience = Read<float>(value, "ambience", 0.0f, 1.0f);
    if (key == "muted") sound->muted = ReadBool(value, "muted");
  }
}

void ReadSpeech(const YAML::Node& node, SpeechVoice* speech) {
  if (!node.IsMap()) throw Corrupt{fmt::format("{}'speech' must be a mapping", Where(node))};
  for (const auto& item : node) {
    const std::string key = item.first.as<std::string>();
    const YAML::Node& value = item.second;
    if (key == "english") {
      speech->english = ReadText(value, "english");
      if (speech->english.empty()) throw Corrupt{fmt::format("{}'english' must name a voice", Where(value))};
    }
    if (key == "words_per_minute") {
      speech->words_per_minute = Read<int>(value, "words_per_minute", kMinSpeechRate, kMaxSpeechRate);
    }
  }
}

// A size out of the window rule is clamped with a note (the app saved it, or a hand edit went too far;
// either way one start must not fail on it); a value that is not a number at all is still corrupt.
int ReadSide(const YAML::Node& node, const char* key, int low, bool* clamped) {
  long long value = 0;
  try {
    value = node.as<long long>();
  } catch (const YAML::Exception&) {
    throw Corrupt{
        fmt::format("{}'{}' must be a number from {} to {}", Where(node), key, low, kMaxWindowSide)};
  }
  if (value >= low && value <= kMaxWindowSide) return static_cast<int>(value);
  *clamped = true;
  return value < low ? low : kMaxWindowSide;
}

void ReadWindow(const YAML::Node& node, WindowPlace* window, std::string* note) {
  if (!node.IsMap()) throw Corrupt{fmt::format("{}'window' must be a mapping", Where(node))};
  std::optional<long long> wide, tall;  // the saved sides that were out of the rule
  for (const auto& item : node) {
    const std::string key = item.first.as<std::string>();
    const YAML::Node& value = item.second;
    if (key == "x") window->x = Read<int>(value, "x", -1, 100000);
    if (key == "y") window->y = Read<int>(value, "y", -1, 100000);
    if (key == "width") {
      bool clamped = false;
      window->width = ReadSide(value, "width", kMinWindowWidth, &clamped);
      if (clamped) wide = value.as<long long>();
    }
    if (key == "height") {
      bool clamped = false;
      window->height = ReadSide(value, "height", kMinWindowHeight, &clamped);
      if (clamped) tall = value.as<long long>();
    }
    if (key == "display") window->display = Read<int>(value, "display", 0, 64);
    if (key == "fullscreen") window->fullscreen = ReadBool(value, "fullscreen");
  }
  if (wide || tall) {
    *note = fmt::format(
        "The saved window size {}x{} was outside what Attune can open ({}x{} to {}x{}); it is {}x{} now.",
        wide ? *wide : window->width, tall ? *tall : window->height, kMinWindowWidth, kMinWindowHeight,
        kMaxWindowSide, kMaxWindowSide, window->width, window->height);
  }
}

// One of E's names (core/names.hpp): "'theme' must be dark, light or high-contrast (got 'blue')".
template <typename E>
E ReadName(const YAML::Node& node, const char* key) {
  const std::string text = ReadText(node, key);
  if (const std::optional<E> value = FromName<E>(text)) return *value;
  const std::vector<std::string> names = AllNames<E>();
  std::string choices;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) choices += i + 1 == names.size() ? " or " : ", ";
    choices += names[i];
  }
  throw Corrupt{fmt::format("{}'{}' must be {} (got '{}')", Where(node), key, choices, text)};
}

Settings ReadSettings(const YAML::Node& root, std::string* note) {
  Settings settings;
  if (root.IsNull()) return settings;
  if (!root.IsMap()) throw Corrupt{"the file is not a mapping of settings"};
  for (const auto& item : root) {
    const std::string key = item.first.as<std::string>();
    const YAML::Node& value = item.second;
    if (key == "theme") {
      settings.theme = ReadName<Theme>(value, "theme");
    } else if (key == "name_a") {
      settings.name_a = ReadText(value, "name_a");
    } else if (key == "name_b") {
      settings.name_b = ReadText(value, "name_b");
    } else if (key == "sound") {
      ReadSound(value, &settings.sound);
    } else if (key == "speech") {
      ReadSpeech(value, &settings.speech);
    } else if (key == "pre_roll") {
      settings.pre_roll_seconds = Read<int>(value, "pre_roll", 0, 60);
    } else if (key == "min_counted") {
      settings.min_counted_seconds = Read<int>(value, "min_counted", 0, 600);
    } else if (key == "pacer_style") {
      settings.pacer_style = ReadName<PacerStyle>(value, "pacer_style");
    } else if (key == "reduced_motion") {
      settings.reduced_motion = ReadBool(value, "reduced_motion");
    } else if (key == "font_scale") {
      settings.font_scale = Read<float>(value, "font_scale", 0.75f, 2.0f);
    } else if (key == "window") {
      ReadWindow(value, &settings.window, note);
    } else if (key == "last_session") {
      settings.last_session = ReadText(value, "last_session");
    }
  }
  return settings;
}

}  // namespace

SettingsParse ParseSettings(const std::string& text) {
  SettingsParse result;
  try {
    result.settings = ReadSettings(YAML::Load(text), &result.note);
  } catch (const Corrupt& corrupt) {
    result.error = corrupt.message;
  } catch (const YAML::Exception& e) {
    result.error = e.mark.is_null() ? e.msg : fmt::format("line {}: {}", e.mark.line + 1, e.msg);
  }
  return result;
}

WindowPlace ClampWindowPlace(const WindowPlace& place) {
  WindowPlace clamped = place;
  clamped.width = std::clamp(place.width, kMinWindowWidth, kMaxWindowSide);
  clamped.height = std::clamp(place.height, kMinWindowHeight, kMaxWindowSide);
  clamped.x = std::clamp(place.x, -1, 100000);
  clamped.y = std::clamp(place.y, -1, 100000);
  clamped.display = std::clamp(place.display, 0, 64);
  return clamped;
}

std::string SerializeSettings(const Settings& settings_in) {
  Settings settings = settings_in;
  settings.window = ClampWindowPlace(settings_in.window);
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "theme" << YAML::Value << ToString(settings.theme);
  out << YAML::Key << "name_a" << YAML::Value << YAML::DoubleQuoted << settings.name_a;
  out << YAML::Key << "name_b" << YAML::Value << YAML::DoubleQuoted << settings.name_b;
  out << YAML::Key << "sound" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "master" << YAML::Value << settings.sound.master;
  out << YAML::Key << "cues" << YAML::Value << settings.sound.cues;
  out << YAML::Key << "breath" << YAML::Value << settings.sound.breath;
  out << YAML::Key << "voice" << YAML::Value << settings.sound.voice;
  out << YAML::Key << "ambience" << YAML::Value << settings.sound.ambience;
  out << YAML::Key << "muted" << YAML::Value << settings.sound.muted;
  out << YAML::EndMap;
  out << YAML::Key << "speech" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "english" << YAML::Value << YAML::DoubleQuoted << settings.speech.english;
  out << YAML::Key << "words_per_minute" << YAML::Value << settings.speech.words_per_minute;
  out << YAML::EndMap;
  out << YAML::Key << "pre_roll" << YAML::Value << settings.pre_roll_seconds;
  out << YAML::Key << "min_counted" << YAML::Value << settings.min_counted_seconds;
  out << YAML::Key << "pacer_style" << YAML::Value << ToString(settings.pacer_style);
  out << YAML::Key << "reduced_motion" << YAML::Value << settings.reduced_motion;
  out << YAML::Key << "font_scale" << YAML::Value << settings.font_scale;
  out << YAML::Key << "window" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "x" << YAML::Value << settings.window.x;
  out << YAML::Key << "y" << YAML::Value << settings.window.y;
  out << YAML::Key << "width" << YAML::Value << settings.window.width;
  out << YAML::Key << "height" << YAML::Value << settings.window.height;
  out << YAML::Key << "display" << YAML::Value << settings.window.display;
  out << YAML::Key << "fullscreen" << YAML::Value << settings.window.fullscreen;
  out << YAML::EndMap;
  out << YAML::Key << "last_session" << YAML::Value << YAML::DoubleQuoted << settings.last_session;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

SettingsLoad LoadSettingsFile(const std::string& path) {
  SettingsLoad load;
  std::error_code fs_error;
  const std::filesystem::file_status status = std::filesystem::status(path, fs_error);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    // A FIFO or a device would block the start or never end: not read, defaults used, nothing moved.
    load.notice = fmt::format("Your settings file {} is not a regular file; the defaults are used.", path);
    return load;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return load;
  // A settings file is a few hundred bytes; one of megabytes is not ours (and parsing it would cost
  // hundreds of MB): it is kept aside unread, like any corrupt file.
  constexpr std::size_t kMaxSettingsBytes = 1 << 20;
  std::string text(kMaxSettingsBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  in.close();
  SettingsParse parse = text.size() > kMaxSettingsBytes
                            ? SettingsParse{std::nullopt, "it is larger than 1 MB", ""}
                            : ParseSettings(text);
  if (parse.settings) {
    load.settings = *parse.settings;
    load.notice = parse.note;
    return load;
  }
  std::error_code error;
  std::filesystem::rename(path, path + ".bad", error);
  load.notice = fmt::format(
      "Your settings file could not be read ({}). It was kept as {}.bad and the defaults are used.",
      parse.error, path);
  return load;
}

bool SaveSettingsFile(const std::string& named_path, const Settings& settings, std::string* error) {
  std::error_code fs_error;
  // A settings file that is a symlink (a dotfiles folder) stays one: the file it points to is replaced,
  // never the link. One that is (or points to) no regular file, a device or a FIFO, is left alone.
  std::string path = named_path;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(named_path, fs_error))) {
    const std::filesystem::path resolved = std::filesystem::weakly_canonical(named_path, fs_error);
    if (!fs_error) path = resolved.string();
  }
  const std::filesystem::file_status status = std::filesystem::status(path, fs_error);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    if (error != nullptr) *error = fmt::format("cannot write {}: it is not a regular file", named_path);
    return false;
  }
  const std::filesystem::path target(path);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), fs_error);
  return ReplaceFileAtomically(path, SerializeSettings(settings), Durability::kDurable, error);
}

}  // namespace attune::core
