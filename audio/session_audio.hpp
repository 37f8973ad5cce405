// audio/session_audio.hpp: the app's seam to sound and to the master clock. Plays a session's
// sound through the audio device when there is one and gives THE clock every Player call uses; without a
// device (or before audio is ready) the clock is the monotonic clock and the session goes on in silence.
#pragma once

#include <memory>
#include <string>

#include "core/player.hpp"
#include "core/settings.hpp"
#include "core/timeline.hpp"

namespace attune::audio {

// The monotonic clock in microseconds (steady_clock). The only other real clock in the app.
core::Micros MonotonicNow();

// A session's sound is handed to the device once the voice clips of this much session time from the
// playhead are ready; the rest is prepared while it plays.
inline constexpr double kFirstPromptSeconds = 15.0;

class SessionAudio {
 public:
  SessionAudio();
  // Stops the worker: waits at most for the prompt it is synthesizing.
  ~SessionAudio();
  SessionAudio(const SessionAudio&) = delete;
  SessionAudio& operator=(const SessionAudio&) = delete;

  // Opens the device. False: no device; status() says "No audio device: playing silently". Until Open()
  // is called (screenshots) there is no sound and no status.
  bool Open();
  // Prepares the session's sound on a worker (never waits: a preparation under way is cancelled after the
  // prompt being synthesized). The session plays silently until the sound and its first prompts
  // (kFirstPromptSeconds from the playhead) are ready; later prompts are prepared while it plays, in the
  // order they sound from the playhead (again after a seek), within SessionSound's voice budget. A prompt
  // not yet prepared when it is due is silent. A failure becomes a notice ("Sound could not be prepared:
  // ...") and the session goes on.
  void SetTimeline(std::shared_ptr<const core::Timeline> timeline);
  // The playing session's new timeline after Player::ExtendRest (core::ExtendRestAt): the sound that plays
  // is retargeted on this thread (SessionSound::Retarget reuses every synthesized sample; about a
  // millisecond) and swapped in at the audio thread's next buffer, without a gap. While the first
  // SetTimeline() is still preparing, this prepares `timeline` afresh instead.
  void ExtendTimeline(std::shared_ptr<const core::Timeline> timeline);
  // After every Player change (watch Player::revision()).
  void SetClockMap(const core::ClockMap& map);
  void SetLevels(const core::SoundLevels& levels);
  // The master clock: pass it as `now` to every Player call.
  core::Micros Clock() const;
  // How far ahead of Clock() the device mixes: a session started at Clock() + output_latency() is heard
  // from its first sample (0 without a device).
  core::Micros output_latency() const;
  // Each loop iteration: hands over prepared sound, collects notices.
  void Poll();
  // A line for the user ("No audio device: playing silently", "Preparing sound..." until the sound is handed
  // over), or empty.
  std::string status() const;
  // True while a session's sound and first prompts are being prepared (the loop polls until handed over).
  bool preparing() const;
  // Whether the session's start would be heard if its clock started now: its sound has been handed to the
  // device by Poll(), or there is nothing to wait for (not opened, no device, or the preparation failed).
  // The app starts the player's clock only then (core::DecideSoundStart).
  bool sound_ready() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace attune::audio
