// app/core/history.cpp: the practice history in SQLite (C API, RAII handles), its schema and migrations,
// and the recovery of a corrupt file (the salvage itself: history_sqlite.cpp; CSV: history_export.cpp).
#include "core/history.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "core/history_sqlite.hpp"
#include "core/paths.hpp"
#include "core/streaks.hpp"

namespace attune::core {
namespace {

using history_detail::Attempt;
using history_detail::Db;
using history_detail::Exec;
using history_detail::Fail;
using history_detail::InsertSalvaged;
using history_detail::kColumnCount;
using history_detail::OpenReadOnlyDb;
using history_detail::OpenStatus;
using history_detail::Prepare;
using history_detail::QueryText;
using history_detail::ReadPractice;
using history_detail::SalvageFrom;
using history_detail::SelectPracticeColumns;
using history_detail::Stmt;

std::int64_t NowUtcMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The schema, one migration per version. Each runs inside the transaction that also bumps the version.
// Never edit a migration that has shipped: add the next one.
constexpr const char* kMigrations[] = {
    // 1: the practice table.
    "CREATE TABLE practice ("
    "  id INTEGER PRIMARY KEY,"
    "  title TEXT NOT NULL,"
    "  file TEXT NOT NULL,"
    "  script_hash TEXT NOT NULL,"
    "  people INTEGER NOT NULL,"
    "  name_a TEXT NOT NULL,"
    "  name_b TEXT NOT NULL,"
    "  start_utc_us INTEGER NOT NULL,"
    "  start_local TEXT NOT NULL,"
    "  planned_us INTEGER NOT NULL,"
    "  actual_us INTEGER NOT NULL DEFAULT 0,"
    "  reached_step INTEGER NOT NULL DEFAULT 0,"
    "  reached_us INTEGER NOT NULL DEFAULT 0,"
    "  state TEXT NOT NULL CHECK (state IN ('playing', 'completed', 'stopped', 'interrupted')),"
    "  updated_utc_us INTEGER NOT NULL);",
    // 2: who is writing a playing row (to tell a live writer from a dead one), and the time index.
    "ALTER TABLE practice ADD COLUMN writer_pid INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX practice_by_start ON practice (start_utc_us, id);",
    // 3: the session time skipped over (Next, or starting past the beginning) rather than practised.
    "ALTER TABLE practice ADD COLUMN skipped_us INTEGER NOT NULL DEFAULT 0;",
};
static_assert(std::size(kMigrations) == kHistorySchemaVersion);

// The schema version recorded in the file (0 when there is no schema_version table: a new file), read
// without writing anything. A version that is not an integer reads as -1 (unknown).
Attempt ReadSchemaVersion(sqlite3* db, std::int64_t* version) {
  *version = 0;
  std::string tables;
  Attempt attempt = QueryText(
      db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';", &tables);
  if (attempt.status != OpenStatus::kOk || tables == "0") return attempt;
  sqlite3_stmt* raw = nullptr;
  int code = sqlite3_prepare_v2(db, "SELECT version FROM schema_version;", -1, &raw, nullptr);
  if (code != SQLITE_OK) return Fail(db, code);
  Stmt stmt{raw};
  while ((code = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    if (sqlite3_column_type(stmt.get(), 0) != SQLITE_INTEGER) {
      *version = -1;
      break;
    }
    const std::int64_t value = sqlite3_column_int64(stmt.get(), 0);
    if (value < 0) {
      *version = value;
      break;
    }
    *version = std::max(*version, value);
  }
  if (code != SQLITE_ROW && code != SQLITE_DONE) return Fail(db, code);
  return {OpenStatus::kOk, ""};
}

// A version this build can migrate from (0 to kHistorySchemaVersion), else an attempt that failed and
// says why; the file is then left exactly as it is (nothing has been written to it yet).
Attempt CheckSchemaVersion(std::int64_t version, const std::string& path) {
  if (version > kHistorySchemaVersion) {
    return {OpenStatus::kFailed,
            fmt::format("it was written by a newer Attune (schema {}; this one knows 1 to {}) and was left "
                        "untouched",
                        version, kHistorySchemaVersion),
            SQLITE_OK, fmt::format("the history was written by a newer Attune ({})", path)};
  }
  if (version < 0) {
    return {OpenStatus::kFailed,
            fmt::format("its schema version ({}) is not one Attune writes (1 to {}); it was left untouched",
                        version, kHistorySchemaVersion),
            SQLITE_OK, fmt::format("the history has an unknown schema version ({})", path)};
  }
  return {OpenStatus::kOk, ""};
}

Attempt Migrate(sqlite3* db, const std::string& path) {
  Attempt attempt = Exec(db, "BEGIN IMMEDIATE;");
  if (attempt.status != OpenStatus::kOk) return attempt;
  attempt = Exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
  std::int64_t version = 0;
  if (attempt.status == OpenStatus::kOk) attempt = ReadSchemaVersion(db, &version);
  // Checked again inside the write transaction (another process may have migrated since the first look):
  // only 0..kHistorySchemaVersion ever index kMigrations.
  if (attempt.status == OpenStatus::kOk) attempt = CheckSchemaVersion(version, path);
  if (attempt.status == OpenStatus::kOk) {
    for (std::int64_t next = version + 1; next <= kHistorySchemaVersion && attempt.status == OpenStatus::kOk;
         ++next) {
      attempt = Exec(db, kMigrations[next - 1]);
      if (attempt.status == OpenStatus::kOk) {
        const std::string bump =
            "DELETE FROM schema_version; INSERT INTO schema_version VALUES (" + std::to_string(next) + ");";
        attempt = Exec(db, bump.c_str());
      }
    }
  }
  if (attempt.status != OpenStatus::kOk) {
    Exec(db, "ROLLBACK;");
    return attempt;
  }
  return Exec(db, "COMMIT;");
}

bool ProcessIsGone(int pid) {
  if (pid <= 0) return true;
  return kill(pid, 0) == -1 && errno == ESRCH;
}

// Playing rows whose writer process is gone become interrupted, keeping their last progress. So do rows not
// written for a day, whatever their pid says (the pid may have been reused by another program since).
void MarkInterrupted(sqlite3* db) {
  constexpr std::int64_t kStaleAfterUs = 24LL * 3600 * 1'000'000;
  const std::int64_t now = NowUtcMicros();
  std::vector<std::int64_t> dead;
  {
    Stmt stmt = Prepare(db, "SELECT id, writer_pid, updated_utc_us FROM practice WHERE state = 'playing';");
    if (!stmt) return;
    while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
      const int pid = sqlite3_column_int(stmt.get(), 1);
      const bool stale = now - sqlite3_column_int64(stmt.get(), 2) > kStaleAfterUs;
      if (stale || (pid != static_cast<int>(getpid()) && ProcessIsGone(pid))) {
        dead.push_back(sqlite3_column_int64(stmt.get(), 0));
      }
    }
  }
  for (const std::int64_t id : dead) {
    Stmt stmt = Prepare(db, "UPDATE practice SET state = 'interrupted' WHERE id = ? AND state = 'playing';");
    if (!stmt) return;
    sqlite3_bind_int64(stmt.get(), 1, id);
    sqlite3_step(stmt.get());
  }
}

Attempt TryOpen(const std::string& path, Db* out) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db db{raw};
  if (code != SQLITE_OK) return Fail(db.get(), code);
  sqlite3_busy_timeout(db.get(), 2000);
  sqlite3_extended_result_codes(db.get(), 1);
  // SQLite opens a file it may not write read-only without a word; every write would then fail later.
  if (sqlite3_db_readonly(db.get(), "main") == 1)
    return {OpenStatus::kFailed, "the file is read-only", SQLITE_READONLY};

  // The version is read before anything writes (the WAL switch, a migration): a newer or unknown schema is
  // left exactly as it is.
  std::int64_t version = 0;
  Attempt attempt = ReadSchemaVersion(db.get(), &version);
  if (attempt.status != OpenStatus::kOk) return attempt;
  attempt = CheckSchemaVersion(version, path);
  if (attempt.status != OpenStatus::kOk) return attempt;
  std::string mode;
  attempt = QueryText(db.get(), "PRAGMA journal_mode = WAL;", &mode);
  if (attempt.status != OpenStatus::kOk) return attempt;
  if (mode != "wal")
    return {OpenStatus::kFailed, "cannot switch the history to WAL mode (got '" + mode + "')"};
  std::string check;
  attempt = QueryText(db.get(), "PRAGMA quick_check;", &check);
  if (attempt.status != OpenStatus::kOk) return attempt;
  if (check != "ok") return {OpenStatus::kCorrupt, "integrity check: " + check};
  attempt = Exec(db.get(), "PRAGMA synchronous = FULL;");
  if (attempt.status != OpenStatus::kOk) return attempt;
  attempt = Migrate(db.get(), path);
  if (attempt.status != OpenStatus::kOk) return attempt;
  MarkInterrupted(db.get());
  *out = std::move(db);
  return attempt;
}

std::string LocalStampForFileName() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M%S", &local);
  return buffer;
}

// Moves `path` and its -wal / -shm files aside. Returns the new path of the main file, or "" on failure.
std::string MoveAside(const std::string& path) {
  namespace fs = std::filesystem;
  const std::string stamp = path + ".corrupt-" + LocalStampForFileName();
  std::string target = stamp;
  std::error_code ec;
  for (int n = 2; fs::exists(target, ec) || fs::exists(target + "-wal", ec); ++n) {
    target = stamp + "-" + std::to_string(n);
  }
  fs::rename(path, target, ec);
  if (ec) return "";
  for (const char* suffix : {"-wal", "-shm"}) {
    if (fs::exists(path + suffix, ec)) {
      fs::rename(path + suffix, target + suffix, ec);
      if (ec) fs::remove(path + suffix, ec);
    }
  }
  return target;
}

std::string FolderOf(const std::string& path) {
  const std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? std::string(".") : parent;
}

// Why the history at `path` cannot be written, in the user's words, from a SQLite result code and the
// file system. Checked with access(), so it names what the user can fix (a file or a folder).
std::string WriteFailureReason(const std::string& path, int code, const std::string& message) {
  const int primary = code & 0xff;
  if (primary == SQLITE_FULL) return "the disk is full (" + path + ")";
  const std::string folder = FolderOf(path);
  if (::access(path.c_str(), F_OK) == 0 && ::access(path.c_str(), W_OK) != 0)
    return "the history file is read-only (" + path + ")";
  if (::access(folder.c_str(), W_OK) != 0) return "the history folder is read-only (" + folder + ")";
  if (primary == SQLITE_READONLY) return "the history file is read-only (" + path + ")";
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return "the history is locked by another program (" + path + ")";
  return "the history cannot be written (" + path + ": " + message + ")";
}

std::string Plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void History::DbCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

History::History(std::string path, std::unique_ptr<sqlite3, DbCloser> db, bool read_only, std::int64_t schema)
    : path_(std::move(path)), db_(std::move(db)), read_only_(read_only), schema_(schema) {}

History::~History() = default;

HistoryOpenResult History::Open(const std::string& path) {
  namespace fs = std::filesystem;
  HistoryOpenResult result;
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) {
    result.error = "cannot create the folder " + parent.string() + ": " + ec.message();
    return result;
  }
  // Private: a new history file is readable by its owner only (SQLite gives its -wal and -shm the same mode).
  // O_CREAT with 0600 and, for a file just made, fchmod: private whatever the umask says.
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    fchmod(fd, 0600);
    close(fd);
  }
  Db db;
  Attempt attempt = TryOpen(path, &db);
  if (attempt.status == OpenStatus::kCorrupt) {
    db.reset();
    const std::string moved = MoveAside(path);
    if (moved.empty()) {
      result.error =
          "the history at " + path + " is damaged (" + attempt.message + ") and could not be moved aside";
      result.reason = WriteFailureReason(path, attempt.code, attempt.message);
      return result;
    }
    result.moved_to = moved;
    // The original stays where it was moved, never deleted; every row that can still be read goes into the
    // new file.
    std::vector<Practice> rows = SalvagePractices(moved, &result.unreadable);
    const int fresh = open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fresh >= 0) {
      fchmod(fresh, 0600);
      close(fresh);
    }
    attempt = TryOpen(path, &db);
    if (attempt.status == OpenStatus::kOk && !rows.empty()) {
      const Attempt inserted = InsertSalvaged(db.get(), rows);
      if (inserted.status == OpenStatus::kOk) result.kept = static_cast<int>(rows.size());
    }
    if (result.kept > 0) {
      result.notice = "Your practice history was damaged. " +
                      Plural(result.kept, "practice was", "practices were") + " kept" +
                      (result.unreadable > 0
                           ? " (" + Plural(result.unreadable, "practice", "practices") + " could not be read)"
                           : std::string()) +
                      "; the damaged file was kept as " + moved + ".";
    } else {
      result.notice = "Your practice history could not be read. It was moved to " + moved +
                      " and a new history was started.";
    }
  }
  if (attempt.status != OpenStatus::kOk) {
    result.error = "cannot open the history at " + path + ": " + attempt.message;
    result.reason =
        !attempt.reason.empty() ? attempt.reason : WriteFailureReason(path, attempt.code, attempt.message);
    return result;
  }
  result.history.reset(
      new History(path, std::unique_ptr<sqlite3, DbCloser>(db.release()), false, kHistorySchemaVersion));
  return result;
}

HistoryOpenResult History::OpenReadOnly(const std::string& path) {
  HistoryOpenResult result;
  Attempt attempt;
  Db db = OpenReadOnlyDb(path, &attempt);
  if (!db) {
    result.error = "cannot read the history at " + path + ": " + attempt.message;
    return result;
  }
  std::int64_t version = 0;
  if (attempt.status == OpenStatus::kOk) attempt = ReadSchemaVersion(db.get(), &version);
  if (attempt.status == OpenStatus::kOk) attempt = CheckSchemaVersion(version, path);
  std::string check;
  if (attempt.status == OpenStatus::kOk) {
    attempt = QueryText(db.get(), "PRAGMA quick_check;", &check);
    if (attempt.status == OpenStatus::kOk && check != "ok") attempt = {OpenStatus::kCorrupt, check};
  }
  if (attempt.status == OpenStatus::kCorrupt) {
    // Damaged: read what can be read, row by row, into a private in-memory copy; the file is not touched.
    std::vector<Practice> rows = SalvageFrom(db.get(), &result.unreadable);
    result.kept = static_cast<int>(rows.size());
    result.notice =
        "the history at " + path + " is damaged: " + Plural(result.kept, "practice", "practices") +
        " could be read" +
        (result.unreadable > 0 ? ", " + std::to_string(result.unreadable) + " could not" : std::string()) +
        ". Start Attune to repair it (the damaged file is kept).";
    sqlite3* raw = nullptr;
    sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Db memory{raw};
    attempt = {OpenStatus::kOk, ""};
    for (const char* migration : kMigrations) {
      if (attempt.status == OpenStatus::kOk) attempt = Exec(memory.get(), migration);
    }
    if (attempt.status == OpenStatus::kOk) attempt = InsertSalvaged(memory.get(), rows);
    if (attempt.status != OpenStatus::kOk) {
      result.error = "cannot read the history at " + path + ": " + attempt.message;
      return result;
    }
    result.history.reset(
        new History(path, std::unique_ptr<sqlite3, DbCloser>(memory.release()), true, kHistorySchemaVersion));
    return result;
  }
  if (attempt.status != OpenStatus::kOk) {
    result.error = "cannot read the history at " + path + ": " + attempt.message;
    return result;
  }
  result.history.reset(new History(path, std::unique_ptr<sqlite3, DbCloser>(db.release()), true, version));
  return result;
}

void History::NoteError(int code) const {
  last_code_ = code;
  last_error_ = sqlite3_errmsg(db_.get());
}

std::string History::failure() const {
  if (last_code_ == SQLITE_OK) return "";
  return WriteFailureReason(path_, last_code_, last_error_);
}

void History::LimitPagesForTest(int pages) {
  if (pages <= 0) {
    std::string count;
    QueryText(db_.get(), "PRAGMA page_count;", &count);
    pages = std::max(1, std::atoi(count.c_str()));
  }
  Exec(db_.get(), ("PRAGMA max_page_count = " + std::to_string(pages) + ";").c_str());
}

int History::NowPid() const { return static_cast<int>(getpid()); }

std::int64_t History::BeginPractice(const PracticeStart& start) {
  Stmt stmt = Prepare(db_.get(),
                      "INSERT INTO practice (title, file, script_hash, people, name_a, name_b, start_utc_us, "
                      "start_local, planned_us, actual_us, reached_step, reached_us, state, updated_utc_us, "
                      "writer_pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 'playing', ?, ?);");
  if (!stmt) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return 0;
  }
  sqlite3_stmt* s = stmt.get();
  sqlite3_bind_text(s, 1, start.title.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 2, start.file.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 3, start.script_hash.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(s, 4, start.people);
  sqlite3_bind_text(s, 5, start.name_a.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 6, start.name_b.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(s, 7, start.start_utc_us);
  sqlite3_bind_text(s, 8, start.start_local.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(s, 9, start.planned.count());
  sqlite3_bind_int64(s, 10, NowUtcMicros());
  sqlite3_bind_int(s, 11, NowPid());
  if (sqlite3_step(s) != SQLITE_DONE) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return 0;
  }
  last_code_ = SQLITE_OK;
  return sqlite3_last_insert_rowid(db_.get());
}

bool History::UpdateProgress(std::int64_t id, const Progress& progress) {
  return WriteProgress(id, progress, nullptr);
}

bool History::Finish(std::int64_t id, const Progress& progress, bool completed) {
  return WriteProgress(id, progress, completed ? "completed" : "stopped");
}

bool History::WriteProgress(std::int64_t id, const Progress& progress, const char* final_state) {
  Stmt stmt =
      Prepare(db_.get(),
              "UPDATE practice SET actual_us = ?, reached_step = max(reached_step, ?), "
              "reached_us = max(reached_us, ?), updated_utc_us = ?, "
              "writer_pid = CASE WHEN ?5 IS NULL THEN ? ELSE writer_pid END, state = coalesce(?5, state), "
              "skipped_us = ?8 WHERE id = ?7 AND state = 'playing';");
  if (!stmt) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return false;
  }
  sqlite3_stmt* s = stmt.get();
  sqlite3_bind_int64(s, 1, progress.actual.count());
  sqlite3_bind_int(s, 2, progress.reached_step);
  sqlite3_bind_int64(s, 3, progress.reached.count());
  sqlite3_bind_int64(s, 4, NowUtcMicros());
  if (final_state != nullptr) {
    sqlite3_bind_text(s, 5, final_state, -1, SQLITE_STATIC);
  } else {
    sqlite3_bind_null(s, 5);
  }
  sqlite3_bind_int(s, 6, NowPid());
  sqlite3_bind_int64(s, 7, id);
  sqlite3_bind_int64(s, 8, progress.skipped.count());
  if (sqlite3_step(s) != SQLITE_DONE) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return false;
  }
  last_code_ = SQLITE_OK;
  return sqlite3_changes(db_.get()) == 1;
}

std::vector<Practice> History::Query(const std::string& where) const {
  std::vector<Practice> practices;
  // Older schemas (read-only opens do not migrate) lack the later columns: they read as 0.
  const std::string sql = SelectPracticeColumns(schema_ >= 3) + ", " + (schema_ >= 2 ? "writer_pid" : "0") +
                          " FROM practice " + where;
  Stmt stmt = Prepare(db_.get(), sql.c_str());
  if (!stmt) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return practices;
  }
  sqlite3_stmt* s = stmt.get();
  constexpr std::int64_t kStaleAfterUs = 24LL * 3600 * 1'000'000;
  const std::int64_t now = NowUtcMicros();
  int code = SQLITE_ROW;
  while ((code = sqlite3_step(s)) == SQLITE_ROW) {
    Practice p = ReadPractice(s);
    // A reader writes nothing, so it tells a dead writer's row as Open() would mark it.
    if (read_only_ && p.state == PracticeState::kPlaying) {
      const int pid = sqlite3_column_int(s, kColumnCount);
      if (now - p.updated_utc_us > kStaleAfterUs || (pid != NowPid() && ProcessIsGone(pid)))
        p.state = PracticeState::kInterrupted;
    }
    practices.push_back(std::move(p));
  }
  if (code != SQLITE_DONE) NoteError(sqlite3_extended_errcode(db_.get()));
  return practices;
}

std::vector<Practice> History::All() const { return Query("ORDER BY start_utc_us, id;"); }

std::vector<Practice> History::Recent(int count) const {
  return Query("ORDER BY start_utc_us DESC, id DESC LIMIT " + std::to_string(count < 0 ? 0 : count) + ";");
}

std::optional<Practice> History::Get(std::int64_t id) const {
  std::vector<Practice> rows = Query("WHERE id = " + std::to_string(id) + ";");
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool History::Delete(std::int64_t id) {
  Stmt stmt = Prepare(db_.get(), "DELETE FROM practice WHERE id = ? AND state != 'playing';");
  if (!stmt) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return false;
  }
  sqlite3_bind_int64(stmt.get(), 1, id);
  if (sqlite3_step(stmt.get()) != SQLITE_DONE) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return false;
  }
  last_code_ = SQLITE_OK;
  return sqlite3_changes(db_.get()) == 1;
}

std::string DefaultHistoryPath() { return DataDir() + "/history.sqlite"; }

}  // namespace attune::core
