// audio/speech.hpp: synthesized speech for prompts without a recorded clip (espeak-ng, in-process,
// synchronous mode). espeak-ng is not thread-safe: every call here is serialized by one process-wide
// lock, and results are cached per (language, text) for the life of the process.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace attune::audio {

class SpeechSynthesizer {
 public:
  // The process-wide synthesizer. espeak-ng is initialized on first use.
  static SpeechSynthesizer& Instance();

  // True when espeak-ng initialized and can speak.
  bool available();

  // `text` spoken in `language` (a BCP 47 tag such as "en" or "en-GB"; an unknown language falls back to
  // English) as mono samples at `sample_rate` Hz, peaking at -6 dBFS, with leading and trailing silence
  // trimmed. nullptr when speech is unavailable. Cached: the same text is synthesized once.
  std::shared_ptr<const std::vector<float>> Speak(const std::string& language, const std::string& text,
                                                  int sample_rate);

 private:
  SpeechSynthesizer() = default;
};

}  // namespace attune::audio
