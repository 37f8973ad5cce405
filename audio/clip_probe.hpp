// audio/clip_probe.hpp: what an audio file's header says (rate, channels, length), read with libsndfile
// (WAV, FLAC, OGG/Vorbis, Opus, MP3) without decoding it and without an audio device. Used by the loader
// to time recorded voice clips and to refuse files outside the clip limits. Called on the loading thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/loader.hpp"

namespace attune::audio {

// The most frames a file of `bytes` bytes can hold in the libsndfile format `format` (SF_INFO::format)
// with `channels` channels: exact for uncompressed PCM (the whole file as sample data), generous for
// compressed formats (a FLAC block of 65536 silent samples still takes a few bytes). A header that claims
// more is lying. Pure.
std::int64_t MaxFramesInFile(std::int64_t bytes, int format, int channels);

class SndfileClipProbe : public core::ClipProbe {
 public:
  // The header, or nullopt with `*error` = "not a readable audio file" (or libsndfile's reason when it
  // gives one), or "its header claims N frames but the file can hold at most M" for a header that the
  // file's size cannot hold. The rate and channels are returned as the header says them: the loader
  // judges them against the limits.
  std::optional<core::ClipInfo> Probe(const std::string& path, std::string* error) const override;
  // Decodes the whole file (every channel) for its peak and its clipped runs (core::ClipLevels); nullopt
  // when it cannot be decoded. Used by the loader on voice clips only.
  std::optional<core::ClipLevels> Levels(const std::string& path) const override;
};

}  // namespace attune::audio
