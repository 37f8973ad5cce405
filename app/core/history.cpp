// app/core/history.cpp: the practice history in SQLite (C API, RAII handles), its schema and migrations,
// and the recovery of a corrupt file.
#include "core/history.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <limits>
#include <set>
#include <system_error>

#include "core/paths.hpp"
#include "core/streaks.hpp"

namespace attune::core {
namespace {

struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

Stmt Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) return Stmt{};
  return Stmt{raw};
}

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
};
static_assert(std::size(kMigrations) == kHistorySchemaVersion);

enum class OpenStatus { kOk, kCorrupt, kFailed };

struct Attempt {
  Attempt() = default;
  Attempt(OpenStatus s, std::string m, int c = SQLITE_OK, std::string r = "")
      : status(s), message(std::move(m)), code(c), reason(std::move(r)) {}
  OpenStatus status = OpenStatus::kFailed;
  std::string message;
  int code = SQLITE_OK;  // the SQLite result code, when SQLite gave one
  std::string reason;    // for the user, when the message is one of ours (a schema version)
};

bool IsCorruptCode(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

Attempt Fail(sqlite3* db, int code) {
  Attempt attempt;
  attempt.status = IsCorruptCode(code) ? OpenStatus::kCorrupt : OpenStatus::kFailed;
  attempt.message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  attempt.code = code;
  return attempt;
}

Attempt Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  const int code = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  Attempt attempt;
  if (code == SQLITE_OK) {
    attempt.status = OpenStatus::kOk;
  } else {
    attempt.status = IsCorruptCode(code) ? OpenStatus::kCorrupt : OpenStatus::kFailed;
    attempt.message = error ? error : sqlite3_errstr(code);
    attempt.code = code;
  }
  sqlite3_free(error);
  return attempt;
}

// The first column of the first row of `sql` as text, or an attempt that failed.
Attempt QueryText(sqlite3* db, const char* sql, std::string* out) {
  sqlite3_stmt* raw = nullptr;
  int code = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  if (code != SQLITE_OK) return Fail(db, code);
  Stmt stmt{raw};
  code = sqlite3_step(stmt.get());
  if (code == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
    *out = text ? reinterpret_cast<const char*>(text) : "";
    return {OpenStatus::kOk, ""};
  }
  if (code == SQLITE_DONE) {
    out->clear();
    return {OpenStatus::kOk, ""};
  }
  return Fail(db, code);
}

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

struct RawDbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

Attempt TryOpen(const std::string& path, std::unique_ptr<sqlite3, RawDbCloser>* out) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, RawDbCloser> db{raw};
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

void AppendCsvField(std::string* out, const std::string& field) {
  std::string value = field;
  // A text starting with one of these would run as a formula in a spreadsheet: keep it text.
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    *out += value;
    return;
  }
  *out += '"';
  for (const char c : value) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

std::string FormatSecondsMillis(Micros t) {
  const std::int64_t ms = (t.count() + 500) / 1000;
  return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

std::string FormatUtcIso(std::int64_t utc_us) {
  const std::int64_t seconds = utc_us >= 0 ? utc_us / 1'000'000 : -((-utc_us + 999'999) / 1'000'000);
  const std::int64_t day = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const std::int64_t in_day = seconds - day * 86400;
  const CivilDate date = CivilFromDays(day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day, in_day / 3600,
                     in_day / 60 % 60, in_day % 60);
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

// `path` as a SQLite URI path: every byte but the unreserved ones and '/' percent-encoded.
std::string UriPath(const std::string& path) {
  std::string out;
  for (const char c : path) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

// Opens `path` for reading only, creating nothing. With no -wal beside it the file holds every commit, and
// it is opened immutable (no -shm either, so a read-only folder is fine); with a -wal (a writer is running,
// or died) it is opened read-only through the WAL, falling back to immutable if the -shm cannot be made.
std::unique_ptr<sqlite3, RawDbCloser> OpenReadOnlyDb(const std::string& path, Attempt* attempt) {
  std::error_code ec;
  const bool has_wal = std::filesystem::exists(path + "-wal", ec);
  const std::string uri = "file:" + UriPath(path);
  std::unique_ptr<sqlite3, RawDbCloser> db;
  for (const char* query : {"?mode=ro", "?mode=ro&immutable=1"}) {
    if (!has_wal && std::string(query) == "?mode=ro") continue;
    sqlite3* raw = nullptr;
    const int code =
        sqlite3_open_v2((uri + query).c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    db.reset(raw);
    if (code != SQLITE_OK) {
      *attempt = Fail(db.get(), code);
      db.reset();
      continue;
    }
    sqlite3_busy_timeout(db.get(), 2000);
    sqlite3_extended_result_codes(db.get(), 1);
    std::string tables;
    *attempt = QueryText(db.get(), "SELECT count(*) FROM sqlite_master;", &tables);
    if (attempt->status == OpenStatus::kOk || attempt->status == OpenStatus::kCorrupt) return db;
    db.reset();
  }
  return db;
}

constexpr const char* kColumns =
    "id, title, file, script_hash, people, name_a, name_b, start_utc_us, start_local, planned_us, "
    "actual_us, reached_step, reached_us, state, updated_utc_us";

Practice ReadPractice(sqlite3_stmt* s) {
  const auto text = [s](int column) {
    const unsigned char* value = sqlite3_column_text(s, column);
    return std::string(value ? reinterpret_cast<const char*>(value) : "");
  };
  Practice p;
  p.id = sqlite3_column_int64(s, 0);
  p.title = text(1);
  p.file = text(2);
  p.script_hash = text(3);
  p.people = sqlite3_column_int(s, 4);
  p.name_a = text(5);
  p.name_b = text(6);
  p.start_utc_us = sqlite3_column_int64(s, 7);
  p.start_local = text(8);
  p.planned = Micros{sqlite3_column_int64(s, 9)};
  p.actual = Micros{sqlite3_column_int64(s, 10)};
  p.reached_step = sqlite3_column_int(s, 11);
  p.reached = Micros{sqlite3_column_int64(s, 12)};
  p.state = PracticeStateFromString(text(13)).value_or(PracticeState::kInterrupted);
  p.updated_utc_us = sqlite3_column_int64(s, 14);
  return p;
}

// Adds the ids `sql` yields to `ids` until it ends or fails; returns the last id read (or `after`).
std::int64_t CollectIds(sqlite3* db, const char* sql, std::int64_t after, std::set<std::int64_t>* ids,
                        bool* failed) {
  *failed = false;
  Stmt stmt = Prepare(db, sql);
  if (!stmt) {
    *failed = true;
    return after;
  }
  sqlite3_bind_int64(stmt.get(), 1, after);
  std::int64_t last = after;
  int code = SQLITE_ROW;
  while ((code = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    last = sqlite3_column_int64(stmt.get(), 0);
    ids->insert(last);
  }
  *failed = code != SQLITE_DONE;
  return last;
}

std::vector<Practice> SalvageFrom(sqlite3* db, int* unreadable) {
  std::vector<Practice> rows;
  // The ids first, from the table's own b-tree (a rowid is read without decoding its record, so a row
  // whose bytes are damaged still gives its id) and from the time index (which still names rows on a
  // damaged table page). Past a damaged page, the table scan resumes at ever further ids.
  std::set<std::int64_t> ids;
  bool failed = false;
  std::int64_t last = CollectIds(db, "SELECT id FROM practice NOT INDEXED WHERE id > ? ORDER BY id;",
                                 std::numeric_limits<std::int64_t>::min(), &ids, &failed);
  for (std::int64_t step = 1; failed && step < (std::int64_t{1} << 40); step *= 2) {
    bool again = false;
    const std::int64_t resumed = CollectIds(
        db, "SELECT id FROM practice NOT INDEXED WHERE id > ? ORDER BY id;", last + step, &ids, &again);
    if (!again) break;
    if (resumed > last + step) last = resumed;
  }
  CollectIds(db, "SELECT id FROM practice INDEXED BY practice_by_start WHERE ?1 IS NOT NULL;", 0, &ids,
             &failed);
  Stmt row = Prepare(db, (std::string("SELECT ") + kColumns + " FROM practice WHERE id = ?;").c_str());
  if (!row) {
    *unreadable = static_cast<int>(ids.size());
    return rows;
  }
  for (const std::int64_t id : ids) {
    sqlite3_reset(row.get());
    sqlite3_bind_int64(row.get(), 1, id);
    if (sqlite3_step(row.get()) == SQLITE_ROW) {
      Practice p = ReadPractice(row.get());
      if (p.state == PracticeState::kPlaying) p.state = PracticeState::kInterrupted;
      rows.push_back(std::move(p));
    } else {
      ++*unreadable;
    }
  }
  return rows;
}

// Writes salvaged rows, with their ids, into a new history in one transaction.
Attempt InsertSalvaged(sqlite3* db, const std::vector<Practice>& rows) {
  Attempt attempt = Exec(db, "BEGIN IMMEDIATE;");
  if (attempt.status != OpenStatus::kOk) return attempt;
  Stmt stmt =
      Prepare(db,
              "INSERT INTO practice (id, title, file, script_hash, people, name_a, name_b, start_utc_us, "
              "start_local, planned_us, actual_us, reached_step, reached_us, state, updated_utc_us, "
              "writer_pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0);");
  if (!stmt) attempt = Fail(db, sqlite3_errcode(db));
  for (std::size_t i = 0; stmt && i < rows.size() && attempt.status == OpenStatus::kOk; ++i) {
    const Practice& p = rows[i];
    sqlite3_stmt* s = stmt.get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, p.id);
    sqlite3_bind_text(s, 2, p.title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, p.file.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, p.script_hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 5, p.people);
    sqlite3_bind_text(s, 6, p.name_a.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 7, p.name_b.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 8, p.start_utc_us);
    sqlite3_bind_text(s, 9, p.start_local.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 10, p.planned.count());
    sqlite3_bind_int64(s, 11, p.actual.count());
    sqlite3_bind_int(s, 12, p.reached_step);
    sqlite3_bind_int64(s, 13, p.reached.count());
    sqlite3_bind_text(s, 14, ToString(p.state), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 15, p.updated_utc_us);
    const int code = sqlite3_step(s);
    if (code != SQLITE_DONE) attempt = Fail(db, code);
  }
  if (attempt.status != OpenStatus::kOk) {
    Exec(db, "ROLLBACK;");
    return attempt;
  }
  return Exec(db, "COMMIT;");
}

std::string Plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::vector<Practice> SalvagePractices(const std::string& path, int* unreadable) {
  *unreadable = 0;
  Attempt attempt;
  std::unique_ptr<sqlite3, RawDbCloser> db = OpenReadOnlyDb(path, &attempt);
  if (!db) return {};
  return SalvageFrom(db.get(), unreadable);
}

void History::DbCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

History::History(std::string path, std::unique_ptr<sqlite3, DbCloser> db, bool read_only, bool has_writer_pid)
    : path_(std::move(path)), db_(std::move(db)), read_only_(read_only), has_writer_pid_(has_writer_pid) {}

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
  std::unique_ptr<sqlite3, RawDbCloser> db;
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
  result.history.reset(new History(path, std::unique_ptr<sqlite3, DbCloser>(db.release()), false, true));
  return result;
}

HistoryOpenResult History::OpenReadOnly(const std::string& path) {
  HistoryOpenResult result;
  Attempt attempt;
  std::unique_ptr<sqlite3, RawDbCloser> db = OpenReadOnlyDb(path, &attempt);
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
    std::unique_ptr<sqlite3, RawDbCloser> memory{raw};
    attempt = Exec(memory.get(), kMigrations[0]);
    if (attempt.status == OpenStatus::kOk) attempt = Exec(memory.get(), kMigrations[1]);
    if (attempt.status == OpenStatus::kOk) attempt = InsertSalvaged(memory.get(), rows);
    if (attempt.status != OpenStatus::kOk) {
      result.error = "cannot read the history at " + path + ": " + attempt.message;
      return result;
    }
    result.history.reset(new History(path, std::unique_ptr<sqlite3, DbCloser>(memory.release()), true, true));
    return result;
  }
  if (attempt.status != OpenStatus::kOk) {
    result.error = "cannot read the history at " + path + ": " + attempt.message;
    return result;
  }
  result.history.reset(
      new History(path, std::unique_ptr<sqlite3, DbCloser>(db.release()), true, version >= 2));
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

bool History::UpdateProgress(std::int64_t id, Micros actual, int reached_step, Micros reached) {
  return WriteProgress(id, actual, reached_step, reached, nullptr);
}

bool History::Finish(std::int64_t id, Micros actual, int reached_step, Micros reached, bool completed) {
  return WriteProgress(id, actual, reached_step, reached, completed ? "completed" : "stopped");
}

bool History::WriteProgress(std::int64_t id, Micros actual, int reached_step, Micros reached,
                            const char* final_state) {
  Stmt stmt =
      Prepare(db_.get(),
              "UPDATE practice SET actual_us = ?, reached_step = max(reached_step, ?), "
              "reached_us = max(reached_us, ?), updated_utc_us = ?, "
              "writer_pid = CASE WHEN ?5 IS NULL THEN ? ELSE writer_pid END, state = coalesce(?5, state) "
              "WHERE id = ? AND state = 'playing';");
  if (!stmt) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return false;
  }
  sqlite3_stmt* s = stmt.get();
  sqlite3_bind_int64(s, 1, actual.count());
  sqlite3_bind_int(s, 2, reached_step);
  sqlite3_bind_int64(s, 3, reached.count());
  sqlite3_bind_int64(s, 4, NowUtcMicros());
  if (final_state != nullptr) {
    sqlite3_bind_text(s, 5, final_state, -1, SQLITE_STATIC);
  } else {
    sqlite3_bind_null(s, 5);
  }
  sqlite3_bind_int(s, 6, NowPid());
  sqlite3_bind_int64(s, 7, id);
  if (sqlite3_step(s) != SQLITE_DONE) {
    NoteError(sqlite3_extended_errcode(db_.get()));
    return false;
  }
  last_code_ = SQLITE_OK;
  return sqlite3_changes(db_.get()) == 1;
}

std::vector<Practice> History::Query(const std::string& where) const {
  std::vector<Practice> practices;
  const std::string sql = std::string("SELECT ") + kColumns + ", " + (has_writer_pid_ ? "writer_pid" : "0") +
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
      const int pid = sqlite3_column_int(s, 15);
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

std::string DefaultHistoryPath() { return DataDir() + "/history.sqlite"; }

std::string ScriptHash(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

std::string FormatLocalIso(std::int64_t utc_us) {
  const std::time_t seconds =
      static_cast<std::time_t>(utc_us >= 0 ? utc_us / 1'000'000 : -((-utc_us + 999'999) / 1'000'000));
  std::tm local{};
  localtime_r(&seconds, &local);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
  const long offset = local.tm_gmtoff;
  const long magnitude = offset < 0 ? -offset : offset;
  return fmt::format("{}{}{:02}:{:02}", date, offset < 0 ? '-' : '+', magnitude / 3600, magnitude / 60 % 60);
}

PracticeStart MakePracticeStart(const Timeline& timeline, const std::string& script_text,
                                std::int64_t start_utc_us) {
  PracticeStart start;
  start.title = timeline.title;
  start.file = timeline.file;
  start.script_hash = ScriptHash(script_text);
  start.people = timeline.people;
  if (timeline.people == 2) {
    start.name_a = timeline.a.name;
    start.name_b = timeline.b.name;
  }
  start.start_utc_us = start_utc_us;
  start.start_local = FormatLocalIso(start_utc_us);
  start.planned = timeline.duration;
  return start;
}

std::string FormatHistoryCsv(const std::vector<Practice>& practices) {
  std::string out =
      "id,title,file,script_hash,people,name_a,name_b,start_local,start_utc,planned_s,actual_s,reached_step,"
      "reached_s,state\r\n";
  for (const Practice& p : practices) {
    out += std::to_string(p.id) + ",";
    AppendCsvField(&out, p.title);
    out += ",";
    AppendCsvField(&out, p.file);
    out += "," + p.script_hash + "," + std::to_string(p.people) + ",";
    AppendCsvField(&out, p.name_a);
    out += ",";
    AppendCsvField(&out, p.name_b);
    out += ",";
    AppendCsvField(&out, p.start_local);
    out += "," + FormatUtcIso(p.start_utc_us) + "," + FormatSecondsMillis(p.planned) + "," +
           FormatSecondsMillis(p.actual) + "," + std::to_string(p.reached_step) + "," +
           FormatSecondsMillis(p.reached) + "," + ToString(p.state) + "\r\n";
  }
  return out;
}

}  // namespace attune::core
