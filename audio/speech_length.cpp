#include "audio/speech_length.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "audio/speech.hpp"

namespace attune::audio {
namespace {

// Synthesizing every prompt of every built-in session takes seconds; `check` and `plan` must not. The
// lengths are kept on disk, one "key frames rate" line each, keyed by a hash of the engine id (engine,
// version, speaking rate), the language and the text, so a new engine or voice never reuses an old one.
// Only this machine's own measurements are stored; nothing is ever fetched.
std::string CachePath() {
  namespace fs = std::filesystem;
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  fs::path base;
  if (xdg && *xdg) {
    base = xdg;
  } else if (home && *home) {
    base = fs::path(home) / ".cache";
  } else {
    return {};
  }
  return (base / "attune" / "speech-lengths-v1.txt").string();
}

std::uint64_t Fnv1a(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

struct DiskCache {
  std::mutex mutex;
  bool loaded = false;
  std::string path;
  std::map<std::string, SpokenFrames> lengths;
};

DiskCache& Disk() {
  static DiskCache cache;
  return cache;
}

void LoadDisk(DiskCache& cache) {
  if (cache.loaded) return;
  cache.loaded = true;
  cache.path = CachePath();
  if (cache.path.empty()) return;
  std::ifstream in(cache.path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string key;
    SpokenFrames spoken;
    // A torn or foreign line is skipped: the length is measured again.
    if (fields >> key >> spoken.frames >> spoken.rate && key.size() == 16 && spoken.frames >= 0 &&
        spoken.rate > 0) {
      cache.lengths[key] = spoken;
    }
  }
}

void Store(DiskCache& cache, const std::string& key, const SpokenFrames& spoken) {
  cache.lengths[key] = spoken;
  if (cache.path.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(cache.path).parent_path(), error);
  // One short append per line: concurrent processes at worst write a line twice.
  if (std::FILE* file = std::fopen(cache.path.c_str(), "a")) {
    std::fprintf(file, "%s %lld %d\n", key.c_str(), static_cast<long long>(spoken.frames), spoken.rate);
    std::fclose(file);
  }
}

}  // namespace

std::optional<core::Micros> SynthSpeechLength::Length(const std::string& language,
                                                      const std::string& text) const {
  const std::optional<SpokenFrames> spoken = CachedSpokenFrames(language, text);
  if (!spoken) return std::nullopt;  // no engine: the caller uses the reading time
  // Rounded to the nearest microsecond; at any output rate the rendered clip is within one sample of it.
  return core::Micros{(spoken->frames * 1'000'000 + spoken->rate / 2) / spoken->rate};
}

std::optional<SpokenFrames> CachedSpokenFrames(const std::string& language, const std::string& text) {
  SpeechSynthesizer& synth = SpeechSynthesizer::Instance();
  const std::string engine = synth.engine_id();
  if (engine.empty()) return std::nullopt;
  char key[17];
  std::snprintf(key, sizeof key, "%016llx",
                static_cast<unsigned long long>(Fnv1a(engine + '\n' + language + '\n' + text)));
  std::optional<SpokenFrames> spoken;
  {
    DiskCache& cache = Disk();
    std::lock_guard lock(cache.mutex);
    LoadDisk(cache);
    if (auto found = cache.lengths.find(key); found != cache.lengths.end()) spoken = found->second;
  }
  if (!spoken) {
    spoken = synth.Measure(language, text);
    if (!spoken || spoken->rate <= 0) return std::nullopt;
    DiskCache& cache = Disk();
    std::lock_guard lock(cache.mutex);
    Store(cache, key, *spoken);
  }
  return spoken;
}

}  // namespace attune::audio
