#include "ui/history_view.hpp"

#include <gtest/gtest.h>

#include "ui/quick_timer_view.hpp"

namespace attune::ui {
namespace {

using namespace std::chrono_literals;

// An ImGui context with no backend: a display size, a built font atlas, one frame at a time.
class HistoryViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IMGUI_CHECKVERSION();
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 720);
    io.IniFilename = nullptr;
    look_.fonts = LoadFonts(1.0f);
    look_.palette = PaletteFor(core::Theme::kDark);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    ApplyStyle(look_);
  }
  void TearDown() override { ImGui::DestroyContext(context_); }

  // Runs one frame of `draw` and returns the number of vertices ImGui produced.
  template <typename Draw>
  int Frame(Draw draw) {
    ImGui::GetIO().DeltaTime = 1.0f / 30.0f;
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }

  ImGuiContext* context_ = nullptr;
  Look look_;
};

core::Practice Practised(std::int64_t id, const std::string& start_local, int minutes,
                         core::PracticeState state) {
  core::Practice p;
  p.id = id;
  p.title = "Box breathing";
  p.start_utc_us = id;
  p.start_local = start_local;
  p.actual = std::chrono::minutes(minutes);
  p.planned = 5min + 9s;
  p.state = state;
  return p;
}

std::vector<core::Practice> ThreeOnTwoDays() {
  return {Practised(1, "2026-03-24T08:00:00+01:00", 5, core::PracticeState::kCompleted),
          Practised(2, "2026-03-25T07:05:00+01:00", 5, core::PracticeState::kCompleted),
          Practised(3, "2026-03-25T21:30:00+01:00", 2, core::PracticeState::kInterrupted)};
}

TEST_F(HistoryViewTest, HistoryViewModelHasStreakMinutesAndNewestFirstRows) {
  const HistoryView view = MakeHistoryView(ThreeOnTwoDays(), "2026-03-25T22:00:00+01:00", {});
  EXPECT_EQ(view.stats.current_streak, 2);
  EXPECT_EQ(view.stats.today_total.practised, 7min);
  ASSERT_EQ(view.recent.size(), 3u);
  EXPECT_EQ(view.recent[0].when, "2026-03-25 21:30");
  EXPECT_EQ(view.recent[0].length, "2 min of 5 min 9 s");
  EXPECT_EQ(view.recent[0].state, "Interrupted");
  EXPECT_EQ(view.recent[2].state, "Completed");
  EXPECT_EQ(core::HeatLevel(view.stats.calendar[78]), 1);  // Tuesday 24 March: 5 min
  EXPECT_EQ(core::HeatLevel(view.stats.calendar[77]), 0);
}

TEST_F(HistoryViewTest, HistoryDrawsCardsCalendarChartAndList) {
  const HistoryView view = MakeHistoryView(ThreeOnTwoDays(), "2026-03-25T22:00:00+01:00", {});
  HistoryActions actions;
  const int vertices = Frame([&] { actions = DrawHistory(view, look_); });
  EXPECT_GT(vertices, 2000);  // 84 calendar cells and 28 bars alone are over 600 quads
  EXPECT_FALSE(actions.back);
}

TEST_F(HistoryViewTest, EmptyAndUnavailableHistoriesDrawToo) {
  const HistoryView empty = MakeHistoryView({}, "2026-03-25T22:00:00+01:00", {});
  EXPECT_GT(Frame([&] { DrawHistory(empty, look_); }), 0);
  HistoryView unavailable;
  unavailable.available = false;
  unavailable.notice = "Practice history is unavailable: disk full";
  EXPECT_GT(Frame([&] { DrawHistory(unavailable, look_); }), 0);
}

TEST_F(HistoryViewTest, QuickTimerViewHasTheExactLengthOfItsScript) {
  const QuickTimerView view = MakeQuickTimerView(core::QuickTimerSpec{});
  EXPECT_EQ(view.title, "Box breathing, 5 min");
  // An 11 s lead-in for its prompt (reading time), 19 cycles of 16 s, then a 5 s bell.
  EXPECT_EQ(view.length, "5 min 20 s");
  EXPECT_TRUE(view.problems.empty());
  EXPECT_GT(Frame([&] { DrawQuickTimer(view, look_); }), 500);
}

TEST_F(HistoryViewTest, QuickTimerWithBadNumbersShowsProblemsAndNoLength) {
  core::QuickTimerSpec spec;
  spec.pattern = core::QuickPattern::kCustom;
  spec.custom = {0.1, 0, 4, 0};
  spec.people = 2;
  const QuickTimerView view = MakeQuickTimerView(spec);
  EXPECT_EQ(view.length, "");
  EXPECT_EQ(view.problems, std::vector<std::string>{"Breathe in must be at least 0.5 s (got 0.1 s)."});
  EXPECT_GT(Frame([&] { DrawQuickTimer(view, look_); }), 500);
}

}  // namespace
}  // namespace attune::ui
