// tests/audio_e2e/live_play.cpp: plays a session through the live path (Player + LiveAudio) with whatever
// SDL audio driver the environment names, as the app does, and reports what happened.
//   live_play SESSION.yaml [--from SECONDS]
// With a device, the player starts 2 s ahead on the master clock (a lead-in, like the app's pre-roll) so
// that the audio thread knows the map before session time 0. Exit 0 when the session played to its end.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "audio/live_audio.hpp"
#include "core/loader.hpp"
#include "core/player.hpp"
#include "core/timeline.hpp"

int main(int argc, char** argv) {
  using namespace attune;
  if (argc < 2)
    return std::fprintf(stderr, "usage: live_play SESSION.yaml [--from SECONDS | --before-end SECONDS]\n"), 2;
  const std::string file = argv[1];
  double from = argc >= 4 && std::string(argv[2]) == "--from" ? std::stod(argv[3]) : -1.0;
  const double before_end = argc >= 4 && std::string(argv[2]) == "--before-end" ? std::stod(argv[3]) : -1.0;
  core::LoadResult load = core::LoadSessionFile(file);
  if (!load.session) return std::fprintf(stderr, "%s does not load\n", file.c_str()), 1;
  core::CompileResult compiled = core::Compile(*load.session);
  if (!compiled.timeline) return std::fprintf(stderr, "%s does not compile\n", file.c_str()), 1;
  const auto timeline = std::make_shared<const core::Timeline>(std::move(*compiled.timeline));
  if (before_end >= 0.0) from = std::max(0.0, core::ToSeconds(timeline->duration) - before_end);

  std::vector<std::string> notices;
  std::shared_ptr<const audio::SessionSound> sound = audio::SessionSound::Prepare(timeline, 48000, &notices);
  sound->PrepareSpan(0, sound->duration_frames());  // a test tool: every voice clip before it plays
  for (const std::string& notice : notices) std::printf("notice: %s\n", notice.c_str());
  audio::LiveAudio live;
  const bool opened = live.Open(48000, 1024);
  std::printf("device: %s\n", opened ? "open" : live.status_message().c_str());
  live.SetSound(sound);

  core::Player player(timeline, core::Micros{0});
  const core::Micros lead_in = opened ? core::Micros{std::chrono::seconds(2)} : core::Micros{0};
  if (from >= 0.0) {
    player.StartAt(live.Clock() + lead_in, core::FromSeconds(from));
  } else {
    player.Start(live.Clock() + lead_in);
  }
  live.SetClockMap(player.clock_map());
  std::printf(
      "session frame 0 at device frame %lld\n",
      static_cast<long long>(
          (player.clock_map().clock_anchor - player.clock_map().session_anchor - live.clock_base()).count() *
          48 / 1000));
  int revision = player.revision();
  const auto wall_start = std::chrono::steady_clock::now();
  while (player.status() != core::PlayerStatus::kFinished) {
    const core::Micros now = live.Clock();
    player.Update(now);
    if (player.revision() != revision) {
      revision = player.revision();
      live.SetClockMap(player.clock_map());
    }
    live.Poll();
    if (std::chrono::steady_clock::now() - wall_start > std::chrono::minutes(2)) {
      return std::fprintf(stderr, "the session did not finish\n"), 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  // Let the device play past the end so that the stream holds the whole session.
  const std::int64_t end_frames = live.frames_mixed() + 48000;
  while (live.available() && live.frames_mixed() < end_frames)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  live.Close();
  std::printf("finished: %s of session in %.2f s of wall time\n",
              core::FormatLength(timeline->duration - (from >= 0 ? core::FromSeconds(from) : core::Micros{0}))
                  .c_str(),
              wall);
  return 0;
}
