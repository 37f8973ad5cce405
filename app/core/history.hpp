// app/core/history.hpp: the practice history, one SQLite file in the user's data folder
// ($XDG_DATA_HOME/attune/history.sqlite). Private: it never leaves that folder, never touches the network,
// and the file is created readable by its owner only (0600).
//
// Durability. The database runs in WAL mode with synchronous=FULL. A row is written (committed) the moment a
// practice begins and updated as it goes, each update its own transaction:
//  - a crash or `kill -9` loses nothing that was committed (the WAL is in the OS's hands), and the file is
//    never corrupt: an update either happened or not;
//  - a power cut: with FULL every commit is fsynced to the WAL before it returns, so even the last update
//    survives. (NORMAL would keep the file consistent too, but could lose the last commits.) The cost is one
//    fsync per update, and updates come every few seconds at most.
// A practice whose writer died (crash, kill, power cut) stays in state kPlaying with its last progress; the
// next Open() of the database marks it kInterrupted (its writer's pid is gone, or it was not written for a
// day), keeping that progress: a truthful partial entry.
//
// Threads: one History object belongs to one thread (the UI thread in the app). Several processes may open
// the same file at once (the app and `attune history`): SQLite locks, and writers wait up to 2 s.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "core/timeline.hpp"

struct sqlite3;

namespace attune::core {

// The state of a practice. Stored as text: "playing", "completed", "stopped", "interrupted".
enum class PracticeState {
  kPlaying,      // its writer is still running (or died and no Open() has seen it since)
  kCompleted,    // played to the end
  kStopped,      // stopped early by the user
  kInterrupted,  // its writer died mid-session (crash, kill, power cut); progress is the last one written
};
const char* ToString(PracticeState state);
std::optional<PracticeState> PracticeStateFromString(const std::string& text);

// What is known when a practice begins.
struct PracticeStart {
  std::string title;        // the session's title
  std::string file;         // the script's path as the app opened it ("" for a quick timer not saved)
  std::string script_hash;  // ScriptHash(script text)
  int people = 1;           // 1 or 2
  std::string name_a;       // role names ("" with one person)
  std::string name_b;
  std::int64_t start_utc_us = 0;  // microseconds since the Unix epoch, UTC
  std::string start_local;  // the local wall time then, ISO 8601 with offset: "2026-03-29T07:05:00+02:00"
  Micros planned{0};        // the session's length
};

// One row of the history.
struct Practice {
  std::int64_t id = 0;
  std::string title;
  std::string file;
  std::string script_hash;
  int people = 1;
  std::string name_a;
  std::string name_b;
  std::int64_t start_utc_us = 0;
  std::string start_local;
  Micros planned{0};
  Micros actual{0};      // time actually practised (playing, not paused)
  int reached_step = 0;  // 1-based index of the last step reached (0 = none yet)
  Micros reached{0};     // the furthest session time reached
  PracticeState state = PracticeState::kPlaying;
  std::int64_t updated_utc_us = 0;  // when the row was last written
  Micros skipped{0};  // session time reached but skipped over, not practised (0 in rows before schema 3)
};

// How far a practice has come: what UpdateProgress and Finish write.
struct Progress {
  Micros actual{0};      // time practised so far (playing, not paused)
  int reached_step = 0;  // 1-based
  Micros reached{0};     // session time reached
  Micros skipped{0};     // of `reached`, the session time skipped over rather than practised
};

class History;

struct HistoryOpenResult {
  std::unique_ptr<History> history;  // null when the history cannot be used at all (see `error`)
  // Shown to the user once, or empty. Set when a damaged file was moved aside and its readable rows
  // salvaged: "Your practice history was damaged. 99 practices were kept (1 could not be read); the
  // damaged file was kept as PATH." ("could not be read. It was moved to PATH and a new history was
  // started." when no row could be read.)
  std::string notice;
  std::string error;  // why `history` is null: "cannot create folder ...", "... is locked", ...
  // Why the history cannot be written, in the user's words, when `history` is null: "the history file is
  // read-only (PATH)", "the history folder is read-only (DIR)", "the disk is full (PATH)", ...
  std::string reason;
  std::string moved_to;  // where a damaged file went, or empty
  int kept = 0;          // rows salvaged from a damaged file
  int unreadable = 0;    // rows of a damaged file that could not be read (as far as they can be counted)
};

// The schema version this build writes. Migrations run from any older version up to this one.
inline constexpr int kHistorySchemaVersion = 3;

class History {
 public:
  // Opens (creating folders and the file as needed) and migrates the database at `path`. Never throws.
  // A file that is not a readable SQLite database, or fails its integrity check, is renamed to
  // `path.corrupt-YYYYMMDD-HHMMSS` (local time; with its -wal / -shm files alongside; never deleted) and a
  // new one is started holding every row that can still be read from it (SalvagePractices); `notice` says
  // how many were kept and where the original is. Rows left in kPlaying by a writer that is no longer
  // running become kInterrupted. The schema version is read before anything is written: a newer one, or
  // one that is negative or not a number, is refused with a clear `error` and the file left byte for byte.
  // Any failure (no folder, a read-only file or folder, a full disk, that schema, a lock held too long)
  // leaves the file alone and sets `error` and `reason`: the app then keeps its practices in memory
  // (PracticeSaver) and retries.
  static HistoryOpenResult Open(const std::string& path);
  // Opens an existing history for reading only (`attune history`): SQLITE_OPEN_READONLY, no migration, no
  // journal or folder creation, nothing written, so it works on a read-only file or folder. A playing row
  // whose writer is gone reads as kInterrupted. A damaged file is read row by row (what can be read is
  // returned; `notice` says how many rows could not be read). A schema newer than this build, or a
  // negative one, is refused with `error`.
  static HistoryOpenResult OpenReadOnly(const std::string& path);

  ~History();
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // Writes the row at once (state kPlaying, actual 0). Returns its id, or 0 if the write failed.
  std::int64_t BeginPractice(const PracticeStart& start);
  // Records progress (the step and session time reached only ever grow). Call every few seconds and at each
  // step change. Returns false if the write failed.
  bool UpdateProgress(std::int64_t id, const Progress& progress);
  // The end: completed (played to the end) or stopped early. Returns false if the write failed.
  bool Finish(std::int64_t id, const Progress& progress, bool completed);

  // Every practice, oldest first (by start time, then id).
  std::vector<Practice> All() const;
  // The `count` most recent practices, newest first.
  std::vector<Practice> Recent(int count) const;
  std::optional<Practice> Get(std::int64_t id) const;
  // Deletes the practice `id` at the user's request. A practice still playing is not deleted. Returns false
  // when nothing was deleted (no such row, still playing, or the write failed: see failure()).
  bool Delete(std::int64_t id);

  const std::string& path() const { return path_; }
  // The last SQLite error message, for logs ("" if none).
  const std::string& last_error() const { return last_error_; }
  // Why the last write failed, in the user's words: "the disk is full (PATH)", "the history file is
  // read-only (PATH)", ... ("" when the last write did not fail with an error).
  std::string failure() const;
  // Tests: limits the file to `pages` pages (PRAGMA max_page_count; 0: its size now), so that writes fail
  // as on a full disk.
  void LimitPagesForTest(int pages);

 private:
  struct DbCloser {
    void operator()(sqlite3* db) const;
  };
  History(std::string path, std::unique_ptr<sqlite3, DbCloser> db, bool read_only, std::int64_t schema);
  void NoteError(int code) const;
  std::vector<Practice> Query(const std::string& where) const;  // `where`: what follows FROM practice
  // Moves a playing row on: progress, and with `final_state` ("completed" / "stopped") its end; while
  // it plays, the row also names this process as its writer.
  bool WriteProgress(std::int64_t id, const Progress& progress, const char* final_state);
  int NowPid() const;

  std::string path_;
  std::unique_ptr<sqlite3, DbCloser> db_;
  bool read_only_ = false;
  // The file's schema version: read-only opens do not migrate, so an older file lacks writer_pid (before 2)
  // and skipped_us (before 3).
  std::int64_t schema_ = kHistorySchemaVersion;
  mutable std::string last_error_;
  mutable int last_code_ = 0;
};

// The readable rows of the history file at `path`, read one by one through SQLITE_OPEN_READONLY (a
// damaged page loses its own rows only). Playing rows come back as kInterrupted (their writer is this
// file's past). `*unreadable` counts the rows known to exist that could not be read. Never writes.
std::vector<Practice> SalvagePractices(const std::string& path, int* unreadable);

// DataDir() + "/history.sqlite": $XDG_DATA_HOME/attune/history.sqlite, else ~/.local/share/attune/... .
std::string DefaultHistoryPath();

// FNV-1a, 64 bit, of the bytes of `text`, as 16 lower-case hex digits: "cbf29ce484222325" for "".
// An identity for "the same script", not a security measure.
std::string ScriptHash(const std::string& text);

// The local wall time of `utc_us` (microseconds since the epoch) in the process's time zone, ISO 8601 with
// its UTC offset, to the second: "2026-03-29T07:05:00+02:00".
std::string FormatLocalIso(std::int64_t utc_us);

// The PracticeStart for a timeline about to play, begun at `start_utc_us` (local time from the process's
// time zone). `script_text` is the script's text (for the hash).
PracticeStart MakePracticeStart(const Timeline& timeline, const std::string& script_text,
                                std::int64_t start_utc_us);

// Every practice as CSV (RFC 4180, "\r\n" line ends, a header row): id, title, file, script_hash, people,
// name_a, name_b, start_local, start_utc, planned_s, actual_s, reached_step, reached_s, state, skipped_s.
// Times in seconds with three decimals; start_utc as "2026-03-29T05:05:00Z".
std::string FormatHistoryCsv(const std::vector<Practice>& practices);

// Writes `practices` as CSV to a new file in `folder` named attune-history-DATE.csv (DATE as given,
// "2026-12-04"), or attune-history-DATE-2.csv and so on when that name is taken: an existing file is never
// replaced. The file is created 0600 (it holds names). Returns its path, or "" with `*error` set.
std::string ExportHistoryCsv(const std::vector<Practice>& practices, const std::string& folder,
                             const std::string& date, std::string* error);

}  // namespace attune::core
