#include "audio/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <list>
#include <map>
#include <mutex>
#include <tuple>
#include <utility>

#include "audio/resampler.hpp"

namespace attune::audio {
namespace {

// Speaking rate in words per minute: slow and calm (espeak's default is 175).
constexpr int kWordsPerMinute = 135;
constexpr float kSpeechPeak = 0.5f;

std::mutex& SpeechMutex() {
  static std::mutex mutex;
  return mutex;
}

// Clips by key, the least recently used dropped first beyond kSpeechCacheBytes. Guarded by SpeechMutex().
template <typename Key>
class BoundedCache {
 public:
  using Clip = std::shared_ptr<const std::vector<float>>;
  Clip Find(const Key& key) {
    const auto found = index_.find(key);
    if (found == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, found->second);  // now the most recent
    return found->second->second;
  }
  void Put(const Key& key, Clip clip) {
    const auto size = static_cast<std::int64_t>(clip->size() * sizeof(float));
    if (size > kSpeechCacheBytes || index_.count(key)) return;
    order_.emplace_front(key, std::move(clip));
    index_.emplace(key, order_.begin());
    bytes_ += size;
    while (bytes_ > kSpeechCacheBytes) {
      bytes_ -= static_cast<std::int64_t>(order_.back().second->size() * sizeof(float));
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }
  std::int64_t bytes() const { return bytes_; }

 private:
  std::list<std::pair<Key, Clip>> order_;  // most recent first
  std::map<Key, typename std::list<std::pair<Key, Clip>>::iterator> index_;
  std::int64_t bytes_ = 0;
};

// Everything below is guarded by SpeechMutex().
struct SpeechState {
  bool initialized = false;
  int espeak_rate = 0;  // Hz; <= 0 when espeak-ng failed to initialize
  std::string voice;    // the voice currently selected
  std::vector<short> pcm;
  // The trimmed, faded speech at espeak's own rate, per (language, text): every sample rate and every
  // length query start from it, so a text measured and then spoken is synthesized once.
  BoundedCache<std::pair<std::string, std::string>> native;
  BoundedCache<std::tuple<std::string, std::string, int>> cache;
  std::int64_t syntheses = 0;
};

SpeechState& State() {
  static SpeechState state;
  return state;
}

int OnSynth(short* wav, int count, espeak_EVENT*) {
  if (wav && count > 0) State().pcm.insert(State().pcm.end(), wav, wav + count);
  return 0;
}

void EnsureInitialized(SpeechState& state) {
  if (state.initialized) return;
  state.initialized = true;
  state.espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
  if (state.espeak_rate <= 0) return;
  espeak_SetSynthCallback(OnSynth);
}

bool SelectVoice(SpeechState& state, const std::string& language) {
  std::string name = language;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name.empty()) name = "en";
  if (state.voice == name) return true;
  const std::string primary = name.substr(0, name.find('-'));
  for (const std::string& candidate : {name, primary, std::string("en")}) {
    if (espeak_SetVoiceByName(candidate.c_str()) == EE_OK) {
      espeak_SetParameter(espeakRATE, kWordsPerMinute, 0);
      state.voice = name;
      return true;
    }
  }
  return false;
}

}  // namespace

SpeechSynthesizer& SpeechSynthesizer::Instance() {
  static SpeechSynthesizer instance;
  return instance;
}

bool SpeechSynthesizer::available() {
  std::lock_guard lock(SpeechMutex());
  EnsureInitialized(State());
  return State().espeak_rate > 0;
}

namespace {

// The trimmed speech at espeak's rate (guarded by SpeechMutex(); espeak initialized). nullptr when the
// voice cannot be selected or synthesis fails.
std::shared_ptr<const std::vector<float>> NativeSpeech(SpeechState& state, const std::string& language,
                                                       const std::string& text, bool keep = true) {
  const auto key = std::make_pair(language, text);
  if (auto found = state.native.Find(key)) return found;
  if (!SelectVoice(state, language)) return nullptr;
  ++state.syntheses;

  state.pcm.clear();
  if (espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr) !=
      EE_OK) {
    return nullptr;
  }
  espeak_Synchronize();

  // Trim silence at both ends so that the clip starts at the prompt's start.
  constexpr short kSilence = 64;
  auto loud = [](short s) { return s > kSilence || s < -kSilence; };
  const auto first = std::find_if(state.pcm.begin(), state.pcm.end(), loud);
  const auto last = std::find_if(state.pcm.rbegin(), state.pcm.rend(), loud).base();
  std::vector<float> mono;
  if (first < last) {
    mono.reserve(static_cast<std::size_t>(last - first));
    for (auto it = first; it != last; ++it) mono.push_back(static_cast<float>(*it) / 32768.0f);
  }
  // A 5 ms fade at both ends: trimming may cut where the waveform is not zero.
  const std::size_t fade =
      std::min<std::size_t>(mono.size() / 2, static_cast<std::size_t>(state.espeak_rate / 200));
  for (std::size_t i = 0; i < fade; ++i) {
    const float gain = static_cast<float>(i) / static_cast<float>(fade);
    mono[i] *= gain;
    mono[mono.size() - 1 - i] *= gain;
  }
  auto result = std::make_shared<const std::vector<float>>(std::move(mono));
  if (keep) state.native.Put(key, result);
  // espeak's buffer of a long text would otherwise stay allocated for the life of the process.
  if (state.pcm.capacity() > (std::size_t{1} << 20)) std::vector<short>().swap(state.pcm);
  return result;
}

}  // namespace

std::shared_ptr<const std::vector<float>> SpeechSynthesizer::Speak(const std::string& language,
                                                                   const std::string& text, int sample_rate,
                                                                   bool keep) {
  std::lock_guard lock(SpeechMutex());
  SpeechState& state = State();
  EnsureInitialized(state);
  if (state.espeak_rate <= 0) return nullptr;
  const auto key = std::make_tuple(language, text, sample_rate);
  if (auto found = state.cache.Find(key)) return found;
  const auto native = NativeSpeech(state, language, text, keep);
  if (!native) return nullptr;
  std::vector<float> resampled = Resample(*native, state.espeak_rate, sample_rate);
  float peak = 0.0f;
  for (float s : resampled) peak = std::max(peak, std::abs(s));
  if (peak > 0.0f) {
    for (float& s : resampled) s *= kSpeechPeak / peak;
  }
  auto result = std::make_shared<const std::vector<float>>(std::move(resampled));
  if (keep) state.cache.Put(key, result);
  return result;
}

std::string SpeechSynthesizer::engine_id() {
  std::lock_guard lock(SpeechMutex());
  EnsureInitialized(State());
  if (State().espeak_rate <= 0) return {};
  const char* version = espeak_Info(nullptr);
  return "espeak-ng " + std::string(version ? version : "?") + " wpm " + std::to_string(kWordsPerMinute) +
         " rate " + std::to_string(State().espeak_rate);
}

std::int64_t SpeechSynthesizer::synthesis_count() {
  std::lock_guard lock(SpeechMutex());
  return State().syntheses;
}

std::int64_t SpeechSynthesizer::cached_bytes() {
  std::lock_guard lock(SpeechMutex());
  return State().native.bytes() + State().cache.bytes();
}

std::int64_t SpokenFramesAt(const SpokenFrames& spoken, int sample_rate) {
  // Resample(): the input itself at the same rate (or when empty), else llround(size x ratio).
  if (spoken.frames <= 0 || spoken.rate == sample_rate || spoken.rate <= 0) return spoken.frames;
  const double ratio = static_cast<double>(sample_rate) / static_cast<double>(spoken.rate);
  return static_cast<std::int64_t>(std::llround(static_cast<double>(spoken.frames) * ratio));
}

std::optional<SpokenFrames> SpeechSynthesizer::Measure(const std::string& language, const std::string& text) {
  std::lock_guard lock(SpeechMutex());
  SpeechState& state = State();
  EnsureInitialized(state);
  if (state.espeak_rate <= 0) return std::nullopt;
  const auto native = NativeSpeech(state, language, text);
  if (!native) return std::nullopt;
  return SpokenFrames{static_cast<std::int64_t>(native->size()), state.espeak_rate};
}

}  // namespace attune::audio
