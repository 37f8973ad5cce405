// SndfileClipProbe: clip lengths read from the file's header, with no audio device (tests/data/ok/clip.*,
// made with sox: `synth 1.5` for the WAV, `synth 0.75` for the others).
#include "audio/clip_probe.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace attune::audio
