// Unit tests of synthesized speech (espeak-ng) in the mix: energy where prompts are, and nowhere else.
#include "audio/speech.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "audio/mixer.hpp"
#include "audio/speech_length.hpp"

namespace attune::audio {
namespace {

constexpr int kRate = 48000;

core::Prompt MakePrompt(double start, double end, const std::string& text) {
  return core::Prompt{core::FromSeconds(start),
                      core::FromSeconds(end),
                      core::FromSeconds(end),
                      text,
                      core::Person::kBoth,
                      "",
                      1};
}

TEST(SpeechTest, SpeechEnergyAppearsWithinPromptWindowsAndNowhereElse) {
  if (!SpeechSynthesizer::Instance().available()) GTEST_SKIP() << "espeak-ng is not available here";
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(20);
  timeline.sound.breath = core::BreathSound::kNone;
  core::TimelinePhase say;
  say.end = core::FromSeconds(20);
  timeline.phases = {say};
  timeline.prompts = {MakePrompt(2, 8, "Breathe in slowly."), MakePrompt(12, 18, "And let it go.")};
  std::vector<std::string> notices;
  const auto sound = SessionSound::Prepare(std::make_shared<const core::Timeline>(timeline), kRate, &notices);
  EXPECT_TRUE(notices.empty());
  ASSERT_TRUE(sound->PrepareSpan(0, sound->duration_frames()));
  std::vector<float> out(2 * static_cast<std::size_t>(sound->duration_frames()));
  sound->Render(0, static_cast<int>(sound->duration_frames()), out.data(), Volumes{1, 0, 0, 1, 0, false});

  // Per 50 ms window: speech or silence.
  constexpr std::size_t kWindow = kRate / 20;
  std::vector<double> rms;
  for (std::size_t w = 0; w + kWindow <= out.size() / 2; w += kWindow) {
    double sum = 0.0;
    for (std::size_t f = w; f < w + kWindow; ++f) sum += static_cast<double>(out[2 * f]) * out[2 * f];
    rms.push_back(std::sqrt(sum / kWindow));
  }
  auto loud_in = [&](double from, double to) {
    int loud = 0;
    for (auto w = static_cast<std::size_t>(from * 20); w < static_cast<std::size_t>(to * 20); ++w)
      loud += rms[w] > 0.01;
    return loud;
  };
  EXPECT_EQ(loud_in(0, 2), 0);
  EXPECT_EQ(loud_in(8, 12), 0);
  EXPECT_EQ(loud_in(18, 20), 0);
  EXPECT_GE(loud_in(2, 8), 10);  // at least half a second of speech
  EXPECT_GE(loud_in(12, 18), 10);
  EXPECT_GT(rms[2 * 20], 0.01);  // speech starts at the prompt's start
  EXPECT_GT(rms[12 * 20], 0.01);
}

TEST(SpeechTest, TheSameTextIsSynthesizedOnce) {
  if (!SpeechSynthesizer::Instance().available()) GTEST_SKIP() << "espeak-ng is not available here";
  const auto first = SpeechSynthesizer::Instance().Speak("en", "Hold.", kRate);
  const auto second = SpeechSynthesizer::Instance().Speak("en", "Hold.", kRate);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first.get(), second.get());
  float peak = 0.0f;
  for (float s : *first) peak = std::max(peak, std::abs(s));
  EXPECT_FLOAT_EQ(peak, 0.5f);
}

// The timeline's spoken length is the length of exactly the speech the mixer plays, at any rate.
TEST(SpeechTest, SynthSpeechLengthIsTheLengthOfTheSpokenClipAtEveryRate) {
  if (!SpeechSynthesizer::Instance().available()) GTEST_SKIP() << "espeak-ng is not available here";
  const SynthSpeechLength speech;
  const std::string text = "You might let your attention rest on the left foot.";
  const std::optional<core::Micros> length = speech.Length("en", text);
  ASSERT_TRUE(length.has_value());
  EXPECT_GT(*length, core::FromSeconds(1.5));
  EXPECT_LT(*length, core::FromSeconds(6.0));
  EXPECT_EQ(speech.Length("en", text), length);  // deterministic
  EXPECT_LT(*speech.Length("en", "Now."), *length);
  for (const int rate : {22050, 44100, 48000}) {
    const auto clip = SpeechSynthesizer::Instance().Speak("en", text, rate);
    ASSERT_TRUE(clip);
    const double clip_seconds = static_cast<double>(clip->size()) / rate;
    EXPECT_NEAR(clip_seconds, core::ToSeconds(*length), 1.0 / rate) << rate;
    // The clip really sounds up to its last sample: the trimmed speech ends at its end.
    float tail = 0.0f;
    for (std::size_t i = clip->size() - static_cast<std::size_t>(rate / 20); i < clip->size(); ++i)
      tail = std::max(tail, std::abs((*clip)[i]));
    EXPECT_GT(tail, 0.002f) << rate;
  }
}

}  // namespace
}  // namespace attune::audio
