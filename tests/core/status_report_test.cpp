// tests/core/status_report_test.cpp: what --status-file says, from the player's view.
#include "core/status_report.hpp"

#include <gtest/gtest.h>

namespace attune::core {
namespace {

TEST(StatusReport, IdleWithoutASession) {
  const StatusReport report = MakeStatusReport(nullptr);
  EXPECT_EQ(report.state, "idle");
  EXPECT_EQ(StatusLine(report), "Attune\n");
  EXPECT_EQ(StatusJson(report),
            "{\"state\": \"idle\", \"session\": \"\", \"step_number\": 0, \"step_count\": 0, \"step\": \"\", "
            "\"phase\": \"\", \"phase_seconds_left\": 0, \"seconds_left\": 0, \"step_seconds_left\": 0, "
            "\"caption\": \"\"}\n");
}

TEST(StatusReport, BreathingTwoPartnersNamesEachPhaseAndRoundsSecondsUp) {
  PlayerView view;
  view.status = PlayerStatus::kPlaying;
  view.title = "Breathing together";
  view.step_number = 3;
  view.step_count = 8;
  view.step_title = "Alternate";
  view.remaining = Micros{61'000'001};
  view.step_length = Micros{30'000'000};
  view.step_elapsed = Micros{10'500'000};
  view.caption = "One breathes in\nas the other breathes out";
  PacerView a;
  a.name = "Ana";
  a.label = "Breathe in";
  a.seconds_left = 4;
  a.show_count = true;
  PacerView b;
  b.name = "Ben";
  b.label = "Breathe out";
  view.pacers = {a, b};
  const StatusReport report = MakeStatusReport(&view);
  EXPECT_EQ(report.state, "playing");
  EXPECT_EQ(report.phase, "Ana: Breathe in; Ben: Breathe out");
  EXPECT_EQ(report.phase_seconds_left, 4);
  EXPECT_EQ(report.seconds_left, 62);
  EXPECT_EQ(report.step_seconds_left, 20);
  EXPECT_EQ(StatusLine(report),
            "Breathing together · 3/8 Alternate · Ana: Breathe in; Ben: Breathe out 4 · 1:02 left\n");
  EXPECT_NE(StatusJson(report).find("\"caption\": \"One breathes in\\nas the other breathes out\""),
            std::string::npos);
}

TEST(StatusReport, JsonEscapesQuotesBackslashesAndControlsKeepsUtf8) {
  StatusReport report;
  report.state = "paused";
  report.session = "Say \"hi\" \\ \x01 Atmen · 呼吸";
  const std::string json = StatusJson(report);
  EXPECT_NE(json.find(R"("session": "Say \"hi\" \\ \u0001 Atmen · 呼吸")"), std::string::npos) << json;
  EXPECT_NE(StatusLine(report).find("· paused"), std::string::npos);
}

TEST(StatusReport, PmrRestAndTurnsSayWhatThePersonDoes) {
  PlayerView pmr;
  pmr.status = PlayerStatus::kPlaying;
  pmr.kind = StepKind::kPmr;
  pmr.phase_label = "Tense";
  pmr.group = "hands";
  EXPECT_EQ(MakeStatusReport(&pmr).phase, "Tense: hands");
  PlayerView rest;
  rest.kind = StepKind::kRest;
  EXPECT_EQ(MakeStatusReport(&rest).phase, "Rest");
  PlayerView turns;
  turns.kind = StepKind::kTurns;
  turns.giver = "Ana";
  turns.receiver = "Ben";
  EXPECT_EQ(MakeStatusReport(&turns).phase, "Ana gives, Ben receives");
}

}  // namespace
}  // namespace attune::core
