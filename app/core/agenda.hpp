// app/core/agenda.hpp: the agenda, the sessions to play in order: the files named on the command line,
// or else one default session. Items are paths (stable ids), so re-sorting the library never moves
// them. It knows the current item, whether the open session is that item, the next one, and the
// "Session 2 of 3" line. Pure; UI thread only.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attune::core {

// What the library knows about a path: listed at all, and loaded and compiled without error.
struct EntryStatus {
  bool exists = false;
  bool ok = false;
};
using EntryLookup = std::function<EntryStatus(const std::string& path)>;

class Agenda {
 public:
  Agenda() = default;
  explicit Agenda(std::vector<std::string> items) : items_(std::move(items)) {}

  // The app's agenda at start: the `files` named on the command line, in order; with none, the
  // session last played (`last_session`) when the library lists it and it loads, else `fallback` (the
  // built-in "Breathing together"; "" for none) when the library lists it; else empty.
  static Agenda AtStart(const std::vector<std::string>& files, const std::string& last_session,
                        const std::string& fallback, const EntryLookup& lookup);

  const std::vector<std::string>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }

  // The current item's index (0 at first) and path ("" when the agenda is empty).
  std::size_t current() const { return current_; }
  std::string CurrentPath() const;
  // Makes `item` current. Returns false (and changes nothing) when there is no such item.
  bool Select(std::size_t item);

  // Whether the open session (its id, Navigation::session()) is the current item. Compared as
  // strings: the path as the agenda got it and as the library lists it.
  bool IsCurrent(const std::string& open) const;
  // The next item's path, when the open session is the current item and another follows.
  std::optional<std::string> Next(const std::string& open) const;
  // "Session 2 of 3" while the open session is the current item of an agenda of two or more; else "".
  std::string Text(const std::string& open) const;

 private:
  std::vector<std::string> items_;
  std::size_t current_ = 0;
};

}  // namespace attune::core
