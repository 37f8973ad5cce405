// app/core/navigation.cpp: the screens' state machine (see navigation.hpp).
#include "core/navigation.hpp"

namespace attune::core {

bool Navigation::Open(const std::string& path, bool ok) {
  if (screen_ == Screen::kPlayer) return false;
  session_ = path;
  screen_ = ok ? Screen::kStart : Screen::kLibrary;
  return true;
}

void Navigation::Play(const std::string& path) {
  session_ = path;
  screen_ = Screen::kPlayer;
  blank_ = false;
  confirming_stop_ = false;
}

void Navigation::Finish() {
  screen_ = Screen::kEnd;
  blank_ = false;
  confirming_stop_ = false;
}

void Navigation::Back() { screen_ = Screen::kLibrary; }

bool Navigation::ShowHistory(bool available) {
  if (!available) return false;
  screen_ = Screen::kHistory;
  return true;
}

void Navigation::ShowQuickTimer() { screen_ = Screen::kQuickTimer; }

bool Navigation::Continue(bool has_next) {
  if (has_next) return true;
  screen_ = Screen::kLibrary;
  return false;
}

void Navigation::LibraryChanged(bool still_exists, bool still_ok) {
  if (screen_ == Screen::kStart && (!still_exists || !still_ok)) screen_ = Screen::kLibrary;
}

const LibraryEntry* FindEntry(const Library& library, const std::string& path) {
  if (path.empty()) return nullptr;
  const int index = library.Find(path);
  if (index < 0) return nullptr;
  return &library.entries()[static_cast<std::size_t>(index)];
}

}  // namespace attune::core
