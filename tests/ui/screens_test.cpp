// Every screen of the app drawn with ImGui and no backend: a crash or an ImGui assert in a view fails here.
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "core/loader.hpp"
#include "core/player_view.hpp"
#include "ui/library_screen.hpp"
#include "ui/player_screen.hpp"
#include "ui/start_screen.hpp"

namespace attune::ui {
namespace {

using namespace std::chrono_literals;

const char* kScript = R"(
attune: 1
title: Everything
people: 2
roles:
  a: { name: Ann, color: "#6fa8dc" }
  b: { name: Ben, color: "#e69138" }
steps:
  - say: Welcome, both of you.
    for: 10s
    note: Lights down.
  - breathe: 4-6
    mode: alternate
    cycles: 2
    say: One in, one out.
  - body_scan:
      each: 20s
      regions: [left foot, the sounds in the room]
  - pmr:
      groups: [right hand]
  - rest: 2m
    interval: 30s
  - turns:
      each: 1m
  - bell: bowl
    wait: true
)";

core::Timeline Compile() {
  core::LoadResult loaded = core::LoadSessionText(kScript, "t.yaml", ".");
  for (const core::Diagnostic& d : loaded.diagnostics)
    EXPECT_NE(d.severity, core::Severity::kError) << d.Format();
  core::CompileResult compiled = core::Compile(*loaded.session);
  EXPECT_TRUE(compiled.timeline.has_value());
  return std::move(*compiled.timeline);
}

class ScreensTest : public ::testing::TestWithParam<core::Theme> {
 protected:
  void SetUp() override {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 720);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    look_.theme = GetParam();
    look_.fonts = LoadFonts(1.0f);
    look_.palette = PaletteFor(look_.theme);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    ApplyStyle(look_);
    timeline_ = Compile();
  }
  void TearDown() override { ImGui::DestroyContext(context_); }

  // Runs one frame of `draw`; returns the vertices ImGui produced.
  template <typename Draw>
  int Frame(Draw draw) {
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }

  ImGuiContext* context_ = nullptr;
  Look look_;
  core::Timeline timeline_;
};

TEST_P(ScreensTest, PlayerDrawsEveryStepKindAndStateWithoutAskingForAnything) {
  const core::PlayerStatus states[] = {core::PlayerStatus::kPreRoll, core::PlayerStatus::kPlaying,
                                       core::PlayerStatus::kPaused, core::PlayerStatus::kWaiting};
  for (const core::PlayerStatus status : states) {
    for (core::Micros t = 0us; t <= timeline_.duration; t += 7s) {
      const core::PlayerView view = core::BuildPlayerView(timeline_, status, t, 3s);
      for (const bool reduced : {false, true}) {
        PlayerChrome chrome;
        chrome.reduced_motion = reduced;
        chrome.show_controls = !reduced;
        PlayerActions actions;
        EXPECT_GT(Frame([&] { actions = DrawPlayer(view, chrome, look_); }), 0);
        EXPECT_FALSE(actions.toggle_pause || actions.next || actions.previous || actions.stop);
      }
    }
  }
}

TEST_P(ScreensTest, PresenterAndBlankAndConfirmStopDraw) {
  const core::PlayerView view = core::BuildPlayerView(timeline_, core::PlayerStatus::kPlaying, 12s, 0us);
  PlayerChrome chrome;
  chrome.confirm_stop = true;
  EXPECT_GT(Frame([&] { DrawPresenter(view, chrome, look_); }), 0);
  EXPECT_NE(ImGui::FindWindowByName("##confirm_stop"), nullptr);
  chrome.confirm_stop = false;
  chrome.blank = true;
  const int blank = Frame([&] { DrawPlayer(view, chrome, look_); });
  chrome.blank = false;
  const int full = Frame([&] { DrawPlayer(view, chrome, look_); });
  EXPECT_LT(blank, full);
}

TEST_P(ScreensTest, LibraryStartAndEndScreensDraw) {
  core::LibraryEntry good;
  good.ok = true;
  good.title = "Everything";
  good.summary = "A session with every kind of step.";
  good.tags = {"two people", "test"};
  good.people = 2;
  good.length = timeline_.duration;
  core::LibraryEntry broken;
  broken.title = "broken.yaml";
  broken.path = "/tmp/broken.yaml";
  broken.diagnostics.push_back({"broken.yaml", 6, 5, core::Severity::kError, "unknown key 'exhal'"});
  LibraryView library;
  library.rows = {MakeLibraryRow(good), MakeLibraryRow(broken)};
  library.total = 2;
  library.show_settings = true;
  EXPECT_EQ(library.rows[1].diagnostics[0], "broken.yaml:6:5: error: unknown key 'exhal'");
  EXPECT_EQ(library.rows[0].length, "6 min 1 s");
  LibraryActions actions;
  EXPECT_GT(Frame([&] { actions = DrawLibrary(library, look_); }), 0);
  EXPECT_EQ(actions.open, -1);

  StartView start;
  start.title = "Everything";
  start.people = 2;
  start.steps = {"Say  10 s", "Breathe 4-6  20 s"};
  start.warnings = {"t.yaml:3:1: warning: a long hold"};
  StartActions start_actions;
  EXPECT_GT(Frame([&] { start_actions = DrawStart(start, look_); }), 0);
  EXPECT_FALSE(start_actions.start);

  EndView end;
  core::EndFacts facts;
  facts.completed = true;
  facts.reached = facts.practised = timeline_.duration;
  facts.played = {{core::Micros{0}, timeline_.duration}};
  end.summary = core::BuildEndSummary(timeline_, facts);
  end.streak = "3 days in a row";
  end.next = "Another";
  EXPECT_GT(Frame([&] { DrawEnd(end, look_); }), 0);
}

INSTANTIATE_TEST_SUITE_P(AllThemes, ScreensTest,
                         ::testing::Values(core::Theme::kDark, core::Theme::kLight,
                                           core::Theme::kHighContrast));

}  // namespace
}  // namespace attune::ui
