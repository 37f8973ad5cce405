// app/core/history_sqlite.cpp: the history's SQLite helpers, its read-only open and the salvage of the rows
// of a damaged file.
#include "core/history_sqlite.hpp"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <limits>
#include <set>
#include <system_error>

namespace attune::core::history_detail {
namespace {

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

}  // namespace

Stmt Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) return Stmt{};
  return Stmt{raw};
}

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

// Opens `path` for reading only, creating nothing. With no -wal beside it the file holds every commit, and
// it is opened immutable (no -shm either, so a read-only folder is fine); with a -wal (a writer is running,
// or died) it is opened read-only through the WAL, falling back to immutable if the -shm cannot be made.
Db OpenReadOnlyDb(const std::string& path, Attempt* attempt) {
  std::error_code ec;
  const bool has_wal = std::filesystem::exists(path + "-wal", ec);
  const std::string uri = "file:" + UriPath(path);
  Db db;
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

std::string SelectPracticeColumns(bool has_skipped) {
  return std::string(
             "SELECT id, title, file, script_hash, people, name_a, name_b, start_utc_us, start_local, "
             "planned_us, actual_us, reached_step, reached_us, state, updated_utc_us, ") +
         (has_skipped ? "skipped_us" : "0");
}

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
  p.skipped = Micros{sqlite3_column_int64(s, 15)};
  return p;
}

namespace {

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

}  // namespace

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
  // A file before schema 3 has no skipped_us column: its rows are read without it.
  Stmt row = Prepare(db, (SelectPracticeColumns(true) + " FROM practice WHERE id = ?;").c_str());
  if (!row) row = Prepare(db, (SelectPracticeColumns(false) + " FROM practice WHERE id = ?;").c_str());
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
              "skipped_us, writer_pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0);");
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
    sqlite3_bind_int64(s, 16, p.skipped.count());
    const int code = sqlite3_step(s);
    if (code != SQLITE_DONE) attempt = Fail(db, code);
  }
  if (attempt.status != OpenStatus::kOk) {
    Exec(db, "ROLLBACK;");
    return attempt;
  }
  return Exec(db, "COMMIT;");
}

}  // namespace attune::core::history_detail

namespace attune::core {

std::vector<Practice> SalvagePractices(const std::string& path, int* unreadable) {
  *unreadable = 0;
  history_detail::Attempt attempt;
  history_detail::Db db = history_detail::OpenReadOnlyDb(path, &attempt);
  if (!db) return {};
  return history_detail::SalvageFrom(db.get(), unreadable);
}

}  // namespace attune::core
