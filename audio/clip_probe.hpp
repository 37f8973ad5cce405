// audio/clip_probe.hpp: the length of an audio file, read with libsndfile (WAV, FLAC, OGG/Vorbis, Opus,
// MP3) from its header, without decoding it and without an audio device. Used by the loader to time
// recorded voice clips. Called on the loading thread only.
#pragma once

#include <optional>
#include <string>

#include "core/loader.hpp"

namespace attune::audio {

class SndfileClipProbe : public core::ClipProbe {
 public:
  // The clip's length rounded to the microsecond, or nullopt with `*error` = "not a readable audio file"
  // (or libsndfile's reason when it gives one).
  std::optional<core::Micros> Length(const std::string& path, std::string* error) const override;
};

}  // namespace attune::audio
