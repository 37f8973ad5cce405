#include "audio/clip_decoder.hpp"

#include <sndfile.h>

#include <memory>

#include "audio/resampler.hpp"

namespace attune::audio {
namespace {

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};

}  // namespace

std::optional<std::vector<float>> DecodeClip(const std::string& path, int sample_rate, std::string* error) {
  SF_INFO info{};
  std::unique_ptr<SNDFILE, SndfileCloser> file(sf_open(path.c_str(), SFM_READ, &info));
  if (!file || info.channels <= 0 || info.samplerate <= 0) {
    if (error) *error = "not a readable audio file";
    return std::nullopt;
  }
  const auto channels = static_cast<std::size_t>(info.channels);
  std::vector<float> interleaved(static_cast<std::size_t>(info.frames) * channels);
  const sf_count_t read = sf_readf_float(file.get(), interleaved.data(), info.frames);
  std::vector<float> mono(static_cast<std::size_t>(read > 0 ? read : 0));
  for (std::size_t i = 0; i < mono.size(); ++i) {
    float sum = 0.0f;
    for (std::size_t c = 0; c < channels; ++c) sum += interleaved[i * channels + c];
    mono[i] = sum / static_cast<float>(channels);
  }
  return Resample(mono, info.samplerate, sample_rate);
}

}  // namespace attune::audio
