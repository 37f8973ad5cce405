#include "audio/clip_probe.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <vector>

namespace attune::audio {
namespace {

// Bytes per sample of uncompressed sample data, 0 for compressed (or unknown) ones. FLAC, Ogg and MPEG
// files name the sample width of what they decode to (FLAC's SF_FORMAT_PCM_16), not of what they store.
int PcmSampleBytes(int format) {
  const int major = format & SF_FORMAT_TYPEMASK;
  if (major == SF_FORMAT_FLAC || major == SF_FORMAT_OGG || major == SF_FORMAT_MPEG) return 0;
  switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8:
    case SF_FORMAT_ULAW:
    case SF_FORMAT_ALAW:
      return 1;
    case SF_FORMAT_PCM_16:
      return 2;
    case SF_FORMAT_PCM_24:
      return 3;
    case SF_FORMAT_PCM_32:
    case SF_FORMAT_FLOAT:
      return 4;
    case SF_FORMAT_DOUBLE:
      return 8;
    default:
      return 0;
  }
}

// A compressed frame of audio costs at least this many bytes per this many frames: a FLAC block of up to
// 65535 samples that are all equal (a constant subframe) takes about 8 bytes; Vorbis, Opus and MP3 need
// far more. So no real file holds more than 8192 frames per byte.
constexpr std::int64_t kMaxCompressedFramesPerByte = 8192;

// "not a readable audio file", with libsndfile's reason when the file looked like audio to it ("Channel
// count is zero." becomes "(channel count is zero)"); a file of no audio format at all needs no reason.
std::string UnreadableReason() {
  std::string reason = sf_strerror(nullptr);
  if (reason.empty() || reason.starts_with("Format not recognised") || reason.starts_with("No Error") ||
      reason.starts_with("System error")) {
    return "not a readable audio file";
  }
  if (reason.back() == '.') reason.pop_back();
  reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return "not a readable audio file (" + reason + ")";
}

}  // namespace

std::int64_t MaxFramesInFile(std::int64_t bytes, int format, int channels) {
  if (bytes <= 0 || channels <= 0) return 0;
  const int sample_bytes = PcmSampleBytes(format);
  if (sample_bytes > 0) return bytes / (static_cast<std::int64_t>(sample_bytes) * channels);
  if (bytes > std::numeric_limits<std::int64_t>::max() / kMaxCompressedFramesPerByte) {
    return std::numeric_limits<std::int64_t>::max();
  }
  return bytes * kMaxCompressedFramesPerByte;
}

std::optional<core::ClipInfo> SndfileClipProbe::Probe(const std::string& path, std::string* error) const {
  auto fail = [&](std::string reason) -> std::optional<core::ClipInfo> {
    if (error != nullptr) *error = std::move(reason);
    return std::nullopt;
  };
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (ec) return fail("not a readable audio file");
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) return fail(UnreadableReason());
  sf_close(file);
  if (info.frames < 0) return fail("not a readable audio file");
  const std::int64_t most = MaxFramesInFile(static_cast<std::int64_t>(bytes), info.format, info.channels);
  if (info.frames > most) {
    return fail("its header claims " + std::to_string(info.frames) +
                " frames but the file can hold at most " + std::to_string(most));
  }
  return core::ClipInfo{info.samplerate, info.channels, info.frames};
}

std::optional<core::ClipLevels> SndfileClipProbe::Levels(const std::string& path) const {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) return std::nullopt;
  if (info.channels <= 0 || info.channels > core::kMaxClipChannels) {
    sf_close(file);
    return std::nullopt;
  }
  core::ClipLevels levels;
  const auto channels = static_cast<std::size_t>(info.channels);
  std::vector<float> block(4096 * channels);
  std::vector<int> run(channels, 0);  // full-scale samples in a row, per channel
  sf_count_t read = 0;
  while ((read = sf_readf_float(file, block.data(), 4096)) > 0) {
    for (std::size_t i = 0; i < static_cast<std::size_t>(read) * channels; ++i) {
      const float magnitude = std::abs(block[i]);
      levels.peak = std::max(levels.peak, magnitude);
      int& in_row = run[i % channels];
      in_row = magnitude >= core::kFullScale ? in_row + 1 : 0;
      if (in_row == core::kClippedRun) ++levels.clipped_runs;
    }
  }
  sf_close(file);
  return levels;
}

}  // namespace attune::audio
