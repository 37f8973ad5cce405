// tests/audio/media_fixtures.hpp: hostile and ordinary audio files written at test time (headers by hand,
// FLAC through libsndfile then patched), so the repository holds no large or broken media.
#pragma once

#include <sndfile.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace attune::audio::testing {

// A folder of its own under the temp dir, removed when the fixture goes.
class MediaDir {
 public:
  explicit MediaDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("attune-" + name + "-" + std::to_string(getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~MediaDir() { std::filesystem::remove_all(path_); }
  MediaDir(const MediaDir&) = delete;
  MediaDir& operator=(const MediaDir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void PutLe(std::string* out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// A 16-bit PCM WAV whose header says `rate` Hz, `channels` channels and a data chunk of `claimed_frames`
// frames, holding `frames` frames whose every channel of frame i is sample(i).
template <typename Sample>
void WriteWav(const std::string& path, std::uint32_t rate, int channels, std::int64_t frames,
              std::int64_t claimed_frames, Sample sample) {
  const auto block = static_cast<std::uint64_t>(channels) * 2;
  const std::uint64_t data_bytes = static_cast<std::uint64_t>(claimed_frames) * block;
  std::string out = "RIFF";
  PutLe(&out, 36 + data_bytes, 4);
  out += "WAVEfmt ";
  PutLe(&out, 16, 4);
  PutLe(&out, 1, 2);  // PCM
  PutLe(&out, static_cast<std::uint64_t>(channels), 2);
  PutLe(&out, rate, 4);
  PutLe(&out, rate * block, 4);
  PutLe(&out, block, 2);
  PutLe(&out, 16, 2);
  out += "data";
  PutLe(&out, data_bytes, 4);
  for (std::int64_t i = 0; i < frames; ++i) {
    const auto value = static_cast<std::uint16_t>(static_cast<std::int16_t>(sample(i)));
    for (int c = 0; c < channels; ++c) PutLe(&out, value, 2);
  }
  std::ofstream(path, std::ios::binary) << out;
}

inline void WriteWav(const std::string& path, std::uint32_t rate, int channels, std::int64_t frames) {
  WriteWav(path, rate, channels, frames, frames, [](std::int64_t) { return 0; });
}

// A real FLAC (16-bit, `rate` Hz mono, `frames` frames of full-scale pseudo-random noise so it does not
// compress) whose STREAMINFO then claims `claimed_frames` (at most 2^36 - 1, the field's 36 bits).
inline void WriteFlac(const std::string& path, int rate, std::int64_t frames, std::int64_t claimed_frames) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 1;
  info.format = SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) return;
  std::vector<short> samples(static_cast<std::size_t>(frames));
  std::uint32_t state = 12345;
  for (short& s : samples) {
    state = state * 1664525u + 1013904223u;
    s = static_cast<short>(state >> 16);
  }
  sf_writef_short(file, samples.data(), frames);
  sf_close(file);
  // "fLaC", a 4-byte block header, then STREAMINFO: 10 bytes of block and frame sizes, then 20 bits of
  // rate, 3 of channels, 5 of bits per sample and 36 of total samples.
  std::fstream patch(path, std::ios::binary | std::ios::in | std::ios::out);
  char bytes[8];
  patch.seekg(18);
  patch.read(bytes, 8);
  const auto total = static_cast<std::uint64_t>(claimed_frames);
  bytes[3] = static_cast<char>((static_cast<unsigned char>(bytes[3]) & 0xf0) | ((total >> 32) & 0x0f));
  for (int i = 0; i < 4; ++i) bytes[4 + i] = static_cast<char>((total >> (8 * (3 - i))) & 0xff);
  patch.seekp(18);
  patch.write(bytes, 8);
}

}  // namespace attune::audio::testing
