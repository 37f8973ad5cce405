// app/core/yaml_guard.hpp: checks on a script's raw text BEFORE yaml-cpp sees it, so hostile input fails
// fast and cleanly: size, UTF-8, characters YAML forbids, and nesting depth (yaml-cpp parses recursively
// and would overflow the stack on 20,000 nested '[').
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace attune::core {

// The deepest nesting (block and flow levels together) the guard lets through. Valid sessions need
// about 30 (8 levels of `repeat`, each a mapping and a list).
inline constexpr int kMaxYamlDepth = 64;

struct GuardProblem {
  int line = 0;    // 1-based; 0 = the file as a whole
  int column = 0;  // 1-based, in characters
  std::string message;
};

// The text without a leading UTF-8 byte order mark.
std::string_view StripBom(std::string_view text);

// The first problem of `text` (BOM already stripped), or nullopt when yaml-cpp may parse it.
// Runs in time linear in the text's length.
std::optional<GuardProblem> CheckYamlText(std::string_view text);

// Messages (exact texts, shared with the tests).
std::string FileTooLargeMessage(std::size_t bytes);
std::string InvalidUtf8Message(unsigned char byte);
std::string ForbiddenCharacterMessage(char32_t code_point);
std::string TooDeepMessage();

}  // namespace attune::core
