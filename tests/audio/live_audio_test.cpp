// Unit tests of the live path's mixing without a device (the hook driven directly) and of "no device".
#include "audio/live_audio.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <vector>

namespace attune::audio {
namespace {

using namespace std::chrono_literals;

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
  const auto constructed = std::chrono::steady_clock::now();
  LiveAudio audio;
  EXPECT_FALSE(audio.Open());
  EXPECT_FALSE(audio.available());
  EXPECT_EQ(audio.status_message(), "No audio device: playing silently");
  // Clock() never goes back by construction (it keeps its largest reading), so "still runs" is checked
  // against the steady clock: between two readings it advances at least as far as the steady clock did
  // (spun for 2 ms, no sleep), and it never reads more than the time since the LiveAudio was made.
  const core::Micros first = audio.Clock();
  const auto spin_from = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - spin_from < 2ms) {
  }
  const auto spun = std::chrono::duration_cast<core::Micros>(std::chrono::steady_clock::now() - spin_from);
  const core::Micros second = audio.Clock();
  const auto since_constructed =
      std::chrono::duration_cast<core::Micros>(std::chrono::steady_clock::now() - constructed);
  EXPECT_GE(second - first, spun);
  EXPECT_GE(first, core::Micros{0});
  EXPECT_LE(second, since_constructed);
  audio.Poll();
  audio.Close();
  unsetenv("SDL_AUDIODRIVER");
}

TEST(LiveAudioTest, ClockTrailsRenderedFramesByTheQueuedBuffer) {
  // One second mixed (48000 frames), the last callback's 1024 still queued: 21.333 ms not yet heard.
  const core::Micros base{1'000'000};
  EXPECT_EQ(HeardClock(base, kRate, 48000, 1024, 0ns), core::Micros{1'978'666});
  EXPECT_EQ(HeardClock(base, kRate, 48000, 1024, 10ms), core::Micros{1'988'666});
  // Late callbacks: the clock waits just before the last frame mixed instead of running past it.
  EXPECT_EQ(HeardClock(base, kRate, 48000, 1024, 50ms), core::Micros{1'999'999});
  EXPECT_EQ(HeardClock(base, kRate, 48000, 1024, -3ms), core::Micros{1'978'666});
}

TEST(LiveAudioTest, ClockContinuesWithoutAJumpWhenADeviceOpens) {
  const core::Micros now{5'000'000};
  const core::Micros base = DeviceClockBase(now, kRate, 1024);
  EXPECT_EQ(base, core::Micros{5'021'334});  // device frame 0 is heard one buffer from now
  EXPECT_EQ(HeardClock(base, kRate, 0, 1024, 0ns), now);
}

TEST(LiveAudioTest, ClockNeverStepsBackAcrossCallbacks) {
  // Callbacks that come early, late and in bursts (as the disk and dummy drivers do), with buffers of
  // changing size; the clock read every 0.1 ms in between.
  struct Callback {
    std::int64_t at_us;
    int frames;
  };
  const std::vector<Callback> callbacks = {{0, 1024},       {21'333, 1024}, {30'000, 1024}, {30'050, 1024},
                                           {90'000, 1024},  {91'000, 512},  {95'000, 256},  {140'000, 1024},
                                           {140'001, 1024}, {200'000, 1024}};
  const core::Micros base = DeviceClockBase(core::Micros{0}, kRate, 1024);
  std::int64_t mixed = 0, queued = 1024, callback_us = 0;
  core::Micros previous{0};
  std::size_t next = 0;
  int readings = 0;
  for (std::int64_t t = 0; t <= 250'000; t += 100) {
    while (next < callbacks.size() && callbacks[next].at_us <= t) {
      mixed += callbacks[next].frames;
      queued = callbacks[next].frames;
      callback_us = callbacks[next].at_us;
      ++next;
    }
    const core::Micros now =
        HeardClock(base, kRate, mixed, queued, std::chrono::microseconds(t - callback_us));
    ASSERT_GE(now, previous) << "at " << t << " us";
    ASSERT_LE(now, base + core::Micros{mixed * 1'000'000 / kRate}) << "at " << t << " us";
    previous = now;
    ++readings;
  }
  EXPECT_EQ(readings, 2501);
  // 8960 frames mixed; 50 ms after the last callback its 1024 frames have all been heard, just about.
  EXPECT_EQ(previous, core::Micros{21'334 + 165'333 + 21'333});
}

// Breathe 0-4 s, rest 4-10 s (step 2), breathe 10-14 s, with glide, pink noise and a cue at each step.
core::Timeline RestTimeline() {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(14);
  timeline.sound.ambience = "pink";
  const core::PhaseKind kinds[] = {core::PhaseKind::kInhale, core::PhaseKind::kRest,
                                   core::PhaseKind::kExhale};
  const int bounds[] = {0, 4, 10, 14};
  const double lungs[] = {0.0, 1.0, 1.0, 0.0};
  for (int i = 0; i < 3; ++i) {
    const auto at = static_cast<std::size_t>(i);
    core::TimelinePhase phase;
    phase.start = core::FromSeconds(bounds[at]);
    phase.end = core::FromSeconds(bounds[at + 1]);
    phase.kind = kinds[at];
    phase.step = i + 1;
    phase.lungs_from = lungs[at];
    phase.lungs_to = lungs[at + 1];
    timeline.phases.push_back(phase);
    core::TimelineStep step;
    step.start = phase.start;
    step.end = phase.end;
    timeline.steps.push_back(step);
    timeline.cues.push_back(core::Cue{phase.start, i == 1 ? core::CueSound::kChime : core::CueSound::kBowl});
  }
  return timeline;
}

TEST(LiveAudioTest, ExtendingARestSwapsTheSoundWithoutAGapAsTheOfflineRenderOfTheLongerTimeline) {
  const auto timeline = std::make_shared<const core::Timeline>(RestTimeline());
  const std::optional<core::Timeline> longer = core::ExtendRestAt(*timeline, core::FromSeconds(6), 5s);
  ASSERT_TRUE(longer.has_value());
  std::shared_ptr<const SessionSound> sound = SessionSound::Prepare(timeline, kRate, nullptr);
  LiveAudio audio;
  audio.SetSound(sound);
  audio.SetClockMap(core::ClockMap{true, core::Micros{0}, core::Micros{0}, timeline->duration});
  const int total = 20 * kRate;
  std::vector<std::int16_t> stream(2 * static_cast<std::size_t>(total), 0);
  int done = 0;
  for (; done < 6 * kRate; done += 1024) audio.MixInto(stream.data() + 2 * done, 1024);
  // E pressed 6.0 s into the rest: the player's map goes on along the same line, up to the new end.
  const core::Micros now{std::int64_t{done} * 1'000'000 / kRate};
  std::shared_ptr<const SessionSound> extended =
      sound->Retarget(std::make_shared<const core::Timeline>(*longer), nullptr);
  audio.SetSound(extended);
  audio.SetClockMap(core::ClockMap{true, now, now, longer->duration});
  sound.reset();  // the device holds it as long as the audio thread needs it
  for (; done < total; done += 1024) audio.MixInto(stream.data() + 2 * done, std::min(1024, total - done));
  const std::vector<std::int16_t> expected = Offline(*extended, 0, total);
  for (std::size_t i = 0; i < expected.size(); ++i) ASSERT_EQ(stream[i], expected[i]) << "sample " << i;
}

TEST(LiveAudioTest, SwappingToADifferentSoundMidSessionCrossFadesOverFiveMilliseconds) {
  core::Timeline noisy = RestTimeline();
  core::Timeline quiet = noisy;
  quiet.sound.ambience = "none";
  const std::shared_ptr<const SessionSound> from =
      SessionSound::Prepare(std::make_shared<const core::Timeline>(noisy), kRate, nullptr);
  const std::shared_ptr<const SessionSound> to =
      from->Retarget(std::make_shared<const core::Timeline>(quiet), nullptr);
  LiveAudio audio;
  audio.SetSound(from);
  audio.SetClockMap(core::ClockMap{true, core::Micros{0}, core::Micros{0}, noisy.duration});
  std::vector<std::int16_t> stream(2 * 1024, 0);
  for (int i = 0; i < 300; ++i) audio.MixInto(stream.data(), 1024);  // 6.4 s: pink noise in the rest
  audio.SetSound(to);
  std::fill(stream.begin(), stream.end(), std::int16_t{0});
  audio.MixInto(stream.data(), 1024);
  const std::vector<std::int16_t> old_sound = Offline(*from, 300 * 1024, 1024);
  const std::vector<std::int16_t> new_sound = Offline(*to, 300 * 1024, 1024);
  EXPECT_EQ(stream[0], old_sound[0]);
  for (std::size_t f = 0; f < 240; ++f) {
    // Within a rounding step of new + (old - new) * (1 - f / 240).
    const double gain = 1.0 - static_cast<double>(f) / 240.0;
    const double faded = new_sound[2 * f] + (old_sound[2 * f] - new_sound[2 * f]) * gain;
    ASSERT_NEAR(stream[2 * f], faded, 1.0) << "frame " << f;
  }
  for (std::size_t i = 2 * 240; i < stream.size(); ++i) ASSERT_EQ(stream[i], new_sound[i]) << "sample " << i;
}

}  // namespace
}  // namespace attune::audio
