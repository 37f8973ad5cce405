#include "audio/speech.hpp"

#include <espeak-ng/speak_lib.h>
#if ATTUNE_HAVE_FLITE
#include <flite/flite.h>
#include <flite/flite_version.h>
#endif

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <list>
#include <map>
#include <mutex>
#include <tuple>
#include <utility>

#include "audio/resampler.hpp"

namespace attune::audio {
namespace {

constexpr float kSpeechPeak = 0.5f;
// Samples this quiet at either end of speech (or of a phrase of it) are trimmed.
constexpr short kSilence = 64;

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
  std::string voice;    // the espeak voice currently selected
  VoiceChoice choice;
#if ATTUNE_HAVE_FLITE
  cst_voice* flite_voice = nullptr;  // the chosen English voice; nullptr when missing or not chosen
#endif
  int flite_rate = 0;          // its sample rate in Hz; 0 when English is spoken by espeak-ng
  bool flite_missing = false;  // a flite voice was chosen but cannot be used
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

#if ATTUNE_HAVE_FLITE
extern "C" {
cst_voice* register_cmu_us_slt(const char* voxdir);    // NOLINT(readability-identifier-naming)
cst_voice* register_cmu_us_kal16(const char* voxdir);  // NOLINT(readability-identifier-naming)
cst_voice* register_cmu_us_rms(const char* voxdir);    // NOLINT(readability-identifier-naming)
cst_voice* register_cmu_us_awb(const char* voxdir);    // NOLINT(readability-identifier-naming)
}

struct FliteVoice {
  const char* name;
  cst_voice* (*reg)(const char*);
  // Its own pace in words per minute at duration_stretch 1 (trimmed speech of plain sentences, measured
  // on the ten sentences of tests/voice): the stretch for a rate is this over the rate.
  double words_per_minute;
};
constexpr FliteVoice kFliteVoices[] = {{"kal16", register_cmu_us_kal16, 240.0},
                                       {"slt", register_cmu_us_slt, 205.0},
                                       {"rms", register_cmu_us_rms, 195.0},
                                       {"awb", register_cmu_us_awb, 190.0}};

// Registered voices by name (flite keeps them for the life of the process).
cst_voice* FliteRegistered(const FliteVoice& voice) {
  static std::map<std::string, cst_voice*> registered;
  static const bool kInitialized = (flite_init(), true);
  (void)kInitialized;
  auto [it, added] = registered.emplace(voice.name, nullptr);
  if (added) it->second = voice.reg(nullptr);
  return it->second;
}

const FliteVoice* FindFliteVoice(const std::string& name) {
  for (const FliteVoice& voice : kFliteVoices) {
    if (name == voice.name) return &voice;
  }
  return nullptr;
}

// The slowing from the voice's own pace to the rate is shared: its square root stretches the sounds (all
// of it smears them: pocketsphinx's word error rate on tests/voice doubles), the rest is the pauses.
double FliteStretch(const FliteVoice& voice, int words_per_minute) {
  return std::sqrt(voice.words_per_minute / static_cast<double>(words_per_minute));
}
#endif

// Selects the chosen flite voice for English (state.flite_rate > 0), or notes it missing.
void SelectFlite(SpeechState& state) {
  state.flite_rate = 0;
  state.flite_missing = false;
#if ATTUNE_HAVE_FLITE
  state.flite_voice = nullptr;
  if (state.choice.english == "espeak") return;
  const FliteVoice* voice = FindFliteVoice(state.choice.english);
  cst_voice* registered = voice ? FliteRegistered(*voice) : nullptr;
  if (!registered) {
    state.flite_missing = true;
    return;
  }
  feat_set_float(registered->features, "duration_stretch",
                 static_cast<float>(FliteStretch(*voice, state.choice.words_per_minute)));
  // The voice's sample rate, from a word of it (every clip of the voice has it).
  cst_wave* probe = flite_text_to_wave("a", registered);
  if (!probe || probe->sample_rate <= 0) {
    if (probe) delete_wave(probe);
    state.flite_missing = true;
    return;
  }
  state.flite_rate = probe->sample_rate;
  delete_wave(probe);
  state.flite_voice = registered;
#else
  state.flite_missing = state.choice.english != "espeak";
#endif
}

void EnsureInitialized(SpeechState& state) {
  if (state.initialized) return;
  state.initialized = true;
  state.espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
  if (state.espeak_rate > 0) espeak_SetSynthCallback(OnSynth);
  SelectFlite(state);
}

// English, or no language (the default).
bool IsEnglish(const std::string& language) {
  std::string primary = language.substr(0, language.find('-'));
  std::transform(primary.begin(), primary.end(), primary.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return primary.empty() || primary == "en";
}

// English is flite's when its voice is there.
bool UsesFlite(const SpeechState& state, const std::string& language) {
  return state.flite_rate > 0 && IsEnglish(language);
}

int NativeRate(const SpeechState& state, const std::string& language) {
  return UsesFlite(state, language) ? state.flite_rate : state.espeak_rate;
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
      espeak_SetParameter(espeakRATE, state.choice.words_per_minute, 0);
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
  return State().espeak_rate > 0 || State().flite_rate > 0;
}

namespace {

std::vector<float> ToFloats(const short* first, const short* last) {
  std::vector<float> mono;
  mono.reserve(static_cast<std::size_t>(last - first));
  for (const short* it = first; it != last; ++it) mono.push_back(static_cast<float>(*it) / 32768.0f);
  return mono;
}

// `pcm` from its first loud sample to its last (louder than kSilence), as floats.
std::vector<float> Trimmed(const short* begin, const short* end) {
  auto loud = [](short sample) { return sample > kSilence || sample < -kSilence; };
  const short* first = std::find_if(begin, end, loud);
  const short* last = end;
  while (last > first && !loud(*(last - 1))) --last;
  return ToFloats(first, last);
}

// flite's voices breathe quietly (and click) before and after a phrase: `pcm` from its first 5 ms block
// within 40 dB of its loudest block to its last, 10 ms wider either side.
std::vector<float> TrimmedByBlocks(const short* begin, const short* end, int rate) {
  const auto size = static_cast<std::size_t>(end - begin);
  const std::size_t block = static_cast<std::size_t>(std::max(1, rate / 200));
  std::vector<double> level;
  for (std::size_t at = 0; at < size; at += block) {
    double energy = 0.0;
    const std::size_t stop = std::min(size, at + block);
    for (std::size_t i = at; i < stop; ++i) energy += static_cast<double>(begin[i]) * begin[i];
    level.push_back(std::sqrt(energy / static_cast<double>(stop - at)));
  }
  if (level.empty()) return {};
  const double quiet =
      std::max(static_cast<double>(kSilence) / 4.0, *std::max_element(level.begin(), level.end()) * 0.01);
  std::size_t first = 0, last = level.size();
  while (first < last && level[first] <= quiet) ++first;
  while (last > first && level[last - 1] <= quiet) --last;
  if (first == last) return {};
  const std::size_t from = first * block > 2 * block ? first * block - 2 * block : 0;
  const std::size_t to = std::min(size, last * block + 2 * block);
  return ToFloats(begin + from, begin + to);
}

// A 5 ms fade at both ends: trimming may cut where the waveform is not zero.
void FadeEnds(std::vector<float>& mono, int rate) {
  const std::size_t fade = std::min<std::size_t>(mono.size() / 2, static_cast<std::size_t>(rate / 200));
  for (std::size_t i = 0; i < fade; ++i) {
    const float gain = static_cast<float>(i) / static_cast<float>(fade);
    mono[i] *= gain;
    mono[mono.size() - 1 - i] *= gain;
  }
}

std::vector<float> EspeakSpeech(SpeechState& state, const std::string& language, const std::string& text,
                                bool* ok) {
  *ok = false;
  if (!SelectVoice(state, language)) return {};
  state.pcm.clear();
  if (espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr) !=
      EE_OK) {
    return {};
  }
  espeak_Synchronize();
  std::vector<float> mono = Trimmed(state.pcm.data(), state.pcm.data() + state.pcm.size());
  FadeEnds(mono, state.espeak_rate);
  // espeak's buffer of a long text would otherwise stay allocated for the life of the process.
  if (state.pcm.capacity() > (std::size_t{1} << 20)) std::vector<short>().swap(state.pcm);
  *ok = true;
  return mono;
}

}  // namespace

// `text` cut after each comma, semicolon, colon, full stop, question or exclamation mark that ends a word,
// each phrase with the pause that follows it: kPhrasePause after a comma-like mark, kSentencePause after
// a sentence (the last phrase's pause is never heard: speech is trimmed).
std::vector<SpokenPhrase> SplitPhrases(const std::string& text) {
  std::vector<SpokenPhrase> phrases;
  std::string current;
  auto flush = [&](PauseKind pause) {
    const auto first = current.find_first_not_of(" \t\n\r");
    if (first != std::string::npos) {
      const auto last = current.find_last_not_of(" \t\n\r");
      phrases.push_back({current.substr(first, last - first + 1), pause});
    }
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    current += c;
    const bool word_ends = i + 1 == text.size() || std::isspace(static_cast<unsigned char>(text[i + 1]));
    if (!word_ends) continue;
    if (c == ',' || c == ';' || c == ':') flush(PauseKind::kPhrase);
    if (c == '.' || c == '!' || c == '?') flush(PauseKind::kSentence);
  }
  flush(PauseKind::kSentence);
  return phrases;
}

namespace {

#if ATTUNE_HAVE_FLITE
// A slow leveller: the gain follows the speech's level over 100 ms blocks (each block's RMS over the 300 ms
// around it), lifting each block quieter than the loudest by a third of the gap in dB, at most kMaxLift,
// and moving linearly from block to block. flite's voices start phrases softly and stress their
// ends: unlevelled, a prompt's first word is lost under a cue struck with it. Slow, so the sounds within
// words keep their shape (a fast compressor doubles pocketsphinx's word error rate on tests/voice).
void Level(std::vector<float>& mono, int rate) {
  const auto block = static_cast<std::size_t>(std::max(1, rate / 10));
  const std::size_t blocks = (mono.size() + block - 1) / block;
  if (blocks == 0) return;
  std::vector<double> energy(blocks, 0.0), count(blocks, 0.0);
  for (std::size_t i = 0; i < mono.size(); ++i) {
    energy[i / block] += static_cast<double>(mono[i]) * mono[i];
    count[i / block] += 1.0;
  }
  std::vector<double> level(blocks, 0.0);
  for (std::size_t b = 0; b < blocks; ++b) {
    double e = 0.0, n = 0.0;
    for (std::size_t k = b > 0 ? b - 1 : 0; k < std::min(blocks, b + 2); ++k) {
      e += energy[k];
      n += count[k];
    }
    level[b] = std::sqrt(e / n);
  }
  const double loudest = *std::max_element(level.begin(), level.end());
  if (loudest <= 0.0) return;
  constexpr double kMaxLift = 2.0;  // +6 dB
  std::vector<double> gain(blocks, 1.0);
  for (std::size_t b = 0; b < blocks; ++b) {
    // Silence (pauses) is left alone: only blocks within 30 dB of the loudest are lifted.
    if (level[b] > loudest * 0.03) gain[b] = std::min(kMaxLift, std::cbrt(loudest / level[b]));
  }
  for (std::size_t i = 0; i < mono.size(); ++i) {
    const double at = (static_cast<double>(i) + 0.5) / static_cast<double>(block) - 0.5;
    const auto b0 = static_cast<std::size_t>(std::max(0.0, std::floor(at)));
    const std::size_t b1 = std::min(blocks - 1, b0 + 1);
    const double t = std::clamp(at - static_cast<double>(b0), 0.0, 1.0);
    mono[i] = static_cast<float>(mono[i] * (gain[b0] * (1.0 - t) + gain[b1] * t));
  }
}

// Each phrase by flite, trimmed and faded, joined by its pause (scaled by the rate: slower speech pauses
// longer).
std::vector<float> FliteSpeech(SpeechState& state, const std::string& text, bool* ok) {
  *ok = false;
  const double scale = 125.0 / static_cast<double>(state.choice.words_per_minute);
  std::vector<float> mono;
  const std::vector<SpokenPhrase> phrases = SplitPhrases(text);
  for (std::size_t p = 0; p < phrases.size(); ++p) {
    cst_wave* wave = flite_text_to_wave(phrases[p].text.c_str(), state.flite_voice);
    if (!wave) return {};
    std::vector<float> phrase =
        TrimmedByBlocks(wave->samples, wave->samples + wave->num_samples, state.flite_rate);
    delete_wave(wave);
    FadeEnds(phrase, state.flite_rate);
    if (phrase.empty()) continue;
    if (!mono.empty()) {
      const double pause =
          phrases[p - 1].pause == PauseKind::kPhrase ? kPhrasePauseSeconds : kSentencePauseSeconds;
      mono.resize(mono.size() + static_cast<std::size_t>(std::lround(pause * scale * state.flite_rate)),
                  0.0f);
    }
    mono.insert(mono.end(), phrase.begin(), phrase.end());
  }
  Level(mono, state.flite_rate);
  *ok = true;
  return mono;
}
#endif

// The trimmed speech at its engine's rate (guarded by SpeechMutex(); engines initialized). nullptr when
// the voice cannot be selected or synthesis fails.
std::shared_ptr<const std::vector<float>> NativeSpeech(SpeechState& state, const std::string& language,
                                                       const std::string& text, bool keep = true) {
  const auto key = std::make_pair(language, text);
  if (auto found = state.native.Find(key)) return found;
  const bool flite = UsesFlite(state, language);
  if (!flite && state.espeak_rate <= 0) return nullptr;
  ++state.syntheses;
  bool ok = false;
  std::vector<float> mono;
#if ATTUNE_HAVE_FLITE
  if (flite) mono = FliteSpeech(state, text, &ok);
#endif
  if (!flite) mono = EspeakSpeech(state, language, text, &ok);
  if (!ok) return nullptr;
  auto result = std::make_shared<const std::vector<float>>(std::move(mono));
  if (keep) state.native.Put(key, result);
  return result;
}

}  // namespace

std::shared_ptr<const std::vector<float>> SpeechSynthesizer::Speak(const std::string& language,
                                                                   const std::string& text, int sample_rate,
                                                                   bool keep) {
  std::lock_guard lock(SpeechMutex());
  SpeechState& state = State();
  EnsureInitialized(state);
  const auto key = std::make_tuple(language, text, sample_rate);
  if (auto found = state.cache.Find(key)) return found;
  const auto native = NativeSpeech(state, language, text, keep);
  if (!native) return nullptr;
  std::vector<float> resampled = Resample(*native, NativeRate(state, language), sample_rate);
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
  SpeechState& state = State();
  EnsureInitialized(state);
  if (state.espeak_rate <= 0 && state.flite_rate <= 0) return {};
  std::string id;
#if ATTUNE_HAVE_FLITE
  if (state.flite_rate > 0) {
    char stretch[32];
    std::snprintf(stretch, sizeof stretch, "%.4f",
                  FliteStretch(*FindFliteVoice(state.choice.english), state.choice.words_per_minute));
    // "phrases 1": how this file cuts, trims, pauses and levels flite's speech; a change there bumps it.
    id = std::string("flite ") + FLITE_PROJECT_VERSION + " phrases 1" + " " + state.choice.english +
         " stretch " + stretch + " pauses " + std::to_string(kPhrasePauseSeconds) + "/" +
         std::to_string(kSentencePauseSeconds) + " rate " + std::to_string(state.flite_rate) + "; ";
  }
#endif
  if (state.espeak_rate > 0) {
    const char* version = espeak_Info(nullptr);
    id += "espeak-ng " + std::string(version ? version : "?") + " wpm " +
          std::to_string(state.choice.words_per_minute) + " rate " + std::to_string(state.espeak_rate);
  }
  return id;
}

void SpeechSynthesizer::Configure(const VoiceChoice& choice) {
  std::lock_guard lock(SpeechMutex());
  SpeechState& state = State();
  VoiceChoice clamped = choice;
  clamped.words_per_minute = std::clamp(choice.words_per_minute, kMinWordsPerMinute, kMaxWordsPerMinute);
  if (state.initialized && clamped.english == state.choice.english &&
      clamped.words_per_minute == state.choice.words_per_minute) {
    return;
  }
  state.choice = clamped;
  state.native = {};
  state.cache = {};
  state.voice.clear();  // espeak's rate is set again with its voice
  if (!state.initialized) {
    EnsureInitialized(state);
  } else {
    SelectFlite(state);
  }
}

VoiceChoice SpeechSynthesizer::choice() {
  std::lock_guard lock(SpeechMutex());
  return State().choice;
}

std::string SpeechSynthesizer::fallback_notice(const std::string& language) {
  std::lock_guard lock(SpeechMutex());
  EnsureInitialized(State());
  if (!State().flite_missing || !IsEnglish(language)) return {};
  return VoiceFallbackNotice(State().choice.english);
}

std::string SpeechSynthesizer::engine_for(const std::string& language) {
  std::lock_guard lock(SpeechMutex());
  SpeechState& state = State();
  EnsureInitialized(state);
  if (UsesFlite(state, language)) return "flite";
  return state.espeak_rate > 0 ? "espeak-ng" : "";
}

std::vector<std::string> FliteVoiceNames() {
  std::vector<std::string> names;
#if ATTUNE_HAVE_FLITE
  for (const FliteVoice& voice : kFliteVoices) names.emplace_back(voice.name);
#endif
  return names;
}

std::string VoiceFallbackNotice(const std::string& voice) {
  return "The natural voice '" + voice + "' is unavailable: English is spoken by espeak-ng";
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
  const auto native = NativeSpeech(state, language, text);
  if (!native) return std::nullopt;
  return SpokenFrames{static_cast<std::int64_t>(native->size()), NativeRate(state, language)};
}

}  // namespace attune::audio
