// Unit tests of the live path's mixing without a device (the hook driven directly) and of "no device".
#include "audio/live_audio.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

namespace attune::audio {
namespace {

constexpr int kRate = 48000;

std::shared_ptr<const SessionSound> MakeSound() {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(4);
  timeline.sound.ambience = "pink";
  core::TimelinePhase inhale;
  inhale.end = core::FromSeconds(4);
  inhale.kind = core::PhaseKind::kInhale;
  inhale.lungs_to = 1.0;
  timeline.phases = {inhale};
  timeline.cues = {core::Cue{core::Micros{500'000}, core::CueSound::kBowl},
                   core::Cue{core::Micros{2'000'000}, core::CueSound::kChime}};
  return SessionSound::Prepare(std::make_shared<const core::Timeline>(timeline), kRate, nullptr);
}

std::vector<std::int16_t> Offline(const SessionSound& sound, std::int64_t first, int frames) {
  std::vector<float> out(2 * static_cast<std::size_t>(frames));
  sound.Render(first, frames, out.data(), Volumes{});
  std::vector<std::int16_t> pcm(out.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    pcm[i] = static_cast<std::int16_t>(std::lrint(out[i] * 32767.0f));
  return pcm;
}

TEST(LiveAudioTest, TheHookPlaysTheSameSamplesAsTheOfflineRenderFromTheClockMap) {
  const auto sound = MakeSound();
  LiveAudio audio;
  audio.SetSound(sound);
  // The session starts when the device clock reads 0.1 s: device frame 4800 is session frame 0.
  audio.SetClockMap(core::ClockMap{true, core::Micros{100'000}, core::Micros{0}, core::FromSeconds(4)});
  const int total = 5 * kRate;
  std::vector<std::int16_t> stream(2 * total, 0);
  for (int done = 0; done < total; done += 1024)
    audio.MixInto(stream.data() + 2 * done, std::min(1024, total - done));
  EXPECT_EQ(audio.frames_mixed(), total);
  const std::vector<std::int16_t> expected = Offline(*sound, 0, 4 * kRate);
  for (std::size_t f = 0; f < 4800; ++f) ASSERT_EQ(stream[2 * f], 0) << "frame " << f;
  for (std::size_t i = 0; i < expected.size(); ++i)
    ASSERT_EQ(stream[9600 + i], expected[i]) << "sample " << i;
  for (std::size_t f = 4800 + 4 * kRate; f < stream.size() / 2; ++f)
    ASSERT_EQ(stream[2 * f], 0) << "frame " << f;
}

TEST(LiveAudioTest, APauseFadesOutWithinFiveMillisecondsAndThenIsSilent) {
  const auto sound = MakeSound();
  LiveAudio audio;
  audio.SetSound(sound);
  audio.SetClockMap(core::ClockMap{true, core::Micros{0}, core::Micros{0}, core::FromSeconds(4)});
  std::vector<std::int16_t> stream(2 * 1024, 0);
  for (int i = 0; i < 30; ++i) audio.MixInto(stream.data(), 1024);  // 0.64 s: the bowl rings
  // Paused at the session time the device had reached.
  audio.SetClockMap(
      core::ClockMap{false, core::Micros{640'000}, core::Micros{640'000}, core::FromSeconds(4)});
  std::fill(stream.begin(), stream.end(), std::int16_t{0});
  audio.MixInto(stream.data(), 1024);
  EXPECT_NE(stream[0], 0);
  int largest_after_fade = 0;
  for (std::size_t f = 240; f < 1024; ++f)
    largest_after_fade = std::max(largest_after_fade, std::abs(stream[2 * f]));
  EXPECT_EQ(largest_after_fade, 0);
  int largest_step = 0;
  for (std::size_t f = 1; f < 240; ++f) {
    largest_step = std::max(largest_step, std::abs(stream[2 * f] - stream[2 * f - 2]));
  }
  EXPECT_LT(largest_step, 600);  // a fade, not a cut
}

TEST(LiveAudioTest, WithoutADeviceOpenFailsWithTheNoticeAndTheClockStillRuns) {
  setenv("SDL_AUDIODRIVER", "nosuchdriver", 1);
  LiveAudio audio;
  EXPECT_FALSE(audio.Open());
  EXPECT_FALSE(audio.available());
  EXPECT_EQ(audio.status_message(), "No audio device: playing silently");
  const core::Micros first = audio.Clock();
  const core::Micros second = audio.Clock();
  EXPECT_GE(second, first);
  audio.Poll();
  audio.Close();
  unsetenv("SDL_AUDIODRIVER");
}

}  // namespace
}  // namespace attune::audio
