#include "audio/wav_writer.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace attune::audio {
namespace {

void PutU32(unsigned char* at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<unsigned char>(value >> (8 * i));
}
void PutU16(unsigned char* at, std::uint16_t value) {
  at[0] = static_cast<unsigned char>(value);
  at[1] = static_cast<unsigned char>(value >> 8);
}

std::array<unsigned char, 44> Header(int sample_rate, std::uint32_t data_bytes) {
  std::array<unsigned char, 44> h{};
  std::memcpy(h.data(), "RIFF", 4);
  PutU32(h.data() + 4, 36 + data_bytes);
  std::memcpy(h.data() + 8, "WAVEfmt ", 8);
  PutU32(h.data() + 16, 16);
  PutU16(h.data() + 20, 1);  // PCM
  PutU16(h.data() + 22, 2);  // stereo
  PutU32(h.data() + 24, static_cast<std::uint32_t>(sample_rate));
  PutU32(h.data() + 28, static_cast<std::uint32_t>(sample_rate) * 4);
  PutU16(h.data() + 32, 4);
  PutU16(h.data() + 34, 16);
  std::memcpy(h.data() + 36, "data", 4);
  PutU32(h.data() + 40, data_bytes);
  return h;
}

}  // namespace

WavWriter::~WavWriter() {
  if (file_) Close();
}

bool WavWriter::Open(const std::string& path, int sample_rate, std::string* error) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) {
    if (error) *error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  const auto header = Header(sample_rate, 0);
  ok_ = std::fwrite(header.data(), 1, header.size(), file_) == header.size();
  data_bytes_ = 0;
  return ok_;
}

bool WavWriter::Write(const float* stereo, int frames) {
  if (!file_ || frames <= 0) return ok_;
  std::array<unsigned char, 4096> buffer{};
  std::size_t used = 0;
  for (int i = 0; i < 2 * frames; ++i) {
    const float clamped = std::clamp(stereo[i], -1.0f, 1.0f);
    const auto value = static_cast<std::int16_t>(std::lrint(clamped * 32767.0f));
    PutU16(buffer.data() + used, static_cast<std::uint16_t>(value));
    used += 2;
    if (used == buffer.size()) {
      ok_ = ok_ && std::fwrite(buffer.data(), 1, used, file_) == used;
      used = 0;
    }
  }
  if (used > 0) ok_ = ok_ && std::fwrite(buffer.data(), 1, used, file_) == used;
  data_bytes_ += static_cast<std::uint32_t>(frames) * 4u;
  return ok_;
}

bool WavWriter::Close() {
  if (!file_) return ok_;
  unsigned char sizes[4];
  PutU32(sizes, 36 + data_bytes_);
  ok_ = ok_ && std::fseek(file_, 4, SEEK_SET) == 0 && std::fwrite(sizes, 1, 4, file_) == 4;
  PutU32(sizes, data_bytes_);
  ok_ = ok_ && std::fseek(file_, 40, SEEK_SET) == 0 && std::fwrite(sizes, 1, 4, file_) == 4;
  ok_ = std::fclose(file_) == 0 && ok_;
  file_ = nullptr;
  return ok_;
}

}  // namespace attune::audio
