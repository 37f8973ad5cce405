// Unit tests of the mixer: exact cue placement, span independence, levels, glide, ticks, voice, ducking.
#include "audio/mixer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>

#include "audio/cue_synth.hpp"
#include "audio/loudness.hpp"
#include "audio/noise.hpp"
#include "audio/wav_writer.hpp"

namespace attune::audio {
namespace {

using core::Cue;
using core::CueSound;
using core::Person;
using core::PhaseKind;
using core::TimelinePhase;

using namespace std::chrono_literals;

constexpr int kRate = 48000;

TimelinePhase Phase(double start, double end, PhaseKind kind, double from, double to,
                    Person person = Person::kBoth) {
  TimelinePhase phase;
  phase.start = core::FromSeconds(start);
  phase.end = core::FromSeconds(end);
  phase.kind = kind;
  phase.person = person;
  phase.lungs_from = from;
  phase.lungs_to = to;
  return phase;
}

// 20 s for one person: say 0-2, inhale 2-6, hold 6-8, exhale 8-14, say 14-20; no cues, no prompts.
core::Timeline BreathingTimeline() {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(20);
  timeline.sound.ambience = "none";
  timeline.phases = {Phase(0, 2, PhaseKind::kSay, 0, 0), Phase(2, 6, PhaseKind::kInhale, 0, 1),
                     Phase(6, 8, PhaseKind::kHold, 1, 1), Phase(8, 14, PhaseKind::kExhale, 1, 0),
                     Phase(14, 20, PhaseKind::kSay, 0, 0)};
  return timeline;
}

core::Timeline QuietTimeline(double seconds) {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(seconds);
  timeline.sound.breath = core::BreathSound::kNone;
  timeline.sound.ambience = "none";
  timeline.phases = {Phase(0, seconds, PhaseKind::kRest, 0, 0)};
  return timeline;
}

// A sound with everything prepared (voice clips are otherwise made on demand: PrepareSpan).
std::unique_ptr<SessionSound> Prepare(const core::Timeline& timeline,
                                      std::vector<std::string>* notices = nullptr) {
  auto sound = SessionSound::Prepare(std::make_shared<const core::Timeline>(timeline), kRate, notices);
  sound->PrepareSpan(0, sound->duration_frames());
  return sound;
}

std::vector<float> RenderAll(const SessionSound& sound, const Volumes& volumes) {
  std::vector<float> out(2 * static_cast<std::size_t>(sound.duration_frames()));
  sound.Render(0, static_cast<int>(sound.duration_frames()), out.data(), volumes);
  return out;
}

Volumes Only(float Volumes::*layer) {
  Volumes volumes{1.0f, 0.0f, 0.0f, 0.0f, 0.0f, false};
  volumes.*layer = 1.0f;
  return volumes;
}

// RMS of one channel (0 left, 1 right) over [from, to) seconds.
double Rms(const std::vector<float>& stereo, int channel, double from, double to) {
  const auto first = static_cast<std::size_t>(from * kRate);
  const auto last = static_cast<std::size_t>(to * kRate);
  double sum = 0.0;
  for (std::size_t f = first; f < last; ++f)
    sum += std::pow(stereo[2 * f + static_cast<std::size_t>(channel)], 2);
  return std::sqrt(sum / static_cast<double>(last - first));
}

// Bursts of sound in [from, to) seconds of the left channel: runs above `threshold` separated by >= 20 ms
// below it.
int CountBursts(const std::vector<float>& stereo, double from, double to, float threshold) {
  int bursts = 0;
  std::size_t quiet = 1'000'000;
  for (auto f = static_cast<std::size_t>(from * kRate); f < static_cast<std::size_t>(to * kRate); ++f) {
    if (std::abs(stereo[2 * f]) > threshold) {
      if (quiet >= kRate / 50) ++bursts;
      quiet = 0;
    } else {
      ++quiet;
    }
  }
  return bursts;
}

std::string WriteSineClip(const std::string& name, int rate, double seconds, double hz) {
  const auto path = (std::filesystem::temp_directory_path() / name).string();
  WavWriter writer;
  EXPECT_TRUE(writer.Open(path, rate, nullptr));
  std::vector<float> stereo;
  for (int i = 0; i < static_cast<int>(seconds * rate); ++i) {
    const auto s = static_cast<float>(0.4 * std::sin(2.0 * 3.141592653589793 * hz * i / rate));
    stereo.push_back(s);
    stereo.push_back(s);
  }
  writer.Write(stereo.data(), static_cast<int>(stereo.size() / 2));
  EXPECT_TRUE(writer.Close());
  return path;
}

TEST(MixerTest, EachCueStartsOnTheExactSampleOfItsTime) {
  core::Timeline timeline = QuietTimeline(6);
  timeline.cues = {Cue{core::Micros{1'234'567}, CueSound::kWood},
                   Cue{core::Micros{3'000'010}, CueSound::kBowl}};
  const auto sound = Prepare(timeline);
  EXPECT_EQ(sound->FrameAt(core::Micros{1'234'567}), 59259);
  EXPECT_EQ(sound->FrameAt(core::Micros{3'000'010}), 144000);
  const std::vector<float> out = RenderAll(*sound, Only(&Volumes::cues));
  // The strike is cue_synth's, levelled by one gain (its loudness, not its peak: MixerTest.CueStrikes...).
  const std::vector<float> wood = SynthesizeCue(CueSound::kWood, kRate);
  const float centre = static_cast<float>(std::cos(3.141592653589793 / 4.0));
  for (std::size_t f = 0; f < 59259; ++f) ASSERT_EQ(out[2 * f], 0.0f) << "frame " << f;
  const std::size_t loudest =
      static_cast<std::size_t>(std::max_element(wood.begin(), wood.begin() + 200,
                                                [](float x, float y) { return std::abs(x) < std::abs(y); }) -
                               wood.begin());
  const double gain = out[2 * (59259 + loudest)] / (wood[loudest] * centre);
  EXPECT_GT(gain, 0.0);
  for (std::size_t k = 0; k < 200; ++k) {
    ASSERT_NEAR(out[2 * (59259 + k)], wood[k] * centre * gain, 1e-6) << "sample " << k;
  }
  EXPECT_EQ(out[2 * 144000], 0.0f);  // a strike's first sample is the start of its attack: zero
  EXPECT_NE(out[2 * 144001], 0.0f);
  EXPECT_EQ(out[2 * 143999], 0.0f);
}

TEST(MixerTest, RenderOfASpanEqualsTheSameSpanSplitIntoRandomChunks) {
  core::Timeline timeline = BreathingTimeline();
  timeline.people = 2;
  timeline.a.pan = -0.6;
  timeline.b.pan = 0.6;
  timeline.sound.ambience = "pink";
  timeline.cues = {Cue{core::FromSeconds(2), CueSound::kBowl},
                   Cue{core::FromSeconds(8), CueSound::kChime, Person::kA},
                   Cue{core::FromSeconds(9), CueSound::kTick, Person::kB, 2}};
  const auto sound = Prepare(timeline);
  const Volumes volumes;
  const int frames = 12 * kRate;
  const std::int64_t first = 1 * kRate + 17;
  std::vector<float> whole(2 * frames);
  sound->Render(first, frames, whole.data(), volumes);
  std::vector<float> pieces(2 * frames);
  std::mt19937 random(7);
  for (int done = 0; done < frames;) {
    const int size = std::min(frames - done, std::uniform_int_distribution<int>(1, 3000)(random));
    sound->Render(first + done, size, pieces.data() + 2 * done, volumes);
    done += size;
  }
  EXPECT_EQ(std::memcmp(whole.data(), pieces.data(), whole.size() * sizeof(float)), 0);
}

TEST(MixerTest, EveryCuePeaksAtMinusSixDecibelsAndEndsInSilence) {
  for (CueSound cue : {CueSound::kBowl, CueSound::kChime, CueSound::kGong, CueSound::kWood, CueSound::kTone,
                       CueSound::kTick}) {
    const std::vector<float> samples = SynthesizeCue(cue, kRate);
    ASSERT_FALSE(samples.empty()) << core::ToString(cue);
    float peak = 0.0f;
    for (float s : samples) peak = std::max(peak, std::abs(s));
    EXPECT_FLOAT_EQ(peak, 0.5f) << core::ToString(cue);
    EXPECT_EQ(samples.front(), 0.0f) << core::ToString(cue);
    EXPECT_LT(std::abs(samples.back()), 1e-6f) << core::ToString(cue);
  }
  EXPECT_TRUE(SynthesizeCue(CueSound::kNone, kRate).empty());
}

// A body scan's region cue is a short, damped strike of the session's sound, far below a step cue: at
// least 12 dB down by peak and by RMS over its first 500 ms, and silent within 1.5 s (no ringing bowl).
TEST(MixerTest, SoftCuesAreDampedAndAtLeastTwelveDecibelsBelowTheSameStepCue) {
  for (CueSound sound : {CueSound::kBowl, CueSound::kChime, CueSound::kGong, CueSound::kWood, CueSound::kTone,
                         CueSound::kTick}) {
    // The step cue rings out (a bowl for 30 s) before the soft one at 36 s.
    core::Timeline timeline = QuietTimeline(50.0);
    timeline.cues = {core::Cue{core::FromSeconds(1), sound, core::Person::kBoth, 1, false},
                     core::Cue{core::FromSeconds(36), sound, core::Person::kBoth, 1, true}};
    const auto mixed =
        SessionSound::Prepare(std::make_shared<const core::Timeline>(timeline), kRate, nullptr);
    std::vector<float> out(2 * static_cast<std::size_t>(mixed->duration_frames()));
    mixed->Render(0, static_cast<int>(mixed->duration_frames()), out.data(), Only(&Volumes::cues));
    auto peak = [&](double from, double to) {
      float p = 0.0f;
      for (auto f = static_cast<std::size_t>(from * kRate); f < static_cast<std::size_t>(to * kRate); ++f)
        p = std::max(p, std::abs(out[2 * f]));
      return static_cast<double>(p);
    };
    const double peak_db = 20.0 * std::log10(peak(1.0, 35.0) / peak(36.0, 50.0));
    const double rms_db = 20.0 * std::log10(Rms(out, 0, 1.0, 1.5) / Rms(out, 0, 36.0, 36.5));
    EXPECT_EQ(peak(35.0, 36.0), 0.0) << core::ToString(sound);  // the step cue has ended
    EXPECT_GE(peak_db, 12.0) << core::ToString(sound);
    EXPECT_LE(peak_db, 17.0) << core::ToString(sound);  // still audible: a cue, not nothing
    EXPECT_GE(rms_db, 12.0) << core::ToString(sound);
    EXPECT_GT(peak(36.0, 36.5), 0.0) << core::ToString(sound);
    EXPECT_EQ(peak(37.5, 50.0), 0.0) << core::ToString(sound);  // over within 1.5 s
  }
}

// A bowl struck every 10 s rings about 30 s: each new strike adds to the tails still sounding, never cuts
// them. The mix is the sum of the strikes rendered alone.
TEST(MixerTest, OverlappingBowlStrikesSumAndNeverCutEachOther) {
  const double strikes[] = {1.0, 11.0, 21.0};
  core::Timeline together = QuietTimeline(55.0);
  for (double t : strikes) together.cues.push_back(Cue{core::FromSeconds(t), CueSound::kBowl});
  const std::vector<float> mix = RenderAll(*Prepare(together), Only(&Volumes::cues));
  std::vector<float> sum(mix.size(), 0.0f);
  for (double t : strikes) {
    core::Timeline alone = QuietTimeline(55.0);
    alone.cues = {Cue{core::FromSeconds(t), CueSound::kBowl}};
    const std::vector<float> one = RenderAll(*Prepare(alone), Only(&Volumes::cues));
    for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += one[i];
  }
  float peak = 0.0f;
  for (float s : sum) peak = std::max(peak, std::abs(s));
  ASSERT_LT(peak, kLimiterKnee);  // below the limiter the mix is linear
  for (std::size_t i = 0; i < mix.size(); ++i) ASSERT_NEAR(mix[i], sum[i], 1e-6f) << "frame " << i / 2;
  // Just before the second strike the first still rings, well above the silence a cut would leave; the
  // sum above shows it goes on under the newer strikes.
  EXPECT_GT(Rms(mix, 0, 10.8, 10.95), 1e-3);
  EXPECT_GT(Rms(mix, 0, 50.0, 50.5), 0.0);  // the last strike's tail, 29 s on
  EXPECT_EQ(Rms(mix, 0, 52.0, 55.0), 0.0);  // and then silence
}

TEST(MixerTest, ADenseMixAtFullVolumeNeverClips) {
  core::Timeline timeline = BreathingTimeline();
  timeline.sound.ambience = "brown";
  // 60 strikes in 3 s, six at each instant (two of each sound: identical strikes add in phase, the worst
  // case for the peak).
  for (int i = 0; i < 60; ++i) {
    const CueSound sound = i % 3 == 0 ? CueSound::kGong : i % 3 == 1 ? CueSound::kBowl : CueSound::kChime;
    timeline.cues.push_back(Cue{core::Micros{2'000'000 + (i / 6) * 300'000}, sound});
  }
  const auto sound = Prepare(timeline);
  const std::vector<float> out = RenderAll(*sound, Volumes{1.0f, 1.0f, 1.0f, 1.0f, 1.0f, false});
  float peak = 0.0f;
  for (float s : out) peak = std::max(peak, std::abs(s));
  EXPECT_GT(peak, kLimiterKnee);  // the pile-up is loud enough to need the limiter
  EXPECT_LT(peak, 1.0f);
  for (float s : out) ASSERT_LE(std::abs(std::lrint(s * 32767.0f)), 32767);
}

TEST(MixerTest, GlideHasNoJumpAcrossPhaseChangesAndIsSofterOnHolds) {
  const auto sound = Prepare(BreathingTimeline());
  const std::vector<float> out = RenderAll(*sound, Only(&Volumes::breath));
  float largest_step = 0.0f;
  for (std::size_t f = 1; f < out.size() / 2; ++f) {
    largest_step = std::max(largest_step, std::abs(out[2 * f] - out[2 * f - 2]));
  }
  // A tone of peak A at up to 262 Hz with soft harmonics moves at most about A x 0.045 per sample; a click
  // at a phase change would jump by a good part of the amplitude.
  float peak = 0.0f;
  for (float s : out) peak = std::max(peak, std::abs(s));
  EXPECT_LT(largest_step, 0.068f * peak);
  EXPECT_EQ(Rms(out, 0, 0.0, 1.9), 0.0);                          // no breathing, no glide
  EXPECT_GT(Rms(out, 0, 3.0, 5.0), 0.02);                         // inhale
  EXPECT_LT(Rms(out, 0, 6.5, 7.5), 0.5 * Rms(out, 0, 3.0, 5.0));  // hold
  EXPECT_GT(Rms(out, 0, 10.0, 12.0), 0.02);                       // exhale
  EXPECT_EQ(Rms(out, 0, 14.5, 20.0), 0.0);
  // Breathing in, at breath volume 1, the glide is at its loudness target.
  EXPECT_NEAR(IntegratedLoudness(out.data() + 2 * 2 * kRate, 4 * kRate, 2, kRate), kGlideLufs, 1.0);
}

TEST(MixerTest, GlideOfPartnerAIsOnTheLeftAndPartnerBOnTheRight) {
  core::Timeline timeline;
  timeline.people = 2;
  timeline.a.pan = -0.6;
  timeline.b.pan = 0.6;
  timeline.duration = core::FromSeconds(10);
  timeline.sound.ambience = "none";
  timeline.phases = {
      Phase(0, 5, PhaseKind::kInhale, 0, 1, Person::kA), Phase(0, 5, PhaseKind::kSay, 0, 0, Person::kB),
      Phase(5, 10, PhaseKind::kSay, 1, 1, Person::kA), Phase(5, 10, PhaseKind::kInhale, 0, 1, Person::kB)};
  const auto sound = Prepare(timeline);
  const std::vector<float> out = RenderAll(*sound, Only(&Volumes::breath));
  // pan -0.6: left gain cos(0.1 pi) = 0.951, right sin(0.1 pi) = 0.309.
  EXPECT_NEAR(Rms(out, 1, 1, 4) / Rms(out, 0, 1, 4), 0.309 / 0.951, 0.001);
  EXPECT_NEAR(Rms(out, 0, 6, 9) / Rms(out, 1, 6, 9), 0.309 / 0.951, 0.001);
}

TEST(MixerTest, TicksPlayOnePulseAtAnInhaleAndTwoAtAnExhale) {
  core::Timeline timeline = QuietTimeline(6);
  timeline.cues = {Cue{core::FromSeconds(1), CueSound::kTick, Person::kBoth, 1},
                   Cue{core::FromSeconds(3), CueSound::kTick, Person::kBoth, 2}};
  const auto sound = Prepare(timeline);
  const std::vector<float> out = RenderAll(*sound, Only(&Volumes::cues));
  EXPECT_EQ(CountBursts(out, 0.0, 2.9, 0.01f), 1);
  EXPECT_EQ(CountBursts(out, 2.9, 6.0, 0.01f), 2);
}

TEST(MixerTest, FramesOutsideTheSessionAreSilent) {
  core::Timeline timeline = BreathingTimeline();
  timeline.sound.ambience = "pink";
  timeline.cues = {Cue{core::Micros{0}, CueSound::kBowl}};
  const auto sound = Prepare(timeline);
  std::vector<float> out(2 * 1000, 1.0f);
  sound->Render(-1000, 1000, out.data(), Volumes{});
  EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](float s) { return s == 0.0f; }));
  std::fill(out.begin(), out.end(), 1.0f);
  sound->Render(sound->duration_frames(), 1000, out.data(), Volumes{});
  EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](float s) { return s == 0.0f; }));
}

TEST(MixerTest, MutedRendersSilence) {
  core::Timeline timeline = BreathingTimeline();
  timeline.cues = {Cue{core::FromSeconds(3), CueSound::kBowl}};
  const auto sound = Prepare(timeline);
  Volumes volumes;
  volumes.muted = true;
  const std::vector<float> out = RenderAll(*sound, volumes);
  EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](float s) { return s == 0.0f; }));
}

TEST(MixerTest, RecordedVoiceIsResampledAndPlacedAtThePromptStartOnItsSide) {
  const std::string clip = WriteSineClip("attune_mixer_voice.wav", 22050, 1.0, 300.0);
  core::Timeline timeline = QuietTimeline(6);
  timeline.people = 2;
  timeline.a.pan = -0.6;
  timeline.prompts = {core::Prompt{core::FromSeconds(2), core::FromSeconds(4), core::FromSeconds(4), "Hello",
                                   Person::kA, clip, 1}};
  std::vector<std::string> notices;
  const auto sound = Prepare(timeline, &notices);
  EXPECT_TRUE(notices.empty());
  ASSERT_EQ(sound->voice_events().size(), 1u);
  EXPECT_EQ(sound->voice_events()[0].frame, 96000);
  EXPECT_EQ(sound->voice_events()[0].length, 48000);
  ASSERT_NE(sound->voice_clip(0), nullptr);
  EXPECT_EQ(sound->voice_clip(0)->size(), 48000u);
  const std::vector<float> out = RenderAll(*sound, Only(&Volumes::voice));
  EXPECT_EQ(Rms(out, 0, 0.0, 2.0), 0.0);
  // Levelled to the voice's loudness target (a 0.4 sine is about -11 LUFS), panned by equal power.
  EXPECT_NEAR(IntegratedLoudness(out.data() + 2 * 2 * kRate, kRate, 2, kRate), kVoiceLufs, 0.1);
  EXPECT_NEAR(Rms(out, 0, 2.1, 2.9) / Rms(out, 1, 2.1, 2.9), 0.951 / 0.309, 0.01);
  EXPECT_EQ(Rms(out, 0, 3.01, 6.0), 0.0);
}

TEST(MixerTest, AMissingVoiceClipIsReportedOnce) {
  core::Timeline timeline = QuietTimeline(6);
  timeline.sound.voice = core::VoiceMode::kRecorded;
  timeline.prompts = {core::Prompt{core::FromSeconds(1), core::FromSeconds(2), core::FromSeconds(2), "One",
                                   Person::kBoth, "/nonexistent.wav", 1},
                      core::Prompt{core::FromSeconds(3), core::FromSeconds(4), core::FromSeconds(4), "Two",
                                   Person::kBoth, "/nonexistent.wav", 2}};
  std::vector<std::string> notices;
  const auto sound = Prepare(timeline, &notices);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0], "Could not play the voice clip /nonexistent.wav: not a readable audio file");
  EXPECT_TRUE(sound->voice_events().empty());
}

TEST(MixerTest, AmbienceDucksThreeDecibelsSlowlyUnderSpeechAndFadesIn) {
  const std::string clip = WriteSineClip("attune_mixer_duck.wav", 48000, 3.0, 200.0);
  core::Timeline timeline = QuietTimeline(30);
  timeline.sound.ambience = "pink";
  timeline.prompts = {core::Prompt{core::FromSeconds(12), core::FromSeconds(16), core::FromSeconds(16),
                                   "Hello", Person::kBoth, clip, 1}};
  const auto sound = Prepare(timeline);
  const std::vector<float> out = RenderAll(*sound, Only(&Volumes::ambience));
  const double open = Rms(out, 0, 6.0, 11.0);
  const double ducked = Rms(out, 0, 12.5, 14.5);
  EXPECT_NEAR(20.0 * std::log10(ducked / open), 20.0 * std::log10(kDuckGain), 0.5);
  EXPECT_NEAR(Rms(out, 0, 17.0, 22.0), open, 0.15 * open);  // back up after the release
  EXPECT_LT(Rms(out, 0, 0.0, 0.5), 0.1 * open);             // fading in at the start
  // At ambience volume 1, both channels together are at the ambience's loudness target.
  EXPECT_NEAR(IntegratedLoudness(out.data() + 2 * 6 * kRate, 5 * kRate, 2, kRate), kAmbienceLufs, 0.5);
}

// Breathe 0-4 s, rest 4-10 s (step 2), breathe 10-14 s; cues at each step, a recorded prompt after the rest.
core::Timeline RestTimeline(const std::string& clip) {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(14);
  timeline.sound.ambience = "pink";
  timeline.phases = {Phase(0, 4, PhaseKind::kInhale, 0, 1), Phase(4, 10, PhaseKind::kRest, 1, 1),
                     Phase(10, 14, PhaseKind::kExhale, 1, 0)};
  for (int i = 0; i < 3; ++i) {
    timeline.phases[static_cast<std::size_t>(i)].step = i + 1;
    core::TimelineStep step;
    step.start = timeline.phases[static_cast<std::size_t>(i)].start;
    step.end = timeline.phases[static_cast<std::size_t>(i)].end;
    timeline.steps.push_back(step);
  }
  timeline.cues = {Cue{core::FromSeconds(0), CueSound::kBowl}, Cue{core::FromSeconds(4), CueSound::kChime},
                   Cue{core::FromSeconds(10), CueSound::kBowl}};
  timeline.prompts = {core::Prompt{core::FromSeconds(10), core::FromSeconds(12), core::FromSeconds(12),
                                   "Welcome back", Person::kBoth, clip, 3}};
  return timeline;
}

TEST(MixerTest, RetargetingToAnExtendedRestReusesTheClipsAndRendersLikeAFreshPrepare) {
  const std::string clip = WriteSineClip("attune_mixer_retarget.wav", 48000, 1.0, 250.0);
  const core::Timeline timeline = RestTimeline(clip);
  const std::optional<core::Timeline> longer = core::ExtendRestAt(timeline, core::FromSeconds(6), 5s);
  ASSERT_TRUE(longer.has_value());
  const auto sound = Prepare(timeline);
  std::vector<std::string> notices;
  const auto retargeted = sound->Retarget(std::make_shared<const core::Timeline>(*longer), &notices);
  EXPECT_TRUE(notices.empty());
  EXPECT_EQ(retargeted->duration_frames(), 19 * kRate);
  ASSERT_EQ(retargeted->voice_events().size(), 1u);
  EXPECT_EQ(retargeted->voice_events()[0].frame, 15 * kRate);
  EXPECT_EQ(retargeted->voice_events()[0].slot, sound->voice_events()[0].slot);  // the same samples
  EXPECT_EQ(retargeted->voice_clip(0), sound->voice_clip(0));
  EXPECT_EQ(retargeted->cue_events()[2].frame, 15 * kRate);
  const std::vector<float> expected = RenderAll(*Prepare(*longer), Volumes{});
  const std::vector<float> got = RenderAll(*retargeted, Volumes{});
  ASSERT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected);
}

}  // namespace
}  // namespace attune::audio

namespace attune::audio {
namespace {

// The pitch of a mono tone in [from, to) seconds of the left channel, from its zero crossings (interpolated
// between samples); 0 when it does not sound.
double PitchHz(const std::vector<float>& stereo, double from, double to) {
  double first = -1.0, last = -1.0;
  int crossings = 0;
  for (auto f = static_cast<std::size_t>(from * kRate) + 1; f < static_cast<std::size_t>(to * kRate); ++f) {
    const float x0 = stereo[2 * (f - 1)], x1 = stereo[2 * f];
    if (x0 < 0.0f && x1 >= 0.0f) {
      const double at = static_cast<double>(f - 1) + x0 / (x0 - x1);
      if (first < 0.0) first = at;
      last = at;
      ++crossings;
    }
  }
  return crossings < 3 ? 0.0 : (crossings - 1) * kRate / (last - first);
}

// Partner b's pattern leaves off at full lungs where the next step's starts empty (a step change), then the
// breathing stops while the tone still fades: the pitch glides on from where it is, never jumps.
TEST(MixerTest, TheGlideHoldsItsPitchAcrossAStepChangeAndWhenBreathingStops) {
  core::Timeline timeline;
  timeline.duration = core::FromSeconds(14);
  timeline.sound.ambience = "none";
  timeline.phases = {Phase(0, 4, PhaseKind::kInhale, 0, 1), Phase(4, 8, PhaseKind::kInhale, 0, 1),
                     Phase(8, 10, PhaseKind::kExhale, 1, 0.5), Phase(10, 14, PhaseKind::kRest, 0, 0)};
  const auto sound = Prepare(timeline);
  const std::vector<float> out = RenderAll(*sound, Only(&Volumes::breath));
  double before = 0.0;
  double largest_step = 0.0;
  for (double t = 0.5; t + 0.05 < 10.2; t += 0.05) {
    const double hz = PitchHz(out, t, t + 0.05);
    ASSERT_GT(hz, 0.0) << "at " << t << " s";
    if (before > 0.0) largest_step = std::max(largest_step, std::abs(std::log2(hz / before)) * 12.0);
    before = hz;
  }
  EXPECT_LT(largest_step, 0.5);  // semitones between 50 ms windows; a fifth is 7
  EXPECT_NEAR(PitchHz(out, 3.9, 4.0), kGlideHighHz, 2.0);
  EXPECT_NEAR(PitchHz(out, 4.0, 4.1), kGlideHighHz, 2.0);  // not back down to kGlideLowHz
  EXPECT_EQ(Rms(out, 0, 10.5, 14.0), 0.0);
}

// BS.1770 loudness of each cue sound's strike, rendered alone: within 2 LU of each other and of kCueLufs,
// whatever their timbre and peak; a soft cue stays well below its step cue.
TEST(MixerTest, EveryCueNameStrikesWithinTwoLuOfTheOthers) {
  double loudest = -1e9, softest = 1e9;
  for (CueSound cue : {CueSound::kBowl, CueSound::kChime, CueSound::kGong, CueSound::kWood, CueSound::kTone,
                       CueSound::kTick}) {
    core::Timeline timeline = QuietTimeline(40);
    timeline.cues = {Cue{core::FromSeconds(1), cue}};
    const auto sound = Prepare(timeline);
    const std::vector<float> out = RenderAll(*sound, Only(&Volumes::cues));
    const double lufs = MaxMomentaryLoudness(out.data(), out.size() / 2, 2, kRate);
    EXPECT_NEAR(lufs, kCueLufs, 1.0) << core::ToString(cue);
    loudest = std::max(loudest, lufs);
    softest = std::min(softest, lufs);
  }
  EXPECT_LE(loudest - softest, 2.0);
  std::printf("cue strikes: %.2f to %.2f LUFS (%.2f LU apart)\n", softest, loudest, loudest - softest);
}

// Pink and brown noise are generated, never looped: nothing repeats 23 s (the old loop) or any second
// later, the channels are uncorrelated, and a span rendered after a seek is the span played through.
TEST(MixerTest, NoiseAmbienceNeverRepeatsAndASeekRendersTheSameSamples) {
  for (const char* color : {"pink", "brown"}) {
    core::Timeline timeline = QuietTimeline(70);
    timeline.sound.ambience = color;
    const auto sound = Prepare(timeline);
    const std::vector<float> out = RenderAll(*sound, Only(&Volumes::ambience));
    auto correlation = [&](std::size_t a, std::size_t b, std::size_t frames, int channel_b) {
      double ab = 0.0, aa = 0.0, bb = 0.0;
      for (std::size_t i = 0; i < frames; ++i) {
        const double x = out[2 * (a + i)], y = out[2 * (b + i) + static_cast<std::size_t>(channel_b)];
        ab += x * y;
        aa += x * x;
        bb += y * y;
      }
      return ab / std::sqrt(aa * bb);
    };
    const std::size_t window = 10 * kRate;
    for (int lag = 1; lag <= 50; ++lag) {
      EXPECT_LT(std::abs(correlation(5 * kRate, static_cast<std::size_t>(5 + lag) * kRate, window, 0)), 0.1)
          << color << " at a lag of " << lag << " s";
    }
    EXPECT_LT(std::abs(correlation(5 * kRate, 5 * kRate, window, 1)), 0.1) << color << ": left and right";
    // Far into the session, after a jump back and forth: the same samples as the render from the start.
    std::vector<float> span(2 * 3000);
    const std::int64_t at = 61 * kRate + 12345;
    sound->Render(at, 3000, span.data(), Only(&Volumes::ambience));
    sound->Render(2 * kRate, 3000, span.data(), Only(&Volumes::ambience));
    sound->Render(at, 3000, span.data(), Only(&Volumes::ambience));
    EXPECT_EQ(std::memcmp(span.data(), out.data() + 2 * at, span.size() * sizeof(float)), 0) << color;
  }
}

// The ducking envelopes move smoothly: the ambience by at most 6 dB a second (no pumping), cues and the
// glide fast but without a step; all are fully down while the prompt speaks.
TEST(MixerTest, DuckingGainsMoveSmoothlyAndTheAmbienceSlowly) {
  const std::string clip = WriteSineClip("attune_mixer_duck_slope.wav", 48000, 3.0, 200.0);
  core::Timeline timeline = QuietTimeline(30);
  timeline.sound.ambience = "pink";
  timeline.prompts = {core::Prompt{core::FromSeconds(10), core::FromSeconds(14), core::FromSeconds(14), "One",
                                   Person::kBoth, clip, 1},
                      core::Prompt{core::FromSeconds(14.5), core::FromSeconds(18), core::FromSeconds(18),
                                   "Two", Person::kBoth, clip, 2}};
  const auto sound = Prepare(timeline);
  using Ducked = SessionSound::Ducked;
  for (Ducked layer : {Ducked::kCues, Ducked::kBreath, Ducked::kAmbience}) {
    double steepest = 0.0;  // dB per second, over 1 ms steps
    double before = 0.0;
    for (std::int64_t f = 0; f < sound->duration_frames(); f += kRate / 1000) {
      const double db = 20.0 * std::log10(sound->DuckGainAt(layer, f));
      if (f > 0) steepest = std::max(steepest, std::abs(db - before) * 1000.0);
      before = db;
    }
    const double limit = layer == Ducked::kAmbience ? 6.0 : 150.0;
    EXPECT_LE(steepest, limit) << static_cast<int>(layer);
    const float down = layer == Ducked::kCues     ? kCueDuckGain
                       : layer == Ducked::kBreath ? kGlideDuckGain
                                                  : kDuckGain;
    EXPECT_FLOAT_EQ(sound->DuckGainAt(layer, 10 * kRate), down);
    EXPECT_FLOAT_EQ(sound->DuckGainAt(layer, 14 * kRate), down);  // the gap between prompts stays down
    EXPECT_FLOAT_EQ(sound->DuckGainAt(layer, 25 * kRate), 1.0f);
  }
}

}  // namespace
}  // namespace attune::audio
