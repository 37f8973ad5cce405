// audio/clip_decoder.hpp: reads recorded voice clips and ambience files without an audio device
// (libsndfile: WAV, FLAC, OGG, ...). Called while a session is prepared, never on the audio thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune::audio {

// Files are read this many frames at a time into one fixed buffer: memory follows the audio actually
// decoded (and the limit below), never the frame count a header claims.
inline constexpr std::int64_t kDecodeBlockFrames = 64 * 1024;
// What DecodeClip keeps at most when the caller gives no limit: ten minutes (an ambience loop needs no
// more; 115 MB of mono floats at 48 kHz).
inline constexpr std::int64_t kDefaultMaxClipSeconds = 600;

// The file at `path` mixed down to mono and resampled to `sample_rate` Hz, at most `max_frames` frames of
// it at that rate (negative: kDefaultMaxClipSeconds' worth; the rest of the file is not read), or nullopt
// with `*error` set to a short reason: "not a readable audio file", or a rate or channel count outside
// core's clip limits ("sample rate 1 Hz is outside 8000-192000 Hz", "9 channels are outside 1-8"). A file
// that ends early (a truncated file, a header that claims more than there is) gives what it holds.
std::optional<std::vector<float>> DecodeClip(const std::string& path, int sample_rate, std::string* error,
                                             std::int64_t max_frames = -1);

}  // namespace attune::audio
