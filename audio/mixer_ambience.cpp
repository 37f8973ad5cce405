// audio/mixer_ambience.cpp: SessionSound's ambience: generated noise or a streamed file, faded in and out
// and ducked under speech.
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

#include "audio/ambience_stream.hpp"
#include "audio/mixer_internal.hpp"
#include "audio/noise.hpp"

namespace attune::audio {

float SessionSound::DuckAt(const Duck& duck, std::int64_t frame, std::size_t* interval) const {
  // `*interval` is a cursor: the first span whose release has not ended before `frame`.
  while (*interval < speech_spans_.size() && frame >= speech_spans_[*interval].second + duck.release)
    ++*interval;
  if (*interval >= speech_spans_.size()) return 1.0f;
  const auto [start, end] = speech_spans_[*interval];
  double depth = 0.0;
  if (frame < start - duck.attack) {
    depth = 0.0;
  } else if (frame < start) {
    depth =
        RaisedCosine(static_cast<double>(frame - (start - duck.attack)) / static_cast<double>(duck.attack));
  } else if (frame < end) {
    depth = 1.0;
  } else {
    depth = 1.0 - RaisedCosine(static_cast<double>(frame - end) / static_cast<double>(duck.release));
  }
  return static_cast<float>(1.0 - (1.0 - duck.gain) * depth);
}

void SessionSound::DuckSpan(const Duck& duck, std::int64_t first, int frames, std::size_t* interval,
                            float* gains) const {
  const std::int64_t last = first + frames;
  while (*interval < speech_spans_.size() && first >= speech_spans_[*interval].second + duck.release)
    ++*interval;
  if (*interval >= speech_spans_.size() || last <= speech_spans_[*interval].first - duck.attack) {
    std::fill(gains, gains + frames, 1.0f);  // before the next span's attack: open
    return;
  }
  const auto [start, end] = speech_spans_[*interval];
  if (first >= start && last <= end) {
    std::fill(gains, gains + frames, duck.gain);  // inside a span: down
    return;
  }
  for (int i = 0; i < frames; ++i) gains[i] = DuckAt(duck, first + i, interval);
}

std::size_t SessionSound::DuckCursor(const Duck& duck, std::int64_t frame) const {
  return static_cast<std::size_t>(
      std::lower_bound(
          speech_spans_.begin(), speech_spans_.end(), frame - duck.release,
          [](const std::pair<std::int64_t, std::int64_t>& span, std::int64_t f) { return span.second < f; }) -
      speech_spans_.begin());
}

float SessionSound::DuckGainAt(Ducked layer, std::int64_t frame) const {
  const Duck& duck = layer == Ducked::kCues     ? cue_duck_
                     : layer == Ducked::kBreath ? glide_duck_
                                                : ambience_duck_;
  std::size_t cursor = DuckCursor(duck, frame);
  return DuckAt(duck, frame, &cursor);
}

void SessionSound::PrepareAmbienceSpan(std::int64_t first, std::int64_t frames) const {
  if (!ambience_stream_) return;
  const std::int64_t begin = std::max<std::int64_t>(first, 0);
  const std::int64_t end = std::min<std::int64_t>(first + frames, duration_frames_);
  if (begin >= end) return;
  // A span longer than the ring is prepared from its start; Render then leaves the rest silent.
  ambience_stream_->PrepareSpan(
      begin, static_cast<int>(std::min<std::int64_t>(end - begin, ambience_stream_->max_prepare_frames())));
}

void SessionSound::RenderAmbience(std::int64_t first, int frames, float* out, float gain) const {
  // The filler follows the playhead (a relaxed store: lock-free, and nothing waits on it).
  if (ambience_stream_) ambience_stream_->SetPlayhead(first);
  if (gain <= 0.0f) return;
  if (!ambience_stream_ && !noise_) return;
  std::size_t interval = DuckCursor(ambience_duck_, first);
  const double fade = static_cast<double>(ambience_fade_);
  auto level_at = [&](std::int64_t f) {
    double level = gain * DuckAt(ambience_duck_, f, &interval);
    if (f < ambience_fade_) level *= RaisedCosine(static_cast<double>(f) / fade);
    if (f > duration_frames_ - ambience_fade_) {
      level *= RaisedCosine(static_cast<double>(duration_frames_ - f) / fade);
    }
    return level;
  };

  if (ambience_stream_) {
    // Only frames already in the stream's ring sound; a span it has not read (a seek, an underrun) is
    // silent and the ambience then fades back in over kResumeSeconds. Offline callers PrepareSpan first,
    // so for them every span is there and the output is the same however it is split.
    constexpr double kResumeSeconds = 0.05;
    const double resume_frames = kResumeSeconds * sample_rate_;
    const AmbienceStream& stream = *ambience_stream_;
    std::array<float, AmbienceStream::kMaxReadFrames> left{}, right{};
    for (std::int64_t at = first; at < first + frames;) {
      const int count =
          static_cast<int>(std::min<std::int64_t>(AmbienceStream::kMaxReadFrames, first + frames - at));
      if (!stream.Read(0, at, count, left.data()) || !stream.Read(1, at, count, right.data())) {
        ambience_resume_.store(at + count, std::memory_order_relaxed);
        at += count;
        continue;
      }
      const std::int64_t resume = ambience_resume_.load(std::memory_order_relaxed);
      for (int i = 0; i < count; ++i) {
        const std::int64_t f = at + i;
        double level = level_at(f);
        const double since = static_cast<double>(f - resume);
        if (since >= 0.0 && since < resume_frames) level *= RaisedCosine(since / resume_frames);
        float* frame = out + 2 * (f - first);
        frame[0] += static_cast<float>(level) * left[static_cast<std::size_t>(i)];
        frame[1] += static_cast<float>(level) * right[static_cast<std::size_t>(i)];
      }
      at += count;
    }
    return;
  }

  // Generated noise, continuous: each channel made for this span from the frame index alone.
  constexpr int kNoiseChunk = 256;
  std::array<float, kNoiseChunk> left{}, right{};
  for (std::int64_t at = first; at < first + frames; at += kNoiseChunk) {
    const int count = static_cast<int>(std::min<std::int64_t>(kNoiseChunk, first + frames - at));
    noise_->Fill(0, at, count, left.data());
    noise_->Fill(1, at, count, right.data());
    for (int i = 0; i < count; ++i) {
      const std::int64_t f = at + i;
      const auto level = static_cast<float>(level_at(f));
      float* frame = out + 2 * (f - first);
      frame[0] += level * left[static_cast<std::size_t>(i)];
      frame[1] += level * right[static_cast<std::size_t>(i)];
    }
  }
}

}  // namespace attune::audio
