// app/core/loader_blocks.cpp: the loader's checks across blocks: `use` cycles and the nesting depth of
// `repeat` and `use`.
#include <algorithm>
#include <functional>
#include <map>

#include "core/loader_internal.hpp"
#include "core/loader_messages.hpp"

namespace attune::core::detail {

void Loader::CheckBlockCycles() {
  // Depth-first search over "block uses block" edges, in file order; every back edge is one cycle.
  std::map<std::string, int> state;  // 0 unvisited, 1 on the path, 2 done
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& block) {
    state[block] = 1;
    path.push_back(block);
    for (const BlockUse& use : uses_) {
      if (use.from != block) continue;
      if (state[use.to] == 1) {
        std::vector<std::string> cycle(std::find(path.begin(), path.end(), use.to), path.end());
        cycle.push_back(use.to);
        Error(use.location, msg::BlockCycle(cycle));
      } else if (state[use.to] == 0) {
        visit(use.to);
      }
    }
    path.pop_back();
    state[block] = 2;
  };
  for (const std::string& block : block_names_) {
    if (state[block] == 0) visit(block);
  }
}

int Loader::StepsDepth(const std::vector<Step>& steps, std::set<std::string>* visiting) {
  int depth = 0;
  for (const Step& step : steps) {
    if (const auto* repeat = std::get_if<RepeatStep>(&step.body)) {
      depth = std::max(depth, 1 + StepsDepth(repeat->steps, visiting));
    } else if (const auto* use = std::get_if<UseStep>(&step.body)) {
      depth = std::max(depth, 1 + BlockDepth(use->block, visiting));
    }
  }
  return depth;
}

int Loader::BlockDepth(const std::string& name, std::set<std::string>* visiting) {
  if (auto known = block_depths_.find(name); known != block_depths_.end()) return known->second;
  const auto block = session_.blocks.find(name);
  if (block == session_.blocks.end() || !visiting->insert(name).second) return 0;  // unknown or a cycle
  const int depth = StepsDepth(block->second, visiting);
  visiting->erase(name);
  block_depths_[name] = depth;
  return depth;
}

void Loader::CheckNesting(const std::vector<Step>& steps, int level) {
  for (const Step& step : steps) {
    if (const auto* repeat = std::get_if<RepeatStep>(&step.body)) {
      if (level + 1 > kMaxNesting) {
        Error(step.common.location, msg::TooDeep(level + 1));
      } else {
        CheckNesting(repeat->steps, level + 1);
      }
    } else if (const auto* use = std::get_if<UseStep>(&step.body)) {
      std::set<std::string> visiting;
      const int levels = level + 1 + BlockDepth(use->block, &visiting);
      if (levels > kMaxNesting) Error(step.common.location, msg::TooDeep(levels));
    }
  }
}

}  // namespace attune::core::detail
