// tests/core/paths_test.cpp: where Attune keeps its files (core/paths.hpp): the XDG base directory variables,
// the $HOME fallbacks when they are unset, empty or relative, and the built-in session folder's candidates.
// Each test sets the environment it needs and restores the variables it touched afterwards.
#include "core/paths.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace attune::core {
namespace {

namespace fs = std::filesystem;

class PathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
      const char* value = std::getenv(name);
      saved_[name] = value != nullptr ? std::optional<std::string>(value) : std::nullopt;
    }
    Unset("XDG_CONFIG_HOME");
    Unset("XDG_DATA_HOME");
    Unset("XDG_CACHE_HOME");
    Set("HOME", "/home/ada");
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  static void Set(const char* name, const char* value) { ::setenv(name, value, 1); }
  static void Unset(const char* name) { ::unsetenv(name); }

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

TEST_F(PathsTest, AbsoluteXdgVariablesAreUsedAsGiven) {
  Set("XDG_CONFIG_HOME", "/tmp/cfg");
  Set("XDG_DATA_HOME", "/srv/data");
  EXPECT_EQ(ConfigDir(), "/tmp/cfg/attune");
  EXPECT_EQ(SettingsPath(), "/tmp/cfg/attune/settings.yaml");
  EXPECT_EQ(DataDir(), "/srv/data/attune");
  EXPECT_EQ(UserSessionsDir(), "/srv/data/attune/sessions");
}

TEST_F(PathsTest, UnsetXdgVariablesFallBackToTheDefaultsUnderHome) {
  EXPECT_EQ(ConfigDir(), "/home/ada/.config/attune");
  EXPECT_EQ(SettingsPath(), "/home/ada/.config/attune/settings.yaml");
  EXPECT_EQ(DataDir(), "/home/ada/.local/share/attune");
  EXPECT_EQ(UserSessionsDir(), "/home/ada/.local/share/attune/sessions");
}

TEST_F(PathsTest, EachVariableFallsBackOnItsOwn) {
  Set("XDG_CONFIG_HOME", "/tmp/cfg");
  EXPECT_EQ(ConfigDir(), "/tmp/cfg/attune");
  EXPECT_EQ(DataDir(), "/home/ada/.local/share/attune");
  Unset("XDG_CONFIG_HOME");
  Set("XDG_DATA_HOME", "/srv/data");
  EXPECT_EQ(ConfigDir(), "/home/ada/.config/attune");
  EXPECT_EQ(DataDir(), "/srv/data/attune");
}

TEST_F(PathsTest, EmptyXdgVariablesCountAsUnset) {
  Set("XDG_CONFIG_HOME", "");
  Set("XDG_DATA_HOME", "");
  EXPECT_EQ(ConfigDir(), "/home/ada/.config/attune");
  EXPECT_EQ(DataDir(), "/home/ada/.local/share/attune");
}

// The XDG spec: "If an implementation encounters a relative path in any of these variables it should
// consider the path invalid and ignore it."
TEST_F(PathsTest, RelativeXdgVariablesAreIgnored) {
  Set("XDG_CONFIG_HOME", "cfg");
  Set("XDG_DATA_HOME", "./data");
  EXPECT_EQ(ConfigDir(), "/home/ada/.config/attune");
  EXPECT_EQ(DataDir(), "/home/ada/.local/share/attune");
}

TEST_F(PathsTest, TheVariablesAreReadAtEachCall) {
  Set("XDG_DATA_HOME", "/first");
  EXPECT_EQ(DataDir(), "/first/attune");
  Set("XDG_DATA_HOME", "/second");
  EXPECT_EQ(DataDir(), "/second/attune");
  Set("HOME", "/home/grace");
  Unset("XDG_DATA_HOME");
  EXPECT_EQ(DataDir(), "/home/grace/.local/share/attune");
}

// Without HOME (or with it empty) the defaults are relative to the working directory, as paths.hpp says.
TEST_F(PathsTest, WithoutHomeTheDefaultsAreRelative) {
  Unset("HOME");
  EXPECT_EQ(ConfigDir(), ".config/attune");
  EXPECT_EQ(DataDir(), ".local/share/attune");
  Set("HOME", "");
  EXPECT_EQ(SettingsPath(), ".config/attune/settings.yaml");
  EXPECT_EQ(UserSessionsDir(), ".local/share/attune/sessions");
  Set("XDG_CONFIG_HOME", "/tmp/cfg");
  EXPECT_EQ(ConfigDir(), "/tmp/cfg/attune");
}

TEST_F(PathsTest, BuiltInSessionCandidatesStartNextToTheExecutable) {
  const std::vector<std::string> with_exe = BuiltInSessionsCandidates("/opt/attune/bin");
  ASSERT_EQ(with_exe.size(), 3u);
  EXPECT_EQ(with_exe[0], "/opt/attune/bin/../share/attune/sessions");
  EXPECT_EQ(with_exe[2], ATTUNE_SESSIONS_DIR);
  const std::vector<std::string> without = BuiltInSessionsCandidates("");
  ASSERT_EQ(without.size(), 2u);
  EXPECT_EQ(without[0], with_exe[1]);
  EXPECT_EQ(without[1], ATTUNE_SESSIONS_DIR);
}

TEST_F(PathsTest, BuiltInSessionsNextToTheExecutableWinAndComeBackCanonical) {
  const fs::path root = fs::temp_directory_path() / ("attune-paths-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "bin");
  fs::create_directories(root / "share" / "attune" / "sessions");
  EXPECT_EQ(BuiltInSessionsDir((root / "bin").string()), (root / "share" / "attune" / "sessions").string());
  // Without that folder the next existing candidate is used; the source tree always exists in tests.
  fs::remove_all(root / "share");
  const std::string fallback = BuiltInSessionsDir((root / "bin").string());
  EXPECT_NE(fallback, "");
  EXPECT_EQ(fallback.find(root.string()), std::string::npos);
  EXPECT_TRUE(fs::is_directory(fallback));
  fs::remove_all(root);
}

}  // namespace
}  // namespace attune::core
