// audio/mixer_internal.hpp: what the mixer's source files share (mixer.cpp builds a sound and mixes it,
// mixer_voice.cpp makes and plays the voice clips, mixer_ambience.cpp ducks and plays the ambience). Private
// to SessionSound: include it only from those files.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>
#include <string>
#include <vector>

#include "audio/mixer.hpp"

namespace attune::audio {

// How much longer than its measured length a voice clip may play (see RenderVoice).
inline constexpr double kVoiceLengthSlackSeconds = 0.25;

inline double RaisedCosine(double x) {
  return 0.5 - 0.5 * std::cos(std::numbers::pi * std::clamp(x, 0.0, 1.0));
}

// One voice clip, shared by every prompt with its ClipKey.
struct SessionSound::VoiceSlot {
  std::string path;  // the recorded clip to decode, or empty: speak `text`
  std::string language, text;
  std::int64_t max_frames = -1;  // of the recorded clip
  std::int64_t length = 0;       // frames, known before the clip is made
  // The audio thread's view: the clip while it is prepared, else null.
  std::atomic<const std::vector<float>*> ready{nullptr};
  // Guarded by VoiceStore::mutex.
  Clip owned;
  bool failed = false;  // nothing could be made: the prompt stays silent
  std::uint64_t mark = 0;
};

struct SessionSound::VoiceStore {
  std::mutex prepare;  // one maker at a time
  std::mutex mutex;    // everything below but the atomics
  std::map<ClipKey, std::unique_ptr<VoiceSlot>> slots;
  std::int64_t budget = kVoiceBudgetBytes;
  VoiceStats stats;
  std::uint64_t mark = 0;
  // Safe reclamation: a released clip is nulled in its slot and waits in `retiring`; Reclaim() flips the
  // epoch and frees `in_grace` once no Render() that may have read it (counted under the parity before the
  // flip) is still running.
  std::vector<Clip> retiring, in_grace;
  int grace_parity = -1;
  std::atomic<std::uint32_t> epoch{0};
  std::array<std::atomic<int>, 2> readers{};

  void Retire(VoiceSlot& slot);
  void Reclaim();
  std::int64_t Retiring() const {
    std::int64_t bytes = 0;
    for (const Clip& clip : retiring) bytes += static_cast<std::int64_t>(clip->size() * sizeof(float));
    for (const Clip& clip : in_grace) bytes += static_cast<std::int64_t>(clip->size() * sizeof(float));
    return bytes;
  }
};

}  // namespace attune::audio
