// SndfileClipProbe: clip lengths read from the file's header, with no audio device (tests/data/ok/clip.*,
// made with sox: `synth 1.5` for the WAV, `synth 0.75` for the others), and the loader's limits on the
// files a script names, with the hostile files of tests/audio/media_fixtures.hpp written at test time.
#include "audio/clip_probe.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <vector>

#include "tests/audio/media_fixtures.hpp"

namespace attune::audio {
namespace {

std::string Clip(const std::string& name) { return std::string(ATTUNE_TEST_DATA_DIR) + "/ok/" + name; }

TEST(ClipProbeTest, ReadsTheExactLengthOfWavFlacAndOgg) {
  const SndfileClipProbe probe;
  std::string error;
  EXPECT_EQ(probe.Length(Clip("clip.wav"), &error), core::Micros(1'500'000));
  EXPECT_EQ(probe.Length(Clip("clip.flac"), &error), core::Micros(750'000));
  EXPECT_EQ(probe.Length(Clip("clip.ogg"), &error), core::Micros(750'000));
  EXPECT_EQ(error, "");
}

TEST(ClipProbeTest, LevelsGiveThePeakAndTheRunsCutOffAtFullScale) {
  const testing::MediaDir dir("probe-levels");
  // 100 Hz at 8 kHz, 80 samples a cycle: at twice full scale each half cycle stays at the limit for
  // about 27 samples (one run each); at half scale it never reaches it.
  auto sine = [](double amplitude) {
    return [amplitude](std::int64_t i) {
      const double v =
          amplitude * 32767.0 * std::sin(2.0 * 3.141592653589793 * 100.0 * static_cast<double>(i) / 8000.0);
      return static_cast<int>(std::lround(std::clamp(v, -32768.0, 32767.0)));
    };
  };
  testing::WriteWav(dir / "clipped.wav", 8000, 1, 8000, 8000, sine(2.0));
  testing::WriteWav(dir / "fine.wav", 8000, 2, 8000, 8000, sine(0.5));
  testing::WriteWav(dir / "silent.wav", 8000, 1, 8000);
  const SndfileClipProbe probe;
  const auto clipped = probe.Levels(dir / "clipped.wav");
  ASSERT_TRUE(clipped.has_value());
  EXPECT_EQ(clipped->clipped_runs, 200);  // 100 cycles, two half cycles each
  EXPECT_NEAR(clipped->peak, 1.0f, 1e-3f);
  const auto fine = probe.Levels(dir / "fine.wav");
  ASSERT_TRUE(fine.has_value());
  EXPECT_EQ(fine->clipped_runs, 0);
  EXPECT_NEAR(fine->peak, 0.5f, 1e-3f);
  const auto silent = probe.Levels(dir / "silent.wav");
  ASSERT_TRUE(silent.has_value());
  EXPECT_EQ(silent->peak, 0.0f);
  EXPECT_EQ(probe.Levels(Clip("box.yaml")), std::nullopt);
}

TEST(ClipProbeTest, ReadsMp3IncludingItsEncoderPadding) {
  // 0.75 s of audio; libsndfile counts the encoder's padding frames too (sox's soxi says 0.864 s).
  const SndfileClipProbe probe;
  std::string error;
  EXPECT_EQ(probe.Length(Clip("clip.mp3"), &error), core::Micros(936'000));
}

TEST(ClipProbeTest, ATextFileIsNotAReadableAudioFile) {
  const SndfileClipProbe probe;
  std::string error;
  EXPECT_EQ(probe.Length(Clip("box.yaml"), &error), std::nullopt);
  EXPECT_EQ(error, "not a readable audio file");
  EXPECT_EQ(probe.Length(Clip("missing.wav"), &error), std::nullopt);
}

TEST(ClipProbeTest, GivesTheRateChannelsAndFramesOfTheHeader) {
  const testing::MediaDir dir("probe-info");
  testing::WriteWav(dir / "stereo.wav", 44100, 2, 4410);
  const SndfileClipProbe probe;
  std::string error;
  const std::optional<core::ClipInfo> info = probe.Probe(dir / "stereo.wav", &error);
  ASSERT_TRUE(info.has_value()) << error;
  EXPECT_EQ(info->sample_rate, 44100);
  EXPECT_EQ(info->channels, 2);
  EXPECT_EQ(info->frames, 4410);
  EXPECT_EQ(info->Length(), core::Micros(100'000));
}

TEST(ClipProbeTest, AFlacHeaderClaimingMoreFramesThanItsBytesCanHoldIsALie) {
  // 2^36 - 1 frames (the most STREAMINFO can say; decoding them whole once threw std::bad_alloc) in a
  // file of a few kilobytes.
  const testing::MediaDir dir("probe-lie");
  testing::WriteFlac(dir / "huge.flac", 48000, 4800, (std::int64_t{1} << 36) - 1);
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(dir / "huge.flac"));
  const SndfileClipProbe probe;
  std::string error;
  EXPECT_EQ(probe.Probe(dir / "huge.flac", &error), std::nullopt);
  EXPECT_EQ(error, "its header claims 68719476735 frames but the file can hold at most " +
                       std::to_string(bytes * 8192));
}

TEST(ClipProbeTest, ATruncatedWavIsAsLongAsTheFramesItHolds) {
  // The data chunk says 1 s; the file holds 0.1 s. libsndfile trusts the file, so the probe does too.
  const testing::MediaDir dir("probe-truncated");
  testing::WriteWav(dir / "cut.wav", 48000, 1, 4800, 48000, [](std::int64_t) { return 0; });
  const SndfileClipProbe probe;
  std::string error;
  EXPECT_EQ(probe.Length(dir / "cut.wav", &error), core::Micros(100'000));
}

TEST(ClipProbeTest, AWavWithNoChannelsSaysSo) {
  const testing::MediaDir dir("probe-zero");
  testing::WriteWav(dir / "none.wav", 48000, 0, 0);
  const SndfileClipProbe probe;
  std::string error;
  EXPECT_EQ(probe.Probe(dir / "none.wav", &error), std::nullopt);
  EXPECT_EQ(error, "not a readable audio file (channel count is zero)");
}

TEST(ClipProbeTest, PcmFilesHoldTheirBytesOverTheFrameSizeAndCompressedOnesAtMost8192FramesAByte) {
  EXPECT_EQ(MaxFramesInFile(1000, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2), 250);
  EXPECT_EQ(MaxFramesInFile(1000, SF_FORMAT_AIFF | SF_FORMAT_PCM_24, 1), 333);
  EXPECT_EQ(MaxFramesInFile(1000, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 8), 31);
  EXPECT_EQ(MaxFramesInFile(1000, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 2), 8'192'000);
  EXPECT_EQ(MaxFramesInFile(1000, SF_FORMAT_OGG | SF_FORMAT_VORBIS, 2), 8'192'000);
  EXPECT_EQ(MaxFramesInFile(0, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2), 0);
}

// What `attune check` (core::CompileFile, with this probe) says about the audio files a script names.
class ClipLimitsTest : public ::testing::Test {
 protected:
  ClipLimitsTest() : dir_("clip-limits") {}

  std::vector<std::string> Check(const std::string& script) {
    std::ofstream(dir_ / "s.yaml") << script;
    core::LoadOptions options;
    options.probe = &probe_;
    std::vector<std::string> lines;
    for (const core::Diagnostic& d : core::LoadSessionFile(dir_ / "s.yaml", options).diagnostics) {
      lines.push_back(d.Format());
    }
    return lines;
  }
  std::string At(int line, int column) const {
    return (dir_ / "s.yaml") + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
  }

  testing::MediaDir dir_;
  SndfileClipProbe probe_;
};

TEST_F(ClipLimitsTest, RatesAndChannelsOutsideTheLimitsAreErrorsAtTheValueThatNamesTheFile) {
  testing::WriteWav(dir_ / "slow.wav", 1, 1, 20'000);              // 40 KB that once took 119 s
  testing::WriteWav(dir_ / "fast.wav", 2'000'000'000, 1, 48'000);  // 96 KB that once took 2.7 GB
  testing::WriteWav(dir_ / "nine.wav", 48000, 9, 480);
  testing::WriteWav(dir_ / "none.wav", 48000, 0, 0);
  testing::WriteWav(dir_ / "low.wav", 7999, 1, 800);
  testing::WriteWav(dir_ / "high.wav", 192001, 1, 800);
  // At the limits, and audible (a silent clip would be warned of): no diagnostic.
  auto audible = [](std::int64_t i) { return static_cast<int>((i % 16) * 1000 - 8000); };
  testing::WriteWav(dir_ / "edge.wav", 8000, 8, 800, 800, audible);
  testing::WriteWav(dir_ / "top.wav", 192000, 1, 800, 800, audible);
  EXPECT_EQ(
      Check("attune: 1\ntitle: T\nsteps:\n"
            "  - say: a\n    voice: slow.wav\n"
            "  - say: b\n    voice: fast.wav\n"
            "  - say: c\n    voice: nine.wav\n"
            "  - say: d\n    voice:   none.wav\n"
            "  - say: e\n    voice: low.wav\n"
            "  - say: f\n    voice: high.wav\n"
            "  - say: g\n    voice: edge.wav\n"
            "  - say: h\n    voice: top.wav\n"),
      (std::vector<std::string>{
          At(5, 12) + "'voice' file 'slow.wav' has a sample rate of 1 Hz, outside 8000-192000 Hz",
          At(7, 12) + "'voice' file 'fast.wav' has a sample rate of 2000000000 Hz, outside 8000-192000 Hz",
          At(9, 12) + "'voice' file 'nine.wav' has 9 channels, outside 1-8",
          At(11, 14) + "'voice' file 'none.wav' cannot be read: not a readable audio file (channel count "
                       "is zero)",
          At(13, 12) + "'voice' file 'low.wav' has a sample rate of 7999 Hz, outside 8000-192000 Hz",
          At(15, 12) + "'voice' file 'high.wav' has a sample rate of 192001 Hz, outside 8000-192000 Hz",
      }));
}

TEST_F(ClipLimitsTest, AnAmbienceFileMayBeLongButNotOfAnUnusableRate) {
  testing::WriteFlac(dir_ / "long.flac", 8000, 16000, std::int64_t{8000} * (4 * 3600 + 60));
  EXPECT_EQ(Check("attune: 1\ntitle: T\nsound:\n  ambience: long.flac\nsteps:\n  - rest: 5s\n"),
            std::vector<std::string>{});
  testing::WriteWav(dir_ / "slow.wav", 1, 2, 20'000);
  EXPECT_EQ(Check("attune: 1\ntitle: T\nsound:\n  ambience: slow.wav\nsteps:\n  - rest: 5s\n"),
            (std::vector<std::string>{
                At(4, 13) + "'ambience' file 'slow.wav' has a sample rate of 1 Hz, outside 8000-192000 Hz"}));
}

TEST_F(ClipLimitsTest, AVoiceClipLongerThanASessionMayBeIsAnError) {
  // 4 h 1 min at 8 kHz in a FLAC header; 32 KB of noise make that plausible to the size check.
  testing::WriteFlac(dir_ / "long.flac", 8000, 16000, std::int64_t{8000} * (4 * 3600 + 60));
  testing::WriteFlac(dir_ / "huge.flac", 48000, 4800, (std::int64_t{1} << 36) - 1);
  const auto huge = static_cast<std::int64_t>(std::filesystem::file_size(dir_ / "huge.flac"));
  EXPECT_EQ(Check("attune: 1\ntitle: T\nsteps:\n  - say: a\n    voice: long.flac\n"
                  "  - say: b\n    voice: huge.flac\n"),
            (std::vector<std::string>{
                At(5, 12) + "'voice' file 'long.flac' lasts 4 h 1 min, longer than a session may be (4 h)",
                At(7, 12) +
                    "'voice' file 'huge.flac' cannot be read: its header claims 68719476735 frames but "
                    "the file can hold at most " +
                    std::to_string(huge * 8192)}));
}

}  // namespace
}  // namespace attune::audio
