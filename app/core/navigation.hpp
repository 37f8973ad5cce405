// app/core/navigation.hpp: which screen the app shows (library, before starting, player, end, history,
// quick timer) and which session is open, addressed by a stable id: the script's path as the library
// lists it, or "" for a quick timer that was not saved (and for "none"). Never an index into the
// library's vector, which re-sorts whenever a file is added or changes its title. Pure: the shell asks
// the library what it needs (does the entry exist, did it load) and passes the answers in.
// UI thread only.
#pragma once

#include <string>

#include "core/library.hpp"

namespace attune::core {

enum class Screen { kLibrary, kStart, kPlayer, kEnd, kHistory, kQuickTimer };

// "library", "start", "player", "end", "history", "quick-timer" (as --screen names them).
const char* ToString(Screen screen);

class Navigation {
 public:
  Screen screen() const { return screen_; }
  // The open session's id. Set by Open() and Play(); kept when the screen goes back to the library
  // (and when the library loses the entry), so only Open() and Play() change it.
  const std::string& session() const { return session_; }

  // The player's overlays: the screen blanked (B or '.'), and "Stop this session?" being asked. Both
  // are cleared by Play() and Finish().
  bool blank() const { return blank_; }
  bool confirming_stop() const { return confirming_stop_; }

  // Opens the library's entry `path` (which exists): the start screen when it loaded and compiled
  // (`ok`), else the library (a broken script stays listed there with its diagnostics). Ignored while a
  // session plays (a file dropped on the player is only added to the library); returns whether it
  // happened.
  bool Open(const std::string& path, bool ok);
  // A session starts playing: from the start screen, "Again" on the end screen, the agenda's next item,
  // or the quick timer (`path` "" when not saved). The player screen, overlays cleared.
  void Play(const std::string& path);
  // The session ended (played to the end, or stopped): the end screen, overlays cleared.
  void Finish();
  // To the library, from any screen (Back, Escape, "Library"). The session id is kept.
  void Back();
  // The history screen, when there is a history (`available`); otherwise nothing changes. Returns
  // whether the screen changed.
  bool ShowHistory(bool available);
  // The quick-timer screen.
  void ShowQuickTimer();
  // Enter (or Right, Page Down, Space, "Next") on the end screen: when the agenda has a next item for
  // the open session (`has_next`) returns true and leaves the screen alone: the shell then opens the
  // next item and plays it. Otherwise goes to the library and returns false.
  bool Continue(bool has_next);

  // The library re-read its files. On the start screen, falls back to the library when the open
  // entry vanished (`still_exists` false) or no longer loads (`still_ok` false). Other screens stay.
  void LibraryChanged(bool still_exists, bool still_ok);

  void ToggleBlank() { blank_ = !blank_; }
  void SetBlank(bool blank) { blank_ = blank; }
  void AskStop() { confirming_stop_ = true; }
  void CancelStop() { confirming_stop_ = false; }

 private:
  Screen screen_ = Screen::kLibrary;
  std::string session_;
  bool blank_ = false;
  bool confirming_stop_ = false;
};

// Resolving an id: the library's entry for `path` (compared as Library::Find compares), or nullptr
// when `path` is empty or not listed. The pointer is valid until the library next changes.
const LibraryEntry* FindEntry(const Library& library, const std::string& path);

}  // namespace attune::core
