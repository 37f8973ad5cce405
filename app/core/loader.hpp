// app/core/loader.hpp: reads and validates a session script (format v1), reporting every problem at once.
// No yaml-cpp exception escapes: every failure becomes a Diagnostic with file, line and column.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/model.hpp"

namespace attune::core {

// Reads the length of an audio file without an audio device. Implemented with libsndfile in audio/
// (SndfileClipProbe); tests and the fuzzer use fakes. Called on the loading thread only.
class ClipProbe {
 public:
  virtual ~ClipProbe() = default;
  // The clip's length, or nullopt with `*error` set to a short reason ("not a readable audio file").
  virtual std::optional<Micros> Length(const std::string& path, std::string* error) const = 0;
};

struct LoadOptions {
  const ClipProbe* probe = nullptr;  // nullptr: voice files must exist, but their length is unknown
};

struct LoadResult {
  std::optional<Session> session;  // set when there is no error (warnings allowed)
  Diagnostics diagnostics;         // in file order
};

// Hard limits of the format (shared/SESSION-FORMAT.md, "Limits and errors").
inline constexpr std::size_t kMaxFileBytes = 1 << 20;
inline constexpr int kMaxNesting = 8;
inline constexpr std::size_t kMaxTextChars = 2000;

// What the loader resolves (the timeline compiler may rely on it):
// - SayStep::length is always set on a valid session: `for`, else the voice clip's length when a probe
//   read it, else ReadingTime (max(3, 1 + 0.45 x words) s, core/speech_length.hpp).
// - StepCommon::voice_length is the clip's length when a probe read it; voice_name and voice_location
//   name the clip as written. A clip longer than its step is not the loader's to judge: the timeline
//   compiler, which knows every step's length, warns about it.
// - `lead_in` and PMR `prepare` keep `auto` as nullopt (the compiler works it out from the prompt's spoken
//   length); their value locations are kept for the compiler's warnings, as is StepCommon::say_location.
// - `wait` with a text sets wait = true and wait_text.
// - Patterns keep their shape: "4-0-8-0" has four phases, two of them 0 s long (so `to` ramps phase by
//   phase); the compiler skips zero-length phases when it lays out the timeline.
// - `repeat` and `use` are not expanded (see model.hpp); counts are at most 100,000 each.

// Reads a script file of at most kMaxFileBytes into `*text`. On failure (cannot open, a folder, too large)
// returns the error, located at the file, and leaves `*text` empty.
std::optional<Diagnostic> ReadSessionFile(const std::string& path, std::string* text);

// The folder a script's relative media paths resolve against: its own, or "." for a bare file name.
std::string ScriptFolder(const std::string& path);

// Loads a file. `display_name` is what diagnostics call the file (default: `path` as given).
LoadResult LoadSessionFile(const std::string& path, const LoadOptions& options = {});

// Loads from text, as if it were the file `display_name` in folder `base_dir` (voice paths resolve there).
LoadResult LoadSessionText(const std::string& text, const std::string& display_name,
                           const std::string& base_dir, const LoadOptions& options = {});

}  // namespace attune::core
