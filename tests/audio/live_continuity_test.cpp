// Unit tests of the live hook's continuity, driven without a device: muting, volume changes, pausing,
// resuming and skipping between buffers never step the signal, on a session whose sound is smooth itself
// (the breath glide alone), so any step would be the hook's.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <vector>

#include "audio/live_audio.hpp"
#include "audio/session_audio.hpp"

namespace attune::audio {
namespace {

constexpr int kRate = 48000;
constexpr int kBuffer = 960;          // 20 ms: buffer boundaries fall on whole microseconds
constexpr int kFullScaleStep = 1638;  // 0.05 of full scale in S16

core::TimelinePhase Breath(double from, double to, core::PhaseKind kind, double lungs_from, double lungs_to) {
  core::TimelinePhase phase;
  phase.start = core::FromSeconds(from);
  phase.end = core::FromSeconds(to);
  phase.kind = kind;
  phase.lungs_from = lungs_from;
  phase.lungs_to = lungs_to;
  return phase;
}

// 12 s of the glide alone: in, out, in (no cues, no ambience, no voice).
std::shared_ptr<const SessionSound> GlideSound() {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(12);
  timeline.sound.ambience = "none";
  timeline.phases = {Breath(0, 4, core::PhaseKind::kInhale, 0, 1),
                     Breath(4, 8, core::PhaseKind::kExhale, 1, 0),
                     Breath(8, 12, core::PhaseKind::kInhale, 0, 1)};
  return SessionSound::Prepare(std::make_shared<const core::Timeline>(timeline), kRate, nullptr);
}

constexpr Volumes kLoud{1.0f, 1.0f, 1.0f, 1.0f, 1.0f, false};

// The largest step between neighbouring samples of the left channel in frames [from, to).
int LargestStep(const std::vector<std::int16_t>& pcm, std::size_t from, std::size_t to) {
  int largest = 0;
  for (std::size_t f = std::max<std::size_t>(from, 1); f < to && f < pcm.size() / 2; ++f)
    largest = std::max(largest, std::abs(pcm[2 * f] - pcm[2 * f - 2]));
  return largest;
}

int Peak(const std::vector<std::int16_t>& pcm, std::size_t from, std::size_t to) {
  int peak = 0;
  for (std::size_t f = from; f < to && f < pcm.size() / 2; ++f) peak = std::max(peak, std::abs(pcm[2 * f]));
  return peak;
}

// The glide's own largest step, played straight through at loud volumes.
int OwnLargestStep(const SessionSound& sound) {
  std::vector<float> out(2 * 12 * kRate);
  sound.Render(0, 12 * kRate, out.data(), kLoud);
  std::vector<std::int16_t> pcm(out.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    pcm[i] = static_cast<std::int16_t>(std::lrint(out[i] * 32767.0f));
  return LargestStep(pcm, 0, pcm.size() / 2);
}

core::Micros MicrosOfFrame(std::int64_t frame) { return core::Micros{frame * 1'000'000 / kRate}; }

// Mixes `buffers` buffers; before buffer b, `changes[b]` (if any) is applied.
std::vector<std::int16_t> Play(LiveAudio& audio, int buffers,
                               const std::map<int, std::function<void()>>& changes) {
  std::vector<std::int16_t> pcm(2 * static_cast<std::size_t>(buffers) * kBuffer, 0);
  for (int b = 0; b < buffers; ++b) {
    if (auto it = changes.find(b); it != changes.end()) it->second();
    audio.MixInto(pcm.data() + 2 * static_cast<std::size_t>(b) * kBuffer, kBuffer);
  }
  return pcm;
}

TEST(LiveContinuityTest, MutingAndVolumeChangesRampWithoutAStep) {
  const auto sound = GlideSound();
  const int own = OwnLargestStep(*sound);
  LiveAudio audio;
  audio.SetSound(sound);
  audio.SetVolumes(kLoud);
  audio.SetClockMap(core::ClockMap{true, core::Micros{0}, core::Micros{0}, core::FromSeconds(12)});
  Volumes quiet = kLoud;
  quiet.master = 0.2f;
  Volumes muted = kLoud;
  muted.muted = true;
  // Mute at 1 s, unmute at 1.6 s, master down to 0.2 at 2 s, up again at 2.4 s, a change while the last
  // ramp is under way at 3 s + 20 ms.
  const std::vector<std::int16_t> pcm = Play(audio, 200,
                                             {{50, [&] { audio.SetVolumes(muted); }},
                                              {80, [&] { audio.SetVolumes(kLoud); }},
                                              {100, [&] { audio.SetVolumes(quiet); }},
                                              {120, [&] { audio.SetVolumes(kLoud); }},
                                              {150, [&] { audio.SetVolumes(quiet); }},
                                              {151, [&] { audio.SetVolumes(kLoud); }}});
  const int largest = LargestStep(pcm, 0, pcm.size() / 2);
  std::printf("glide's own largest step %d, live largest step %d (of 32767)\n", own, largest);
  EXPECT_LE(largest, own + own / 4 + 2);
  EXPECT_LE(largest, kFullScaleStep);
  const std::size_t mute_at = 50 * kBuffer;
  const auto ramp = static_cast<std::size_t>(kVolumeRampMicros.count() * kRate / 1'000'000);
  // The ramp takes its time (10-20 ms), then the mute is silence until the unmute.
  EXPECT_GE(ramp, 480u);
  EXPECT_LE(ramp, 960u);
  EXPECT_GT(Peak(pcm, mute_at + ramp / 2, mute_at + ramp * 3 / 4), 0);
  EXPECT_EQ(Peak(pcm, mute_at + ramp, 80 * kBuffer), 0);
  EXPECT_GT(Peak(pcm, 80 * kBuffer + ramp, 100 * kBuffer), 300);
}

TEST(LiveContinuityTest, PausingResumingAndSkippingFadeWithoutAStep) {
  const auto sound = GlideSound();
  const int own = OwnLargestStep(*sound);
  LiveAudio audio;
  audio.SetSound(sound);
  audio.SetVolumes(kLoud);
  const core::Micros limit = core::FromSeconds(12);
  audio.SetClockMap(core::ClockMap{true, core::Micros{0}, core::Micros{0}, limit});
  // Paused at 1 s (device frame 50 buffers in: session 1 s), resumed at 1.5 s, skipped to 9 s at 2 s,
  // skipped back to 5 s at 2.5 s.
  const auto at = [](int buffer) { return MicrosOfFrame(std::int64_t{buffer} * kBuffer); };
  const std::vector<std::int16_t> pcm =
      Play(audio, 160,
           {{50,
             [&] {
               audio.SetClockMap(core::ClockMap{false, at(50), at(50), limit});
             }},
            {75,
             [&] {
               audio.SetClockMap(core::ClockMap{true, at(75), at(50), limit});
             }},
            {100,
             [&] {
               audio.SetClockMap(core::ClockMap{true, at(100), core::FromSeconds(9), limit});
             }},
            {125, [&] {
               audio.SetClockMap(core::ClockMap{true, at(125), core::FromSeconds(5), limit});
             }}});
  const int largest = LargestStep(pcm, 0, pcm.size() / 2);
  std::printf("glide's own largest step %d, live largest step %d (of 32767)\n", own, largest);
  EXPECT_LE(largest, own + own / 4 + 2);
  EXPECT_LE(largest, kFullScaleStep);
  // Paused: silence after the fade; resumed: the glide again.
  EXPECT_EQ(Peak(pcm, 50 * kBuffer + 480, 75 * kBuffer), 0);
  EXPECT_GT(Peak(pcm, 75 * kBuffer + 480, 100 * kBuffer), 300);
}

// The player starts its clock on SessionAudio::sound_ready(): false from SetTimeline() until Poll() has
// handed the prepared sound to the device, and true at once when there is no device to wait for.
TEST(LiveContinuityTest, SoundIsReadyOnlyOnceHandedOverOrAtOnceWithoutADevice) {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(12);
  timeline.sound.ambience = "none";
  timeline.phases = {Breath(0, 4, core::PhaseKind::kInhale, 0, 1),
                     Breath(4, 8, core::PhaseKind::kExhale, 1, 0),
                     Breath(8, 12, core::PhaseKind::kInhale, 0, 1)};
  const auto shared = std::make_shared<const core::Timeline>(timeline);
  {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    SessionAudio audio;
    ASSERT_TRUE(audio.Open());
    EXPECT_TRUE(audio.sound_ready());  // nothing asked for yet
    audio.SetTimeline(shared);
    EXPECT_FALSE(audio.sound_ready());  // the worker prepares; nothing is handed over before Poll()
    EXPECT_EQ(audio.status(), "Preparing sound...");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    bool was_preparing_when_ready = false;
    while (!audio.sound_ready() && std::chrono::steady_clock::now() < deadline) {
      audio.Poll();
      was_preparing_when_ready = audio.sound_ready() && audio.preparing();
    }
    EXPECT_TRUE(audio.sound_ready());
    EXPECT_FALSE(was_preparing_when_ready);
    EXPECT_EQ(audio.status(), "");
    EXPECT_GT(audio.output_latency(), core::Micros{0});
  }
  {
    setenv("SDL_AUDIODRIVER", "nosuchdriver", 1);
    SessionAudio audio;
    EXPECT_FALSE(audio.Open());
    audio.SetTimeline(shared);
    EXPECT_TRUE(audio.sound_ready());  // no device: the session starts at once, silently
    EXPECT_EQ(audio.output_latency(), core::Micros{0});
  }
  unsetenv("SDL_AUDIODRIVER");
}

}  // namespace
}  // namespace attune::audio
