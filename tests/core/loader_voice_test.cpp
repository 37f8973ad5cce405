// Voice and ambience files: they must exist, stay inside the script's folder (also through symlinks and
// "..") and, with a probe, be readable; their lengths time `say` steps and warn when longer than a step.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/loader.hpp"
#include "core/test_util.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;
using testing::FakeProbe;
using testing::Formatted;
using Lines = std::vector<std::string>;

// A scratch folder: script/ with voice/hello.wav inside, and outside.wav next to script/.
class LoaderVoiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("attune-loader-voice-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "script" / "voice");
    std::ofstream(root_ / "script" / "voice" / "hello.wav") << "RIFF";
    std::ofstream(root_ / "outside.wav") << "RIFF";
    fs::create_directory_symlink(root_, root_ / "script" / "up");
  }
  void TearDown() override { fs::remove_all(root_); }

  LoadResult Load(const std::string& steps, const ClipProbe* probe = nullptr) {
    LoadOptions options;
    options.probe = probe;
    return LoadSessionText("attune: 1\ntitle: T\nsteps:\n" + steps, "v.yaml", (root_ / "script").string(),
                           options);
  }

  fs::path root_;
};

TEST_F(LoaderVoiceTest, AVoiceInsideTheFolderResolvesToItsRealPath) {
  const LoadResult result = Load("  - say: Hello.\n    voice: voice/hello.wav\n");
  ASSERT_TRUE(result.session.has_value()) << ::testing::PrintToString(Formatted(result));
  EXPECT_EQ(result.session->steps[0].common.voice,
            fs::canonical(root_ / "script" / "voice" / "hello.wav").string());
}

TEST_F(LoaderVoiceTest, MissingOutsideAndSymlinkedOutFilesAreRefused) {
  EXPECT_EQ(Formatted(Load("  - say: a\n    voice: voice/nope.wav\n  - say: b\n    voice: ../outside.wav\n"
                           "  - say: c\n    voice: up/outside.wav\n  - say: d\n    voice: voice\n")),
            (Lines{"v.yaml:5:12: error: 'voice' file 'voice/nope.wav' does not exist",
                   "v.yaml:7:12: error: 'voice' file '../outside.wav' is outside the script's folder",
                   "v.yaml:9:12: error: 'voice' file 'up/outside.wav' is outside the script's folder",
                   "v.yaml:11:12: error: 'voice' file 'voice' is not a regular file"}));
}

TEST_F(LoaderVoiceTest, TheClipLengthIsTheDefaultSayLength) {
  const FakeProbe probe({{"hello.wav", 7'250'000us}});
  const LoadResult result = Load("  - say: Hello.\n    voice: voice/hello.wav\n", &probe);
  ASSERT_TRUE(result.session.has_value());
  EXPECT_EQ(result.session->steps[0].common.voice_length, 7'250'000us);
  EXPECT_EQ(std::get<SayStep>(result.session->steps[0].body).length, 7'250'000us);
}

// A clip longer than its step is the timeline compiler's warning now (it knows every step's length); the
// loader only records the clip's length, name and place for it.
TEST_F(LoaderVoiceTest, AClipLongerThanItsStepIsNotTheLoadersWarning) {
  const FakeProbe probe({{"hello.wav", 7'250'000us}});
  const LoadResult result = Load(
      "  - say: Hello.\n    voice: voice/hello.wav\n    for: 5s\n"
      "  - rest: 5s\n    say: Rest.\n    voice: voice/hello.wav\n",
      &probe);
  ASSERT_TRUE(result.session.has_value());
  EXPECT_EQ(Formatted(result), Lines{});
  const StepCommon& rest = result.session->steps[1].common;
  EXPECT_EQ(rest.voice_length, 7'250'000us);
  EXPECT_EQ(rest.voice_name, "voice/hello.wav");
  EXPECT_EQ(rest.voice_location.line, 9);
  EXPECT_EQ(rest.voice_location.column, 12);
}

TEST_F(LoaderVoiceTest, AnUnreadableClipIsAnErrorWithTheProbesReason) {
  const FakeProbe probe({});
  EXPECT_EQ(
      Formatted(Load("  - say: Hello.\n    voice: voice/hello.wav\n", &probe)),
      (Lines{
          "v.yaml:5:12: error: 'voice' file 'voice/hello.wav' cannot be read: not a readable audio file"}));
}

TEST_F(LoaderVoiceTest, VoiceNeedsASayPrompt) {
  EXPECT_EQ(Formatted(Load("  - rest: 5s\n    voice: voice/hello.wav\n")),
            (Lines{"v.yaml:5:5: error: 'voice' needs a 'say' prompt on the same step"}));
}

TEST_F(LoaderVoiceTest, AmbienceIsANoiseNameOrAFileInTheFolder) {
  const LoadResult result =
      LoadSessionText("attune: 1\ntitle: T\nsound: {ambience: ../outside.wav}\nsteps: [{rest: 1}]\n",
                      "v.yaml", (root_ / "script").string());
  EXPECT_EQ(Formatted(result),
            (Lines{"v.yaml:3:19: error: 'ambience' file '../outside.wav' is outside the script's folder"}));
}

}  // namespace
}  // namespace attune::core
