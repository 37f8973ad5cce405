#include "audio/wav_writer.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace attune::audio {
namespace {

constexpr int kChannels = 2;
constexpr int kBytesPerFrame = 4;  // 16-bit stereo

void PutU64(unsigned char* at, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) at[i] = static_cast<unsigned char>(value >> (8 * i));
}
void PutU32(unsigned char* at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<unsigned char>(value >> (8 * i));
}
void PutU16(unsigned char* at, std::uint16_t value) {
  at[0] = static_cast<unsigned char>(value);
  at[1] = static_cast<unsigned char>(value >> 8);
}

// The 16-byte body of the "fmt " chunk: PCM, stereo, 16-bit.
void PutFormat(unsigned char* at, int sample_rate) {
  PutU16(at, 1);  // PCM
  PutU16(at + 2, kChannels);
  PutU32(at + 4, static_cast<std::uint32_t>(sample_rate));
  PutU32(at + 8, static_cast<std::uint32_t>(sample_rate) * kBytesPerFrame);
  PutU16(at + 12, kBytesPerFrame);
  PutU16(at + 14, 16);
}

}  // namespace

WavFormat WavFormatFor(std::uint64_t data_bytes) {
  return data_bytes > kMaxRiffDataBytes ? WavFormat::kRf64 : WavFormat::kRiff;
}

std::vector<unsigned char> WavHeader(WavFormat format, int sample_rate, std::uint64_t data_bytes) {
  if (format == WavFormat::kRiff) {
    std::vector<unsigned char> h(44);
    std::memcpy(h.data(), "RIFF", 4);
    PutU32(h.data() + 4, static_cast<std::uint32_t>(36 + std::min(data_bytes, kMaxRiffDataBytes)));
    std::memcpy(h.data() + 8, "WAVEfmt ", 8);
    PutU32(h.data() + 16, 16);
    PutFormat(h.data() + 20, sample_rate);
    std::memcpy(h.data() + 36, "data", 4);
    PutU32(h.data() + 40, static_cast<std::uint32_t>(std::min(data_bytes, kMaxRiffDataBytes)));
    return h;
  }
  // EBU Tech 3306: "RF64", -1, "WAVE", then ds64 (RIFF size, data size, sample count, an empty table).
  std::vector<unsigned char> h(80);
  std::memcpy(h.data(), "RF64", 4);
  PutU32(h.data() + 4, 0xFFFFFFFFu);
  std::memcpy(h.data() + 8, "WAVEds64", 8);
  PutU32(h.data() + 16, 28);
  PutU64(h.data() + 20, 72 + data_bytes);  // the file's size minus the first 8 bytes
  PutU64(h.data() + 28, data_bytes);
  PutU64(h.data() + 36, data_bytes / kBytesPerFrame);
  PutU32(h.data() + 44, 0);
  std::memcpy(h.data() + 48, "fmt ", 4);
  PutU32(h.data() + 52, 16);
  PutFormat(h.data() + 56, sample_rate);
  std::memcpy(h.data() + 72, "data", 4);
  PutU32(h.data() + 76, 0xFFFFFFFFu);
  return h;
}

WavWriter::~WavWriter() {
  if (file_) Close();
}

bool WavWriter::Open(const std::string& path, int sample_rate, std::string* error,
                     std::int64_t expected_frames) {
  // The header is rewritten at the end (the sizes), so the output must be seekable. Opening a pipe would
  // also wait for a reader forever.
  struct stat status {};
  if (::stat(path.c_str(), &status) == 0 && (S_ISFIFO(status.st_mode) || S_ISSOCK(status.st_mode))) {
    if (error) *error = "cannot write " + path + ": it is a pipe or socket, and a WAV file must be a file";
    return false;
  }
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) {
    if (error) *error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  sample_rate_ = sample_rate;
  format_ =
      WavFormatFor(static_cast<std::uint64_t>(std::max<std::int64_t>(expected_frames, 0)) * kBytesPerFrame);
  const std::vector<unsigned char> header = WavHeader(format_, sample_rate, 0);
  ok_ = std::fwrite(header.data(), 1, header.size(), file_) == header.size();
  data_bytes_ = 0;
  return ok_;
}

bool WavWriter::Write(const float* stereo, int frames) {
  if (!file_ || frames <= 0) return ok_;
  const std::uint64_t bytes = static_cast<std::uint64_t>(frames) * kBytesPerFrame;
  if (format_ == WavFormat::kRiff && data_bytes_ + bytes > kMaxRiffDataBytes) ok_ = false;
  if (!ok_) return false;
  std::array<unsigned char, 4096> buffer{};
  std::size_t used = 0;
  for (int i = 0; i < kChannels * frames; ++i) {
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
  data_bytes_ += bytes;
  return ok_;
}

bool WavWriter::Close() {
  if (!file_) return ok_;
  const std::vector<unsigned char> header = WavHeader(format_, sample_rate_, data_bytes_);
  ok_ = ok_ && std::fseek(file_, 0, SEEK_SET) == 0 &&
        std::fwrite(header.data(), 1, header.size(), file_) == header.size();
  ok_ = std::fclose(file_) == 0 && ok_;
  file_ = nullptr;
  return ok_;
}

}  // namespace attune::audio
