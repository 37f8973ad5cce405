// audio/mixer.hpp: the one render function of a session's sound. Everything a timeline needs is prepared
// once (cue samples, speech, voice clips, ambience loops, glide segments); then Render() computes any span
// of session time at exact sample positions, purely from session time, so the live device and
// `attune render` produce the same samples.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "core/timeline.hpp"

namespace attune::audio {

// Per-layer linear gains, 0..1 (from settings). `muted` silences everything.
struct Volumes {
  float master = 0.8f, cues = 1.0f, breath = 0.6f, voice = 1.0f, ambience = 0.5f;
  bool muted = false;
};

// Levels of the layers before Volumes (linear, full scale = 1).
inline constexpr float kGlideLevel = 0.25f;     // the glide tone's peak while breathing in or out
inline constexpr float kGlideHoldLevel = 0.4f;  // holds: this fraction of kGlideLevel
inline constexpr float kDuckGain = 0.501187f;   // ambience under speech: -6 dB
inline constexpr float kLimiterKnee = 0.6f;     // the soft limiter is transparent below this level
inline constexpr double kAmbienceFadeSeconds = 4.0;
// Glide frequencies (Hz) at empty and full lungs for partner a; b sounds a fifth higher.
inline constexpr double kGlideLowHz = 174.6;
inline constexpr double kGlideHighHz = 261.6;

class SessionSound {
 public:
  // Prepares everything for one timeline at `sample_rate` Hz. Runs on a non-audio thread (it synthesizes,
  // decodes and allocates; espeak-ng is called under its own lock). `notices` (may be null) receives
  // sentences for the user, each once: "Speech is unavailable: captions only".
  static std::unique_ptr<SessionSound> Prepare(std::shared_ptr<const core::Timeline> timeline,
                                               int sample_rate, std::vector<std::string>* notices);

  // The sound of `timeline` (typically this session with a rest made longer, core::ExtendRestAt) at this
  // sound's rate, reusing what this one already synthesized: cue samples, the ambience loop, and every
  // speech or voice clip (keyed by clip file, language and text, not by time). Only event times, glide
  // segments and ducking spans are recomputed, so it is cheap: no synthesis or decoding unless `timeline`
  // has prompts or ambience this sound lacks. Any thread but the audio thread (it allocates). Where both
  // timelines agree, both sounds render the same samples.
  std::unique_ptr<SessionSound> Retarget(std::shared_ptr<const core::Timeline> timeline,
                                         std::vector<std::string>* notices) const;

  // Renders interleaved stereo float frames [first_frame, first_frame + frames) of session time into
  // `out_stereo` (2 x frames floats, overwritten). Frame n is session time n / sample_rate; frames before 0
  // or at or after the end are silent. Pure and deterministic: the same span gives the same samples
  // however it is split into calls. No allocation, no locks: safe on the audio thread. Every sample lies
  // strictly inside (-1, 1).
  void Render(std::int64_t first_frame, int frames, float* out_stereo, const Volumes& volumes) const;

  int sample_rate() const { return sample_rate_; }
  std::int64_t duration_frames() const { return duration_frames_; }
  const core::Timeline& timeline() const { return *timeline_; }
  // The frame of session time `t` (rounded to the nearest frame): where a cue at `t` starts.
  std::int64_t FrameAt(core::Micros t) const;

  // One discrete sound placed at a frame (a cue's strike or one pulse of a tick cue).
  struct CueEvent {
    std::int64_t frame = 0;
    int sound = 0;  // index into cue_samples_ (a core::CueSound; + kTick + 1 for a soft cue)
    float gain_left = 0.0f, gain_right = 0.0f;
  };
  // One stretch of one partner's breathing for the glide: lungs move from..to with the pacer's ease.
  struct GlideSegment {
    std::int64_t start = 0, end = 0;  // frames
    double lungs_from = 0.0, lungs_to = 0.0;
    float level = 0.0f;        // target amplitude in this segment
    float start_level = 0.0f;  // amplitude at its start (where the previous segment left it)
    bool moving = false;       // inhale or exhale: the amplitude swells through the phase
    double phase0 = 0.0;       // oscillator phase at `start`, in turns [0, 1)
  };
  struct GlideVoice {
    double low_hz = 0.0, high_hz = 0.0;
    float gain_left = 0.0f, gain_right = 0.0f;
    std::vector<GlideSegment> segments;
  };
  struct VoiceEvent {
    std::int64_t frame = 0;
    std::shared_ptr<const std::vector<float>> clip;
    float gain_left = 0.0f, gain_right = 0.0f;
  };

  const std::vector<CueEvent>& cue_events() const { return cue_events_; }
  const std::vector<VoiceEvent>& voice_events() const { return voice_events_; }

 private:
  using Clip = std::shared_ptr<const std::vector<float>>;
  // What a prompt's clip depends on: its recorded file (or empty), the language and the spoken text.
  using ClipKey = std::tuple<std::string, std::string, std::string>;

  SessionSound() = default;
  static std::unique_ptr<SessionSound> Build(std::shared_ptr<const core::Timeline> timeline, int sample_rate,
                                             std::vector<std::string>* notices, const SessionSound* reuse);
  void RenderCues(std::int64_t first, int frames, float* out, float gain) const;
  void RenderGlide(const GlideVoice& voice, std::int64_t first, int frames, float* out, float gain) const;
  void RenderVoice(std::int64_t first, int frames, float* out, float gain) const;
  void RenderAmbience(std::int64_t first, int frames, float* out, float gain) const;
  float DuckAt(std::int64_t frame, std::size_t* interval) const;

  std::shared_ptr<const core::Timeline> timeline_;
  int sample_rate_ = 48000;
  std::int64_t duration_frames_ = 0;
  std::vector<Clip> cue_samples_;     // by core::CueSound, then the soft ones; null when never played
  std::vector<CueEvent> cue_events_;  // sorted by frame
  std::int64_t longest_cue_ = 0;
  std::vector<GlideVoice> glides_;
  std::int64_t glide_ramp_frames_ = 1;
  std::vector<VoiceEvent> voice_events_;  // sorted by frame
  std::map<ClipKey, Clip> clips_;         // every clip asked for; null where none could be made
  std::int64_t longest_voice_ = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> speech_spans_;  // merged, sorted
  std::int64_t duck_attack_ = 1, duck_release_ = 1;
  std::string ambience_name_;  // tl.sound.ambience that `ambience_` was made from
  Clip ambience_;              // mono loop (null: none); the right channel reads it half a loop later
  std::int64_t ambience_fade_ = 1;
};

}  // namespace attune::audio
