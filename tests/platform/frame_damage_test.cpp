// tests/platform/frame_damage_test.cpp: FrameDamage finds the parts of a frame whose triangles changed.
#include <gtest/gtest.h>
#include <imgui.h>

#include "platform/app_window.hpp"

namespace attune::platform {
namespace {

// Builds one frame's draw data at 640x360 with `draw` filling the background draw list.
template <typename Draw>
std::vector<PixelRect> Frame(FrameDamage& damage, Draw draw, std::uint64_t salt = 0) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(640, 360);
  io.DeltaTime = 1.0f / 60.0f;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  ImGui::NewFrame();
  draw(ImGui::GetBackgroundDrawList());
  ImGui::Render();
  return damage.Update(*ImGui::GetDrawData(), 640, 360, salt);
}

class FrameDamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini in the working folder
  }
  void TearDown() override { ImGui::DestroyContext(); }
  FrameDamage damage_;
};

long Area(const std::vector<PixelRect>& parts) {
  long area = 0;
  for (const PixelRect& p : parts) area += static_cast<long>(p.w) * p.h;
  return area;
}

bool Covers(const std::vector<PixelRect>& parts, int x, int y) {
  for (const PixelRect& p : parts)
    if (x >= p.x && x < p.x + p.w && y >= p.y && y < p.y + p.h) return true;
  return false;
}

TEST_F(FrameDamageTest, FirstFrameIsWholeThenAnUnchangedFrameIsNothing) {
  auto scene = [](ImDrawList* d) { d->AddCircleFilled(ImVec2(100, 100), 40, IM_COL32(200, 100, 50, 255)); };
  const std::vector<PixelRect> first = Frame(damage_, scene);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(Area(first), 640L * 360L);
  EXPECT_TRUE(Frame(damage_, scene).empty());
}

TEST_F(FrameDamageTest, AMovedShapeDamagesWhereItWasAndWhereItIsOnly) {
  Frame(damage_, [](ImDrawList* d) {
    d->AddRectFilled(ImVec2(500, 300), ImVec2(520, 320), IM_COL32(255, 255, 255, 255));
    d->AddRectFilled(ImVec2(100, 100), ImVec2(120, 120), IM_COL32(255, 255, 255, 255));
  });
  const std::vector<PixelRect> parts = Frame(damage_, [](ImDrawList* d) {
    d->AddRectFilled(ImVec2(500, 300), ImVec2(520, 320), IM_COL32(255, 255, 255, 255));
    d->AddRectFilled(ImVec2(200, 100), ImVec2(220, 120), IM_COL32(255, 255, 255, 255));
  });
  EXPECT_TRUE(Covers(parts, 110, 110));   // where it was
  EXPECT_TRUE(Covers(parts, 210, 110));   // where it is
  EXPECT_FALSE(Covers(parts, 510, 310));  // the unchanged square
  EXPECT_LT(Area(parts), 640L * 360L / 4);
}

TEST_F(FrameDamageTest, AColourChangeDamagesTheShape) {
  Frame(damage_,
        [](ImDrawList* d) { d->AddRectFilled(ImVec2(10, 10), ImVec2(30, 30), IM_COL32(1, 2, 3, 255)); });
  const std::vector<PixelRect> parts = Frame(damage_, [](ImDrawList* d) {
    d->AddRectFilled(ImVec2(10, 10), ImVec2(30, 30), IM_COL32(9, 2, 3, 255));
  });
  EXPECT_TRUE(Covers(parts, 20, 20));
  EXPECT_FALSE(Covers(parts, 600, 300));
}

TEST_F(FrameDamageTest, ANewSaltOrResetIsTheWholeFrame) {
  auto scene = [](ImDrawList* d) {
    d->AddRectFilled(ImVec2(10, 10), ImVec2(30, 30), IM_COL32(1, 2, 3, 255));
  };
  Frame(damage_, scene, 1);
  EXPECT_EQ(Area(Frame(damage_, scene, 2)), 640L * 360L);
  damage_.Reset();
  EXPECT_EQ(Area(Frame(damage_, scene, 2)), 640L * 360L);
}

}  // namespace
}  // namespace attune::platform
