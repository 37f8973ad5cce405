// app/platform/frame_damage.cpp: which tiles of a frame changed, and the draw data of only those parts.
#include "platform/frame_damage.hpp"

#include <algorithm>
#include <cstring>

namespace attune::platform {

// Hash mixing (splitmix64's finalizer): every input bit affects every output bit.
std::uint64_t Mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t HashBytes(const void* data, std::size_t size, std::uint64_t seed) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  std::uint64_t h = seed;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes + i, 8);
    h = Mix64(h ^ word);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes + i, size - i);
  return Mix64(h ^ tail ^ (static_cast<std::uint64_t>(size) << 56));
}

std::vector<PixelRect> FrameDamage::Update(const ImDrawData& draw, int width, int height,
                                           std::uint64_t salt) {
  const int cols = (std::max(width, 1) + kTile - 1) / kTile;
  const int rows = (std::max(height, 1) + kTile - 1) / kTile;
  std::vector<std::uint64_t> tiles(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows), 0);
  const ImVec2 offset = draw.DisplayPos;
  const ImVec2 scale = draw.FramebufferScale;
  const float fw = static_cast<float>(width), fh = static_cast<float>(height);
  for (int l = 0; l < draw.CmdListsCount; ++l) {
    const ImDrawList* list = draw.CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) {  // drawing we cannot see into: everything may change
        tiles_.clear();
        continue;
      }
      // The clip rectangle in framebuffer pixels, as the backend scissors it.
      const float cx0 = std::max(0.0f, (cmd.ClipRect.x - offset.x) * scale.x);
      const float cy0 = std::max(0.0f, (cmd.ClipRect.y - offset.y) * scale.y);
      const float cx1 = std::min(fw, (cmd.ClipRect.z - offset.x) * scale.x);
      const float cy1 = std::min(fh, (cmd.ClipRect.w - offset.y) * scale.y);
      if (cx1 <= cx0 || cy1 <= cy0) continue;
      struct {
        ImVec4 clip;
        ImTextureID texture;
      } key{cmd.ClipRect, cmd.TextureId};
      const std::uint64_t cmd_hash = HashBytes(&key, sizeof(key), 0x9e3779b97f4a7c15ULL);
      for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawVert* v[3];
        float x0 = fw, y0 = fh, x1 = 0.0f, y1 = 0.0f;
        for (int k = 0; k < 3; ++k) {
          const ImDrawIdx index = list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i) + k];
          v[k] = &list->VtxBuffer[static_cast<int>(cmd.VtxOffset + index)];
          const float px = (v[k]->pos.x - offset.x) * scale.x, py = (v[k]->pos.y - offset.y) * scale.y;
          x0 = std::min(x0, px);
          y0 = std::min(y0, py);
          x1 = std::max(x1, px);
          y1 = std::max(y1, py);
        }
        // A pixel of margin: rasterization rules and rounding never reach further.
        x0 = std::max(cx0, x0 - 1.0f);
        y0 = std::max(cy0, y0 - 1.0f);
        x1 = std::min(cx1, x1 + 1.0f);
        y1 = std::min(cy1, y1 + 1.0f);
        if (x1 <= x0 || y1 <= y0) continue;
        std::uint64_t h = cmd_hash;
        for (const ImDrawVert* vert : v) h = HashBytes(vert, sizeof(ImDrawVert), h);
        const int tx0 = static_cast<int>(x0) / kTile, ty0 = static_cast<int>(y0) / kTile;
        const int tx1 = std::min(cols - 1, static_cast<int>(x1) / kTile);
        const int ty1 = std::min(rows - 1, static_cast<int>(y1) / kTile);
        for (int ty = ty0; ty <= ty1; ++ty) {
          for (int tx = tx0; tx <= tx1; ++tx) {
            std::uint64_t& tile = tiles[static_cast<std::size_t>(ty * cols + tx)];
            tile = Mix64(tile ^ h) + 1;  // order matters: what is drawn over what
          }
        }
      }
    }
  }
  const bool whole = tiles_.size() != tiles.size() || width != width_ || height != height_ || salt != salt_;
  std::vector<std::uint64_t> previous = std::move(tiles_);
  tiles_ = std::move(tiles);
  width_ = width;
  height_ = height;
  salt_ = salt;
  const std::vector<PixelRect> all{PixelRect{0, 0, width, height}};
  if (whole) return all;
  // Runs of changed tiles in each row, then runs with the same columns in consecutive rows merged.
  std::vector<PixelRect> parts;
  int changed = 0;
  for (int ty = 0; ty < rows; ++ty) {
    for (int tx = 0; tx < cols;) {
      const auto at = [&](int x) { return static_cast<std::size_t>(ty * cols + x); };
      if (tiles_[at(tx)] == previous[at(tx)]) {
        ++tx;
        continue;
      }
      int end = tx;
      while (end < cols && tiles_[at(end)] != previous[at(end)]) ++end;
      changed += end - tx;
      parts.push_back(PixelRect{tx * kTile, ty * kTile, (end - tx) * kTile, kTile});
      tx = end;
    }
  }
  std::vector<PixelRect> merged;
  for (const PixelRect& part : parts) {
    auto above = std::find_if(merged.begin(), merged.end(), [&](const PixelRect& m) {
      return m.x == part.x && m.w == part.w && m.y + m.h == part.y;
    });
    if (above != merged.end()) {
      above->h += part.h;
    } else {
      merged.push_back(part);
    }
  }
  // Clipped to the frame; when most of the frame changed, all of it.
  for (PixelRect& m : merged) {
    m.w = std::min(m.w, width - m.x);
    m.h = std::min(m.h, height - m.y);
  }
  if (changed * 10 > cols * rows * 6) return all;
  // The parts are disjoint (RenderParts draws each pixel once). When there are very many, their bounding
  // box is one part.
  if (merged.size() > kMaxParts) {
    PixelRect box = merged.front();
    for (const PixelRect& m : merged) {
      const int x0 = std::min(box.x, m.x), y0 = std::min(box.y, m.y);
      box =
          PixelRect{x0, y0, std::max(box.x + box.w, m.x + m.w) - x0, std::max(box.y + box.h, m.y + m.h) - y0};
    }
    merged.assign(1, box);
  }
  return merged;
}

namespace {

// The command's clip rectangle cut to `part`, in ImGui's units, such that the backend's scissor (it
// truncates the corner and the size to whole pixels) is exactly the intersection's pixels, or edge rows
// would differ from a whole redraw. Empty (z <= x or w <= y) when they do not meet.
ImVec4 ClipToPart(const ImVec4& clip, const PixelRect& part, ImVec2 offset, ImVec2 scale, int height) {
  const ImVec2 lo((clip.x - offset.x) * scale.x, (clip.y - offset.y) * scale.y);
  const ImVec2 hi((clip.z - offset.x) * scale.x, (clip.w - offset.y) * scale.y);
  const float fb_h = static_cast<float>(height);
  const int sx = static_cast<int>(lo.x), sw = static_cast<int>(hi.x - lo.x);
  const int sh = static_cast<int>(hi.y - lo.y);
  const int sy = height - static_cast<int>(fb_h - hi.y) - sh;  // top row, top-down
  const int x0 = std::max(sx, part.x), x1 = std::min(sx + sw, part.x + part.w);
  const int y0 = std::max(sy, part.y), y1 = std::min(sy + sh, part.y + part.h);
  return ImVec4(offset.x + static_cast<float>(x0) / scale.x, offset.y + static_cast<float>(y0) / scale.y,
                offset.x + static_cast<float>(x1) / scale.x, offset.y + static_cast<float>(y1) / scale.y);
}

}  // namespace

bool PartDrawData::Build(const ImDrawData& draw, const std::vector<PixelRect>& parts, int height) {
  const ImVec2 offset = draw.DisplayPos;
  const ImVec2 scale = draw.FramebufferScale;
  // Every triangle's bounding box in framebuffer pixels, a pixel wider (rasterization never reaches
  // further), list after list.
  std::vector<std::size_t> first_box(static_cast<std::size_t>(draw.CmdListsCount) + 1, 0);
  boxes_.clear();
  for (int l = 0; l < draw.CmdListsCount; ++l) {
    const ImDrawList* list = draw.CmdLists[l];
    first_box[static_cast<std::size_t>(l)] = boxes_.size();
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) return false;
      for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
        ImVec4 box(1e30f, 1e30f, -1e30f, -1e30f);
        for (unsigned int k = 0; k < 3; ++k) {
          const ImDrawIdx index = list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i + k)];
          const ImVec2 pos = list->VtxBuffer[static_cast<int>(cmd.VtxOffset + index)].pos;
          const float px = (pos.x - offset.x) * scale.x, py = (pos.y - offset.y) * scale.y;
          box = ImVec4(std::min(box.x, px), std::min(box.y, py), std::max(box.z, px), std::max(box.w, py));
        }
        boxes_.emplace_back(box.x - 1.0f, box.y - 1.0f, box.z + 1.0f, box.w + 1.0f);
      }
    }
  }
  used_.clear();
  std::size_t next_list = 0;
  int total_vtx = 0, total_idx = 0;
  for (const PixelRect& part : parts) {
    const float px0 = static_cast<float>(part.x), py0 = static_cast<float>(part.y);
    const float px1 = static_cast<float>(part.x + part.w), py1 = static_cast<float>(part.y + part.h);
    for (int l = 0; l < draw.CmdListsCount; ++l) {
      const ImDrawList* source = draw.CmdLists[l];
      if (next_list == lists_.size()) lists_.push_back(std::make_unique<ImDrawList>(nullptr));
      ImDrawList* out = lists_[next_list].get();
      out->CmdBuffer.resize(0);
      out->IdxBuffer.resize(0);
      out->VtxBuffer.resize(0);
      const auto vertices = static_cast<std::size_t>(source->VtxBuffer.Size);
      if (remap_.size() < vertices) {
        remap_.resize(vertices);
        stamps_.resize(vertices, 0);
      }
      if (++stamp_ == 0) {  // wrapped: no stamp may look current
        std::fill(stamps_.begin(), stamps_.end(), 0u);
        stamp_ = 1;
      }
      std::size_t box = first_box[static_cast<std::size_t>(l)];
      for (const ImDrawCmd& cmd : source->CmdBuffer) {
        const std::size_t triangles = cmd.ElemCount / 3;
        const ImVec4 clip = ClipToPart(cmd.ClipRect, part, offset, scale, height);
        if (clip.z <= clip.x || clip.w <= clip.y) {
          box += triangles;
          continue;
        }
        const auto start = static_cast<unsigned int>(out->IdxBuffer.Size);
        for (std::size_t t = 0; t < triangles; ++t, ++box) {
          const ImVec4& b = boxes_[box];
          if (b.z <= px0 || b.x >= px1 || b.w <= py0 || b.y >= py1) continue;
          for (unsigned int k = 0; k < 3; ++k) {
            const ImDrawIdx index = source->IdxBuffer[static_cast<int>(cmd.IdxOffset + t * 3 + k)];
            const std::size_t v = cmd.VtxOffset + index;
            if (stamps_[v] != stamp_) {
              if (out->VtxBuffer.Size >= 65535) return false;
              stamps_[v] = stamp_;
              remap_[v] = out->VtxBuffer.Size;
              out->VtxBuffer.push_back(source->VtxBuffer[static_cast<int>(v)]);
            }
            out->IdxBuffer.push_back(static_cast<ImDrawIdx>(remap_[v]));
          }
        }
        const auto count = static_cast<unsigned int>(out->IdxBuffer.Size) - start;
        if (count == 0) continue;
        ImDrawCmd part_cmd;
        part_cmd.ClipRect = clip;
        part_cmd.TextureId = cmd.TextureId;
        part_cmd.IdxOffset = start;
        part_cmd.ElemCount = count;
        out->CmdBuffer.push_back(part_cmd);
      }
      if (out->CmdBuffer.Size == 0) continue;
      total_vtx += out->VtxBuffer.Size;
      total_idx += out->IdxBuffer.Size;
      used_.push_back(out);
      ++next_list;
    }
  }
  data_ = ImDrawData();
  data_.Valid = true;
  data_.CmdLists = used_.data();
  data_.CmdListsCount = static_cast<int>(used_.size());
  data_.TotalVtxCount = total_vtx;
  data_.TotalIdxCount = total_idx;
  data_.DisplayPos = draw.DisplayPos;
  data_.DisplaySize = draw.DisplaySize;
  data_.FramebufferScale = draw.FramebufferScale;
  return true;
}

}  // namespace attune::platform
