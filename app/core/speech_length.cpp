// app/core/speech_length.cpp: the reading-time rule for prompts no synthesizer measures.
#include "core/speech_length.hpp"

#include <algorithm>

namespace attune::core {

Micros ReadingTime(const std::string& text) {
  int words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return std::max(Micros{3'000'000}, Micros{1'000'000} + Micros{450'000} * words);
}

Micros DefaultSayLength(const std::optional<Micros>& clip_length, const std::optional<std::string>& say) {
  return clip_length ? *clip_length : ReadingTime(say.value_or(""));
}

}  // namespace attune::core
