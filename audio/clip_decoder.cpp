#include "audio/clip_decoder.hpp"

#include <sndfile.h>

#include <algorithm>
#include <memory>

#include "audio/resampler.hpp"
#include "core/loader.hpp"

namespace attune::audio {
namespace {

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};

}  // namespace

std::optional<std::vector<float>> DecodeClip(const std::string& path, int sample_rate, std::string* error,
                                             std::int64_t max_frames) {
  auto fail = [&](std::string reason) -> std::optional<std::vector<float>> {
    if (error) *error = std::move(reason);
    return std::nullopt;
  };
  SF_INFO info{};
  std::unique_ptr<SNDFILE, SndfileCloser> file(sf_open(path.c_str(), SFM_READ, &info));
  if (!file || sample_rate <= 0) return fail("not a readable audio file");
  // The loader refuses such files already; a file changed since, or a caller without the loader, must
  // not make the resampler run for minutes (1 Hz) or fill gigabytes (2 GHz).
  if (info.samplerate < core::kMinClipRate || info.samplerate > core::kMaxClipRate) {
    return fail("sample rate " + std::to_string(info.samplerate) + " Hz is outside " +
                std::to_string(core::kMinClipRate) + "-" + std::to_string(core::kMaxClipRate) + " Hz");
  }
  if (info.channels < 1 || info.channels > core::kMaxClipChannels) {
    return fail(std::to_string(info.channels) + " channels are outside 1-" +
                std::to_string(core::kMaxClipChannels));
  }
  if (max_frames < 0) max_frames = kDefaultMaxClipSeconds * sample_rate;
  // The input frames that make max_frames output frames (rounded up; the rates are bounded, so no
  // overflow below 4.8e13 frames).
  const std::int64_t max_input = (max_frames * info.samplerate + sample_rate - 1) / sample_rate;

  const auto channels = static_cast<std::size_t>(info.channels);
  std::vector<float> block(static_cast<std::size_t>(kDecodeBlockFrames) * channels);
  std::vector<float> mono;
  const auto count = static_cast<float>(channels);
  while (static_cast<std::int64_t>(mono.size()) < max_input) {
    const std::int64_t want =
        std::min<std::int64_t>(kDecodeBlockFrames, max_input - static_cast<std::int64_t>(mono.size()));
    const sf_count_t read = sf_readf_float(file.get(), block.data(), want);
    if (read <= 0) break;  // the end, or a truncated or corrupt rest: keep what was decoded
    for (std::size_t i = 0; i < static_cast<std::size_t>(read); ++i) {
      float sum = 0.0f;
      for (std::size_t c = 0; c < channels; ++c) sum += block[i * channels + c];
      mono.push_back(sum / count);
    }
    if (read < want) break;
  }
  std::vector<float> out = Resample(mono, info.samplerate, sample_rate);
  if (static_cast<std::int64_t>(out.size()) > max_frames) out.resize(static_cast<std::size_t>(max_frames));
  return out;
}

}  // namespace attune::audio
