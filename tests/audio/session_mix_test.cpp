// The mix of every built-in session, measured as a listener meets it (BS.1770 loudness of the rendered
// layers, as `attune render --layers` gives them at the default volumes): under each prompt the other
// layers sit well below the voice, and the glide never jumps in pitch while it sounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "audio/loudness.hpp"
#include "audio/mixer.hpp"
#include "core/compile_file.hpp"

namespace attune::audio {
namespace {

namespace fs = std::filesystem;
constexpr int kRate = 48000;

std::vector<std::string> BuiltInSessions() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(ATTUNE_SESSIONS_DIR)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::unique_ptr<SessionSound> PrepareSession(const std::string& name) {
  const core::CompiledFile file =
      core::CompileFile((fs::path(ATTUNE_SESSIONS_DIR) / (name + ".yaml")).string());
  if (!file.ok()) return nullptr;
  return SessionSound::Prepare(file.timeline, kRate, nullptr);
}

class SessionMixTest : public testing::TestWithParam<std::string> {};

TEST_P(SessionMixTest, UnderEveryPromptTheOtherLayersSitWellBelowTheVoice) {
  const auto sound = PrepareSession(GetParam());
  ASSERT_NE(sound, nullptr);
  Volumes voice_only, others;
  voice_only.cues = voice_only.breath = voice_only.ambience = 0.0f;
  others.voice = 0.0f;
  double min_onset = 1e9, min_whole = 1e9;
  const auto onset = static_cast<std::int64_t>(0.4 * kRate);
  std::vector<float> voice, rest;
  for (std::size_t i = 0; i < sound->voice_events().size(); ++i) {
    const SessionSound::VoiceEvent& event = sound->voice_events()[i];
    const std::int64_t frames = std::min(event.length, sound->duration_frames() - event.frame);
    if (frames <= 0) continue;
    ASSERT_TRUE(sound->PrepareSpan(event.frame, frames));
    voice.assign(2 * static_cast<std::size_t>(frames), 0.0f);
    rest.assign(voice.size(), 0.0f);
    sound->Render(event.frame, static_cast<int>(frames), voice.data(), voice_only);
    sound->Render(event.frame, static_cast<int>(frames), rest.data(), others);
    const auto first = static_cast<std::size_t>(std::min(onset, frames));
    const double onset_margin =
        SpanLoudness(voice.data(), first, 2, kRate) - SpanLoudness(rest.data(), first, 2, kRate);
    const double whole_margin = IntegratedLoudness(voice, 2, kRate) - IntegratedLoudness(rest, 2, kRate);
    EXPECT_GE(onset_margin, 6.0) << "prompt at frame " << event.frame;
    EXPECT_GE(whole_margin, 8.0) << "prompt at frame " << event.frame;
    min_onset = std::min(min_onset, onset_margin);
    min_whole = std::min(min_whole, whole_margin);
  }
  std::printf(
      "%s: %zu prompts, the other layers at least %.1f LU under the voice's first 400 ms, %.1f LU under "
      "whole prompts\n",
      GetParam().c_str(), sound->voice_events().size(), min_onset, min_whole);
}

TEST_P(SessionMixTest, TheGlidePitchGoesOnFromWhereItIsWhileItSounds) {
  const auto sound = PrepareSession(GetParam());
  ASSERT_NE(sound, nullptr);
  for (const SessionSound::GlideVoice& voice : sound->glides()) {
    for (std::size_t i = 1; i < voice.segments.size(); ++i) {
      const SessionSound::GlideSegment& before = voice.segments[i - 1];
      const SessionSound::GlideSegment& now = voice.segments[i];
      if (now.start_level <= 0.0f || now.start != before.end) continue;
      EXPECT_DOUBLE_EQ(now.lungs_from, before.lungs_to) << "segment at frame " << now.start;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(BuiltIn, SessionMixTest, testing::ValuesIn(BuiltInSessions()),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace attune::audio
