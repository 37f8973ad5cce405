// app/core/history_sqlite.hpp: internal to the history (history*.cpp only, not part of core's interface):
// RAII handles over SQLite's C API, the outcome of a step that may fail, and the salvage of a damaged file.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "core/history.hpp"

namespace attune::core::history_detail {

struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

struct RawDbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, RawDbCloser>;

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

// A prepared statement, or an empty one when `sql` does not prepare.
Stmt Prepare(sqlite3* db, const char* sql);
bool IsCorruptCode(int code);
// The attempt that failed with SQLite result `code` (kCorrupt for a damaged file).
Attempt Fail(sqlite3* db, int code);
Attempt Exec(sqlite3* db, const char* sql);
// The first column of the first row of `sql` as text, or an attempt that failed.
Attempt QueryText(sqlite3* db, const char* sql, std::string* out);

// "SELECT " and the practice columns in the order ReadPractice reads them (kColumnCount of them); a file
// before schema 3 has no skipped_us (`has_skipped` false: it reads as 0).
inline constexpr int kColumnCount = 16;
std::string SelectPracticeColumns(bool has_skipped);
Practice ReadPractice(sqlite3_stmt* s);

// Opens `path` for reading only, creating nothing (see history_sqlite.cpp); `attempt` says how it went.
Db OpenReadOnlyDb(const std::string& path, Attempt* attempt);
// Every row of the practice table that can still be read; `unreadable` counts the ones that cannot.
std::vector<Practice> SalvageFrom(sqlite3* db, int* unreadable);
// Writes salvaged rows, with their ids, into a new history in one transaction.
Attempt InsertSalvaged(sqlite3* db, const std::vector<Practice>& rows);

}  // namespace attune::core::history_detail
