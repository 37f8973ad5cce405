#include "core/settings.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "as_unprivileged.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;

class SettingsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attune-settings-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "attune" / "settings.yaml").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& text) {
    fs::create_directories(fs::path(path_).parent_path());
    std::ofstream(path_) << text;
  }
  fs::path dir_;
  std::string path_;
};

TEST(SettingsTest, SerializedSettingsParseBackToTheSameValues) {
  Settings settings;
  settings.theme = Theme::kHighContrast;
  settings.name_a = "Ann: \"the first\"";
  settings.name_b = "Ben";
  settings.sound.master = 0.25f;
  settings.sound.muted = true;
  settings.pre_roll_seconds = 3;
  settings.min_counted_seconds = 90;
  settings.pacer_style = PacerStyle::kBar;
  settings.reduced_motion = true;
  settings.font_scale = 1.5f;
  settings.window = {10, 20, 1024, 600, 1, true};
  settings.last_session = "/tmp/x.yaml";
  const SettingsParse parse = ParseSettings(SerializeSettings(settings));
  ASSERT_TRUE(parse.settings.has_value()) << parse.error;
  const Settings& back = *parse.settings;
  EXPECT_EQ(back.theme, Theme::kHighContrast);
  EXPECT_EQ(back.name_a, "Ann: \"the first\"");
  EXPECT_EQ(back.name_b, "Ben");
  EXPECT_FLOAT_EQ(back.sound.master, 0.25f);
  EXPECT_TRUE(back.sound.muted);
  EXPECT_EQ(back.pre_roll_seconds, 3);
  EXPECT_EQ(back.min_counted_seconds, 90);
  EXPECT_EQ(back.pacer_style, PacerStyle::kBar);
  EXPECT_TRUE(back.reduced_motion);
  EXPECT_FLOAT_EQ(back.font_scale, 1.5f);
  EXPECT_EQ(back.window.x, 10);
  EXPECT_EQ(back.window.height, 600);
  EXPECT_EQ(back.window.display, 1);
  EXPECT_TRUE(back.window.fullscreen);
  EXPECT_EQ(back.last_session, "/tmp/x.yaml");
}

TEST(SettingsTest, TheVoiceAndTheSpeakingRateAreSavedAndReadBack) {
  EXPECT_EQ(Settings{}.speech.english, "kal16");
  EXPECT_EQ(Settings{}.speech.words_per_minute, 125);
  Settings settings;
  settings.speech = {"slt", 100};
  const std::string text = SerializeSettings(settings);
  EXPECT_NE(text.find("speech:\n  english: \"slt\"\n  words_per_minute: 100\n"), std::string::npos) << text;
  const SettingsParse parse = ParseSettings(text);
  ASSERT_TRUE(parse.settings.has_value()) << parse.error;
  EXPECT_EQ(parse.settings->speech.english, "slt");
  EXPECT_EQ(parse.settings->speech.words_per_minute, 100);
  // A voice this build may lack is kept (the synthesizer falls back with a notice); a rate out of range
  // or an empty voice is corrupt.
  EXPECT_EQ(ParseSettings("speech:\n  english: cmu_us_future\n").settings->speech.english, "cmu_us_future");
  EXPECT_EQ(ParseSettings("speech:\n  words_per_minute: 400\n").error,
            "line 2: 'words_per_minute' must be a number from 80 to 220");
  EXPECT_EQ(ParseSettings("speech:\n  english: \"\"\n").error, "line 2: 'english' must name a voice");
  EXPECT_EQ(ParseSettings("speech: fast\n").error, "line 1: 'speech' must be a mapping");
}

TEST(SettingsTest, MissingKeysKeepDefaultsAndUnknownKeysAreIgnored) {
  const SettingsParse parse = ParseSettings("theme: light\nfuture_option: 3\n");
  ASSERT_TRUE(parse.settings.has_value());
  EXPECT_EQ(parse.settings->theme, Theme::kLight);
  EXPECT_EQ(parse.settings->pre_roll_seconds, 5);
  EXPECT_EQ(parse.settings->min_counted_seconds, 30);
  EXPECT_FLOAT_EQ(parse.settings->sound.master, 0.8f);
}

TEST(SettingsTest, OutOfRangeValueMakesTheTextCorruptWithItsLine) {
  const SettingsParse parse = ParseSettings("theme: dark\nsound:\n  master: 7\n");
  EXPECT_FALSE(parse.settings.has_value());
  EXPECT_EQ(parse.error, "line 3: 'master' must be a number from 0 to 1");
  EXPECT_EQ(ParseSettings("min_counted: 3600\n").error,
            "line 1: 'min_counted' must be a number from 0 to 600");
  EXPECT_EQ(ParseSettings("theme: purple\n").error,
            "line 1: 'theme' must be dark, light or high-contrast (got 'purple')");
}

TEST_F(SettingsFileTest, MissingFileGivesDefaultsWithoutNotice) {
  const SettingsLoad load = LoadSettingsFile(path_);
  EXPECT_EQ(load.notice, "");
  EXPECT_EQ(load.settings.theme, Theme::kDark);
}

TEST_F(SettingsFileTest, SaveWritesAtomicallyAndLoadReadsItBack) {
  Settings settings;
  settings.name_a = "Kim";
  std::string error;
  ASSERT_TRUE(SaveSettingsFile(path_, settings, &error)) << error;
  EXPECT_FALSE(fs::exists(path_ + ".tmp"));
  EXPECT_EQ(LoadSettingsFile(path_).settings.name_a, "Kim");
}

TEST_F(SettingsFileTest, CorruptFileIsKeptAsideAndTheUserIsTold) {
  Write("theme: [unclosed\n");
  const SettingsLoad load = LoadSettingsFile(path_);
  EXPECT_EQ(load.settings.theme, Theme::kDark);
  EXPECT_FALSE(fs::exists(path_));
  ASSERT_TRUE(fs::exists(path_ + ".bad"));
  std::ifstream bad(path_ + ".bad");
  std::stringstream text;
  text << bad.rdbuf();
  EXPECT_EQ(text.str(), "theme: [unclosed\n");
  EXPECT_NE(load.notice.find("Your settings file could not be read"), std::string::npos);
  EXPECT_NE(load.notice.find(path_ + ".bad"), std::string::npos);
}

// ---- Hardening (issue 10): sizes the app saved never destroy the settings; private, unique saves ----

std::string Fixture(const std::string& name) {
  return std::string(ATTUNE_TEST_DATA_DIR) + "/settings/" + name;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(SettingsFileTest, ASizeThatSizeAcceptsLoadsAsSaved) {
  // What the shell saved after `--size 300x200`: the next start used to move the file aside.
  Write(ReadAll(Fixture("window_300x200.yaml")));
  const SettingsLoad load = LoadSettingsFile(path_);
  EXPECT_EQ(load.notice, "");
  EXPECT_EQ(load.settings.window.width, 300);
  EXPECT_EQ(load.settings.window.height, 200);
  EXPECT_TRUE(fs::exists(path_));
  EXPECT_FALSE(fs::exists(path_ + ".bad"));
}

TEST_F(SettingsFileTest, ASavedWindowOverTheLargestIsClampedWithANote) {
  Write(ReadAll(Fixture("window_too_large.yaml")));
  const SettingsLoad load = LoadSettingsFile(path_);
  EXPECT_EQ(
      load.notice,
      "The saved window size 20000x900 was outside what Attune can open (160x120 to 16384x16384); it is "
      "16384x900 now.");
  EXPECT_EQ(load.settings.window.width, kMaxWindowSide);
  EXPECT_EQ(load.settings.window.height, 900);
  EXPECT_EQ(load.settings.theme, Theme::kLight);  // the rest of the file is kept
  EXPECT_FALSE(fs::exists(path_ + ".bad"));
}

TEST_F(SettingsFileTest, ASavedWindowBelowTheSmallestIsClampedWithANote) {
  Write(ReadAll(Fixture("window_too_small.yaml")));
  const SettingsLoad load = LoadSettingsFile(path_);
  EXPECT_EQ(load.notice,
            "The saved window size 100x50 was outside what Attune can open (160x120 to 16384x16384); it is "
            "160x120 now.");
  EXPECT_EQ(load.settings.window.width, kMinWindowWidth);
  EXPECT_EQ(load.settings.window.height, kMinWindowHeight);
}

TEST_F(SettingsFileTest, SaveClampsTheWindowToTheSameRule) {
  Settings settings;
  settings.window.width = 20000;
  settings.window.height = 100;
  std::string error;
  ASSERT_TRUE(SaveSettingsFile(path_, settings, &error)) << error;
  const SettingsParse parse = ParseSettings(ReadAll(path_));
  ASSERT_TRUE(parse.settings);
  EXPECT_EQ(parse.note, "");
  EXPECT_EQ(parse.settings->window.width, 16384);
  EXPECT_EQ(parse.settings->window.height, 120);
}

TEST_F(SettingsFileTest, TheFileIsPrivateWhateverTheUmaskAndItsOldMode) {
  Write("theme: dark\n");
  fs::permissions(
      path_, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  const mode_t old = ::umask(0);
  std::string error;
  const bool saved = SaveSettingsFile(path_, Settings{}, &error);
  ::umask(old);
  ASSERT_TRUE(saved) << error;
  EXPECT_EQ(fs::status(path_).permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(SettingsFileTest, TwoProcessesSavingAtOnceNeverShareATemporaryFile) {
  fs::create_directories(fs::path(path_).parent_path());
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  Settings settings;
  settings.name_a = child == 0 ? std::string(3000, 'c') : std::string(3000, 'p');
  int failures = 0;
  for (int i = 0; i < 200; ++i) {
    std::string error;
    if (!SaveSettingsFile(path_, settings, &error)) ++failures;
  }
  if (child == 0) ::_exit(failures == 0 ? 0 : 1);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_EQ(failures, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const SettingsParse parse = ParseSettings(ReadAll(path_));
  ASSERT_TRUE(parse.settings) << parse.error;
  EXPECT_TRUE(parse.settings->name_a == std::string(3000, 'c') ||
              parse.settings->name_a == std::string(3000, 'p'));
  int leftovers = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(path_).parent_path()))
    leftovers += entry.path().filename() != "settings.yaml" ? 1 : 0;
  EXPECT_EQ(leftovers, 0);
}

TEST_F(SettingsFileTest, ASymlinkedSettingsFileStaysALinkAndItsTargetIsWritten) {
  // A dotfiles folder links settings.yaml to a file it keeps: saving replaces that file, not the link.
  const fs::path kept = dir_ / "dotfiles" / "attune.yaml";
  fs::create_directories(kept.parent_path());
  std::ofstream(kept) << "theme: light\n";
  fs::create_directories(fs::path(path_).parent_path());
  fs::create_symlink(kept, path_);
  Settings settings;
  settings.name_a = "Noor";
  std::string error;
  ASSERT_TRUE(SaveSettingsFile(path_, settings, &error)) << error;
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(path_)));
  EXPECT_EQ(LoadSettingsFile(kept.string()).settings.name_a, "Noor");
  EXPECT_EQ(LoadSettingsFile(path_).settings.name_a, "Noor");
  for (const auto& entry : fs::directory_iterator(kept.parent_path())) {
    EXPECT_EQ(entry.path().filename(), "attune.yaml");  // no temporary file left beside it
  }
}

TEST_F(SettingsFileTest, ASettingsFileThatIsADeviceIsNeverReplaced) {
  // Linked to /dev/full (or any device or FIFO): not read, and not replaced by a regular file either.
  fs::create_directories(fs::path(path_).parent_path());
  fs::create_symlink("/dev/full", path_);
  std::string error;
  EXPECT_FALSE(SaveSettingsFile(path_, Settings{}, &error));
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(path_)));
  EXPECT_EQ(fs::read_symlink(path_), "/dev/full");
}

TEST_F(SettingsFileTest, AFailedSaveSaysWhyAndLeavesNothing) {
  const fs::path folder = fs::path(path_).parent_path();
  fs::create_directories(folder);
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                              fs::perms::others_exec);
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  const std::string path = path_;
  testing_support::AsUnprivileged([&] {
    std::string error;
    EXPECT_FALSE(SaveSettingsFile(path, Settings{}, &error));
    EXPECT_EQ(error, "cannot write " + path + ": Permission denied");
  });
  fs::permissions(folder, fs::perms::owner_all);
  EXPECT_TRUE(fs::is_empty(folder));
}

TEST_F(SettingsFileTest, AFileOfMegabytesIsKeptAsideUnread) {
  Write("theme: dark\n# " + std::string(2 << 20, 'x') + "\n");  // made at test time: 2 MB
  const SettingsLoad load = LoadSettingsFile(path_);
  EXPECT_EQ(load.notice, "Your settings file could not be read (it is larger than 1 MB). It was kept as " +
                             path_ + ".bad and the defaults are used.");
  EXPECT_TRUE(fs::exists(path_ + ".bad"));
}

}  // namespace
}  // namespace attune::core
