// audio/wav_writer.hpp: writes 16-bit PCM stereo WAV files, streaming (a session of any length renders in
// small blocks). Used by `attune render` and tests; not for the audio thread.
//
// A RIFF WAV file's sizes are 32-bit, so its data stops at 4 GiB minus its header: a 4-hour session at
// 96 kHz or more does not fit. Such a file is written as RF64 (EBU Tech 3306: the same layout with a
// "ds64" chunk holding 64-bit sizes), which libsndfile, ffmpeg, sox and most editors read. Everything
// else stays a plain 44-byte-header WAV, byte for byte what this writer always wrote.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace attune::audio {

enum class WavFormat { kRiff, kRf64 };

// The largest data chunk a plain RIFF WAV file can describe: its RIFF size (36 + data) must fit 32 bits.
inline constexpr std::uint64_t kMaxRiffDataBytes = 0xFFFFFFFFull - 36;

// RF64 when `data_bytes` does not fit a plain WAV file, else RIFF.
WavFormat WavFormatFor(std::uint64_t data_bytes);

// The header that precedes `data_bytes` of 16-bit stereo samples at `sample_rate`: 44 bytes for RIFF, 80
// for RF64 (RIFF and data sizes 0xFFFFFFFF, the real ones in ds64).
std::vector<unsigned char> WavHeader(WavFormat format, int sample_rate, std::uint64_t data_bytes);

class WavWriter {
 public:
  WavWriter() = default;
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;
  ~WavWriter();

  // Creates `path` (overwriting it). `expected_frames` is how many frames will be written, when known:
  // past 4 GiB of data the file is RF64 from the start (0: unknown, a plain WAV file). False with `*error`
  // set ("cannot write out.wav: No such file ...").
  bool Open(const std::string& path, int sample_rate, std::string* error, std::int64_t expected_frames = 0);
  // Appends interleaved stereo frames; samples in [-1, 1] become 16-bit by rounding (outside: clamped).
  // False once a write failed, or when a plain WAV file would pass its 4 GiB limit (then nothing more is
  // written and Close fails: the caller should have said how long the file is).
  bool Write(const float* stereo, int frames);
  // Patches the header with the final sizes and closes. False if any write failed.
  bool Close();

  WavFormat format() const { return format_; }

 private:
  std::FILE* file_ = nullptr;
  WavFormat format_ = WavFormat::kRiff;
  int sample_rate_ = 0;
  std::uint64_t data_bytes_ = 0;
  bool ok_ = true;
};

}  // namespace attune::audio
