// tests/core/test_util.hpp: small helpers for tests that load scripts from text.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/loader.hpp"

namespace attune::core::testing {

// The folder test scripts live in (voice paths resolve there): tests/data.
std::string DataDir();

// Loads `yaml` as the file "test.yaml" in tests/data.
LoadResult LoadText(const std::string& yaml, const LoadOptions& options = {});

// Loads `yaml` and returns the session; on any error, fails the current test and returns an empty Session.
Session LoadOrDie(const std::string& yaml, const LoadOptions& options = {});

// Every diagnostic, formatted ("test.yaml:3:5: error: ...").
std::vector<std::string> Formatted(const LoadResult& result);

using Lines = std::vector<std::string>;

// Loads `yaml` (as LoadText does) and returns its diagnostics, formatted.
Lines Check(const std::string& yaml);

// The head of a minimal script, for one person and for two.
inline const std::string kHead = "attune: 1\ntitle: T\n";
inline const std::string kHead2 = "attune: 1\ntitle: T\npeople: 2\n";

// A probe that knows clips by file name (the last path component); other files are unreadable. Given
// lengths become mono clips at 100 kHz (exact to 10 us); given ClipInfos are returned as they are.
class FakeProbe : public ClipProbe {
 public:
  explicit FakeProbe(const std::map<std::string, Micros>& lengths);
  static FakeProbe WithClips(std::map<std::string, ClipInfo> clips);
  std::optional<ClipInfo> Probe(const std::string& path, std::string* error) const override;

 private:
  struct Clips {};
  FakeProbe(Clips, std::map<std::string, ClipInfo> clips) : clips_(std::move(clips)) {}
  std::map<std::string, ClipInfo> clips_;
};

}  // namespace attune::core::testing
