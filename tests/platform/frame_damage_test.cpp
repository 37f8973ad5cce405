// tests/platform/frame_damage_test.cpp: FrameDamage finds the parts of a frame whose triangles changed.
#include "platform/frame_damage.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cmath>

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

// The pacer's disc as ui/player_screen.cpp draws it: a steady inner disc (its radius in 16 px steps) and
// the ring out to the edge. Growing by a pixel redraws a band along the edge, not the disc's box.
void Disc(ImDrawList* d, float radius) {
  const ImU32 colour = IM_COL32(100, 150, 170, 255);
  const float inner = std::floor((radius - 2.0f) / 16.0f) * 16.0f;
  d->AddCircleFilled(ImVec2(320, 180), inner, colour, 60);
  const float from = inner - 1.0f, thickness = radius - from;
  d->AddCircle(ImVec2(320, 180), from + thickness * 0.5f, colour, 60, thickness);
}

TEST_F(FrameDamageTest, AGrowingDiscDamagesABandAlongItsEdgeOnly) {
  Frame(damage_, [](ImDrawList* d) { Disc(d, 150.0f); });
  const std::vector<PixelRect> parts = Frame(damage_, [](ImDrawList* d) { Disc(d, 151.0f); });
  EXPECT_FALSE(Covers(parts, 320, 180));  // the middle stays
  EXPECT_TRUE(Covers(parts, 320 + 150, 180));
  EXPECT_TRUE(Covers(parts, 320, 180 - 150));
  EXPECT_LT(Area(parts), 302L * 302L / 2);          // under half the disc's bounding box
  for (std::size_t i = 0; i < parts.size(); ++i) {  // disjoint: each pixel is drawn once
    for (std::size_t j = i + 1; j < parts.size(); ++j) {
      const PixelRect& a = parts[i];
      const PixelRect& b = parts[j];
      EXPECT_TRUE(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y);
    }
  }
}

TEST_F(FrameDamageTest, PartDrawDataKeepsOnlyTheTrianglesOfEachPartWithTheirOwnVertices) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(640, 360);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  ImGui::NewFrame();
  ImDrawList* d = ImGui::GetBackgroundDrawList();
  d->AddRectFilled(ImVec2(10, 10), ImVec2(30, 30), IM_COL32(255, 0, 0, 255));
  d->AddRectFilled(ImVec2(500, 300), ImVec2(520, 320), IM_COL32(0, 255, 0, 255));
  ImGui::Render();
  PartDrawData split;
  const std::vector<PixelRect> parts{PixelRect{0, 0, 48, 48}, PixelRect{480, 288, 48, 48}};
  ASSERT_TRUE(split.Build(*ImGui::GetDrawData(), parts, 360));
  const ImDrawData* data = split.data();
  ASSERT_EQ(data->CmdListsCount, 2);  // one list per part that draws anything
  for (int l = 0; l < 2; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    const PixelRect& part = parts[static_cast<std::size_t>(l)];
    ASSERT_EQ(list->CmdBuffer.Size, 1);
    const ImDrawCmd& cmd = list->CmdBuffer[0];
    // One anti-aliased rectangle each: its own vertices only, all of them inside the part.
    EXPECT_LT(list->VtxBuffer.Size, 20);
    for (const ImDrawVert& v : list->VtxBuffer) {
      EXPECT_GE(v.pos.x, static_cast<float>(part.x) - 1.0f);
      EXPECT_LE(v.pos.x, static_cast<float>(part.x + part.w) + 1.0f);
    }
    const unsigned int colour = l == 0 ? IM_COL32(255, 0, 0, 255) : IM_COL32(0, 255, 0, 255);
    EXPECT_EQ(list->VtxBuffer[0].col, colour);
    EXPECT_EQ(cmd.ClipRect.x, static_cast<float>(part.x));
    EXPECT_EQ(cmd.ClipRect.z, static_cast<float>(part.x + part.w));
    EXPECT_EQ(cmd.ElemCount, static_cast<unsigned int>(list->IdxBuffer.Size));
  }
  EXPECT_EQ(data->TotalVtxCount, data->CmdLists[0]->VtxBuffer.Size + data->CmdLists[1]->VtxBuffer.Size);
}

}  // namespace
}  // namespace attune::platform
