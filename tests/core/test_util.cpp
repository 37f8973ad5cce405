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

FakeProbe::FakeProbe(const std::map<std::string, Micros>& lengths) {
  for (const auto& [name, length] : lengths) clips_[name] = ClipInfo{100'000, 1, (length.count() + 5) / 10};
}

FakeProbe FakeProbe::WithClips(std::map<std::string, ClipInfo> clips) {
  return FakeProbe(Clips{}, std::move(clips));
}

std::optional<ClipInfo> FakeProbe::Probe(const std::string& path, std::string* error) const {
  const auto found = clips_.find(std::filesystem::path(path).filename().string());
  if (found == clips_.end()) {
    *error = "not a readable audio file";
    return std::nullopt;
  }
  return found->second;
}

}  // namespace attune::core::testing
