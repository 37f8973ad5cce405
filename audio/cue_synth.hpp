// audio/cue_synth.hpp: the session's discrete sounds (bowl, chime, gong, wood, tone, tick), synthesized in
// code into mono sample buffers by modal synthesis: each a struck body's inharmonic modes (damped sinusoids,
// the higher dying sooner), a mallet's contact (its rise and a filtered noise knock) and a small room
// (audio/reverb.hpp). Called once per sound when a session is prepared, never on the audio thread.
#pragma once

#include <vector>

#include "core/model.hpp"

namespace attune::audio {

// Every cue peaks at exactly this level (-6 dBFS) before the per-layer volumes.
inline constexpr float kCuePeak = 0.5f;

// Gap between the pulses of a multi-pulse cue (`breath: ticks` plays 2 at an exhale), in seconds.
inline constexpr double kPulseGapSeconds = 0.16;

// The mono samples of one strike of `sound` at `sample_rate` Hz, its whole ring: it starts at the onset
// (sample 0 is the first sample of the attack, a 1-8 ms rise over the mallet's contact, and is exactly
// zero), decays naturally to 60 dB or more below its peak, and only then fades to an exact zero at its last
// sample. Lengths: bowl 30 s (a T60 of over 20 s), gong 26 s, chime 16 s, tone 4 s, wood 1.6 s, tick 1 s;
// at 48 kHz the bowl is 5.8 MB of floats. Peaks at kCuePeak. kNone gives an empty buffer. Deterministic:
// the same arguments give the same samples.
std::vector<float> SynthesizeCue(core::CueSound sound, int sample_rate);

// A soft cue (core::Cue::soft, a body scan's region change) peaks this far below kCuePeak.
inline constexpr double kSoftCueAttenuationDb = 14.5;
// ... and is damped: every partial dies within this time constant, and the strike lasts at most
// kSoftCueLengthSeconds (no ringing bowl).
inline constexpr double kSoftCueDecaySeconds = 0.18;
inline constexpr double kSoftCueLengthSeconds = 0.9;

// One soft, damped strike of `sound`'s timbre (its modes, a felt-muted strike without beating, in a smaller
// room: a T60 of 0.35 s): short, peaking kSoftCueAttenuationDb below kCuePeak. Same contract as
// SynthesizeCue otherwise.
std::vector<float> SynthesizeSoftCue(core::CueSound sound, int sample_rate);

}  // namespace attune::audio
