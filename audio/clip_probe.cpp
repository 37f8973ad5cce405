#include "audio/clip_probe.hpp"

#include <sndfile.h>

namespace attune::audio {

std::optional<core::Micros> SndfileClipProbe::Length(const std::string& path, std::string* error) const {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) {
    if (error != nullptr) *error = "not a readable audio file";
    return std::nullopt;
  }
  sf_close(file);
  if (info.samplerate <= 0 || info.frames < 0) {
    if (error != nullptr) *error = "not a readable audio file";
    return std::nullopt;
  }
  const std::int64_t frames = info.frames;
  const std::int64_t rate = info.samplerate;
  // frames * 1e6 / rate without overflow for any realistic clip (frames < 9.2e12).
  const std::int64_t micros = (frames / rate) * 1'000'000 + ((frames % rate) * 1'000'000 + rate / 2) / rate;
  return core::Micros(micros);
}

}  // namespace attune::audio
