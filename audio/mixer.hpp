// audio/mixer.hpp: the one render function of a session's sound. Everything a timeline needs is prepared
// once (cue samples, speech, voice clips, ambience loops, glide segments); then Render() computes any span
// of session time at exact sample positions, purely from session time, so the live device and
// `attune render` produce the same samples.
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "core/timeline.hpp"

namespace attune::audio {

class AmbienceStream;
class NoiseBed;

// Per-layer linear gains, 0..1 (from settings). `muted` silences everything.
struct Volumes {
  float master = 0.8f, cues = 1.0f, breath = 0.6f, voice = 1.0f, ambience = 0.5f;
  bool muted = false;
};

// Levels of the layers before Volumes, by loudness (BS.1770, LUFS; linear full scale = 1), measured when a
// session is prepared, never per sample on the audio thread. The voice is the reference: each prompt's clip
// is scaled to kVoiceLufs (integrated). Each cue sound's strike, its loudest 400 ms, is kCueLufs, whatever
// cue_synth makes; the glide while breathing in and out is kGlideLufs at breath volume 1 (8.4 LU under the
// voice at the default 0.6; two partners' glides together as loud as one); generated noise is kAmbienceLufs
// at ambience volume 1 (15 LU under the voice at the default 0.5).
inline constexpr double kVoiceLufs = -23.0;
inline constexpr double kCueLufs = -28.0;
inline constexpr double kGlideLufs = -27.0;
inline constexpr double kAmbienceLufs = -32.0;
// A clip's or cue's normalizing gain never takes its peak above this.
inline constexpr float kNormalizedPeak = 0.7f;
inline constexpr float kGlideLevel = 0.25f;     // the glide tone's amplitude (before kGlideLufs' scaling)
inline constexpr float kGlideHoldLevel = 0.4f;  // holds: this fraction of kGlideLevel
// Ducking under speech: a gain envelope from the prompt schedule (a pure function of the session frame).
// Cues and the glide duck fast and deep, so nothing masks the first words: a strike that starts with a
// prompt is ducked under it (the prompt keeps its time, so the timeline's lengths hold). The ambience ducks
// slowly and a little, so it never pumps.
inline constexpr float kCueDuckGain = 0.501187f;    // -6 dB
inline constexpr float kGlideDuckGain = 0.501187f;  // -6 dB
inline constexpr double kFastDuckAttackSeconds = 0.08;
inline constexpr double kFastDuckReleaseSeconds = 0.4;
inline constexpr float kDuckGain = 0.707946f;  // the ambience under speech: -3 dB
inline constexpr double kDuckAttackSeconds = 1.0;
inline constexpr double kDuckReleaseSeconds = 1.5;
inline constexpr float kLimiterKnee = 0.6f;  // the soft limiter is transparent below this level
inline constexpr double kAmbienceFadeSeconds = 4.0;
// Glide frequencies (Hz) at empty and full lungs for partner a; b sounds a fifth higher.
inline constexpr double kGlideLowHz = 174.6;
inline constexpr double kGlideHighHz = 261.6;
// Voice clips prepared while a session plays: up to this far ahead of the playhead, within the budget
// (16 MB: about 87 s of 48 kHz speech), kept until this far behind it.
inline constexpr double kVoiceAheadSeconds = 90.0;
inline constexpr double kVoiceBehindSeconds = 2.0;
inline constexpr std::int64_t kVoiceBudgetBytes = std::int64_t{16} << 20;

class SessionSound {
 public:
  // Prepares one timeline at `sample_rate` Hz. Runs on a non-audio thread (it synthesizes, decodes and
  // allocates; espeak-ng is called under its own lock). `notices` (may be null) receives sentences for the
  // user, each once: "Speech is unavailable: captions only", or the synthesizer's fallback_notice() when
  // the natural English voice is missing and espeak-ng speaks instead. Voice clips are not made here, only
  // measured (a recorded clip's header, espeak's length from SynthSpeechLength's cache): PrepareSpan() or
  // PrepareAhead() make them in the order they sound. Null only when `cancel` became true (checked between
  // prompts).
  static std::unique_ptr<SessionSound> Prepare(std::shared_ptr<const core::Timeline> timeline,
                                               int sample_rate, std::vector<std::string>* notices,
                                               const std::atomic<bool>* cancel = nullptr);

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
  // strictly inside (-1, 1). An ambience file is streamed from disk: frames of it that its filler thread
  // has not read yet (live, just after a seek) are silent and it fades back in; PrepareSpan() reads them.
  void Render(std::int64_t first_frame, int frames, float* out_stereo, const Volumes& volumes) const;

  // For callers that are not the audio thread (`attune render`, tests): blocks until everything Render()
  // needs for frames [first_frame, first_frame + frames) is prepared, so that Render() of that span gives
  // exactly the samples of a sound with everything prepared. Voice clips are made in the order they sound
  // and those no longer needed are released, so a render that walks forward through a session holds about
  // voice_budget_bytes() of clips however long the session is. False only when `cancel` became true.
  // Calls are serialized; any thread but the audio thread.
  bool PrepareSpan(std::int64_t first_frame, std::int64_t frames,
                   const std::atomic<bool>* cancel = nullptr) const;

  // The live worker's step (SessionAudio): makes the nearest missing voice clip sounding within
  // kVoiceAheadSeconds after session frame `playhead`, while the clips held stay within the budget, and
  // releases the clips nowhere needed from kVoiceBehindSeconds before the playhead to that horizon (freed
  // once the audio thread cannot be reading them). True when it did something (call again); false when
  // there is nothing to do at this playhead now. At most one clip per call, so a cancel waits for one.
  bool PrepareAhead(std::int64_t playhead, const std::atomic<bool>* cancel = nullptr) const;
  // True when every voice clip sounding in [first_frame, first_frame + frames) is prepared (or cannot be).
  bool VoiceReady(std::int64_t first_frame, std::int64_t frames) const;
  // The most bytes of voice clips held ahead (kVoiceBudgetBytes unless set; shared with this sound's
  // retargets). A span that needs more gets what it needs.
  void set_voice_budget_bytes(std::int64_t bytes);
  std::int64_t voice_budget_bytes() const;
  struct VoiceStats {
    std::int64_t bytes = 0;       // clip samples held now (also those released but not yet freed)
    std::int64_t peak_bytes = 0;  // the most ever held at once
    std::int64_t clips_made = 0;  // clips synthesized or decoded (again after a release)
    std::int64_t clips_released = 0;
  };
  VoiceStats voice_stats() const;

  int sample_rate() const { return sample_rate_; }
  std::int64_t duration_frames() const { return duration_frames_; }
  const core::Timeline& timeline() const { return *timeline_; }
  // The frame of session time `t` (rounded to the nearest frame): where a cue at `t` starts.
  std::int64_t FrameAt(core::Micros t) const;

  // The ducking gain (0..1) of a layer at session frame `frame`: 1 away from speech. For tests and tools.
  enum class Ducked { kCues, kBreath, kAmbience };
  float DuckGainAt(Ducked layer, std::int64_t frame) const;

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
  struct VoiceSlot;  // one clip (per ClipKey), made and released as needed
  struct VoiceEvent {
    std::int64_t frame = 0;
    std::int64_t length = 0;  // frames of its clip, known before the clip is made
    const VoiceSlot* slot = nullptr;
    float gain_left = 0.0f, gain_right = 0.0f;
  };

  const std::vector<CueEvent>& cue_events() const { return cue_events_; }
  const std::vector<VoiceEvent>& voice_events() const { return voice_events_; }
  // One voice per breathing partner; each segment's pitch starts where the previous one left it while
  // the tone sounds.
  const std::vector<GlideVoice>& glides() const { return glides_; }
  // The clip of voice_events()[event] if it is prepared now, else null. Not for the audio thread.
  std::shared_ptr<const std::vector<float>> voice_clip(std::size_t event) const;

 private:
  using Clip = std::shared_ptr<const std::vector<float>>;
  // What a prompt's clip depends on: its recorded file (or empty), the language and the spoken text.
  using ClipKey = std::tuple<std::string, std::string, std::string>;

  SessionSound() = default;
  struct VoiceStore;
  static std::unique_ptr<SessionSound> Build(std::shared_ptr<const core::Timeline> timeline, int sample_rate,
                                             std::vector<std::string>* notices, const SessionSound* reuse,
                                             const std::atomic<bool>* cancel);
  bool PrepareVoiceStep(std::int64_t from, std::int64_t prepare_end, std::int64_t keep_end,
                        std::int64_t required_end, const std::atomic<bool>* cancel) const;
  void RenderCues(std::int64_t first, int frames, float* out, float gain) const;
  void RenderGlide(const GlideVoice& voice, std::int64_t first, int frames, float* out, float gain) const;
  void RenderVoice(std::int64_t first, int frames, float* out, float gain) const;
  void RenderAmbience(std::int64_t first, int frames, float* out, float gain) const;
  // PrepareSpan's part for a streamed ambience file: waits until the span is in its ring.
  void PrepareAmbienceSpan(std::int64_t first, std::int64_t frames) const;
  struct Duck {
    std::int64_t attack = 1, release = 1;  // frames before a span's start, after its end
    float gain = 1.0f;                     // inside a span
  };
  // The gain of `duck` at `frame`; `*interval` is a cursor into speech_spans_ (DuckCursor() to start).
  float DuckAt(const Duck& duck, std::int64_t frame, std::size_t* interval) const;
  std::size_t DuckCursor(const Duck& duck, std::int64_t frame) const;
  // DuckAt for each frame of [first, first + frames) into `gains`, fast where the gain is constant.
  void DuckSpan(const Duck& duck, std::int64_t first, int frames, std::size_t* interval, float* gains) const;

  std::shared_ptr<const core::Timeline> timeline_;
  int sample_rate_ = 48000;
  std::int64_t duration_frames_ = 0;
  std::vector<Clip> cue_samples_;     // by core::CueSound, then the soft ones; null when never played
  std::vector<CueEvent> cue_events_;  // sorted by frame
  std::int64_t longest_cue_ = 0;
  std::vector<GlideVoice> glides_;
  std::int64_t glide_ramp_frames_ = 1;
  std::vector<VoiceEvent> voice_events_;  // sorted by frame
  std::shared_ptr<VoiceStore> voices_;    // the clips, shared with Retarget()'s sounds
  std::int64_t longest_voice_ = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> speech_spans_;  // merged, sorted
  Duck cue_duck_, glide_duck_, ambience_duck_;
  float glide_gain_ = 1.0f;                // scales kGlideLevel to kGlideLufs
  std::string ambience_name_;              // tl.sound.ambience that `ambience_` was made from
  std::shared_ptr<const NoiseBed> noise_;  // generated noise (null: none), shared with retargets
  // A file: streamed from disk (null: none), shared with this sound's retargets. Frames it has not read yet
  // are silent, and the ambience fades back in from `ambience_resume_` (written by the audio thread only).
  std::shared_ptr<const AmbienceStream> ambience_stream_;
  mutable std::atomic<std::int64_t> ambience_resume_{std::numeric_limits<std::int64_t>::min() / 2};
  std::int64_t ambience_fade_ = 1;
};

}  // namespace attune::audio
