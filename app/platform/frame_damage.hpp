// app/platform/frame_damage.hpp: partial redraws under software GL. FrameDamage finds the tiles of a
// frame whose triangles changed; PartDrawData builds the draw data of only those parts.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace attune::platform {

// A well-mixed 64-bit hash of `size` bytes (splitmix64 finalizer per word), continuing from `seed`.
std::uint64_t HashBytes(const void* data, std::size_t size, std::uint64_t seed);

// A rectangle of framebuffer pixels, top row 0.
struct PixelRect {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
};

// Which parts of a frame differ from the frame before, from ImGui's draw data alone (no GL): the
// framebuffer is cut into tiles, each tile keeps a hash of every triangle that may touch it (its vertices'
// positions, texture coordinates and colours, its texture and clip rectangle, in drawing order), and the
// tiles whose hash changed are what must be drawn again.
class FrameDamage {
 public:
  // Small tiles: a growing disc damages only the ring its edge moved through, not its bounding box.
  static constexpr int kTile = 16;               // pixels
  static constexpr std::size_t kMaxParts = 160;  // disjoint rectangles; more become their bounding box
  // The rectangles of a `width` x `height` frame that may differ from the one last passed in: the whole
  // frame on the first call, after Reset, when the size or `salt` (what else the pixels depend on, such as
  // the clear colour) changed, or when most of it changed; none when nothing did.
  std::vector<PixelRect> Update(const ImDrawData& draw, int width, int height, std::uint64_t salt);
  // Forgets the last frame (the next Update returns the whole frame).
  void Reset() { tiles_.clear(); }

 private:
  int width_ = 0;
  int height_ = 0;
  std::uint64_t salt_ = 0;
  std::vector<std::uint64_t> tiles_;
};

// One draw pass over only the damaged parts of a frame: for each part, the triangles whose bounding box
// meets it, with their vertices copied out and every command's clip rectangle cut to the part, so software
// GL shades only the damaged pixels and transforms only the vertices drawn there. Draws each pixel once
// when the parts are disjoint (as FrameDamage gives them). Reuses its buffers from frame to frame.
class PartDrawData {
 public:
  // Fills data() from `draw` for `parts` (framebuffer pixels, top row 0, of a `height` pixel high
  // framebuffer). False when the draw data cannot be split (a user callback, or a part needing more
  // vertices than 16-bit indices reach): then draw the parts another way.
  bool Build(const ImDrawData& draw, const std::vector<PixelRect>& parts, int height);
  ImDrawData* data() { return &data_; }

 private:
  ImDrawData data_;
  std::vector<std::unique_ptr<ImDrawList>> lists_;
  std::vector<ImDrawList*> used_;
  std::vector<ImVec4> boxes_;     // per triangle of the list being split: x0, y0, x1, y1
  std::vector<int> remap_;        // per source vertex: its index in the part's list, valid where stamped
  std::vector<unsigned> stamps_;  // per source vertex: the pass that mapped it
  unsigned stamp_ = 0;
};

}  // namespace attune::platform
