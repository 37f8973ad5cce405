// audio/wav_writer.hpp: writes 16-bit PCM stereo WAV files, streaming (a session of any length renders in
// small blocks). Used by `attune render` and tests; not for the audio thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace attune::audio {

class WavWriter {
 public:
  WavWriter() = default;
  WavWriter(const WavWriter&) = delete;
  WavWriter& operator=(const WavWriter&) = delete;
  ~WavWriter();

  // Creates `path` (overwriting it). False with `*error` set ("cannot write out.wav: No such file ...").
  bool Open(const std::string& path, int sample_rate, std::string* error);
  // Appends interleaved stereo frames; samples in [-1, 1] become 16-bit by rounding (outside: clamped).
  bool Write(const float* stereo, int frames);
  // Patches the header with the final sizes and closes. False if any write failed.
  bool Close();

 private:
  std::FILE* file_ = nullptr;
  std::uint32_t data_bytes_ = 0;
  bool ok_ = true;
};

}  // namespace attune::audio
