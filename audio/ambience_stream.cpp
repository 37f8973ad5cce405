#include "audio/ambience_stream.hpp"

#include <sndfile.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

#include "audio/loudness.hpp"
#include "audio/noise.hpp"
#include "audio/stream_resampler.hpp"

namespace attune::audio {
namespace {

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

// Reads up to `frames` frames at the file's position, mixed to mono the way DecodeClip mixes them, into
// `mono` (resized to `frames`). A short read (a truncated or failing file) is padded with silence, so the
// stream always moves on.
void ReadMono(SNDFILE* file, int channels, std::int64_t frames, std::vector<float>* interleaved,
              std::vector<float>* mono) {
  const auto count = static_cast<std::size_t>(frames);
  interleaved->resize(count * static_cast<std::size_t>(channels));
  const sf_count_t read = sf_readf_float(file, interleaved->data(), static_cast<sf_count_t>(frames));
  const std::size_t got = read > 0 ? static_cast<std::size_t>(read) : 0;
  mono->assign(count, 0.0f);
  const auto width = static_cast<std::size_t>(channels);
  for (std::size_t i = 0; i < got; ++i) {
    float sum = 0.0f;
    for (std::size_t c = 0; c < width; ++c) sum += (*interleaved)[i * width + c];
    (*mono)[i] = sum / static_cast<float>(channels);
  }
}

}  // namespace

struct AmbienceStream::Cursor {
  Cursor(int input_rate, int output_rate, std::int64_t input_frames)
      : resampler(input_rate, output_rate, input_frames) {}

  std::int64_t offset = 0;  // the sequence index this channel plays at session frame 0
  SndfilePtr file;
  std::unique_ptr<std::atomic<float>[]> ring;
  // The ring holds sequence frames [begin, end); `sequence` is odd while a Reset moves begin and end
  // (a sequence lock: a reader that saw it change discards what it read).
  std::atomic<std::uint64_t> sequence{0};
  std::atomic<std::int64_t> begin{0}, end{0};

  // Filler thread only.
  StreamResampler resampler;
  std::int64_t next_index = 0;  // the file index (0..L) of pending[used]
  std::vector<float> pending;   // resampled, not yet in the ring
  std::size_t used = 0;
  std::vector<float> interleaved, mono;
};

std::shared_ptr<AmbienceStream> AmbienceStream::Open(const std::string& path, int sample_rate,
                                                     std::string* error) {
  return Open(path, sample_rate, Options{}, error);
}

std::shared_ptr<AmbienceStream> AmbienceStream::Open(const std::string& path, int sample_rate,
                                                     const Options& options, std::string* error) {
  SF_INFO info{};
  SndfilePtr file(sf_open(path.c_str(), SFM_READ, &info));
  if (!file || info.channels <= 0 || info.samplerate <= 0 || info.frames <= 0) {
    if (error) *error = "not a readable audio file";
    return nullptr;
  }
  std::shared_ptr<AmbienceStream> stream(new AmbienceStream());
  AmbienceStream& s = *stream;
  s.path_ = path;
  s.sample_rate_ = sample_rate;
  s.input_rate_ = info.samplerate;
  s.channels_ = info.channels;
  s.input_frames_ = info.frames;
  StreamResampler head_resampler(s.input_rate_, sample_rate, s.input_frames_);
  s.length_ = head_resampler.output_size();
  if (s.length_ <= 0) {
    if (error) *error = "not a readable audio file";
    return nullptr;
  }
  s.crossfade_ = static_cast<std::int64_t>(options.crossfade_seconds * sample_rate);
  if (s.length_ < 2 * s.crossfade_) s.crossfade_ = 0;
  s.period_ = s.length_ - s.crossfade_;
  s.ring_frames_ = std::max<std::int64_t>(4096, std::llround(options.ring_seconds * sample_rate));
  s.behind_frames_ =
      std::clamp<std::int64_t>(std::llround(options.behind_seconds * sample_rate), 0, s.ring_frames_ / 2);
  s.block_frames_ = std::max(256, options.block_frames);

  // The level, from the file's first seconds (a whole pass would read hours), and the head that the
  // loop's seam fades into, both in one read.
  const std::int64_t measure =
      std::min<std::int64_t>(s.input_frames_, std::llround(options.gain_seconds * s.input_rate_) + 1);
  std::vector<float> interleaved, mono;
  double sum = 0.0, peak = 0.0;
  LoudnessMeter meter(1, s.input_rate_);
  const bool by_loudness = std::isfinite(options.target_lufs);
  head_resampler.Start(0);
  for (std::int64_t done = 0; done < s.input_frames_;) {
    const bool measuring = done < measure;
    const bool heading = head_resampler.next_output() < s.crossfade_;
    if (!measuring && !heading) break;
    const std::int64_t count = std::min<std::int64_t>(16384, s.input_frames_ - done);
    ReadMono(file.get(), s.channels_, count, &interleaved, &mono);
    if (by_loudness && measuring) {
      meter.Add(mono.data(), static_cast<std::size_t>(std::min<std::int64_t>(count, measure - done)));
    }
    for (std::int64_t i = 0; i < count && done + i < measure; ++i) {
      const double value = mono[static_cast<std::size_t>(i)];
      sum += value * value;
      peak = std::max(peak, std::abs(value));
    }
    if (heading) head_resampler.Feed(mono.data(), mono.size(), &s.head_);
    done += count;
  }
  s.head_.resize(static_cast<std::size_t>(s.crossfade_));
  const double rms = std::sqrt(sum / static_cast<double>(measure));
  if (rms > 0.0 && peak > 0.0) s.gain_ = static_cast<float>(std::min(kAmbienceRms / rms, 0.5 / peak));
  if (by_loudness && peak > 0.0) {
    // Two channels of the same loudness add 3.01 LU.
    const double lufs = meter.Integrated() + 10.0 * std::log10(2.0);
    if (std::isfinite(lufs))
      s.gain_ = std::min(GainTo(lufs, options.target_lufs), static_cast<float>(0.5 / peak));
  }
  file.reset();

  for (int channel = 0; channel < 2; ++channel) {
    auto cursor = std::make_unique<Cursor>(s.input_rate_, sample_rate, s.input_frames_);
    SF_INFO again{};
    cursor->file.reset(sf_open(path.c_str(), SFM_READ, &again));
    if (!cursor->file) {
      if (error) *error = "not a readable audio file";
      return nullptr;
    }
    cursor->ring = std::make_unique<std::atomic<float>[]>(static_cast<std::size_t>(s.ring_frames_));
    cursor->offset = channel == 0 ? 0 : s.period_ / 2;
    s.cursors_.push_back(std::move(cursor));
  }
  // Both channels start empty at session frame 0; Reset makes the filler seek there.
  for (auto& cursor : s.cursors_) s.Reset(*cursor, cursor->offset);
  s.filler_ = std::thread([raw = stream.get()] { raw->Run(); });
  return stream;
}

AmbienceStream::~AmbienceStream() {
  cancel_.store(true);
  {
    std::lock_guard lock(mutex_);
    wake_.notify_all();
    filled_.notify_all();
  }
  if (filler_.joinable()) filler_.join();
}

std::int64_t AmbienceStream::FileIndex(std::int64_t v) const {
  if (v < length_) return std::max<std::int64_t>(0, v);
  return crossfade_ + (v - length_) % period_;
}

void AmbienceStream::Reset(Cursor& cursor, std::int64_t v) {
  cursor.sequence.fetch_add(1);
  cursor.begin.store(v);
  cursor.end.store(v);
  cursor.sequence.fetch_add(1);
  cursor.next_index = FileIndex(v);
  const std::int64_t input = cursor.resampler.Start(cursor.next_index);
  sf_seek(cursor.file.get(), static_cast<sf_count_t>(input), SEEK_SET);
  cursor.pending.clear();
  cursor.used = 0;
}

bool AmbienceStream::Step(Cursor& cursor) {
  const std::int64_t v = std::max<std::int64_t>(0, playhead_.load(std::memory_order_relaxed)) + cursor.offset;
  std::int64_t begin = cursor.begin.load();
  std::int64_t end = cursor.end.load();
  // A seek back, or a jump forward past what one block would bring: start again at the playhead.
  if (v < begin || v > end + block_frames_) {
    Reset(cursor, v);
    begin = end = v;
  }
  const std::int64_t limit = v - behind_frames_ + ring_frames_;
  if (end >= limit) return false;

  if (cursor.used == cursor.pending.size()) {
    cursor.pending.clear();
    cursor.used = 0;
    if (cursor.resampler.next_output() >= length_) {
      // The pass is done: the loop goes on after the seam's crossfade.
      cursor.next_index = crossfade_;
      sf_seek(cursor.file.get(), static_cast<sf_count_t>(cursor.resampler.Start(crossfade_)), SEEK_SET);
    }
    const double ratio = static_cast<double>(sample_rate_) / static_cast<double>(input_rate_);
    const auto wanted = static_cast<std::int64_t>(std::ceil(block_frames_ / ratio));
    const std::int64_t count = std::min<std::int64_t>(std::max<std::int64_t>(1, wanted),
                                                      input_frames_ - cursor.resampler.next_input());
    cursor.mono.clear();
    if (count > 0) ReadMono(cursor.file.get(), channels_, count, &cursor.interleaved, &cursor.mono);
    cursor.resampler.Feed(cursor.mono.data(), cursor.mono.size(), &cursor.pending);
    if (cursor.pending.empty()) return true;  // history still filling (the pass's first input)
  }

  const auto n = static_cast<std::int64_t>(
      std::min<std::size_t>(cursor.pending.size() - cursor.used, static_cast<std::size_t>(limit - end)));
  if (end + n - ring_frames_ > begin) {
    // The slots about to be written hold the oldest frames: drop them from the ring first. Only frames
    // behind the playhead go, so a reader of frames ahead of it is not disturbed (Read checks `begin`
    // again after reading; only Reset moves the sequence).
    cursor.begin.store(end + n - ring_frames_);
  }
  // Any reader that sees a value written below also sees the `begin` stored above (fence to fence).
  std::atomic_thread_fence(std::memory_order_release);
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t index = cursor.next_index;
    float value = cursor.pending[cursor.used++];
    if (crossfade_ > 0 && index >= period_) {
      // The seam: the tail fades out over the head (equal power), as MakeLoop.
      const auto at = static_cast<std::size_t>(index - period_);
      const double x = (static_cast<double>(at) + 0.5) / static_cast<double>(crossfade_);
      value = static_cast<float>(std::sin(0.5 * std::numbers::pi * x) * head_[at] +
                                 std::cos(0.5 * std::numbers::pi * x) * value);
    }
    cursor.ring[static_cast<std::size_t>((end + i) % ring_frames_)].store(value * gain_,
                                                                          std::memory_order_relaxed);
    if (++cursor.next_index == length_) cursor.next_index = crossfade_;
  }
  cursor.end.store(end + n);
  return true;
}

bool AmbienceStream::Has(const Cursor& cursor, std::int64_t v, std::int64_t frames) const {
  return cursor.begin.load() <= v && v + frames <= cursor.end.load();
}

bool AmbienceStream::Read(int channel, std::int64_t first, int frames, float* out) const {
  const Cursor& cursor = *cursors_[static_cast<std::size_t>(channel)];
  const std::int64_t v = first + cursor.offset;
  const std::uint64_t before = cursor.sequence.load();
  if (before % 2 != 0) return false;
  if (v < cursor.begin.load() || v + frames > cursor.end.load()) return false;
  for (int i = 0; i < frames; ++i) {
    out[i] = cursor.ring[static_cast<std::size_t>((v + i) % ring_frames_)].load(std::memory_order_relaxed);
  }
  std::atomic_thread_fence(std::memory_order_acquire);
  // A slot overwritten while it was read had `begin` moved past it first; a Reset moved the sequence.
  return cursor.sequence.load(std::memory_order_relaxed) == before && cursor.begin.load() <= v;
}

int AmbienceStream::max_prepare_frames() const { return static_cast<int>(ring_frames_ - behind_frames_); }

void AmbienceStream::PrepareSpan(std::int64_t first, int frames) const {
  const std::int64_t from = std::max<std::int64_t>(0, first);
  const std::int64_t count = std::min(frames, max_prepare_frames());
  auto ready = [&] {
    return std::all_of(cursors_.begin(), cursors_.end(),
                       [&](const auto& cursor) { return Has(*cursor, from + cursor->offset, count); });
  };
  if (ready()) {
    playhead_.store(from);
    return;
  }
  std::unique_lock lock(mutex_);
  playhead_.store(from);
  wake_.notify_all();
  while (!cancel_.load() && !ready()) filled_.wait_for(lock, std::chrono::milliseconds(20));
}

void AmbienceStream::Run() {
  while (!cancel_.load()) {
    bool worked = false;
    for (auto& cursor : cursors_) {
      if (cancel_.load()) return;
      worked = Step(*cursor) || worked;
    }
    std::unique_lock lock(mutex_);
    if (worked) {
      filled_.notify_all();
      continue;
    }
    // Idle: the ring is full ahead of the playhead. Look again soon; the audio thread cannot wake us.
    wake_.wait_for(lock, std::chrono::milliseconds(10), [this] { return cancel_.load(); });
  }
}

}  // namespace attune::audio
