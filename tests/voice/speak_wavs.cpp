// tests/voice/speak_wavs.cpp: speaks each line of a text file with SpeechSynthesizer (as the mixer does)
// into DIR/NN.wav, 16 kHz mono 16-bit with half a second of silence either side (what a recognizer such
// as pocketsphinx reads), and prints the engine that spoke and the pace: words per minute of speech.
// Usage: attune_speak_wavs VOICE WORDS_PER_MINUTE SENTENCES DIR
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "audio/speech.hpp"

namespace {

constexpr int kRate = 16000;

void Put32(std::vector<unsigned char>& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}
void Put16(std::vector<unsigned char>& out, std::uint16_t value) {
  out.push_back(static_cast<unsigned char>(value));
  out.push_back(static_cast<unsigned char>(value >> 8));
}

bool WriteMonoWav(const std::string& path, const std::vector<float>& samples) {
  const std::size_t pad = kRate / 2;
  std::vector<std::int16_t> pcm(pad, 0);
  for (const float s : samples) {
    pcm.push_back(static_cast<std::int16_t>(std::lround(std::fmax(-1.0f, std::fmin(1.0f, s)) * 32767.0f)));
  }
  pcm.resize(pcm.size() + pad, 0);
  const auto data_bytes = static_cast<std::uint32_t>(pcm.size() * 2);
  std::vector<unsigned char> out = {'R', 'I', 'F', 'F'};
  Put32(out, 36 + data_bytes);
  for (const char c : std::string("WAVEfmt ")) out.push_back(static_cast<unsigned char>(c));
  Put32(out, 16);
  Put16(out, 1);  // PCM
  Put16(out, 1);  // mono
  Put32(out, kRate);
  Put32(out, kRate * 2);
  Put16(out, 2);
  Put16(out, 16);
  for (const char c : std::string("data")) out.push_back(static_cast<unsigned char>(c));
  Put32(out, data_bytes);
  for (const std::int16_t s : pcm) Put16(out, static_cast<std::uint16_t>(s));
  std::ofstream file(path, std::ios::binary);
  file.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
  return static_cast<bool>(file);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: attune_speak_wavs VOICE WORDS_PER_MINUTE SENTENCES DIR\n");
    return 2;
  }
  attune::audio::SpeechSynthesizer& synth = attune::audio::SpeechSynthesizer::Instance();
  synth.Configure({argv[1], std::stoi(argv[2])});
  if (const std::string notice = synth.fallback_notice("en"); !notice.empty())
    std::printf("notice: %s\n", notice.c_str());
  std::ifstream in(argv[3]);
  std::string line;
  std::string passage;  // every line, as one text: sentences with the pauses between them
  int index = 0;
  long words = 0;
  double seconds = 0.0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    passage += (passage.empty() ? "" : " ") + line;
    const auto clip = synth.Speak("en", line, kRate, false);
    if (!clip) {
      std::fprintf(stderr, "no speech for: %s\n", line.c_str());
      return 1;
    }
    char name[32];
    std::snprintf(name, sizeof name, "/%02d.wav", index++);
    if (!WriteMonoWav(argv[4] + std::string(name), *clip)) {
      std::fprintf(stderr, "cannot write %s%s\n", argv[4], name);
      return 1;
    }
    std::istringstream split(line);
    std::string word;
    while (split >> word) ++words;
    seconds += static_cast<double>(clip->size()) / kRate;
  }
  std::printf("engine: %s\n", synth.engine_for("en").c_str());
  std::printf("pace of the sentences: %.1f words per minute (%ld words in %.2f s of speech)\n",
              seconds > 0 ? 60.0 * static_cast<double>(words) / seconds : 0.0, words, seconds);
  const auto whole = synth.Speak("en", passage, kRate, false);
  if (!whole) return 1;
  const double passage_seconds = static_cast<double>(whole->size()) / kRate;
  std::printf("pace of them as one passage, pauses included: %.1f words per minute (%.2f s)\n",
              60.0 * static_cast<double>(words) / passage_seconds, passage_seconds);
  return 0;
}
