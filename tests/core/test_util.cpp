#include "core/test_util.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace attune::core::testing {

std::string DataDir() { return ATTUNE_TEST_DATA_DIR; }

LoadResult LoadText(const std::string& yaml, const LoadOptions& options) {
  return LoadSessionText(yaml, "test.yaml", DataDir(), options);
}

Session LoadOrDie(const std::string& yaml, const LoadOptions& options) {
  LoadResult result = LoadText(yaml, options);
  if (!result.session) {
    std::string all;
    for (const std::string& line : Formatted(result)) all += line + "\n";
    ADD_FAILURE() << "the script does not load:\n" << all;
    return Session{};
  }
  return *result.session;
}

std::vector<std::string> Formatted(const LoadResult& result) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : result.diagnostics) lines.push_back(d.Format());
  return lines;
}

Lines Check(const std::string& yaml) { return Formatted(LoadText(yaml)); }

std::optional<Micros> FakeProbe::Length(const std::string& path, std::string* error) const {
  const auto found = lengths_.find(std::filesystem::path(path).filename().string());
  if (found == lengths_.end()) {
    *error = "not a readable audio file";
    return std::nullopt;
  }
  return found->second;
}

}  // namespace attune::core::testing
