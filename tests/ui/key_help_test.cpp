// tests/ui/key_help_test.cpp: the "?" overlay draws its lines and its Close button closes it.
#include "ui/key_help.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "ui/imgui_fixture.hpp"

namespace attune::ui {
namespace {

TEST(KeyHelpTest, CloseClosesAndDrawingAloneDoesNot) {
  testing::ImGuiFixture ui;
  const std::vector<std::pair<std::string, std::string>> lines = {{"Space", "pause"}, {"Esc", "stop"}};
  const std::function<bool()> draw = [&] { return DrawKeyHelp(lines, ui.look()); };
  EXPECT_FALSE(ui.Frames(3, draw));
  EXPECT_TRUE(ui.Click("##keys", {"Close"}, draw).release);
}

}  // namespace
}  // namespace attune::ui
