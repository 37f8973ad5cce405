// audio/clip_decoder.hpp: reads recorded voice clips and ambience files without an audio device
// (libsndfile: WAV, FLAC, OGG, ...). Called while a session is prepared, never on the audio thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace attune::audio {

// The file at `path` mixed down to mono and resampled to `sample_rate` Hz, or nullopt with `*error` set
// to a short reason ("not a readable audio file").
std::optional<std::vector<float>> DecodeClip(const std::string& path, int sample_rate, std::string* error);

}  // namespace attune::audio
