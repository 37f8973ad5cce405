// audio/speech.hpp: synthesized speech for prompts without a recorded clip (espeak-ng, in-process,
// synchronous mode). espeak-ng is not thread-safe: every call here is serialized by one process-wide
// lock. Recent results are cached per (language, text) within a byte budget (kSpeechCacheBytes), so a
// session of any length never keeps all its speech in memory.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attune::audio {

// The length of a text's speech before resampling: `frames` samples at espeak's own `rate` Hz.
struct SpokenFrames {
  std::int64_t frames = 0;
  int rate = 0;
};
// The length of Speak()'s clip at `sample_rate` for speech of `spoken` length (the resampler's rounding).
std::int64_t SpokenFramesAt(const SpokenFrames& spoken, int sample_rate);

// Each of the two caches (espeak's own output, and resampled clips) keeps at most this many bytes, the
// least recently used going first.
inline constexpr std::int64_t kSpeechCacheBytes = std::int64_t{4} << 20;

class SpeechSynthesizer {
 public:
  // The process-wide synthesizer. espeak-ng is initialized on first use.
  static SpeechSynthesizer& Instance();

  // True when espeak-ng initialized and can speak.
  bool available();

  // `text` spoken in `language` (a BCP 47 tag such as "en" or "en-GB"; an unknown language falls back to
  // English) as mono samples at `sample_rate` Hz, peaking at -6 dBFS, with leading and trailing silence
  // trimmed. nullptr when speech is unavailable. Cached (within kSpeechCacheBytes) unless `keep` is false:
  // the mixer holds its clips itself and frees them when they are no longer needed.
  std::shared_ptr<const std::vector<float>> Speak(const std::string& language, const std::string& text,
                                                  int sample_rate, bool keep = true);

  // The length of exactly the speech Speak() gives for `text` (the same trimming; Speak() at any rate has
  // llround(frames × sample_rate / rate) samples), without resampling it. nullopt when speech is
  // unavailable. Shares Speak()'s cache of espeak's output.
  std::optional<SpokenFrames> Measure(const std::string& language, const std::string& text);

  // Names the engine, its version and the speaking rate: a length measured under one id is valid for
  // every process with the same id (the key of SynthSpeechLength's disk cache). Empty when unavailable.
  std::string engine_id();

  // How many times espeak-ng has synthesized a text in this process (a cache miss), and the bytes the
  // caches hold now: for tests of the order and the amount of work.
  std::int64_t synthesis_count();
  std::int64_t cached_bytes();

 private:
  SpeechSynthesizer() = default;
};

}  // namespace attune::audio
