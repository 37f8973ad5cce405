// app/core/loader.hpp: reads and validates a session script (format v1), reporting every problem at once.
// No yaml-cpp exception escapes: every failure becomes a Diagnostic with file, line and column.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/model.hpp"

namespace attune::core {

// What an audio file's header says, as a probe read it.
struct ClipInfo {
  int sample_rate = 0;  // Hz
  int channels = 0;
  std::int64_t frames = 0;
  // frames / sample_rate rounded to the microsecond (0 when the rate or the frames are not positive).
  Micros Length() const {
    if (sample_rate <= 0 || frames <= 0) return Micros(0);
    // Exact without overflow for any frame count below 9.2e12.
    return Micros((frames / sample_rate) * 1'000'000 +
                  ((frames % sample_rate) * 1'000'000 + sample_rate / 2) / sample_rate);
  }
};

// The audio files a script may name (voice clips and a file ambience). Outside them a file is an error
// at the value that names it: the audio thread and the decoder rely on these bounds, and a header that
// says 1 Hz or 2 GHz would otherwise cost minutes and gigabytes to resample.
inline constexpr int kMinClipRate = 8000;
inline constexpr int kMaxClipRate = 192000;
inline constexpr int kMaxClipChannels = 8;

// What a clip's samples say, decoded: `check` warns of a recorded voice that is silent or clipped.
struct ClipLevels {
  float peak = 0.0f;              // the largest |sample|, 0..1
  std::int64_t clipped_runs = 0;  // runs of kClippedRun or more consecutive samples at full scale
};
inline constexpr float kSilentClipPeak = 0.001f;  // -60 dBFS: below it a voice clip is silent
inline constexpr float kFullScale = 0.999f;       // |sample| at or above it is at full scale
inline constexpr int kClippedRun = 3;             // a peak that stays at full scale this long was cut off

// Reads an audio file's header without decoding it and without an audio device. Implemented with
// libsndfile in audio/ (SndfileClipProbe); tests and the fuzzer use fakes. Called on the loading thread
// only. The loader checks the rate, the channels and, for voice clips, the length against the limits.
class ClipProbe {
 public:
  virtual ~ClipProbe() = default;
  // The header, or nullopt with `*error` set to a short reason ("not a readable audio file", or a header
  // that the file cannot hold).
  virtual std::optional<ClipInfo> Probe(const std::string& path, std::string* error) const = 0;
  // The clip's levels (decoding it whole), or nullopt when they are unknown (the default: fakes and
  // probes that only read headers) or the file cannot be decoded.
  virtual std::optional<ClipLevels> Levels(const std::string& path) const {
    (void)path;
    return std::nullopt;
  }
  // The clip's length (Probe's Length()), or nullopt with `*error` as Probe sets it.
  std::optional<Micros> Length(const std::string& path, std::string* error) const {
    const auto info = Probe(path, error);
    return info ? std::optional<Micros>(info->Length()) : std::nullopt;
  }
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

// Reads a script file of at most kMaxFileBytes into `*text`. On failure (cannot open, a folder, too large,
// "not a regular file": a FIFO or a device, refused without blocking) returns the error, located at the
// file, and leaves `*text` empty.
std::optional<Diagnostic> ReadSessionFile(const std::string& path, std::string* text);

// The folder a script's relative media paths resolve against: its own, or "." for a bare file name.
std::string ScriptFolder(const std::string& path);

// Loads a file. `display_name` is what diagnostics call the file (default: `path` as given).
LoadResult LoadSessionFile(const std::string& path, const LoadOptions& options = {});

// Loads from text, as if it were the file `display_name` in folder `base_dir` (voice paths resolve there).
LoadResult LoadSessionText(const std::string& text, const std::string& display_name,
                           const std::string& base_dir, const LoadOptions& options = {});

}  // namespace attune::core
