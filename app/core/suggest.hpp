// app/core/suggest.hpp: "did you mean" for unknown keys and names, by edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::core {

// Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), comparing
// ASCII letters case-insensitively.
int EditDistance(std::string_view a, std::string_view b);

// The closest candidate to `word` when it is close enough to be a likely typo: at distance 1 for words of
// up to 4 characters, 2 for longer ones, and at a distance under half the longer word's length. So a one-
// or two-letter word is matched only to a word it differs from in case ("A" -> "a"), or to a longer word
// it misspells ("ay" -> "say"), never to another short word ("c" -> "a"). Ties go to the earlier
// candidate.
std::optional<std::string> Suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace attune::core
