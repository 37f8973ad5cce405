// Unit tests of voice clips prepared in order of need (SessionSound::PrepareSpan / PrepareAhead) and of
// SessionAudio's cancellable worker: first prompts first, the same samples as a sound with everything
// prepared, a bounded amount of memory however many prompts, and a prompt destructor.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "audio/mixer.hpp"
#include "audio/session_audio.hpp"
#include "audio/speech.hpp"
#include "audio/wav_writer.hpp"

namespace attune::audio {
namespace {

constexpr int kRate = 48000;

// This process's own folder for clips: other builds of these tests may run at the same time.
struct ClipFolder {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("attune_voice_prepare_" + std::to_string(::getpid()));
  ClipFolder() { std::filesystem::create_directories(path); }
  ~ClipFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

// A mono-in-stereo sine clip of `seconds` at 48 kHz (so decoding needs no resampling: fast).
std::string WriteClip(const std::string& name, double seconds, double hz) {
  static const ClipFolder folder;
  const auto path = (folder.path / name).string();
  WavWriter writer;
  EXPECT_TRUE(writer.Open(path, kRate, nullptr));
  std::vector<float> stereo;
  for (int i = 0; i < static_cast<int>(seconds * kRate); ++i) {
    const auto s = static_cast<float>(0.3 * std::sin(2.0 * 3.141592653589793 * hz * i / kRate));
    stereo.push_back(s);
    stereo.push_back(s);
  }
  writer.Write(stereo.data(), static_cast<int>(stereo.size() / 2));
  EXPECT_TRUE(writer.Close());
  return path;
}

// `count` recorded prompts `spacing` seconds apart from 1 s, each with its own text (so its own clip),
// cycling through four clip files of 0.6 to 1.5 s; pink ambience, so ducking follows every clip's length.
std::shared_ptr<const core::Timeline> RecordedPrompts(int count, double spacing) {
  static const std::vector<std::string> clips = {WriteClip("attune_voice_prepare_a.wav", 0.6, 220.0),
                                                 WriteClip("attune_voice_prepare_b.wav", 0.9, 330.0),
                                                 WriteClip("attune_voice_prepare_c.wav", 1.2, 440.0),
                                                 WriteClip("attune_voice_prepare_d.wav", 1.5, 550.0)};
  auto timeline = std::make_shared<core::Timeline>();
  const double seconds = 1.0 + spacing * count + 2.0;
  timeline->duration = core::FromSeconds(seconds);
  timeline->sound.breath = core::BreathSound::kNone;
  timeline->sound.ambience = "pink";
  core::TimelinePhase rest;
  rest.end = timeline->duration;
  rest.kind = core::PhaseKind::kRest;
  timeline->phases = {rest};
  for (int i = 0; i < count; ++i) {
    const double start = 1.0 + spacing * i;
    core::Prompt prompt;
    prompt.start = core::FromSeconds(start);
    prompt.end = core::FromSeconds(start + spacing);
    prompt.spoken_end = prompt.end;
    prompt.text = "Prompt " + std::to_string(i);
    prompt.voice = clips[static_cast<std::size_t>(i) % clips.size()];
    prompt.step = 1;
    timeline->prompts.push_back(prompt);
  }
  return timeline;
}

// The voice layer alone, at full level.
Volumes Only() { return Volumes{1.0f, 0.0f, 0.0f, 1.0f, 0.0f, false}; }

// The events sounding in [first, first + frames): what a render of that span needs.
int EventsIn(const SessionSound& sound, std::int64_t first, std::int64_t frames) {
  int count = 0;
  for (const auto& event : sound.voice_events()) {
    count += event.frame < first + frames && event.frame + event.length > first;
  }
  return count;
}

std::vector<float> RenderInBlocks(const SessionSound& sound, int block) {
  std::vector<float> out(2 * static_cast<std::size_t>(sound.duration_frames()));
  for (std::int64_t frame = 0; frame < sound.duration_frames(); frame += block) {
    const auto frames = static_cast<int>(std::min<std::int64_t>(block, sound.duration_frames() - frame));
    EXPECT_TRUE(sound.PrepareSpan(frame, frames));
    sound.Render(frame, frames, out.data() + 2 * frame, Volumes{});
  }
  return out;
}

TEST(VoicePrepareTest, ASoundOfThreeHundredPromptsIsReadyAfterOnlyItsFirstPromptsAreMade) {
  const auto timeline = RecordedPrompts(300, 4.0);
  std::vector<std::string> notices;
  const auto sound = SessionSound::Prepare(timeline, kRate, &notices);
  ASSERT_NE(sound, nullptr);
  EXPECT_TRUE(notices.empty());
  ASSERT_EQ(sound->voice_events().size(), 300u);
  EXPECT_EQ(sound->voice_stats().clips_made, 0);  // Prepare only measures
  EXPECT_EQ(sound->voice_stats().bytes, 0);

  // What SessionAudio waits for before handing the sound over: the first kFirstPromptSeconds.
  const auto first = static_cast<std::int64_t>(kFirstPromptSeconds * kRate);
  ASSERT_TRUE(sound->PrepareSpan(0, first));
  EXPECT_EQ(EventsIn(*sound, 0, first), 4);  // at 1, 5, 9 and 13 s
  EXPECT_EQ(sound->voice_stats().clips_made, 4);
  EXPECT_TRUE(sound->VoiceReady(0, first));
  EXPECT_FALSE(sound->VoiceReady(first, 10 * kRate));
  for (std::size_t i = 0; i < 300; ++i) EXPECT_EQ(sound->voice_clip(i) != nullptr, i < 4) << "prompt " << i;

  // The worker then goes on from the playhead, nearest first, one clip per step.
  ASSERT_TRUE(sound->PrepareAhead(0));
  EXPECT_NE(sound->voice_clip(4), nullptr);
  EXPECT_EQ(sound->voice_clip(5), nullptr);
  while (sound->PrepareAhead(0)) {
  }
  // Everything within kVoiceAheadSeconds of the playhead, nothing beyond it.
  const int ahead = EventsIn(*sound, 0, static_cast<std::int64_t>(kVoiceAheadSeconds * kRate));
  EXPECT_EQ(ahead, 23);  // starts at 1, 5, ..., 89 s
  EXPECT_EQ(sound->voice_stats().clips_made, ahead);
  EXPECT_EQ(sound->voice_clip(22) != nullptr, true);
  EXPECT_EQ(sound->voice_clip(23), nullptr);
}

TEST(VoicePrepareTest, RenderingWithClipsMadeOnDemandEqualsRenderingWithAllPrepared) {
  const auto timeline = RecordedPrompts(60, 1.3);  // clips overlap the next prompt: merged ducking spans
  const auto all = SessionSound::Prepare(timeline, kRate, nullptr);
  all->set_voice_budget_bytes(std::int64_t{1} << 30);
  ASSERT_TRUE(all->PrepareSpan(0, all->duration_frames()));
  EXPECT_EQ(all->voice_stats().clips_made, 60);
  std::vector<float> expected(2 * static_cast<std::size_t>(all->duration_frames()));
  all->Render(0, static_cast<int>(all->duration_frames()), expected.data(), Volumes{});

  // On demand, block by block, with a budget that holds only a few clips: they are made, released and
  // (past the horizon) never kept.
  const auto lazy = SessionSound::Prepare(timeline, kRate, nullptr);
  lazy->set_voice_budget_bytes(600'000);
  const std::vector<float> got = RenderInBlocks(*lazy, 4096);
  ASSERT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected);
  EXPECT_EQ(lazy->voice_stats().clips_made, 60);
  EXPECT_GT(lazy->voice_stats().clips_released, 50);
  // Within the budget but for what one span needs beyond it (at most one more clip of 288 KB here).
  EXPECT_LE(lazy->voice_stats().peak_bytes, 600'000 + 288'000);

  // A prompt whose clip is not ready is silent, and exact again once it is.
  const auto late = SessionSound::Prepare(timeline, kRate, nullptr);
  const std::int64_t at = late->voice_events()[0].frame;
  std::vector<float> silent(2 * 4096), ready(2 * 4096);
  late->Render(at, 4096, silent.data(), Only());
  for (float s : silent) ASSERT_EQ(s, 0.0f);
  ASSERT_TRUE(late->PrepareSpan(at, 4096));
  late->Render(at, 4096, ready.data(), Only());
  std::vector<float> reference(2 * 4096);
  all->Render(at, 4096, reference.data(), Only());
  EXPECT_TRUE(ready == reference);
}

TEST(VoicePrepareTest, TwoThousandPromptsRenderOfflineWithinTheVoiceBudget) {
  const auto timeline = RecordedPrompts(2000, 1.0);  // 2,000 clips of 115 KB to 288 KB: 390 MB in all
  const auto sound = SessionSound::Prepare(timeline, kRate, nullptr);
  ASSERT_EQ(sound->voice_budget_bytes(), kVoiceBudgetBytes);
  std::int64_t all_bytes = 0;
  for (const auto& event : sound->voice_events()) all_bytes += event.length * 4;
  EXPECT_GT(all_bytes, 20 * kVoiceBudgetBytes);
  std::vector<float> block(2 * 48000);
  double energy = 0.0;
  for (std::int64_t frame = 0; frame < sound->duration_frames(); frame += 48000) {
    const auto frames = static_cast<int>(std::min<std::int64_t>(48000, sound->duration_frames() - frame));
    ASSERT_TRUE(sound->PrepareSpan(frame, frames));
    sound->Render(frame, frames, block.data(), Only());
    for (int i = 0; i < 2 * frames; ++i)
      energy += static_cast<double>(block[static_cast<std::size_t>(i)]) * block[static_cast<std::size_t>(i)];
  }
  EXPECT_GT(energy, 1000.0);  // every prompt was heard
  EXPECT_EQ(sound->voice_stats().clips_made, 2000);
  EXPECT_LE(sound->voice_stats().peak_bytes, kVoiceBudgetBytes);
  EXPECT_LE(sound->voice_stats().peak_bytes, 2'000'000);  // a few seconds of clips at a time
}

TEST(VoicePrepareTest, ClipsFarBehindThePlayheadAreReleasedAndMadeAgainAfterASeekBack) {
  const auto timeline = RecordedPrompts(100, 4.0);
  const auto sound = SessionSound::Prepare(timeline, kRate, nullptr);
  while (sound->PrepareAhead(0)) {
  }
  ASSERT_NE(sound->voice_clip(0), nullptr);
  // The playhead at 200 s: what lies behind is released, what lies ahead is made.
  while (sound->PrepareAhead(200 * kRate)) {
  }
  EXPECT_EQ(sound->voice_clip(0), nullptr);
  EXPECT_EQ(sound->voice_clip(48), nullptr);  // at 193 s: ended before 198 s
  EXPECT_NE(sound->voice_clip(50), nullptr);  // at 201 s
  const std::int64_t released = sound->voice_stats().clips_released;
  EXPECT_EQ(released, 23);
  // Back to the start (the previous step): made again, nearest first.
  ASSERT_TRUE(sound->PrepareAhead(0));
  EXPECT_NE(sound->voice_clip(0), nullptr);
  EXPECT_EQ(sound->voice_clip(1), nullptr);
}

TEST(VoicePrepareTest, ThePlayingSoundNeverReadsAReleasedClip) {
  // The audio thread renders around a playhead that jumps while the worker releases and makes clips
  // under a small budget; every block it renders is either the exact samples or (for a clip not ready)
  // silence for that prompt, never freed memory (run under ASan/TSan in CI to see the difference).
  const auto timeline = RecordedPrompts(40, 2.0);
  const auto sound = SessionSound::Prepare(timeline, kRate, nullptr);
  sound->set_voice_budget_bytes(300'000);
  std::atomic<bool> done{false};
  std::atomic<std::int64_t> playhead{0};
  std::thread audio([&] {
    std::vector<float> out(2 * 1024);
    while (!done.load()) {
      const std::int64_t at = playhead.load();
      for (std::int64_t f = at; f < at + 4 * kRate; f += 1024) sound->Render(f, 1024, out.data(), Volumes{});
    }
  });
  for (int round = 0; round < 200; ++round) {
    playhead.store((round * 7 % 40) * 2 * kRate);
    for (int step = 0; step < 4 && sound->PrepareAhead(playhead.load()); ++step) {
    }
  }
  done.store(true);
  audio.join();
  EXPECT_GT(sound->voice_stats().clips_released, 10);
}

TEST(VoicePrepareTest, DestroyingTheSessionAudioMidPreparationWaitsForOnePromptAtMost) {
  SpeechSynthesizer& synth = SpeechSynthesizer::Instance();
  if (!synth.available()) GTEST_SKIP() << "espeak-ng is not available here";
  auto timeline = std::make_shared<core::Timeline>();
  timeline->duration = core::FromSeconds(200);
  timeline->sound.breath = core::BreathSound::kNone;
  core::TimelinePhase rest;
  rest.end = timeline->duration;
  timeline->phases = {rest};
  for (int i = 0; i < 60; ++i) {
    core::Prompt prompt;
    prompt.start = core::FromSeconds(1 + 3 * i);
    prompt.end = core::FromSeconds(4 + 3 * i);
    prompt.spoken_end = prompt.end;
    prompt.text = "Let the breath settle, number " + std::to_string(i) + ".";
    prompt.step = 1;
    timeline->prompts.push_back(prompt);
  }
  const std::int64_t before = synth.synthesis_count();
  std::int64_t at_destruction = 0;
  {
    SessionAudio audio;
    audio.Open();
    audio.SetTimeline(timeline);  // returns at once: the worker prepares
    EXPECT_TRUE(audio.preparing());
    EXPECT_EQ(audio.status().rfind("Preparing sound...", 0) == 0 || audio.status().find("No audio") == 0,
              true);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (synth.synthesis_count() < before + 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_GE(synth.synthesis_count(), before + 2);
    audio.SetTimeline(timeline);  // a new session: the old preparation is dropped, never waited for
    at_destruction = synth.synthesis_count();
  }
  // The one prompt being synthesized may finish; nothing after it.
  EXPECT_LE(synth.synthesis_count(), at_destruction + 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_LE(synth.synthesis_count(), at_destruction + 1);
}

}  // namespace
}  // namespace attune::audio
