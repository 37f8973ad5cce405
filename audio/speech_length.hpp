// audio/speech_length.hpp: core::SpeechLength implemented with the synthesizer that render and the app
// play, so the timeline lays prompts out by the length of the speech a person will really hear.
#pragma once

#include <optional>
#include <string>

#include "audio/speech.hpp"
#include "core/speech_length.hpp"

namespace attune::audio {

class SynthSpeechLength : public core::SpeechLength {
 public:
  // The length of `text` as SpeechSynthesizer::Speak() renders it (trimmed, from its first sound to its
  // last), to the microsecond; nullopt when espeak-ng is unavailable. Cached per (language, text) in the
  // process and on disk under $XDG_CACHE_HOME/attune (keyed by engine, version, rate, language, text).
  std::optional<core::Micros> Length(const std::string& language, const std::string& text) const override;
};

// The length of `text` as SpeechSynthesizer::Speak() renders it, in frames at espeak's own rate, from the
// same caches as SynthSpeechLength (synthesized only when neither holds it); nullopt when espeak-ng is
// unavailable. The mixer times a prompt's clip by it before the clip is made (SpokenFramesAt).
std::optional<SpokenFrames> CachedSpokenFrames(const std::string& language, const std::string& text);

}  // namespace attune::audio
