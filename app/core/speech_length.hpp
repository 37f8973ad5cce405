// app/core/speech_length.hpp: how long a prompt takes to say. The timeline lays prompts out the way a
// teacher speaks (instruction, then action; one voice at a time), so it must know every prompt's spoken
// length. Core stays free of audio code: the audio layer implements SpeechLength with the real
// synthesizer (audio/speech_length.hpp), and `check`, `plan`, `render` and the app pass the same one, so
// they agree. Without one (tests, the fuzzer, `voice: off`) the reading time is used.
#pragma once

#include <optional>
#include <string>

#include "core/time.hpp"

namespace attune::core {

class SpeechLength {
 public:
  virtual ~SpeechLength() = default;
  // The length of `text` spoken in `language` (a BCP 47 tag), from its first sound to its last, exactly
  // as the synthesizer will render it. nullopt when this source cannot speak (no engine): the caller
  // falls back to ReadingTime. Must be deterministic for the same text and language.
  virtual std::optional<Micros> Length(const std::string& language, const std::string& text) const = 0;
};

// max(3, 1 + 0.45 × words) seconds: the `say` step default and the spoken length with `voice: off`.
Micros ReadingTime(const std::string& text);

// How long a `say` step without `for` lasts: its recorded clip's length, else the reading time of its
// words. The one rule, for the loader and the compiler both.
Micros DefaultSayLength(const std::optional<Micros>& clip_length, const std::optional<std::string>& say);

}  // namespace attune::core
