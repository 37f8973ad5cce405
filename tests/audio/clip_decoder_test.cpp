// DecodeClip: files read in fixed blocks, never sized from the header, refused outside the clip limits,
// and cut at the caller's limit (the hostile files of tests/audio/media_fixtures.hpp, written at test time).
#include "audio/clip_decoder.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>

#include "tests/audio/media_fixtures.hpp"

namespace attune::audio {
namespace {

using Clock = std::chrono::steady_clock;

// The process's peak resident set so far, in MiB (it never goes down, so a rise is what a call added).
long PeakMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST(ClipDecoderTest, RefusesRatesAndChannelsOutsideTheLimitsAtOnce) {
  const testing::MediaDir dir("decode-limits");
  testing::WriteWav(dir / "slow.wav", 1, 1, 20'000);              // once 119 s and 3.8 GB
  testing::WriteWav(dir / "fast.wav", 2'000'000'000, 1, 48'000);  // once 2.7 GB
  testing::WriteWav(dir / "nine.wav", 48000, 9, 480);
  testing::WriteWav(dir / "none.wav", 48000, 0, 0);
  const auto start = Clock::now();
  std::string error;
  EXPECT_EQ(DecodeClip(dir / "slow.wav", 48000, &error), std::nullopt);
  EXPECT_EQ(error, "sample rate 1 Hz is outside 8000-192000 Hz");
  EXPECT_EQ(DecodeClip(dir / "fast.wav", 48000, &error), std::nullopt);
  EXPECT_EQ(error, "sample rate 2000000000 Hz is outside 8000-192000 Hz");
  EXPECT_EQ(DecodeClip(dir / "nine.wav", 48000, &error), std::nullopt);
  EXPECT_EQ(error, "9 channels are outside 1-8");
  EXPECT_EQ(DecodeClip(dir / "none.wav", 48000, &error), std::nullopt);
  EXPECT_EQ(error, "not a readable audio file");
  EXPECT_LT(SecondsSince(start), 1.0);
}

TEST(ClipDecoderTest, AFlacHeaderClaiming2To36FramesDecodesTheFramesThereAreInBoundedMemory) {
  const testing::MediaDir dir("decode-huge");
  testing::WriteFlac(dir / "huge.flac", 48000, 4800, (std::int64_t{1} << 36) - 1);
  const long peak_before = PeakMiB();
  const auto start = Clock::now();
  std::string error;
  const auto clip = DecodeClip(dir / "huge.flac", 48000, &error);
  ASSERT_TRUE(clip.has_value()) << error;
  EXPECT_EQ(clip->size(), 4800u);
  EXPECT_LT(SecondsSince(start), 1.0);
  EXPECT_LT(PeakMiB() - peak_before, 32);  // the 64 Ki-frame block is 256 KB; 2^36 floats were 256 GB
}

TEST(ClipDecoderTest, ATruncatedFileGivesWhatItHolds) {
  const testing::MediaDir dir("decode-truncated");
  // A WAV whose data chunk says 1 s but holds 0.1 s, and a FLAC of 1 s cut to its first 20 KB.
  testing::WriteWav(dir / "cut.wav", 48000, 1, 4800, 48000, [](std::int64_t i) { return i % 100; });
  testing::WriteFlac(dir / "cut.flac", 48000, 48000, 48000);
  std::filesystem::resize_file(dir / "cut.flac", 20'000);
  std::string error;
  const auto wav = DecodeClip(dir / "cut.wav", 48000, &error);
  ASSERT_TRUE(wav.has_value()) << error;
  ASSERT_EQ(wav->size(), 4800u);
  EXPECT_EQ((*wav)[99], 99.0f / 32768.0f);
  const auto flac = DecodeClip(dir / "cut.flac", 48000, &error);
  ASSERT_TRUE(flac.has_value()) << error;
  EXPECT_GT(flac->size(), 0u);
  EXPECT_LT(flac->size(), 48000u);
}

TEST(ClipDecoderTest, StopsAtTheCallersLimitAtTheOutputRate) {
  const testing::MediaDir dir("decode-limit");
  testing::WriteWav(dir / "one.wav", 48000, 1, 48000);
  testing::WriteWav(dir / "cd.wav", 44100, 2, 44100);
  std::string error;
  EXPECT_EQ(DecodeClip(dir / "one.wav", 48000, &error, 12'000)->size(), 12'000u);
  EXPECT_EQ(DecodeClip(dir / "one.wav", 48000, &error, 0)->size(), 0u);
  EXPECT_EQ(DecodeClip(dir / "one.wav", 48000, &error, 100'000)->size(), 48'000u);
  EXPECT_EQ(DecodeClip(dir / "one.wav", 48000, &error)->size(), 48'000u);
  EXPECT_EQ(DecodeClip(dir / "cd.wav", 48000, &error, 1000)->size(), 1000u);
  EXPECT_EQ(DecodeClip(dir / "cd.wav", 48000, &error)->size(), 48'000u);
}

TEST(ClipDecoderTest, BlocksJoinWithoutALostOrRepeatedFrame) {
  // 3.5 blocks of stereo: every frame's mono mix must be the sample written there.
  const testing::MediaDir dir("decode-blocks");
  const std::int64_t frames = kDecodeBlockFrames * 7 / 2;
  testing::WriteWav(dir / "long.wav", 48000, 2, frames, frames, [](std::int64_t i) { return i % 1000; });
  std::string error;
  const auto clip = DecodeClip(dir / "long.wav", 48000, &error);
  ASSERT_TRUE(clip.has_value()) << error;
  ASSERT_EQ(clip->size(), static_cast<std::size_t>(frames));
  for (std::int64_t i = 0; i < frames; ++i) {
    ASSERT_EQ((*clip)[static_cast<std::size_t>(i)], static_cast<float>(i % 1000) / 32768.0f) << "frame " << i;
  }
}

}  // namespace
}  // namespace attune::audio
