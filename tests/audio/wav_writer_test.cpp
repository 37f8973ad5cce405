// tests/audio/wav_writer_test.cpp: the WAV writer's headers. A short file is the plain 44-byte RIFF WAV it
// always was, byte for byte; past 4 GiB of data the 32-bit sizes cannot hold it, so it is RF64.
#include "audio/wav_writer.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace attune::audio {
namespace {

std::uint64_t Le(const std::vector<unsigned char>& bytes, std::size_t at, int size) {
  std::uint64_t value = 0;
  for (int i = 0; i < size; ++i) value |= std::uint64_t{bytes[at + static_cast<std::size_t>(i)]} << (8 * i);
  return value;
}

std::string Tag(const std::vector<unsigned char>& bytes, std::size_t at) {
  return std::string(bytes.begin() + static_cast<std::ptrdiff_t>(at),
                     bytes.begin() + static_cast<std::ptrdiff_t>(at + 4));
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("attune-wav-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

std::vector<unsigned char> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), {});
}

TEST(WavWriterTest, TheFormatTurnsRf64JustPastWhatA32BitRiffSizeHolds) {
  EXPECT_EQ(kMaxRiffDataBytes, 4'294'967'259u);
  EXPECT_EQ(WavFormatFor(0), WavFormat::kRiff);
  EXPECT_EQ(WavFormatFor(kMaxRiffDataBytes), WavFormat::kRiff);
  EXPECT_EQ(WavFormatFor(kMaxRiffDataBytes + 1), WavFormat::kRf64);
  // Four hours at 96 kHz, 16-bit stereo: 5,529,600,000 bytes.
  EXPECT_EQ(WavFormatFor(std::uint64_t{4} * 3600 * 96000 * 4), WavFormat::kRf64);
  EXPECT_EQ(WavFormatFor(std::uint64_t{4} * 3600 * 48000 * 4), WavFormat::kRiff);  // 2.76 GB
}

TEST(WavWriterTest, APlainHeaderIsTheCanonical44Bytes) {
  const std::vector<unsigned char> h = WavHeader(WavFormat::kRiff, 48000, 1000);
  const std::vector<unsigned char> expected = {'R', 'I', 'F',  'F',  0x0c, 0x04, 0,    0,    'W',  'A', 'V',
                                               'E', 'f', 'm',  't',  ' ',  16,   0,    0,    0,    1,   0,
                                               2,   0,   0x80, 0xbb, 0,    0,    0x00, 0xee, 0x02, 0,   4,
                                               0,   16,  0,    'd',  'a',  't',  'a',  0xe8, 0x03, 0,   0};
  EXPECT_EQ(h, expected);
}

TEST(WavWriterTest, AnRf64HeaderHoldsSizesPastFourGibibytesInDs64) {
  const std::uint64_t data = std::uint64_t{4} * 3600 * 192000 * 4;  // 11,059,200,000 bytes
  const std::vector<unsigned char> h = WavHeader(WavFormat::kRf64, 192000, data);
  ASSERT_EQ(h.size(), 80u);
  EXPECT_EQ(Tag(h, 0), "RF64");
  EXPECT_EQ(Le(h, 4, 4), 0xFFFFFFFFu);
  EXPECT_EQ(Tag(h, 8), "WAVE");
  EXPECT_EQ(Tag(h, 12), "ds64");
  EXPECT_EQ(Le(h, 16, 4), 28u);
  EXPECT_EQ(Le(h, 20, 8), 72 + data);       // RIFF size: the file minus 8 bytes
  EXPECT_EQ(Le(h, 28, 8), data);            // data size
  EXPECT_EQ(Le(h, 36, 8), 2'764'800'000u);  // frames
  EXPECT_EQ(Le(h, 44, 4), 0u);              // no table
  EXPECT_EQ(Tag(h, 48), "fmt ");
  EXPECT_EQ(Le(h, 52, 4), 16u);
  EXPECT_EQ(Le(h, 56, 2), 1u);  // PCM
  EXPECT_EQ(Le(h, 58, 2), 2u);  // stereo
  EXPECT_EQ(Le(h, 60, 4), 192000u);
  EXPECT_EQ(Le(h, 64, 4), 768000u);
  EXPECT_EQ(Le(h, 68, 2), 4u);
  EXPECT_EQ(Le(h, 70, 2), 16u);
  EXPECT_EQ(Tag(h, 72), "data");
  EXPECT_EQ(Le(h, 76, 4), 0xFFFFFFFFu);
}

TEST(WavWriterTest, AShortFileIsThePlainWavItAlwaysWas) {
  const std::string path = TempPath("short.wav");
  WavWriter writer;
  ASSERT_TRUE(writer.Open(path, 8000, nullptr, 3));
  EXPECT_EQ(writer.format(), WavFormat::kRiff);
  const float samples[] = {0.0f, 1.0f, -1.0f, 0.5f, 2.0f, -2.0f};
  ASSERT_TRUE(writer.Write(samples, 3));
  ASSERT_TRUE(writer.Close());
  std::vector<unsigned char> expected = WavHeader(WavFormat::kRiff, 8000, 12);
  const std::vector<unsigned char> data = {0x00, 0x00, 0xff, 0x7f, 0x01, 0x80,
                                           0x00, 0x40, 0xff, 0x7f, 0x01, 0x80};
  expected.insert(expected.end(), data.begin(), data.end());
  EXPECT_EQ(ReadBytes(path), expected);
  std::filesystem::remove(path);
}

TEST(WavWriterTest, APipeIsRefusedAtOnceInsteadOfWaitingForAReader) {
  // Opening a FIFO for writing blocks until someone reads it, and a WAV's header is rewritten at the end.
  const std::string path = TempPath("pipe.wav");
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  WavWriter writer;
  std::string error;
  EXPECT_FALSE(writer.Open(path, 48000, &error, 100));
  EXPECT_NE(error.find("pipe.wav"), std::string::npos) << error;
  EXPECT_NE(error.find("it is a pipe or socket"), std::string::npos) << error;
  std::filesystem::remove(path);
}

TEST(WavWriterTest, AFileDeclaredLongerThanFourGibibytesIsRf64ThatLibsndfileReads) {
  // Declared as four hours at 96 kHz, written short (the header holds what was written): the format is
  // chosen up front, before the first sample, without writing 5 GB in a test.
  const std::string path = TempPath("long.wav");
  WavWriter writer;
  ASSERT_TRUE(writer.Open(path, 96000, nullptr, std::int64_t{4} * 3600 * 96000));
  EXPECT_EQ(writer.format(), WavFormat::kRf64);
  const std::vector<float> samples(2 * 1000, 0.25f);
  ASSERT_TRUE(writer.Write(samples.data(), 1000));
  ASSERT_TRUE(writer.Close());
  const std::vector<unsigned char> bytes = ReadBytes(path);
  ASSERT_EQ(bytes.size(), 80u + 4000u);
  EXPECT_EQ(Tag(bytes, 0), "RF64");
  EXPECT_EQ(Le(bytes, 28, 8), 4000u);
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  ASSERT_NE(file, nullptr) << sf_strerror(nullptr);
  EXPECT_EQ(info.format & SF_FORMAT_TYPEMASK, SF_FORMAT_RF64);
  EXPECT_EQ(info.frames, 1000);
  EXPECT_EQ(info.samplerate, 96000);
  EXPECT_EQ(info.channels, 2);
  short first[2] = {};
  EXPECT_EQ(sf_readf_short(file, first, 1), 1);
  EXPECT_EQ(first[0], 8192);
  sf_close(file);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace attune::audio
