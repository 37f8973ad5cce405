// app/core/library.hpp: the sessions a person can pick: the built-in folder, the user's folder and
// files named on the command line or dropped on the window. Each file is loaded and compiled; a broken
// one stays listed with its diagnostics. Refresh() notices files that appeared, vanished or changed
// (by modification time and size) and reloads them. UI thread only; loading happens inside the calls.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/loader.hpp"
#include "core/timeline.hpp"

namespace attune::core {

enum class LibrarySource { kBuiltIn, kUser, kNamed };

struct LibraryEntry {
  std::string path;  // as found (a folder's entries: folder + "/" + file name)
  LibrarySource source = LibrarySource::kBuiltIn;
  bool ok = false;    // loaded and compiled without error
  std::string title;  // the script's title; for a broken script its file name
  std::string summary;
  int people = 1;
  std::vector<std::string> tags;
  Micros length{0};
  Diagnostics diagnostics;                   // errors and warnings, in file order
  std::shared_ptr<const Timeline> timeline;  // set when ok
  std::filesystem::file_time_type mtime{};
  std::uintmax_t size = 0;
};

enum class LengthFilter { kAny, kShort, kMedium, kLong };  // short < 10 min <= medium < 30 min <= long

struct LibraryFilter {
  // Case-insensitive, in title, summary and tags; empty = any. Everyday words find what they mean:
  // "couple" or "partner" the sessions for two, "sleep" the evening ones, "anxiety" the calming ones.
  std::string text;
  int people = 0;  // 0 = any, 1 or 2
  LengthFilter length = LengthFilter::kAny;
};

// Loads and compiles one file (CompileFile) into an entry (never throws). `compile` carries the spoken-length
// source (audio::SynthSpeechLength in the app) so the library's lengths match what plays.
LibraryEntry LoadLibraryEntry(const std::string& path, LibrarySource source, const LoadOptions& options,
                              const CompileOptions& compile = {});

bool Matches(const LibraryEntry& entry, const LibraryFilter& filter);

class Library {
 public:
  explicit Library(LoadOptions options = {}, CompileOptions compile = {});

  // Folders are scanned for *.yaml and *.yml files (not recursively). A missing folder is fine.
  void AddFolder(const std::string& folder, LibrarySource source);
  // A single file; listed even when it does not exist (with a diagnostic). Returns its entry's index.
  int AddFile(const std::string& path, LibrarySource source = LibrarySource::kNamed);

  // Re-scans folders and re-stats files; reloads what changed. Returns true if any entry changed.
  bool Refresh();

  const std::vector<LibraryEntry>& entries() const { return entries_; }
  // Indices of entries that match, in order (named files, built-in, then the user's; by title within).
  std::vector<int> Filter(const LibraryFilter& filter) const;
  // The index of the entry for `path` (compared as canonical paths), or -1.
  int Find(const std::string& path) const;

 private:
  struct Folder {
    std::string path;
    LibrarySource source;
  };
  void Sort();

  LoadOptions options_;
  CompileOptions compile_;
  std::vector<Folder> folders_;
  std::vector<LibraryEntry> entries_;
};

}  // namespace attune::core
