// Unit tests of ambience files streamed from disk: the incremental resampler gives Resample()'s samples
// across any block boundaries, the stream plays the file then loops it, a 2-hour file renders in a few
// megabytes, and destroying a stream that is busy filling returns at once.
#include "audio/ambience_stream.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "audio/clip_decoder.hpp"
#include "audio/loudness.hpp"
#include "audio/mixer.hpp"
#include "audio/noise.hpp"
#include "audio/resampler.hpp"
#include "audio/stream_resampler.hpp"

namespace attune::audio {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<float> Noise(std::size_t count, unsigned seed, float amplitude = 0.5f) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> uniform(-amplitude, amplitude);
  std::vector<float> out(count);
  for (float& s : out) s = uniform(random);
  return out;
}

// A 16-bit PCM WAV of `total_frames` frames whose first frames are `samples` (interleaved) and the rest
// silence, left as a hole in the file: a 2-hour file is written in milliseconds and takes no disk.
void WriteWav16(const fs::path& path, int rate, int channels, const std::vector<float>& samples,
                std::int64_t total_frames) {
  const std::uint64_t data =
      static_cast<std::uint64_t>(total_frames) * static_cast<std::uint64_t>(channels) * 2;
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  out.write("RIFF", 4);
  u32(static_cast<std::uint32_t>(36 + data));
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);
  u16(static_cast<std::uint16_t>(channels));
  u32(static_cast<std::uint32_t>(rate));
  u32(static_cast<std::uint32_t>(rate * channels * 2));
  u16(static_cast<std::uint16_t>(channels * 2));
  u16(16);
  out.write("data", 4);
  u32(static_cast<std::uint32_t>(data));
  for (float s : samples) {
    const auto v = static_cast<std::int16_t>(std::lrint(std::clamp(s, -1.0f, 1.0f) * 32767.0f));
    out.write(reinterpret_cast<const char*>(&v), 2);
  }
  out.close();
  fs::resize_file(path, 44 + data);
}

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/attune-ambience-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The process's peak resident memory in KiB since the last ResetPeakMemory().
long PeakMemoryKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}
void ResetPeakMemory() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Reads channel `channel` of `stream`, frames [first, first + count), waiting for each piece as an offline
// renderer does.
std::vector<float> ReadAll(const AmbienceStream& stream, int channel, std::int64_t first,
                           std::int64_t count) {
  std::vector<float> out(static_cast<std::size_t>(count));
  for (std::int64_t at = 0; at < count;) {
    const int n = static_cast<int>(std::min<std::int64_t>(AmbienceStream::kMaxReadFrames, count - at));
    stream.PrepareSpan(first + at, n);
    EXPECT_TRUE(stream.Read(channel, first + at, n, out.data() + at)) << "at " << first + at;
    at += n;
  }
  return out;
}

struct RateCase {
  int from, to;
};

TEST(StreamResamplerTest, EqualsResampleOfTheWholeInputAcrossBlockBoundaries) {
  for (const RateCase rates : {RateCase{44100, 48000}, RateCase{8000, 48000}, RateCase{96000, 48000},
                               RateCase{48000, 22050}, RateCase{48000, 48000}, RateCase{44101, 48000}}) {
    SCOPED_TRACE(std::to_string(rates.from) + " -> " + std::to_string(rates.to));
    const std::vector<float> input = Noise(static_cast<std::size_t>(rates.from) * 3, 7);
    const std::vector<float> whole = Resample(input, rates.from, rates.to);
    StreamResampler stream(rates.from, rates.to, static_cast<std::int64_t>(input.size()));
    ASSERT_EQ(stream.output_size(), static_cast<std::int64_t>(whole.size()));
    // From the start, in blocks of awkward sizes; and from the middle, as after a seek.
    for (const std::int64_t start : {std::int64_t{0}, std::int64_t{12345}}) {
      std::vector<float> out;
      std::int64_t next = stream.Start(start);
      for (std::size_t block = 1; next < static_cast<std::int64_t>(input.size()); block = block * 3 + 7) {
        const std::size_t n =
            std::min<std::size_t>(block % 5000 + 1, input.size() - static_cast<std::size_t>(next));
        stream.Feed(input.data() + next, n, &out);
        next += static_cast<std::int64_t>(n);
      }
      ASSERT_EQ(static_cast<std::int64_t>(out.size()), stream.output_size() - start);
      float worst = 0.0f;
      for (std::size_t i = 0; i < out.size(); ++i) {
        worst = std::max(worst, std::abs(out[i] - whole[static_cast<std::size_t>(start) + i]));
      }
      EXPECT_LE(worst, 1e-6f) << "from output " << start;
    }
  }
}

TEST(AmbienceStreamTest, PlaysTheWholeFileDecodedAndResampledThenLoopsAcrossTheSeam) {
  TempDir dir;
  const fs::path file = dir.path() / "short.wav";
  const int file_rate = 44100;
  const std::vector<float> samples =
      Noise(static_cast<std::size_t>(file_rate) * 3 * 2, 3, 0.3f);  // 3 s stereo
  WriteWav16(file, file_rate, 2, samples, file_rate * 3);
  std::string error;
  AmbienceStream::Options options;
  options.ring_seconds = 1.0;  // smaller than the file: the ring wraps many times
  options.behind_seconds = 0.1;
  options.block_frames = 3000;
  const auto stream = AmbienceStream::Open(file.string(), 48000, options, &error);
  ASSERT_TRUE(stream) << error;
  const std::vector<float> decoded = *DecodeClip(file.string(), 48000, &error);
  const auto length = static_cast<std::int64_t>(decoded.size());
  ASSERT_EQ(stream->file_frames(), length);
  const std::int64_t crossfade = 24000;
  ASSERT_EQ(stream->loop_frames(), length - crossfade);
  const std::int64_t period = stream->loop_frames();

  // What it must play: the file, then the loop whose seam crossfades the tail into the head (MakeLoop).
  auto expected = [&](std::int64_t v) {
    std::int64_t j = v < length ? v : crossfade + (v - length) % period;
    double value = decoded[static_cast<std::size_t>(j)];
    if (j >= period) {
      const double x = (static_cast<double>(j - period) + 0.5) / static_cast<double>(crossfade);
      value = std::sin(0.5 * M_PI * x) * decoded[static_cast<std::size_t>(j - period)] +
              std::cos(0.5 * M_PI * x) * value;
    }
    return static_cast<float>(value * stream->gain());
  };
  const std::int64_t count = length + 2 * period + 5000;  // the first pass, two loops and a bit
  const std::vector<float> left = ReadAll(*stream, 0, 0, count);
  float worst = 0.0f;
  for (std::int64_t v = 0; v < count; ++v) {
    worst = std::max(worst, std::abs(left[static_cast<std::size_t>(v)] - expected(v)));
  }
  EXPECT_LE(worst, 1e-6f);
  // The right channel is the same sequence half a loop later.
  const std::vector<float> right = ReadAll(*stream, 1, 1000, 20000);
  worst = 0.0f;
  for (std::int64_t i = 0; i < 20000; ++i) {
    worst = std::max(worst, std::abs(right[static_cast<std::size_t>(i)] - expected(1000 + i + period / 2)));
  }
  EXPECT_LE(worst, 1e-6f);
  // Normalized to kAmbienceRms (the peak stays under 0.5), measured on the file's own samples: white noise
  // loses the 8 % of its power above the resampler's cutoff (0.92 x Nyquist).
  double sum = 0.0;
  for (std::int64_t v = 0; v < period; ++v)
    sum += static_cast<double>(left[static_cast<std::size_t>(v)]) * left[static_cast<std::size_t>(v)];
  EXPECT_NEAR(std::sqrt(sum / static_cast<double>(period)), kAmbienceRms * std::sqrt(0.92), 0.002);

  // A seek back: after waiting, the earlier frames are there again and the same.
  const std::vector<float> again = ReadAll(*stream, 0, 100, 1000);
  for (std::size_t i = 0; i < again.size(); ++i) ASSERT_EQ(again[i], left[100 + i]) << i;
}

TEST(AmbienceStreamTest, AnUnreadableFileIsReportedWhenOpened) {
  TempDir dir;
  const fs::path file = dir.path() / "not-audio.wav";
  std::ofstream(file) << "hello";
  std::string error;
  EXPECT_FALSE(AmbienceStream::Open(file.string(), 48000, &error));
  EXPECT_EQ(error, "not a readable audio file");
}

TEST(AmbienceStreamTest, DestroyingAStreamThatIsFillingReturnsAtOnce) {
  TempDir dir;
  const fs::path file = dir.path() / "long.wav";
  WriteWav16(file, 8000, 1, Noise(8000 * 10, 5), std::int64_t{8000} * 3600);
  AmbienceStream::Options options;
  options.ring_seconds = 120.0;  // 2 minutes to fill: the filler is busy for about a second
  std::string error;
  auto stream = AmbienceStream::Open(file.string(), 48000, options, &error);
  ASSERT_TRUE(stream) << error;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto started = Clock::now();
  stream.reset();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  EXPECT_LT(took.count(), 200);
}

core::Timeline RestWithAmbience(double seconds, const std::string& ambience) {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(seconds);
  timeline.sound.breath = core::BreathSound::kNone;
  timeline.sound.voice = core::VoiceMode::kOff;
  timeline.sound.ambience = ambience;
  core::TimelinePhase rest;
  rest.start = core::Micros{0};
  rest.end = timeline.duration;
  rest.kind = core::PhaseKind::kRest;
  timeline.phases = {rest};
  return timeline;
}

Volumes AmbienceOnly() { return Volumes{1.0f, 0.0f, 0.0f, 0.0f, 1.0f, false}; }

TEST(AmbienceStreamTest, ATwoHourFileRendersInAFewMegabytesAndQuickly) {
  TempDir dir;
  const fs::path file = dir.path() / "two-hours.wav";
  // 2 hours of 16-bit mono at 48 kHz (691 MB; decoded whole it was 1.4 GB of floats): noise for its first
  // 30 s, then silence.
  WriteWav16(file, 48000, 1, Noise(48000 * 30, 9), std::int64_t{48000} * 7200);
  ResetPeakMemory();
  const long before = PeakMemoryKiB();
  const auto started = Clock::now();
  std::vector<std::string> notices;
  const auto sound = SessionSound::Prepare(
      std::make_shared<const core::Timeline>(RestWithAmbience(7200.0, file.string())), 48000, &notices);
  EXPECT_TRUE(notices.empty()) << notices.front();
  const double prepared = std::chrono::duration<double>(Clock::now() - started).count();
  constexpr int kBlock = 8192;
  std::vector<float> out(2 * kBlock);
  double sum = 0.0;
  for (std::int64_t frame = 0; frame < 5 * 48000; frame += kBlock) {
    ASSERT_TRUE(sound->PrepareSpan(frame, kBlock));
    sound->Render(frame, kBlock, out.data(), AmbienceOnly());
    if (frame >= 4 * 48000) {
      for (float s : out) sum += static_cast<double>(s) * s;
    }
  }
  const double took = std::chrono::duration<double>(Clock::now() - started).count();
  const long growth_kib = PeakMemoryKiB() - before;
  RecordProperty("peak_growth_kib", std::to_string(growth_kib));
  RecordProperty("prepare_ms", std::to_string(prepared * 1000));
  RecordProperty("render_ms", std::to_string(took * 1000));
  std::printf("2-hour ambience: prepare %.1f ms, prepare + 5 s render %.1f ms, peak memory growth %ld KiB\n",
              prepared * 1000, took * 1000, growth_kib);
  EXPECT_GT(sum, 0.0);  // the ambience sounds (4-5 s: past most of the fade-in)
  EXPECT_LT(growth_kib, 100 * 1024);
  EXPECT_LT(prepared, 0.5);
  EXPECT_LT(took, 2.0);
}

TEST(AmbienceStreamTest, OfflineRenderIsTheSameHoweverTheSpanIsSplitAndRetargetSharesTheStream) {
  TempDir dir;
  const fs::path file = dir.path() / "short.wav";
  WriteWav16(file, 22050, 1, Noise(22050 * 4, 11), 22050 * 4);
  const auto timeline = std::make_shared<const core::Timeline>(RestWithAmbience(12.0, file.string()));
  const auto sound = SessionSound::Prepare(timeline, 48000, nullptr);
  const std::int64_t first = 48000 * 3 + 17, frames = 48000 * 2;
  std::vector<float> whole(2 * static_cast<std::size_t>(frames)), pieces(whole.size());
  ASSERT_TRUE(sound->PrepareSpan(first, frames));
  sound->Render(first, static_cast<int>(frames), whole.data(), AmbienceOnly());
  const auto retargeted = sound->Retarget(timeline, nullptr);
  for (std::int64_t done = 0; done < frames;) {
    const int n = static_cast<int>(std::min<std::int64_t>(1000 + done % 777, frames - done));
    ASSERT_TRUE(retargeted->PrepareSpan(first + done, n));
    retargeted->Render(first + done, n, pieces.data() + 2 * done, AmbienceOnly());
    done += n;
  }
  double energy = 0.0;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    ASSERT_EQ(whole[i], pieces[i]) << i;
    energy += static_cast<double>(whole[i]) * whole[i];
  }
  EXPECT_GT(energy, 0.0);
  // The two channels differ (half a loop apart).
  EXPECT_NE(whole[2 * 1000], whole[2 * 1000 + 1]);
}

TEST(AmbienceStreamTest, ASpanNotYetReadIsSilentThenTheAmbienceFadesBackIn) {
  TempDir dir;
  const fs::path file = dir.path() / "long.wav";
  WriteWav16(file, 8000, 1, Noise(8000 * 600, 13), 8000 * 600);
  const auto sound = SessionSound::Prepare(
      std::make_shared<const core::Timeline>(RestWithAmbience(600.0, file.string())), 48000, nullptr);
  // A jump to 5 minutes in, as the live device does on a seek: nothing read there yet, so silence.
  const std::int64_t at = 48000 * 300;
  std::vector<float> out(2 * 1024);
  sound->Render(at, 1024, out.data(), AmbienceOnly());
  for (float s : out) ASSERT_EQ(s, 0.0f);
  // Once the filler has caught up (it follows the playhead), the ambience comes back over 50 ms.
  ASSERT_TRUE(sound->PrepareSpan(at + 1024, 4800));
  std::vector<float> back(2 * 4800);
  sound->Render(at + 1024, 4800, back.data(), AmbienceOnly());
  auto rms = [&](int from, int to) {
    double sum = 0.0;
    for (int i = 2 * from; i < 2 * to; ++i)
      sum += static_cast<double>(back[static_cast<std::size_t>(i)]) * back[static_cast<std::size_t>(i)];
    return std::sqrt(sum / (2.0 * (to - from)));
  };
  EXPECT_LT(rms(0, 240), 0.3 * rms(2400, 4800));  // the first 5 ms are still fading in
  // Played at the ambience's loudness target (a file is levelled by loudness in a session).
  EXPECT_NEAR(SpanLoudness(back.data() + 2 * 2400, 2400, 2, 48000), kAmbienceLufs, 1.5);
}

}  // namespace
}  // namespace attune::audio
