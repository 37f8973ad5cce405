// audio/live_audio.hpp: the live audio device. Opens SDL audio on its own and plays a SessionSound through
// SDL_mixer's post-mix hook, rendering for each buffer the session span that the player's ClockMap gives,
// at exact sample positions. Its frame counter is the app's master clock while a device plays.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "audio/mixer.hpp"
#include "core/player.hpp"

namespace attune::audio {

// The notice the app shows when there is no audio device (the session goes on in silence).
inline constexpr const char* kNoAudioDeviceMessage = "No audio device: playing silently";

// The master clock while a device plays: the session time of the sample being heard, not of the last one
// mixed. Device frame f is heard at clock reading `base + f / rate`. When a callback returns, the buffer it
// has just mixed (`queued_frames`, the device buffer: the opened spec's `samples`, which is what each
// callback is asked for) still waits ahead of the speaker. SDL2 has no query for the device's own latency,
// so that buffer is the estimate; real devices add one or two periods more, which this clock does not
// see. So `since_callback` after a callback that brought the mix to `frames_mixed`, the frame heard is
// `frames_mixed - queued_frames` plus the time since, capped at one buffer: the reading never passes the
// frames mixed, and the next callback's reading is never lower than any reading before it. Pure.
core::Micros HeardClock(core::Micros base, int rate, std::int64_t frames_mixed, std::int64_t queued_frames,
                        std::chrono::nanoseconds since_callback);
// The `base` that makes a device opened at clock reading `now` continue the clock without a jump: frame 0
// is heard one buffer (`queued_frames`) after it is mixed.
core::Micros DeviceClockBase(core::Micros now, int rate, std::int64_t queued_frames);

// How long a change of volume or mute takes to sound in full: a linear ramp, so it never clicks.
inline constexpr core::Micros kVolumeRampMicros{15'000};

// All methods are for the UI thread; the audio thread only runs the mixer hook, which takes no lock, calls
// no SDL_mixer function and does not allocate. Everything handed over (sound, clock map, volumes) travels
// through atomics.
class LiveAudio {
 public:
  LiveAudio();
  ~LiveAudio();
  LiveAudio(const LiveAudio&) = delete;
  LiveAudio& operator=(const LiveAudio&) = delete;

  // Initializes SDL's audio subsystem alone (SDL_InitSubSystem) and opens the device (16-bit stereo at
  // `sample_rate` Hz, buffers of `buffer_frames`). False when there is no device: status_message() is then
  // kNoAudioDeviceMessage and Clock() runs on the monotonic clock. Video is never affected.
  bool Open(int sample_rate = 48000, int buffer_frames = 1024);
  bool available() const { return open_; }
  // Empty while a device plays; otherwise the sentence to show.
  const std::string& status_message() const { return status_; }

  // The sound to play (nullptr: none). The audio thread picks it up at its next buffer; the previous one
  // is released here on the UI thread once the audio thread no longer uses it. Swapping to a sound of the
  // same session (SessionSound::Retarget) while it plays is gapless: the session frames go on, and the
  // first 5 ms after the swap cross-fade from the old sound to the new (bit-exact where both agree).
  void SetSound(std::shared_ptr<const SessionSound> sound);
  // Call after every Player change (when player.revision() moves).
  void SetClockMap(const core::ClockMap& map);
  // The audio thread ramps to new volumes (and into or out of mute) linearly over kVolumeRampMicros,
  // restarting from wherever a ramp in progress had got to; the first buffer ever mixed takes them at once.
  void SetVolumes(const Volumes& volumes);

  // The master clock, in microseconds, never decreasing: while a device plays, the time of the sample being
  // heard (HeardClock: frames mixed minus the queued buffer, interpolated with the monotonic clock between
  // callbacks); without a device, the monotonic clock. Continuous when the device is lost or comes back.
  // The audio thread renders device frame f as session time map.SessionAt(clock_base() + f / rate), so
  // sound and picture read one ClockMap; the sound is mixed output_latency() ahead of the clock.
  core::Micros Clock() const;
  // The estimated time from mixing a sample to hearing it: one device buffer (0 without a device).
  core::Micros output_latency() const;

  // Each UI frame: notices a lost device (then plays silently) and retries opening every few seconds.
  void Poll();
  // Closes the device (the clock goes on, on the monotonic clock). Safe to call twice.
  void Close();

  // Frames mixed by the device since it was opened (for tests and diagnostics).
  std::int64_t frames_mixed() const { return frames_mixed_.load(); }
  int sample_rate() const { return rate_; }
  // The clock reading of device frame 0: session frames render at FrameOffset(map) + device frame.
  core::Micros clock_base() const { return core::Micros{clock_base_us_.load()}; }

  // The audio thread's work for `frames` stereo S16 frames: adds the session's sound to `stream`. Public
  // for the post-mix trampoline and for tests that drive it without a device.
  void MixInto(std::int16_t* stream, int frames);

 private:
  using Steady = std::chrono::steady_clock;
  struct MapCopy {
    bool running = false;
    std::int64_t clock_anchor = 0, session_anchor = 0, limit = 0;
  };
  bool ReadMap(MapCopy* map);
  core::Micros MonotonicNow() const;
  void SwitchToMonotonic();
  void ReleaseRetired();
  void MixChunk(std::int16_t* stream, int frames, const SessionSound* sound);
  // The levels the mix applies, as five gains: master (0 while muted), cues, breath, voice, ambience.
  using Gains = std::array<float, 5>;
  Gains GainsAt(int chunk_frame) const;
  static Volumes VolumesOf(const Gains& gains);
  // Renders `frames` of `source` from `session_frame` into `out` with the gains of the ramp from chunk
  // frame `chunk_frame` on: one Render() when the gains hold still; while they ramp, the ramp's part is
  // rendered at the gains of both its ends and blended, so the gain moves sample by sample.
  void RenderRamped(const SessionSound* source, std::int64_t session_frame, int frames, float* out,
                    int chunk_frame);

  // UI-thread state.
  bool open_ = false;
  bool subsystem_ = false;
  std::string status_;
  int rate_ = 48000;
  int buffer_frames_ = 1024;
  Steady::time_point origin_ = Steady::now();
  std::int64_t monotonic_offset_us_ = 0;
  Steady::time_point next_retry_{};
  Steady::time_point last_progress_time_{};
  std::int64_t last_progress_frames_ = 0;
  int device_id_ = 0;
  mutable std::int64_t last_clock_us_ = 0;
  std::vector<std::shared_ptr<const SessionSound>> sounds_;  // the current one and retired ones

  // Shared with the audio thread.
  std::atomic<const SessionSound*> current_{nullptr};
  std::atomic<const SessionSound*> hazard_{nullptr};           // the sound the audio thread mixes now
  std::atomic<const SessionSound*> previous_hazard_{nullptr};  // the one it mixed last (for a cross-fade)
  std::atomic<std::uint32_t> map_sequence_{0};
  std::atomic<bool> map_running_{false};
  std::atomic<std::int64_t> map_clock_anchor_{0}, map_session_anchor_{0}, map_limit_{0};
  std::atomic<float> master_{0.8f}, cues_{1.0f}, breath_{0.6f}, voice_{1.0f}, ambience_{0.5f};
  std::atomic<bool> muted_{false};
  std::atomic<std::int64_t> clock_base_us_{0};
  std::atomic<std::int64_t> frames_mixed_{0};
  std::atomic<std::uint32_t> callback_sequence_{0};
  std::atomic<std::int64_t> callback_frames_{0};  // frames mixed when the last callback returned
  std::atomic<std::int64_t> callback_queued_{0};  // frames that callback mixed: queued ahead of the speaker
  std::atomic<std::int64_t> callback_steady_ns_{0};

  // Audio-thread state (allocated at Open).
  MapCopy last_map_;
  std::int64_t continue_frame_ = 0;           // the session frame the last buffer would have played next
  bool continuing_ = false;                   // the last buffer ended while playing
  const SessionSound* last_sound_ = nullptr;  // the sound of the last chunk (kept by previous_hazard_)
  std::vector<float> scratch_, tail_, ramp_;
  Gains ramp_from_{}, ramp_to_{};  // the volume ramp: from, to, and how far along (frames of ramp_length_)
  std::int64_t ramp_done_ = 0;
  std::int64_t ramp_length_ = 720;
  bool ramp_started_ = false;  // false until the first buffer: it takes the volumes at once
};

}  // namespace attune::audio
