// audio/speech.hpp: synthesized speech for prompts without a recorded clip, in-process. English is spoken
// by a flite voice (natural, CMU's US English voices, linked statically); every other language, and
// English when the chosen flite voice is missing or "espeak" is chosen, by espeak-ng (synchronous mode).
// Neither engine is thread-safe: every call here is serialized by one process-wide lock. Recent results
// are cached per (language, text) within a byte budget (kSpeechCacheBytes), so a session of any length
// never keeps all its speech in memory.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attune::audio {

// The length of a text's speech before resampling: `frames` samples at its engine's own `rate` Hz.
struct SpokenFrames {
  std::int64_t frames = 0;
  int rate = 0;
};
// The length of Speak()'s clip at `sample_rate` for speech of `spoken` length (the resampler's rounding).
std::int64_t SpokenFramesAt(const SpokenFrames& spoken, int sample_rate);

// Each of the two caches (the engines' own output, and resampled clips) keeps at most this many bytes, the
// least recently used going first.
inline constexpr std::int64_t kSpeechCacheBytes = std::int64_t{4} << 20;

// The voice for English and the speaking rate (a user setting; core::Settings holds the same two values).
struct VoiceChoice {
  // A flite voice: "kal16" (male, the clearest: tests/voice), "slt" (female), "rms" (male), "awb"
  // (Scottish male); or "espeak".
  std::string english = "kal16";
  int words_per_minute = 125;  // kMinWordsPerMinute..kMaxWordsPerMinute, both engines, pauses included
};
inline constexpr int kMinWordsPerMinute = 80;
inline constexpr int kMaxWordsPerMinute = 220;
// The flite voices this build can speak with (empty without flite), in VoiceChoice::english spelling.
std::vector<std::string> FliteVoiceNames();

// The notice, once, when the chosen English voice cannot be used: "The natural voice 'slt' is
// unavailable: English is spoken by espeak-ng".
std::string VoiceFallbackNotice(const std::string& voice);

// How flite's speech is cut at punctuation and paused (at 125 words a minute; slower rates pause longer).
inline constexpr double kPhrasePauseSeconds = 0.40;   // after a comma, semicolon or colon
inline constexpr double kSentencePauseSeconds = 0.9;  // after a full stop, question or exclamation mark
enum class PauseKind { kPhrase, kSentence };
struct SpokenPhrase {
  std::string text;
  PauseKind pause;  // the pause after it
};
// `text` cut after each such mark that ends a word ("3.5" stays whole); blank phrases are dropped.
std::vector<SpokenPhrase> SplitPhrases(const std::string& text);

class SpeechSynthesizer {
 public:
  // The process-wide synthesizer. espeak-ng is initialized on first use.
  static SpeechSynthesizer& Instance();

  // True when espeak-ng initialized and can speak (every language then has a voice).
  bool available();

  // Chooses the English voice and the rate for every later call; clears the caches when they change.
  // A flite voice that is missing makes English fall back to espeak-ng, with fallback_notice() set.
  void Configure(const VoiceChoice& choice);
  VoiceChoice choice();
  // VoiceFallbackNotice(choice().english) when `language` is English and the chosen English voice is
  // missing (espeak-ng speaks it instead); else empty.
  std::string fallback_notice(const std::string& language);
  // The engine that speaks `language` now: "flite" or "espeak-ng" (empty when none can).
  std::string engine_for(const std::string& language);

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

  // Names the engines, their versions, the English voice and the speaking rate: a length measured under
  // one id is valid for every process with the same id (the key of SynthSpeechLength's disk cache). Empty
  // when unavailable.
  std::string engine_id();

  // How many times an engine has synthesized a text in this process (a cache miss), and the bytes the
  // caches hold now: for tests of the order and the amount of work.
  std::int64_t synthesis_count();
  std::int64_t cached_bytes();

 private:
  SpeechSynthesizer() = default;
};

}  // namespace attune::audio
