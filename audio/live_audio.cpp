// audio/live_audio.cpp: the only file of audio/ that talks to SDL and SDL_mixer. Owns the device, the
// post-mix hook that renders the session at exact frames, and the master clock derived from it.
#include "audio/live_audio.hpp"

#include <SDL.h>
#include <SDL_mixer.h>

#include <algorithm>
#include <cmath>

namespace attune::audio {
namespace {

constexpr int kMaxChunk = 4096;   // frames rendered per step of the hook
constexpr int kFadeFrames = 240;  // 5 ms at 48 kHz: fades at pauses, seeks and gates
constexpr auto kRetryInterval = std::chrono::seconds(3);
constexpr auto kStallTimeout = std::chrono::seconds(2);  // no callback for this long: the device is lost
constexpr const char* kDeviceLostMessage = "The audio device was lost: playing silently";

void SDLCALL PostMix(void* user, Uint8* stream, int length) {
  static_cast<LiveAudio*>(user)->MixInto(reinterpret_cast<std::int16_t*>(stream),
                                         length / static_cast<int>(2 * sizeof(std::int16_t)));
}

std::int64_t RoundFrames(std::int64_t micros, int rate) {
  const std::int64_t scaled = micros * rate;
  return scaled >= 0 ? (scaled + 500'000) / 1'000'000 : -((-scaled + 500'000) / 1'000'000);
}

std::int64_t NanosOf(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// Microseconds of `frames` at `rate`, rounded down (also below zero), so that the parts of a reading add up
// to no more than the whole.
std::int64_t FloorMicros(std::int64_t frames, int rate) {
  const std::int64_t scaled = frames * 1'000'000;
  return scaled >= 0 ? scaled / rate : -((-scaled + rate - 1) / rate);
}

}  // namespace

core::Micros HeardClock(core::Micros base, int rate, std::int64_t frames_mixed, std::int64_t queued_frames,
                        std::chrono::nanoseconds since_callback) {
  const std::int64_t since_us = std::chrono::duration_cast<core::Micros>(since_callback).count();
  return core::Micros{base.count() + FloorMicros(frames_mixed - queued_frames, rate) +
                      std::clamp<std::int64_t>(since_us, 0, FloorMicros(queued_frames, rate))};
}

core::Micros DeviceClockBase(core::Micros now, int rate, std::int64_t queued_frames) {
  return core::Micros{now.count() - FloorMicros(-queued_frames, rate)};  // rounded up: reads `now` at once
}

LiveAudio::LiveAudio()
    : scratch_(2 * kMaxChunk, 0.0f), tail_(2 * kFadeFrames, 0.0f), ramp_(2 * kMaxChunk, 0.0f) {
  ramp_length_ = RoundFrames(kVolumeRampMicros.count(), rate_);
  ramp_done_ = ramp_length_;
  status_ = kNoAudioDeviceMessage;
}

LiveAudio::~LiveAudio() { Close(); }

core::Micros LiveAudio::MonotonicNow() const {
  return core::Micros{std::chrono::duration_cast<core::Micros>(Steady::now() - origin_).count() +
                      monotonic_offset_us_};
}

bool LiveAudio::Open(int sample_rate, int buffer_frames) {
  if (open_) return true;
  rate_ = sample_rate;
  buffer_frames_ = buffer_frames;
  ramp_length_ = std::max<std::int64_t>(1, RoundFrames(kVolumeRampMicros.count(), rate_));
  ramp_done_ = std::min(ramp_done_, ramp_length_);
  next_retry_ = Steady::now() + kRetryInterval;
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    return false;
  }
  subsystem_ = true;
  // Which device ids are already open, so ours is the one that appears.
  std::vector<int> before;
  for (int id = 1; id <= 32; ++id) {
    if (SDL_GetAudioDeviceStatus(static_cast<SDL_AudioDeviceID>(id)) != SDL_AUDIO_STOPPED)
      before.push_back(id);
  }
  if (Mix_OpenAudioDevice(sample_rate, AUDIO_S16SYS, 2, buffer_frames, nullptr, 0) != 0) {
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    subsystem_ = false;
    return false;
  }
  device_id_ = 0;
  for (int id = 1; id <= 32 && device_id_ == 0; ++id) {
    if (SDL_GetAudioDeviceStatus(static_cast<SDL_AudioDeviceID>(id)) != SDL_AUDIO_STOPPED &&
        std::find(before.begin(), before.end(), id) == before.end()) {
      device_id_ = id;
    }
  }
  continuing_ = false;
  last_map_ = MapCopy{};
  ReadMap(&last_map_);
  // The device's frame 0 is heard one buffer after the clock's present reading: no jump.
  const core::Micros now = Clock();
  clock_base_us_.store(DeviceClockBase(now, rate_, buffer_frames_).count());
  frames_mixed_.store(0);
  callback_frames_.store(0);
  callback_queued_.store(buffer_frames_);
  callback_steady_ns_.store(NanosOf(Steady::now()));
  last_progress_frames_ = 0;
  last_progress_time_ = Steady::now();
  open_ = true;
  status_.clear();
  Mix_SetPostMix(PostMix, this);
  return true;
}

void LiveAudio::SwitchToMonotonic() {
  const core::Micros now = Clock();
  open_ = false;
  origin_ = Steady::now();
  monotonic_offset_us_ = now.count();
}

void LiveAudio::Close() {
  if (open_) {
    Mix_SetPostMix(nullptr, nullptr);  // returns once the hook is not running
    SwitchToMonotonic();
    Mix_CloseAudio();
    status_ = kNoAudioDeviceMessage;
  }
  if (subsystem_) {
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    subsystem_ = false;
  }
  hazard_.store(nullptr);
  previous_hazard_.store(nullptr);
  last_sound_ = nullptr;
  continuing_ = false;
  ReleaseRetired();
}

void LiveAudio::Poll() {
  ReleaseRetired();
  const auto now = Steady::now();
  if (open_) {
    const std::int64_t frames = frames_mixed_.load();
    if (frames != last_progress_frames_) {
      last_progress_frames_ = frames;
      last_progress_time_ = now;
    }
    const bool removed =
        device_id_ != 0 &&
        SDL_GetAudioDeviceStatus(static_cast<SDL_AudioDeviceID>(device_id_)) == SDL_AUDIO_STOPPED;
    if (removed || now - last_progress_time_ > kStallTimeout) {
      Close();
      status_ = kDeviceLostMessage;
      next_retry_ = now + kRetryInterval;
    }
    return;
  }
  if (status_ == kDeviceLostMessage && now >= next_retry_) {
    Open(rate_, buffer_frames_);
  }
}

void LiveAudio::SetSound(std::shared_ptr<const SessionSound> sound) {
  current_.store(sound.get());
  if (sound) sounds_.push_back(std::move(sound));
  ReleaseRetired();
}

void LiveAudio::ReleaseRetired() {
  const SessionSound* current = current_.load();
  // In this order: the audio thread publishes previous_hazard_ before it clears hazard_.
  const SessionSound* in_use = hazard_.load();
  const SessionSound* mixed_last = previous_hazard_.load();
  std::erase_if(sounds_, [&](const std::shared_ptr<const SessionSound>& s) {
    return s.get() != current && s.get() != in_use && s.get() != mixed_last;
  });
}

void LiveAudio::SetClockMap(const core::ClockMap& map) {
  // A sequence lock: odd while writing. The audio thread retries or keeps its last copy.
  map_sequence_.fetch_add(1);
  map_running_.store(map.running);
  map_clock_anchor_.store(map.clock_anchor.count());
  map_session_anchor_.store(map.session_anchor.count());
  map_limit_.store(map.limit.count());
  map_sequence_.fetch_add(1);
}

bool LiveAudio::ReadMap(MapCopy* map) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    const std::uint32_t before = map_sequence_.load();
    if (before % 2 != 0) continue;
    MapCopy copy{map_running_.load(), map_clock_anchor_.load(), map_session_anchor_.load(),
                 map_limit_.load()};
    if (map_sequence_.load() == before) {
      *map = copy;
      return true;
    }
  }
  return false;
}

void LiveAudio::SetVolumes(const Volumes& volumes) {
  master_.store(volumes.master);
  cues_.store(volumes.cues);
  breath_.store(volumes.breath);
  voice_.store(volumes.voice);
  ambience_.store(volumes.ambience);
  muted_.store(volumes.muted);
}

core::Micros LiveAudio::Clock() const {
  std::int64_t value = 0;
  if (open_) {
    std::int64_t frames = 0, queued = 0, steady_ns = 0;
    for (int attempt = 0; attempt < 8; ++attempt) {
      const std::uint32_t before = callback_sequence_.load();
      frames = callback_frames_.load();
      queued = callback_queued_.load();
      steady_ns = callback_steady_ns_.load();
      if (before % 2 == 0 && callback_sequence_.load() == before) break;
    }
    value = HeardClock(core::Micros{clock_base_us_.load()}, rate_, frames, queued,
                       std::chrono::nanoseconds{NanosOf(Steady::now()) - steady_ns})
                .count();
  } else {
    value = MonotonicNow().count();
  }
  last_clock_us_ = std::max(last_clock_us_, value);
  return core::Micros{last_clock_us_};
}

core::Micros LiveAudio::output_latency() const {
  return open_ ? core::Micros{FloorMicros(callback_queued_.load(), rate_)} : core::Micros{0};
}

void LiveAudio::MixInto(std::int16_t* stream, int frames) {
  // Hazard pointer: announce the sound in use, then check it is still current (else the UI may free it).
  const SessionSound* sound = nullptr;
  for (int attempt = 0; attempt < 4; ++attempt) {
    sound = current_.load();
    hazard_.store(sound);
    if (current_.load() == sound) break;
    sound = nullptr;
    hazard_.store(nullptr);
  }
  ReadMap(&last_map_);
  for (int done = 0; done < frames;) {
    const int chunk = std::min(kMaxChunk, frames - done);
    MixChunk(stream + 2 * done, chunk, sound);
    done += chunk;
  }
  // The sound mixed last stays protected until the next callback has cross-faded from it.
  previous_hazard_.store(sound);
  hazard_.store(nullptr);
  // Publish the clock: frames mixed so far, how many of them still wait ahead of the speaker, and when.
  callback_sequence_.fetch_add(1);
  callback_frames_.store(frames_mixed_.load());
  callback_queued_.store(frames);
  callback_steady_ns_.store(NanosOf(Steady::now()));
  callback_sequence_.fetch_add(1);
}

LiveAudio::Gains LiveAudio::GainsAt(int chunk_frame) const {
  const std::int64_t at = ramp_done_ + chunk_frame;
  if (at >= ramp_length_) return ramp_to_;
  const float t = static_cast<float>(at) / static_cast<float>(ramp_length_);
  Gains gains{};
  for (std::size_t i = 0; i < gains.size(); ++i) gains[i] = ramp_from_[i] + (ramp_to_[i] - ramp_from_[i]) * t;
  return gains;
}

Volumes LiveAudio::VolumesOf(const Gains& gains) {
  return Volumes{gains[0], gains[1], gains[2], gains[3], gains[4], gains[0] <= 0.0f};
}

void LiveAudio::RenderRamped(const SessionSound* source, std::int64_t session_frame, int frames, float* out,
                             int chunk_frame) {
  for (int at = 0; at < frames;) {
    const std::int64_t position = ramp_done_ + chunk_frame + at;
    if (position >= ramp_length_) {
      // The ramp is over (or none runs): the plain render, bit-exact with the offline one.
      source->Render(session_frame + at, frames - at, out + 2 * at, VolumesOf(ramp_to_));
      return;
    }
    // The rest of the ramp in this span, as one block (at most kMaxChunk frames, the size of ramp_).
    const int n = static_cast<int>(std::min<std::int64_t>(frames - at, ramp_length_ - position));
    const Gains from = GainsAt(chunk_frame + at);
    const Gains to = GainsAt(chunk_frame + at + n);
    float* block = out + 2 * at;
    if (std::equal(from.begin() + 1, from.end(), to.begin() + 1)) {
      // Only the master moves (a mute, the volume keys): one render at the louder end's master (so that end
      // is the plain render), scaled sample by sample.
      Gains louder = from;
      louder[0] = std::max(from[0], to[0]);
      source->Render(session_frame + at, n, block, VolumesOf(louder));
      const float scale = louder[0] > 0.0f ? 1.0f / louder[0] : 0.0f;
      for (int i = 0; i < n; ++i) {
        const float master = from[0] + (to[0] - from[0]) * static_cast<float>(i) / static_cast<float>(n);
        block[2 * i] *= master * scale;
        block[2 * i + 1] *= master * scale;
      }
    } else {
      // A layer moves too: rendered at both ends' gains and blended (the render is linear in its gains
      // below the limiter).
      source->Render(session_frame + at, n, block, VolumesOf(from));
      source->Render(session_frame + at, n, ramp_.data(), VolumesOf(to));
      const float* end = ramp_.data();
      for (int i = 0; i < n; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(n);
        block[2 * i] += (end[2 * i] - block[2 * i]) * t;
        block[2 * i + 1] += (end[2 * i + 1] - block[2 * i + 1]) * t;
      }
    }
    at += n;
  }
}

void LiveAudio::MixChunk(std::int16_t* stream, int frames, const SessionSound* sound) {
  // `previous` mixed the last chunk (kept alive by hazard_ or previous_hazard_); set whenever continuing_.
  const SessionSound* previous = last_sound_;
  const std::int64_t first = frames_mixed_.load();
  // The volumes asked for; a change starts a ramp from the gains it interrupts.
  const Gains target{muted_.load() ? 0.0f : std::clamp(master_.load(), 0.0f, 1.0f),
                     std::clamp(cues_.load(), 0.0f, 1.0f), std::clamp(breath_.load(), 0.0f, 1.0f),
                     std::clamp(voice_.load(), 0.0f, 1.0f), std::clamp(ambience_.load(), 0.0f, 1.0f)};
  if (!ramp_started_) {
    ramp_from_ = target;
    ramp_to_ = target;
    ramp_done_ = ramp_length_;
    ramp_started_ = true;
  } else if (target != ramp_to_) {
    ramp_from_ = GainsAt(0);
    ramp_to_ = target;
    ramp_done_ = 0;
  }
  std::fill(scratch_.begin(), scratch_.begin() + 2 * frames, 0.0f);

  // Session frame = device frame + offset while the map runs, up to the limit.
  int playing = 0;
  std::int64_t session_first = 0;
  if (sound && last_map_.running) {
    const std::int64_t offset =
        RoundFrames(clock_base_us_.load() - last_map_.clock_anchor + last_map_.session_anchor, rate_);
    session_first = first + offset;
    const std::int64_t limit = RoundFrames(last_map_.limit, rate_);
    playing = static_cast<int>(std::clamp<std::int64_t>(limit - session_first, 0, frames));
  }
  if (playing > 0) {
    RenderRamped(sound, session_first, playing, scratch_.data(), 0);
    if ((!continuing_ || continue_frame_ != session_first) && session_first > 0) {
      // Entering mid-session (resume, seek): fade in instead of starting on a step.
      const int fade = std::min(kFadeFrames, playing);
      float* out = scratch_.data();
      for (int i = 0; i < fade; ++i) {
        const float gain = static_cast<float>(i) / static_cast<float>(fade);
        out[2 * i] *= gain;
        out[2 * i + 1] *= gain;
      }
    } else if (continuing_ && previous != sound) {
      // The same session frames from a new sound (a retargeted timeline): cross-fade from the old one.
      // Written as new + (old - new) * gain, so it is the new sound exactly wherever both agree.
      const int fade = std::min(kFadeFrames, playing);
      RenderRamped(previous, session_first, fade, tail_.data(), 0);
      const float* tail = tail_.data();
      float* out = scratch_.data();
      for (int i = 0; i < 2 * fade; ++i) {
        const float gain = 1.0f - static_cast<float>(i / 2) / static_cast<float>(fade);
        out[i] += (tail[i] - out[i]) * gain;
      }
    }
  }
  // Leaving a stream of sound (pause, seek, a gate, the end): its continuation fades out.
  auto fade_out_from = [&](const SessionSound* source, std::int64_t session_frame, int at) {
    const int fade = std::min(kFadeFrames, frames - at);
    if (fade <= 0) return;
    const float* tail = tail_.data();
    float* out = scratch_.data() + 2 * at;
    RenderRamped(source, session_frame, fade, tail_.data(), at);
    for (int i = 0; i < fade; ++i) {
      const float gain = 1.0f - static_cast<float>(i) / static_cast<float>(fade);
      out[2 * i] += tail[2 * i] * gain;
      out[2 * i + 1] += tail[2 * i + 1] * gain;
    }
  };
  if (continuing_ && (playing == 0 || continue_frame_ != session_first)) {
    fade_out_from(previous, continue_frame_, 0);
  }
  if (playing > 0 && playing < frames) fade_out_from(sound, session_first + playing, playing);
  continuing_ = playing == frames;
  continue_frame_ = session_first + playing;
  last_sound_ = sound;
  ramp_done_ = std::min(ramp_done_ + frames, ramp_length_);

  const float* mix = scratch_.data();
  for (int i = 0; i < 2 * frames; ++i) {
    const long mixed = stream[i] + std::lrint(mix[i] * 32767.0f);
    stream[i] = static_cast<std::int16_t>(std::clamp(mixed, -32768L, 32767L));
  }
  frames_mixed_.fetch_add(frames);
}

}  // namespace attune::audio
