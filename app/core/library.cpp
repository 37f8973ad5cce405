// app/core/library.cpp: the library's folders and files, each entry loaded and compiled by CompileFile.
#include "core/library.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>

#include "core/compile_file.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string Canonical(const std::string& path) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  return error ? path : canonical.string();
}

bool IsScript(const fs::path& path) {
  const std::string extension = Lower(path.extension().string());
  return extension == ".yaml" || extension == ".yml";
}

void Stat(const std::string& path, fs::file_time_type* mtime, std::uintmax_t* size) {
  std::error_code error;
  *mtime = fs::last_write_time(path, error);
  if (error) *mtime = fs::file_time_type{};
  *size = fs::file_size(path, error);
  if (error) *size = 0;
}

}  // namespace

LibraryEntry LoadLibraryEntry(const std::string& path, LibrarySource source, const LoadOptions& options,
                              const CompileOptions& compile) {
  LibraryEntry entry;
  entry.path = path;
  entry.source = source;
  entry.title = fs::path(path).filename().string();
  Stat(path, &entry.mtime, &entry.size);
  CompiledFile file = CompileFile(path, options, compile);
  entry.diagnostics = std::move(file.diagnostics);
  if (!file.session) return entry;
  const Session& session = *file.session;
  entry.title = session.title;
  entry.summary = session.summary;
  entry.people = session.people;
  entry.tags = session.tags;
  if (!file.timeline) return entry;
  entry.length = file.timeline->duration;
  entry.timeline = std::move(file.timeline);
  entry.ok = true;
  return entry;
}

// The words a person searches with that the sessions' own words may not contain. A word applies to a search
// of at least 3 letters that begins it ("coup" finds the sessions for two), or of the whole word.
struct SearchSynonym {
  const char* word;
  std::vector<std::string> terms;  // found in titles, summaries and tags
  bool two_people = false;         // also every session for two
};

const std::vector<SearchSynonym>& SearchSynonyms() {
  static const std::vector<SearchSynonym> kSynonyms = {
      {"couple", {"two people"}, true},
      {"partner", {"two people"}, true},
      {"pair", {"two people"}, true},
      {"spouse", {"two people"}, true},
      {"relationship", {"two people"}, true},
      {"sleep", {"sleep", "evening", "body scan"}},
      {"insomnia", {"sleep", "evening"}},
      {"bedtime", {"sleep", "evening"}},
      {"night", {"sleep", "evening"}},
      {"anxiety", {"calm", "exhale", "sigh", "resonance", "4-7-8"}},
      {"anxious", {"calm", "exhale", "sigh", "resonance", "4-7-8"}},
      {"stress", {"calm", "exhale", "sigh", "resonance", "relaxation"}},
      {"panic", {"calm", "exhale", "sigh"}},
      {"worry", {"calm", "exhale", "relaxation"}},
      {"relax", {"relaxation", "calm", "body scan"}},
      {"meditate", {"meditation", "mindfulness", "silence"}},
      {"muscle", {"pmr", "muscles"}},
      {"tension", {"pmr", "muscles"}},
      {"heart", {"resonance", "coherent"}},
      {"hrv", {"resonance", "coherent"}},
  };
  return kSynonyms;
}

bool SynonymApplies(const SearchSynonym& synonym, const std::string& needle) {
  const std::string word = synonym.word;
  if (needle.size() >= 3 && word.compare(0, needle.size(), needle) == 0) return true;
  // "couples", "anxiety attack": the search holds the whole word.
  return needle.find(word) != std::string::npos;
}

bool Matches(const LibraryEntry& entry, const LibraryFilter& filter) {
  if (filter.people != 0 && entry.people != filter.people) return false;
  constexpr Micros kTen = std::chrono::minutes(10);
  constexpr Micros kThirty = std::chrono::minutes(30);
  switch (filter.length) {
    case LengthFilter::kAny:
      break;
    case LengthFilter::kShort:
      if (!entry.ok || entry.length >= kTen) return false;
      break;
    case LengthFilter::kMedium:
      if (!entry.ok || entry.length < kTen || entry.length >= kThirty) return false;
      break;
    case LengthFilter::kLong:
      if (!entry.ok || entry.length < kThirty) return false;
      break;
  }
  if (filter.text.empty()) return true;
  const std::string needle = Lower(filter.text);
  const auto contains = [&entry](const std::string& term) {
    if (Lower(entry.title).find(term) != std::string::npos) return true;
    if (Lower(entry.summary).find(term) != std::string::npos) return true;
    return std::any_of(entry.tags.begin(), entry.tags.end(),
                       [&](const std::string& tag) { return Lower(tag).find(term) != std::string::npos; });
  };
  if (contains(needle)) return true;
  for (const SearchSynonym& synonym : SearchSynonyms()) {
    if (!SynonymApplies(synonym, needle)) continue;
    if (synonym.two_people && entry.people == 2) return true;
    if (std::any_of(synonym.terms.begin(), synonym.terms.end(), contains)) return true;
  }
  return false;
}

Library::Library(LoadOptions options, CompileOptions compile) : options_(options), compile_(compile) {}

void Library::AddFolder(const std::string& folder, LibrarySource source) {
  if (folder.empty()) return;
  for (const Folder& known : folders_) {
    if (Canonical(known.path) == Canonical(folder)) return;
  }
  folders_.push_back({folder, source});
  std::error_code error;
  std::vector<std::string> found;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && IsScript(it->path())) found.push_back(it->path().string());
  }
  for (const std::string& path : found) {
    if (Find(path) < 0) entries_.push_back(LoadLibraryEntry(path, source, options_, compile_));
  }
  Sort();
}

int Library::AddFile(const std::string& path, LibrarySource source) {
  const int known = Find(path);
  if (known >= 0) return known;
  entries_.push_back(LoadLibraryEntry(path, source, options_, compile_));
  Sort();
  return Find(path);
}

bool Library::Refresh() {
  bool changed = false;
  for (LibraryEntry& entry : entries_) {
    fs::file_time_type mtime;
    std::uintmax_t size = 0;
    Stat(entry.path, &mtime, &size);
    if (mtime != entry.mtime || size != entry.size) {
      entry = LoadLibraryEntry(entry.path, entry.source, options_, compile_);
      changed = true;
    }
  }
  for (const Folder& folder : folders_) {
    std::error_code error;
    std::set<std::string> present;
    for (fs::directory_iterator it(folder.path, error), end; !error && it != end; it.increment(error)) {
      if (!it->is_regular_file(error) || !IsScript(it->path())) continue;
      present.insert(it->path().string());
      if (Find(it->path().string()) < 0) {
        entries_.push_back(LoadLibraryEntry(it->path().string(), folder.source, options_, compile_));
        changed = true;
      }
    }
    const std::size_t before = entries_.size();
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                  [&](const LibraryEntry& entry) {
                                    return entry.source == folder.source &&
                                           fs::path(entry.path).parent_path() == fs::path(folder.path) &&
                                           present.count(entry.path) == 0;
                                  }),
                   entries_.end());
    changed = changed || entries_.size() != before;
  }
  if (changed) Sort();
  return changed;
}

std::vector<int> Library::Filter(const LibraryFilter& filter) const {
  std::vector<int> indices;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (Matches(entries_[i], filter)) indices.push_back(static_cast<int>(i));
  }
  return indices;
}

int Library::Find(const std::string& path) const {
  const std::string wanted = Canonical(path);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].path == path || Canonical(entries_[i].path) == wanted) return static_cast<int>(i);
  }
  return -1;
}

void Library::Sort() {
  std::stable_sort(entries_.begin(), entries_.end(), [](const LibraryEntry& x, const LibraryEntry& y) {
    // Files the user named come first, then the built-in sessions, then the user's folder.
    auto rank = [](LibrarySource source) {
      return source == LibrarySource::kNamed ? -1 : static_cast<int>(source);
    };
    if (x.source != y.source) return rank(x.source) < rank(y.source);
    const std::string lx = Lower(x.title), ly = Lower(y.title);
    if (lx != ly) return lx < ly;
    return x.path < y.path;
  });
}

}  // namespace attune::core
