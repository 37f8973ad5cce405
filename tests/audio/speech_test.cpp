// Unit tests of synthesized speech (flite for English, espeak-ng otherwise) in the mix: energy where prompts
// are, and nowhere else; phrases and pauses; the engine per language; the fallback when a voice is missing.
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
  // Speech starts at the prompt's start: loud within its first 100 ms (a "b" opens softly, in a fade).
  EXPECT_GT(std::max(rms[2 * 20], rms[2 * 20 + 1]), 0.01);
  EXPECT_GT(std::max(rms[12 * 20], rms[12 * 20 + 1]), 0.01);
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
  SpeechSynthesizer::Instance().Configure(VoiceChoice{"espeak", 125});
  const auto espeak = SpeechSynthesizer::Instance().Speak("en", "Hold.", kRate);
  ASSERT_NE(espeak, nullptr);
  peak = 0.0f;
  for (float s : *espeak) peak = std::max(peak, std::abs(s));
  EXPECT_FLOAT_EQ(peak, 0.5f);
  SpeechSynthesizer::Instance().Configure(VoiceChoice{});
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

TEST(SpeechTest, TextIsCutIntoPhrasesAtCommasAndSentenceEnds) {
  const std::vector<SpokenPhrase> phrases = SplitPhrases("  Breathe in, slowly. And out 3.5 times!  Rest");
  ASSERT_EQ(phrases.size(), 4u);
  EXPECT_EQ(phrases[0].text, "Breathe in,");
  EXPECT_EQ(phrases[0].pause, PauseKind::kPhrase);
  EXPECT_EQ(phrases[1].text, "slowly.");
  EXPECT_EQ(phrases[1].pause, PauseKind::kSentence);
  EXPECT_EQ(phrases[2].text, "And out 3.5 times!");
  EXPECT_EQ(phrases[2].pause, PauseKind::kSentence);
  EXPECT_EQ(phrases[3].text, "Rest");
  EXPECT_TRUE(SplitPhrases(" , ").size() == 1u && SplitPhrases(" , ")[0].text == ",");
  EXPECT_TRUE(SplitPhrases("   ").empty());
}

// Restores the default voice and rate whatever a test chose.
class VoiceChoiceTest : public ::testing::Test {
 protected:
  void TearDown() override { SpeechSynthesizer::Instance().Configure(VoiceChoice{}); }
};

TEST_F(VoiceChoiceTest, EnglishIsSpokenByFliteAndOtherLanguagesByEspeak) {
  SpeechSynthesizer& synth = SpeechSynthesizer::Instance();
  if (FliteVoiceNames().empty()) GTEST_SKIP() << "built without flite";
  synth.Configure(VoiceChoice{});
  EXPECT_EQ(synth.engine_for("en"), "flite");
  EXPECT_EQ(synth.engine_for("en-GB"), "flite");
  EXPECT_EQ(synth.engine_for(""), "flite");
  EXPECT_EQ(synth.engine_for("de"), "espeak-ng");
  EXPECT_EQ(synth.fallback_notice("en"), "");
  EXPECT_NE(synth.engine_id().find("flite 2.2 phrases 1 kal16"), std::string::npos) << synth.engine_id();
  synth.Configure(VoiceChoice{"espeak", 125});
  EXPECT_EQ(synth.engine_for("en"), "espeak-ng");
  EXPECT_EQ(synth.fallback_notice("en"), "");  // chosen, not a fallback
  EXPECT_EQ(synth.engine_id().find("flite"), std::string::npos);
}

// A sentence break is the pause between two sentences spoken alone: the lengths add up to the frame.
TEST_F(VoiceChoiceTest, SentencesArePausedByTheSentencePauseAtTheRate) {
  SpeechSynthesizer& synth = SpeechSynthesizer::Instance();
  if (FliteVoiceNames().empty()) GTEST_SKIP() << "built without flite";
  for (const int rate : {125, 100}) {
    synth.Configure(VoiceChoice{"kal16", rate});
    const auto first = synth.Measure("en", "Breathe in.");
    const auto second = synth.Measure("en", "Let it go.");
    const auto both = synth.Measure("en", "Breathe in. Let it go.");
    ASSERT_TRUE(first && second && both);
    EXPECT_EQ(both->rate, 16000);
    const auto pause = std::llround(kSentencePauseSeconds * 125.0 / rate * both->rate);
    EXPECT_EQ(both->frames, first->frames + second->frames + pause) << rate;
    const auto clip = synth.Speak("en", "Breathe in. Let it go.", 48000);
    ASSERT_TRUE(clip);
    EXPECT_EQ(static_cast<std::int64_t>(clip->size()), SpokenFramesAt(*both, 48000));
  }
}

TEST_F(VoiceChoiceTest, ASlowerRateIsLongerAndHasItsOwnEngineId) {
  SpeechSynthesizer& synth = SpeechSynthesizer::Instance();
  if (!synth.available()) GTEST_SKIP() << "no speech engine here";
  for (const std::string voice : {"kal16", "espeak"}) {
    synth.Configure(VoiceChoice{voice, 125});
    const std::string id = synth.engine_id();
    const auto normal = synth.Measure("en", "Let your shoulders soften as you breathe out.");
    synth.Configure(VoiceChoice{voice, 90});
    EXPECT_NE(synth.engine_id(), id);
    const auto slow = synth.Measure("en", "Let your shoulders soften as you breathe out.");
    ASSERT_TRUE(normal && slow);
    EXPECT_GT(static_cast<double>(slow->frames) / slow->rate,
              1.1 * static_cast<double>(normal->frames) / normal->rate)
        << voice;
  }
}

TEST_F(VoiceChoiceTest, AMissingVoiceFallsBackToEspeakWithOneNotice) {
  SpeechSynthesizer& synth = SpeechSynthesizer::Instance();
  if (!synth.available()) GTEST_SKIP() << "no speech engine here";
  synth.Configure(VoiceChoice{"cmu_us_nobody", 125});
  EXPECT_EQ(synth.engine_for("en"), "espeak-ng");
  EXPECT_EQ(synth.fallback_notice("en"),
            "The natural voice 'cmu_us_nobody' is unavailable: English is spoken by espeak-ng");
  EXPECT_EQ(synth.fallback_notice("de"), "");  // German never was flite's
  ASSERT_TRUE(synth.Speak("en", "Breathe in.", kRate));

  core::Timeline timeline;
  timeline.duration = core::FromSeconds(10);
  timeline.sound.breath = core::BreathSound::kNone;
  timeline.phases = {core::TimelinePhase{}};
  timeline.phases[0].end = timeline.duration;
  timeline.prompts = {MakePrompt(1, 4, "Breathe in."), MakePrompt(5, 9, "And out.")};
  std::vector<std::string> notices;
  ASSERT_TRUE(SessionSound::Prepare(std::make_shared<const core::Timeline>(timeline), kRate, &notices));
  EXPECT_EQ(notices, std::vector<std::string>{
                         "The natural voice 'cmu_us_nobody' is unavailable: English is spoken by espeak-ng"});
}

}  // namespace
}  // namespace attune::audio
