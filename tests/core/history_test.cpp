#include "core/history.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "as_unprivileged.hpp"

namespace attune::core {
namespace {

namespace fs = std::filesystem;

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attune-history-test-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "attune" / "history.sqlite").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static PracticeStart Start(const std::string& title) {
    PracticeStart start;
    start.title = title;
    start.file = "/sessions/" + title + ".yaml";
    start.script_hash = ScriptHash(title);
    start.people = 2;
    start.name_a = "Ana";
    start.name_b = "Ben";
    start.start_utc_us = 1'774'760'700'000'000;
    start.start_local = "2026-03-29T07:05:00+02:00";
    start.planned = 300s;
    return start;
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(HistoryTest, ScriptHashIsFnv1a64InHex) {
  EXPECT_EQ(ScriptHash(""), "cbf29ce484222325");
  EXPECT_EQ(ScriptHash("a"), "af63dc4c8601ec8c");
}

TEST_F(HistoryTest, NewDatabaseIsCreatedInWalModeAtTheCurrentSchema) {
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history) << opened.error;
  EXPECT_EQ(opened.notice, "");
  EXPECT_EQ(fs::status(path_).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT version FROM schema_version;", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), kHistorySchemaVersion);
  sqlite3_finalize(stmt);
  sqlite3_prepare_v2(db, "PRAGMA journal_mode;", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(HistoryTest, PracticeIsWrittenAtStartUpdatedAndFinished) {
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history);
  History& history = *opened.history;
  const std::int64_t id = history.BeginPractice(Start("Box"));
  ASSERT_GT(id, 0);
  std::optional<Practice> row = history.Get(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->state, PracticeState::kPlaying);
  EXPECT_EQ(row->title, "Box");
  EXPECT_EQ(row->name_b, "Ben");
  EXPECT_EQ(row->planned, 300s);
  EXPECT_EQ(row->actual, 0s);

  EXPECT_TRUE(history.UpdateProgress(id, {42s, 2, 40s}));
  EXPECT_EQ(history.Get(id)->actual, 42s);
  EXPECT_EQ(history.Get(id)->reached_step, 2);
  EXPECT_TRUE(history.Finish(id, {301s, 5, 300s}, true));
  row = history.Get(id);
  EXPECT_EQ(row->state, PracticeState::kCompleted);
  EXPECT_EQ(row->actual, 301s);
  EXPECT_EQ(row->reached, 300s);
  EXPECT_FALSE(history.UpdateProgress(id, {400s, 5, 300s}));  // a finished row is never changed again
  EXPECT_EQ(history.Get(id)->actual, 301s);
}

TEST_F(HistoryTest, SkippedTimeIsWrittenWithTheProgressAndInTheCsv) {
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history);
  History& history = *opened.history;
  const std::int64_t id = history.BeginPractice(Start("Box"));
  EXPECT_TRUE(history.UpdateProgress(id, {20s, 2, 80s, 60s}));
  EXPECT_EQ(history.Get(id)->skipped, 60s);
  EXPECT_TRUE(history.Finish(id, {25s, 5, 300s, 275s}, true));
  const Practice row = *history.Get(id);
  EXPECT_EQ(row.skipped, 275s);
  EXPECT_EQ(row.state, PracticeState::kCompleted);
  const std::string csv = FormatHistoryCsv({row});
  EXPECT_NE(csv.find(",25.000,5,300.000,completed,275.000\r\n"), std::string::npos) << csv;
}

TEST_F(HistoryTest, DeleteRemovesAFinishedPracticeButNeverOneStillPlaying) {
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history);
  History& history = *opened.history;
  const std::int64_t done = history.BeginPractice(Start("Done"));
  ASSERT_TRUE(history.Finish(done, {60s, 1, 60s}, true));
  const std::int64_t playing = history.BeginPractice(Start("Playing"));
  EXPECT_FALSE(history.Delete(playing));
  EXPECT_TRUE(history.Get(playing).has_value());
  EXPECT_TRUE(history.Delete(done));
  EXPECT_FALSE(history.Get(done).has_value());
  EXPECT_FALSE(history.Delete(done));  // already gone
  EXPECT_EQ(history.failure(), "");    // not a failure, just nothing to delete
  ASSERT_EQ(history.All().size(), 1u);
  EXPECT_EQ(history.All()[0].title, "Playing");
}

TEST_F(HistoryTest, ExportWritesANewPrivateFileAndNeverReplacesOne) {
  const fs::path folder = fs::path(path_).parent_path() / "Documents";
  fs::create_directories(folder);
  Practice p;
  p.id = 1;
  p.title = "Box";
  p.start_local = "2026-12-04T07:00:00+01:00";
  p.actual = 60s;
  p.state = PracticeState::kCompleted;
  {
    std::ofstream mine(folder / "attune-history-2026-12-04.csv");
    mine << "the user's own file";
  }
  std::string error;
  const std::string path = ExportHistoryCsv({p}, folder.string(), "2026-12-04", &error);
  EXPECT_EQ(path, (folder / "attune-history-2026-12-04-2.csv").string()) << error;
  EXPECT_EQ(Read(path), FormatHistoryCsv({p}));
  EXPECT_EQ(Read((folder / "attune-history-2026-12-04.csv").string()), "the user's own file");
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  const std::string third = ExportHistoryCsv({p}, folder.string(), "2026-12-04", &error);
  EXPECT_EQ(third, (folder / "attune-history-2026-12-04-3.csv").string());

  const std::string nowhere = ExportHistoryCsv({p}, (folder / "missing").string(), "2026-12-04", &error);
  EXPECT_EQ(nowhere, "");
  EXPECT_NE(error.find("cannot write " + (folder / "missing").string()), std::string::npos) << error;
}

TEST_F(HistoryTest, PlayingRowOfADeadWriterBecomesInterruptedOnNextOpen) {
  {
    HistoryOpenResult opened = History::Open(path_);
    ASSERT_TRUE(opened.history);
    const std::int64_t id = opened.history->BeginPractice(Start("Sigh"));
    opened.history->UpdateProgress(id, {90s, 3, 90s});
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  // A pid that cannot be running: above the kernel's pid_max limit.
  ASSERT_EQ(sqlite3_exec(db, "UPDATE practice SET writer_pid = 2147483000;", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  HistoryOpenResult reopened = History::Open(path_);
  ASSERT_TRUE(reopened.history);
  const std::vector<Practice> all = reopened.history->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].state, PracticeState::kInterrupted);
  EXPECT_EQ(all[0].actual, 90s);
  EXPECT_EQ(all[0].reached_step, 3);
}

TEST_F(HistoryTest, RandomBytesAreMovedAsideAndANewHistoryStarts) {
  fs::create_directories(fs::path(path_).parent_path());
  {
    std::ofstream out(path_, std::ios::binary);
    std::mt19937 random(7);
    for (int i = 0; i < 8192; ++i) out.put(static_cast<char>(random() & 0xff));
  }
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history) << opened.error;
  ASSERT_FALSE(opened.moved_to.empty());
  EXPECT_EQ(opened.moved_to.rfind(path_ + ".corrupt-", 0), 0u);
  EXPECT_EQ(opened.moved_to.size(), path_.size() + std::string(".corrupt-YYYYMMDD-HHMMSS").size());
  EXPECT_EQ(fs::file_size(opened.moved_to), 8192u);
  EXPECT_EQ(opened.notice, "Your practice history could not be read. It was moved to " + opened.moved_to +
                               " and a new history was started.");
  EXPECT_GT(opened.history->BeginPractice(Start("Box")), 0);
  EXPECT_EQ(opened.history->All().size(), 1u);
}

TEST_F(HistoryTest, DamagedPagesFailTheIntegrityCheckAndAreMovedAside) {
  {
    HistoryOpenResult opened = History::Open(path_);
    ASSERT_TRUE(opened.history);
    for (int i = 0; i < 200; ++i)
      opened.history->BeginPractice(Start("Practice number " + std::to_string(i)));
  }
  ASSERT_FALSE(fs::exists(path_ + "-wal"));  // the last connection checkpointed it into the file
  {
    std::fstream file(path_, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096 * 2);
    for (int i = 0; i < 4096 * 3; ++i) file.put(static_cast<char>(i * 7 + 3));
  }
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history) << opened.error;
  EXPECT_FALSE(opened.moved_to.empty());
  EXPECT_TRUE(opened.history->All().empty());
}

TEST_F(HistoryTest, PlayingRowNotWrittenForADayIsInterruptedEvenIfItsPidRuns) {
  {
    HistoryOpenResult opened = History::Open(path_);
    ASSERT_TRUE(opened.history);
    opened.history->BeginPractice(Start("Old"));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  // pid 1 always runs; the row was last written two days ago.
  ASSERT_EQ(
      sqlite3_exec(db, "UPDATE practice SET writer_pid = 1, updated_utc_us = updated_utc_us - 172800000000;",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  HistoryOpenResult reopened = History::Open(path_);
  ASSERT_TRUE(reopened.history);
  EXPECT_EQ(reopened.history->All().at(0).state, PracticeState::kInterrupted);
}

TEST_F(HistoryTest, OldSchemaIsMigratedKeepingItsRows) {
  fs::create_directories(fs::path(path_).parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  const char* version1 =
      "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);"
      "CREATE TABLE practice (id INTEGER PRIMARY KEY, title TEXT NOT NULL, file TEXT NOT NULL,"
      " script_hash TEXT NOT NULL, people INTEGER NOT NULL, name_a TEXT NOT NULL, name_b TEXT NOT NULL,"
      " start_utc_us INTEGER NOT NULL, start_local TEXT NOT NULL, planned_us INTEGER NOT NULL,"
      " actual_us INTEGER NOT NULL DEFAULT 0, reached_step INTEGER NOT NULL DEFAULT 0,"
      " reached_us INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, updated_utc_us INTEGER NOT NULL);"
      "INSERT INTO practice VALUES (1, 'Old', 'old.yaml', 'x', 1, '', '', 5, '2025-01-01T08:00:00+00:00',"
      " 60000000, 60000000, 2, 60000000, 'completed', 6);";
  ASSERT_EQ(sqlite3_exec(db, version1, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history) << opened.error;
  const std::vector<Practice> all = opened.history->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].title, "Old");
  EXPECT_EQ(all[0].state, PracticeState::kCompleted);
  EXPECT_EQ(all[0].skipped, 0s);  // the column schema 3 added, for a row from before it
  EXPECT_GT(opened.history->BeginPractice(Start("New")), 0);
}

TEST_F(HistoryTest, NewerSchemaIsRefusedAndLeftUntouched) {
  fs::create_directories(fs::path(path_).parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(
          db,
          "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (99);",
          nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  HistoryOpenResult opened = History::Open(path_);
  EXPECT_FALSE(opened.history);
  EXPECT_EQ(opened.error, "cannot open the history at " + path_ +
                              ": it was written by a newer Attune (schema 99; this one knows 1 to 3) and was "
                              "left untouched");
  EXPECT_TRUE(opened.moved_to.empty());
}

TEST_F(HistoryTest, RecentIsNewestFirstAndAllIsOldestFirst) {
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history);
  for (int i = 0; i < 3; ++i) {
    PracticeStart start = Start("S" + std::to_string(i));
    start.start_utc_us += i * 1'000'000;
    opened.history->BeginPractice(start);
  }
  const std::vector<Practice> recent = opened.history->Recent(2);
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].title, "S2");
  EXPECT_EQ(recent[1].title, "S1");
  EXPECT_EQ(opened.history->All().front().title, "S0");
}

TEST_F(HistoryTest, CsvQuotesTextAndDefusesFormulas) {
  Practice p;
  p.id = 3;
  p.title = "Calm, \"slow\"";
  p.file = "=cmd|' /C calc'!A0";
  p.script_hash = "cbf29ce484222325";
  p.people = 2;
  p.name_a = "Ana";
  p.name_b = "Ben";
  p.start_utc_us = 1'774'760'700'000'000;
  p.start_local = "2026-03-29T07:05:00+02:00";
  p.planned = 300s;
  p.actual = 123'456'789us;
  p.reached_step = 4;
  p.reached = 120s;
  p.state = PracticeState::kInterrupted;
  EXPECT_EQ(
      FormatHistoryCsv({p}),
      "id,title,file,script_hash,people,name_a,name_b,start_local,start_utc,planned_s,actual_s,"
      "reached_step,reached_s,state,skipped_s\r\n"
      "3,\"Calm, \"\"slow\"\"\",'=cmd|' /C calc'!A0,cbf29ce484222325,2,Ana,Ben,2026-03-29T07:05:00+02:00,"
      "2026-03-29T05:05:00Z,300.000,123.457,4,120.000,interrupted,0.000\r\n");
}

// ---- Hardening (issue 10): damaged rows, schema versions, read-only and full histories, file modes ----

namespace hardening {

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A history of `rows` finished practices titled "Row 001".. at `path`, closed (its WAL checkpointed).
void MakeHistory(const std::string& path, int rows) {
  HistoryOpenResult opened = History::Open(path);
  ASSERT_TRUE(opened.history) << opened.error;
  for (int i = 1; i <= rows; ++i) {
    PracticeStart start;
    char title[16];
    std::snprintf(title, sizeof title, "Row %03d", i);
    start.title = title;
    start.file = std::string("/sessions/") + title + ".yaml";
    start.start_utc_us = 1'774'760'700'000'000 + i;
    start.planned = 60s;
    const std::int64_t id = opened.history->BeginPractice(start);
    ASSERT_TRUE(opened.history->Finish(id, {60s, 1, 60s}, true));
  }
}

// Damages one row's record in place: its header size becomes 0x7f, so SQLite reports "malformed" for that
// row only (its rowid, the cell's neighbours and every other page stay readable).
void DamageRow(const std::string& path, const std::string& title) {
  std::string bytes = ReadBytes(path);
  const std::size_t at = bytes.find(title);
  ASSERT_NE(at, std::string::npos);
  // The record header: [size][0x00: id is the rowid][title's serial type 13 + 2 * length]...
  const char title_type = static_cast<char>(13 + 2 * title.size());
  std::size_t header = std::string::npos;
  for (std::size_t i = at; i > at - 40 && i > 1; --i) {
    if (bytes[i] == title_type && bytes[i - 1] == '\0') {
      header = i - 2;
      break;
    }
  }
  ASSERT_NE(header, std::string::npos);
  bytes[header] = 0x7f;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

void SetVersion(const std::string& path, const char* version) {
  fs::create_directories(fs::path(path).parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string sql = std::string(
                              "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
                              "DELETE FROM schema_version; INSERT INTO schema_version VALUES (") +
                          version + ");";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace hardening

TEST_F(HistoryTest, OneDamagedRowKeepsEveryOtherRowAndTheOriginalAside) {
  hardening::MakeHistory(path_, 100);
  hardening::DamageRow(path_, "Row 050");
  const std::string damaged = hardening::ReadBytes(path_);
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history) << opened.error;
  EXPECT_EQ(opened.kept, 99);
  EXPECT_EQ(opened.unreadable, 1);
  EXPECT_EQ(opened.notice,
            "Your practice history was damaged. 99 practices were kept (1 practice could not be "
            "read); the damaged file was kept as " +
                opened.moved_to + ".");
  EXPECT_EQ(hardening::ReadBytes(opened.moved_to), damaged);  // the original, byte for byte, never deleted
  const std::vector<Practice> all = opened.history->All();
  ASSERT_EQ(all.size(), 99u);
  EXPECT_EQ(all[48].title, "Row 049");
  EXPECT_EQ(all[49].title, "Row 051");
  EXPECT_EQ(all[49].id, 51);
  EXPECT_EQ(all[98].title, "Row 100");
  EXPECT_EQ(all[98].state, PracticeState::kCompleted);
  EXPECT_EQ(all[98].actual, 60s);
  EXPECT_EQ(fs::status(path_).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  // The new file is whole, and takes new practices after the salvaged ids.
  EXPECT_EQ(opened.history->BeginPractice(Start("After")), 101);
}

TEST_F(HistoryTest, OneDamagedRowReadsReadOnlyWithoutTouchingTheFile) {
  hardening::MakeHistory(path_, 100);
  hardening::DamageRow(path_, "Row 050");
  const std::string damaged = hardening::ReadBytes(path_);
  HistoryOpenResult opened = History::OpenReadOnly(path_);
  ASSERT_TRUE(opened.history) << opened.error;
  EXPECT_EQ(opened.notice, "the history at " + path_ +
                               " is damaged: 99 practices could be read, 1 could not. Start Attune to repair "
                               "it (the damaged file is kept).");
  EXPECT_EQ(opened.history->All().size(), 99u);
  EXPECT_EQ(hardening::ReadBytes(path_), damaged);
  EXPECT_FALSE(fs::exists(path_ + "-wal"));
  EXPECT_FALSE(fs::exists(path_ + "-shm"));
}

TEST_F(HistoryTest, NegativeAndUnknownSchemaVersionsAreRefusedAndLeftUntouched) {
  struct Case {
    const char* version;
    std::string message;
  };
  const Case cases[] = {
      {"-1", "its schema version (-1) is not one Attune writes (1 to 3); it was left untouched"},
      {"-1000000", "its schema version (-1000000) is not one Attune writes (1 to 3); it was left untouched"},
      {"4", "it was written by a newer Attune (schema 4; this one knows 1 to 3) and was left untouched"},
      {"'two'", "its schema version (-1) is not one Attune writes (1 to 3); it was left untouched"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.version);
    fs::remove_all(dir_);
    hardening::SetVersion(path_, c.version);
    const std::string before = hardening::ReadBytes(path_);
    HistoryOpenResult opened = History::Open(path_);
    EXPECT_FALSE(opened.history);
    EXPECT_EQ(opened.error, "cannot open the history at " + path_ + ": " + c.message);
    EXPECT_TRUE(opened.moved_to.empty());
    EXPECT_EQ(hardening::ReadBytes(path_), before);  // not migrated, not switched to WAL, not moved
    HistoryOpenResult read = History::OpenReadOnly(path_);
    EXPECT_FALSE(read.history);
    EXPECT_EQ(read.error, "cannot read the history at " + path_ + ": " + c.message);
    EXPECT_EQ(hardening::ReadBytes(path_), before);
  }
}

TEST_F(HistoryTest, ReadOnlyOpenWorksOnAReadOnlyFileAndFolderAndCreatesNothing) {
  hardening::MakeHistory(path_, 3);
  const fs::path folder = fs::path(path_).parent_path();
  fs::permissions(path_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                              fs::perms::others_exec);
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  const std::string path = path_;
  testing_support::AsUnprivileged([&] {
    HistoryOpenResult opened = History::OpenReadOnly(path);
    ASSERT_TRUE(opened.history) << opened.error;
    EXPECT_EQ(opened.notice, "");
    const std::vector<Practice> all = opened.history->All();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[2].title, "Row 003");
    // The read-write open of the same file says why it cannot write, in the user's words.
    HistoryOpenResult writable = History::Open(path);
    EXPECT_FALSE(writable.history);
    EXPECT_EQ(writable.reason, "the history file is read-only (" + path + ")");
  });
  fs::permissions(folder, fs::perms::owner_all);
  EXPECT_FALSE(fs::exists(path_ + "-wal"));
  EXPECT_FALSE(fs::exists(path_ + "-shm"));
}

TEST_F(HistoryTest, AReadOnlyFolderIsNamedAsTheReason) {
  const fs::path folder = fs::path(path_).parent_path();
  fs::create_directories(folder);
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                              fs::perms::others_exec);
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  const std::string path = path_;
  testing_support::AsUnprivileged([&] {
    HistoryOpenResult opened = History::Open(path);
    EXPECT_FALSE(opened.history);
    EXPECT_EQ(opened.reason, "the history folder is read-only (" + folder.string() + ")");
  });
  fs::permissions(folder, fs::perms::owner_all);
}

TEST_F(HistoryTest, AFullDiskIsNamedAsTheReasonOfAFailedWrite) {
  HistoryOpenResult opened = History::Open(path_);
  ASSERT_TRUE(opened.history);
  opened.history->LimitPagesForTest(0);
  PracticeStart big = Start(std::string(5000, 'x'));  // needs pages the file may not grow to
  EXPECT_EQ(opened.history->BeginPractice(big), 0);
  EXPECT_EQ(opened.history->failure(), "the disk is full (" + path_ + ")");
}

TEST_F(HistoryTest, ANewHistoryIsPrivateWhateverTheUmask) {
  const mode_t old = ::umask(0);
  HistoryOpenResult opened = History::Open(path_);
  ::umask(old);
  ASSERT_TRUE(opened.history);
  EXPECT_EQ(fs::status(path_).permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(HistoryTest, ReadOnlyOpenReadsAnOldSchemaWithoutMigratingIt) {
  fs::create_directories(fs::path(path_).parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  const char* version1 =
      "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);"
      "CREATE TABLE practice (id INTEGER PRIMARY KEY, title TEXT NOT NULL, file TEXT NOT NULL,"
      " script_hash TEXT NOT NULL, people INTEGER NOT NULL, name_a TEXT NOT NULL, name_b TEXT NOT NULL,"
      " start_utc_us INTEGER NOT NULL, start_local TEXT NOT NULL, planned_us INTEGER NOT NULL,"
      " actual_us INTEGER NOT NULL DEFAULT 0, reached_step INTEGER NOT NULL DEFAULT 0,"
      " reached_us INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, updated_utc_us INTEGER NOT NULL);"
      "INSERT INTO practice VALUES (1, 'Old', 'old.yaml', 'x', 1, '', '', 5, '2025-01-01T08:00:00+00:00',"
      " 60000000, 60000000, 2, 60000000, 'playing', 6);";
  ASSERT_EQ(sqlite3_exec(db, version1, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string before = hardening::ReadBytes(path_);
  HistoryOpenResult opened = History::OpenReadOnly(path_);
  ASSERT_TRUE(opened.history) << opened.error;
  const std::vector<Practice> all = opened.history->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].title, "Old");
  EXPECT_EQ(all[0].state, PracticeState::kInterrupted);  // its writer is long gone; shown, not written
  EXPECT_EQ(all[0].skipped, 0s);                         // no skipped_us column: read as 0
  opened.history.reset();
  EXPECT_EQ(hardening::ReadBytes(path_), before);
}

}  // namespace
}  // namespace attune::core
