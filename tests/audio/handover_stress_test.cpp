// The audio thread's hand-over under load: one thread runs the device's work (LiveAudio::MixInto) for a
// second while another hands it sounds (prepared and retargeted), clock maps and volumes as fast as it
// can. Part of the unit suite; under the tsan preset (.ci/run) it is the ThreadSanitizer check of
// audio/live_audio.cpp's atomics and hazard pointers: every retargeted sound is freed as soon as the
// audio thread lets go of it, so a use after free or an unordered access shows up as a report.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "audio/live_audio.hpp"
#include "core/compile_file.hpp"

namespace attune::audio {
namespace {

using namespace std::chrono_literals;

constexpr int kRate = 48000;
constexpr int kBuffer = 256;  // frames per MixInto: many hand-overs a second

// 30 s: breathing with a glide and cues, then a rest that ExtendRestAt can lengthen; no speech (the
// stress is the hand-over, not espeak-ng), generated ambience.
constexpr const char* kScript =
    "attune: 1\n"
    "title: Stress\n"
    "sound:\n"
    "  ambience: pink\n"
    "  voice: off\n"
    "steps:\n"
    "  - breathe: 4-2-6-0\n"
    "    cycles: 2\n"
    "  - rest: 6s\n";

TEST(HandoverStressTest, SoundsMapsAndVolumesHandedOverWhileTheAudioThreadMixesStayCoherent) {
  const core::CompiledFile compiled = core::CompileText(kScript, "stress.yaml");
  ASSERT_TRUE(compiled.ok());
  const std::shared_ptr<const core::Timeline> timeline = compiled.timeline;
  const core::Micros in_rest = timeline->duration - 3s;
  const std::optional<core::Timeline> longer = core::ExtendRestAt(*timeline, in_rest, 2s);
  ASSERT_TRUE(longer.has_value());
  const auto longer_timeline = std::make_shared<const core::Timeline>(*longer);
  const std::shared_ptr<const SessionSound> base = SessionSound::Prepare(timeline, kRate, nullptr);
  const std::shared_ptr<const SessionSound> extended = base->Retarget(longer_timeline, nullptr);

  LiveAudio audio;
  audio.SetSound(base);
  audio.SetClockMap(core::ClockMap{true, core::Micros{0}, core::Micros{0}, longer->duration});
  {
    std::vector<std::int16_t> stream(2 * kRate);
    audio.MixInto(stream.data(), kRate);
    std::int64_t heard = 0;
    for (const std::int16_t s : stream) heard += s != 0 ? 1 : 0;
    ASSERT_GT(heard, kRate) << "the first second is silent";
  }

  std::atomic<bool> done{false};
  std::atomic<std::int64_t> callbacks{0};
  std::atomic<std::int64_t> nonzero{0};
  // The hook's floats are within (-1, 1) (SessionSound::Render, convex cross-fades), so no sample reaches
  // -32768; a NaN or an infinity would (lrint gives LONG_MIN, clamped).
  std::atomic<std::int64_t> railed{0};
  std::thread audio_thread([&] {
    std::vector<std::int16_t> stream(2 * kBuffer);
    const auto end = std::chrono::steady_clock::now() + 1s;
    std::int64_t heard = 0, at_rail = 0;
    while (std::chrono::steady_clock::now() < end) {
      std::fill(stream.begin(), stream.end(), std::int16_t{0});
      audio.MixInto(stream.data(), kBuffer);
      for (const std::int16_t s : stream) {
        heard += s != 0 ? 1 : 0;
        at_rail += s == -32768 ? 1 : 0;
      }
      callbacks.fetch_add(1);
    }
    nonzero.store(heard);
    railed.store(at_rail);
    done.store(true);
  });

  // The UI thread: a new sound every turn (a fresh Retarget, a prepared one, none), a clock map that
  // seeks, pauses and resumes, and volumes that move.
  std::int64_t handovers = 0;
  std::weak_ptr<const SessionSound> last_fresh;
  for (std::int64_t turn = 0; !done.load(); ++turn) {
    std::shared_ptr<const SessionSound> next;
    switch (turn % 4) {
      case 0:
        next = base->Retarget(turn % 8 == 0 ? longer_timeline : timeline, nullptr);
        break;
      case 1:
        next = extended;
        break;
      case 2:
        next = base;
        break;
      default:
        next = turn % 16 == 3 ? nullptr : extended->Retarget(timeline, nullptr);
        break;
    }
    if (next && next != base && next != extended) last_fresh = next;
    audio.SetSound(std::move(next));  // the only owner of a fresh one from here on
    ++handovers;
    // The map anchors at the device's clock now (it mixes far faster than real time here).
    const core::Micros now{audio.frames_mixed() * 1'000'000 / kRate};
    const core::Micros at{(turn * 370'000) % longer->duration.count()};
    audio.SetClockMap(core::ClockMap{turn % 5 != 0, now, at, longer->duration});
    Volumes volumes;
    volumes.master = static_cast<float>(turn % 10) / 10.0f;
    volumes.muted = turn % 13 == 0;
    audio.SetVolumes(volumes);
  }
  audio_thread.join();

  EXPECT_GT(handovers, 200);
  // Both threads made progress. The audio thread's count is what a second of wall time allows: volumes move
  // every turn, so most buffers ramp (two renders blended), and under tsan on a loaded 2-core machine that
  // has been as few as ~30, so the bar is low; the handovers above are the stress.
  EXPECT_GT(callbacks.load(), 20);
  EXPECT_EQ(audio.frames_mixed(), kRate + callbacks.load() * kBuffer);
  // It played, not only faded (the layers sit at their loudness targets, ambience at -32 LUFS, so at a low
  // master many samples round to zero).
  EXPECT_GT(nonzero.load(), callbacks.load() * kBuffer / 20);
  EXPECT_EQ(railed.load(), 0);
  std::printf("hand-overs: %lld sounds, %lld buffers of %d frames\n", static_cast<long long>(handovers),
              static_cast<long long>(callbacks.load()), kBuffer);
  // Once the audio thread has mixed nothing twice, no retired sound is kept.
  std::vector<std::int16_t> stream(2 * kBuffer);
  audio.SetSound(nullptr);
  audio.MixInto(stream.data(), kBuffer);
  audio.MixInto(stream.data(), kBuffer);
  audio.SetSound(nullptr);
  EXPECT_TRUE(last_fresh.expired());
}

}  // namespace
}  // namespace attune::audio
