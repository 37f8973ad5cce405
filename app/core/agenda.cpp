// app/core/agenda.cpp: the agenda of sessions to play in order (see agenda.hpp).
#include "core/agenda.hpp"

#include <fmt/format.h>

namespace attune::core {

Agenda Agenda::AtStart(const std::vector<std::string>& files, const std::string& last_session,
                       const std::string& fallback, const EntryLookup& lookup) {
  if (!files.empty()) return Agenda(files);
  std::string first = last_session;
  if (!first.empty()) {
    const EntryStatus last = lookup(first);
    if (!last.exists || !last.ok) first.clear();
  }
  if (first.empty()) first = fallback;
  if (first.empty() || !lookup(first).exists) return Agenda();
  return Agenda({first});
}

std::string Agenda::CurrentPath() const {
  return current_ < items_.size() ? items_[current_] : std::string();
}

bool Agenda::Select(std::size_t item) {
  if (item >= items_.size()) return false;
  current_ = item;
  return true;
}

bool Agenda::IsCurrent(const std::string& open) const {
  return current_ < items_.size() && items_[current_] == open;
}

std::optional<std::string> Agenda::Next(const std::string& open) const {
  if (!IsCurrent(open) || current_ + 1 >= items_.size()) return std::nullopt;
  return items_[current_ + 1];
}

std::string Agenda::Text(const std::string& open) const {
  if (items_.size() < 2 || !IsCurrent(open)) return "";
  return fmt::format("Session {} of {}", current_ + 1, items_.size());
}

}  // namespace attune::core
