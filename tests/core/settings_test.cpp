#include "core/settings.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

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
  EXPECT_EQ(back.pacer_style, PacerStyle::kBar);
  EXPECT_TRUE(back.reduced_motion);
  EXPECT_FLOAT_EQ(back.font_scale, 1.5f);
  EXPECT_EQ(back.window.x, 10);
  EXPECT_EQ(back.window.height, 600);
  EXPECT_EQ(back.window.display, 1);
  EXPECT_TRUE(back.window.fullscreen);
  EXPECT_EQ(back.last_session, "/tmp/x.yaml");
}

TEST(SettingsTest, MissingKeysKeepDefaultsAndUnknownKeysAreIgnored) {
  const SettingsParse parse = ParseSettings("theme: light\nfuture_option: 3\n");
  ASSERT_TRUE(parse.settings.has_value());
  EXPECT_EQ(parse.settings->theme, Theme::kLight);
  EXPECT_EQ(parse.settings->pre_roll_seconds, 5);
  EXPECT_FLOAT_EQ(parse.settings->sound.master, 0.8f);
}

TEST(SettingsTest, OutOfRangeValueMakesTheTextCorruptWithItsLine) {
  const SettingsParse parse = ParseSettings("theme: dark\nsound:\n  master: 7\n");
  EXPECT_FALSE(parse.settings.has_value());
  EXPECT_EQ(parse.error, "line 3: 'master' must be a number from 0 to 1");
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

}  // namespace
}  // namespace attune::core
