// audio/reverb.hpp: a small room for the cue sounds: a feedback delay network (8 delay lines, a Householder
// feedback matrix, a one-pole lowpass in each loop), mono in, mono out. Used when a cue sound is synthesized,
// never on the audio thread. Deterministic: the same settings and input give the same samples.
#pragma once

#include <cstddef>
#include <vector>

namespace attune::audio {

struct ReverbSettings {
  double decay_seconds = 1.6;       // T60 of the loops at low frequencies (> 0)
  double damping = 0.3;             // 0..0.95: how much faster the high frequencies die (0: not at all)
  double size = 1.0;                // scales the delay lengths (1: lines of 30-70 ms, a small room)
  double predelay_seconds = 0.012;  // before the first reflection
  double wet = 0.25;                // linear gain of the reverberation
  double dry = 1.0;                 // linear gain of the direct sound
};

class Reverb {
 public:
  // A room at `sample_rate` Hz (> 0), silent inside.
  Reverb(int sample_rate, const ReverbSettings& settings);

  // The next output sample for one input sample: dry * in + wet * (the room's response so far).
  float Process(float in);
  // Process() over `samples`, in place.
  void Process(float* samples, std::size_t count);
  // Back to a silent room.
  void Reset();

  // The shortest path from the input to the wet output, in samples: predelay plus the shortest line.
  std::size_t FirstReflectionFrames() const;

 private:
  static constexpr int kLines = 8;
  struct Line {
    std::vector<double> buffer;
    std::size_t at = 0;
    double gain = 0.0;     // per pass, for decay_seconds
    double lowpass = 0.0;  // the loop filter's state
  };
  Line lines_[kLines];
  std::vector<double> predelay_;
  std::size_t predelay_at_ = 0;
  double damping_ = 0.0;
  double wet_ = 0.0, dry_ = 1.0;
};

}  // namespace attune::audio
