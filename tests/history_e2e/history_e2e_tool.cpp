// tests/history_e2e/history_e2e_tool.cpp: test support for the practice history, independent of the window.
// `writer` plays a session with the real Player on the monotonic clock (sped up) and records it with the real
// History API, announcing each committed write on stdout; `crash` runs many writers and SIGKILLs them at
// random points, then checks the database; `random-bytes` and `quick-timers` make fixtures.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/history.hpp"
#include "core/loader.hpp"
#include "core/player.hpp"
#include "core/quick_timer.hpp"
#include "core/timeline.hpp"

namespace {

using attune::core::Micros;
using Clock = std::chrono::steady_clock;

std::map<std::string, std::string> Flags(int argc, char** argv, int first) {
  std::map<std::string, std::string> flags;
  for (int i = first; i + 1 < argc; i += 2) flags[argv[i]] = argv[i + 1];
  return flags;
}

std::string Flag(const std::map<std::string, std::string>& flags, const std::string& name,
                 const std::string& fallback = "") {
  const auto it = flags.find(name);
  return it == flags.end() ? fallback : it->second;
}

std::int64_t UtcNowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void Say(const std::string& line) {
  const std::string text = line + "\n";
  if (write(STDOUT_FILENO, text.data(), text.size()) < 0) std::exit(3);
}

// writer --db PATH --session FILE [--speed 1] [--update-ms 100] [--days-ago 0]
int Writer(const std::map<std::string, std::string>& flags) {
  const std::string session_path = Flag(flags, "--session");
  const double speed = std::atof(Flag(flags, "--speed", "1").c_str());
  const int update_ms = std::atoi(Flag(flags, "--update-ms", "100").c_str());
  const int days_ago = std::atoi(Flag(flags, "--days-ago", "0").c_str());

  attune::core::LoadResult loaded = attune::core::LoadSessionFile(session_path);
  if (!loaded.session) {
    for (const auto& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.Format().c_str());
    return 2;
  }
  attune::core::CompileResult compiled = attune::core::Compile(*loaded.session);
  if (!compiled.timeline) return 2;
  auto timeline = std::make_shared<const attune::core::Timeline>(std::move(*compiled.timeline));

  attune::core::HistoryOpenResult opened = attune::core::History::Open(Flag(flags, "--db"));
  if (!opened.history) {
    std::fprintf(stderr, "%s\n", opened.error.c_str());
    return 2;
  }
  std::string text;
  if (FILE* file = std::fopen(session_path.c_str(), "rb")) {
    char chunk[4096];
    std::size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, file)) > 0) text.append(chunk, n);
    std::fclose(file);
  }
  const std::int64_t start_utc = UtcNowMicros() - std::int64_t{days_ago} * 86'400'000'000;
  const std::int64_t id =
      opened.history->BeginPractice(attune::core::MakePracticeStart(*timeline, text, start_utc));
  if (id == 0) return 2;
  const Clock::time_point origin = Clock::now();
  const auto now = [&] {
    const double elapsed = std::chrono::duration<double, std::micro>(Clock::now() - origin).count();
    return Micros(static_cast<std::int64_t>(elapsed * speed));
  };
  attune::core::Player player(timeline, Micros{0});
  player.Start(now());
  Say("begun " + std::to_string(id));
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(update_ms));
    const Micros t = now();
    player.Update(t);
    if (player.status() == attune::core::PlayerStatus::kWaiting) player.Continue(t);
    const Micros reached = player.SessionTime(t);
    const int step = player.current_step(t) + 1;
    if (player.status() == attune::core::PlayerStatus::kFinished) {
      if (!opened.history->Finish(id, {reached, step, reached}, true)) return 2;
      Say("finished " + std::to_string(reached.count()));
      return 0;
    }
    if (!opened.history->UpdateProgress(id, {reached, step, reached})) return 2;
    Say("progress " + std::to_string(reached.count()));
  }
}

struct Run {
  pid_t pid = 0;
  std::int64_t id = 0;             // announced by the child, 0 if it never said "begun"
  std::int64_t last_progress = 0;  // the last committed progress it announced
  bool finished = false;
  bool killed = false;
  Micros bound{0};  // its session time cannot exceed this
};

// Reads what the child said; returns false at end of file.
bool ReadLines(int fd, std::string* buffer, Run* run) {
  char chunk[4096];
  const ssize_t n = read(fd, chunk, sizeof chunk);
  if (n <= 0) return false;
  buffer->append(chunk, static_cast<std::size_t>(n));
  std::size_t newline = 0;
  while ((newline = buffer->find('\n')) != std::string::npos) {
    const std::string line = buffer->substr(0, newline);
    buffer->erase(0, newline + 1);
    if (line.rfind("begun ", 0) == 0) run->id = std::atoll(line.c_str() + 6);
    if (line.rfind("progress ", 0) == 0) run->last_progress = std::atoll(line.c_str() + 9);
    if (line.rfind("finished ", 0) == 0) run->finished = true;
  }
  return true;
}

// crash --dir DIR [--runs 50] [--seed 1] [--speed 200] [--update-ms 10] [--max-kill-ms 450]
int Crash(const std::map<std::string, std::string>& flags, const std::string& self) {
  namespace fs = std::filesystem;
  const fs::path dir = Flag(flags, "--dir");
  const int runs = std::atoi(Flag(flags, "--runs", "50").c_str());
  const unsigned seed = static_cast<unsigned>(std::atoi(Flag(flags, "--seed", "1").c_str()));
  const std::string speed = Flag(flags, "--speed", "200");
  const std::string update_ms = Flag(flags, "--update-ms", "10");
  const int max_kill_ms = std::atoi(Flag(flags, "--max-kill-ms", "450").c_str());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "attune" / "history.sqlite").string();
  attune::core::QuickTimerSpec spec;
  spec.minutes = 1;
  const attune::core::QuickTimerSave saved = attune::core::SaveQuickTimer(spec, (dir / "sessions").string());
  if (!saved.ok) {
    std::fprintf(stderr, "cannot write the session: %s\n", saved.error.c_str());
    return 1;
  }

  std::mt19937 random(seed);
  std::vector<Run> done;
  for (int i = 0; i < runs; ++i) {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    const Clock::time_point forked = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      execl(self.c_str(), self.c_str(), "writer", "--db", db.c_str(), "--session", saved.path.c_str(),
            "--speed", speed.c_str(), "--update-ms", update_ms.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    Run run;
    run.pid = pid;
    std::string buffer;
    // One run in five is killed early, counted from the fork: during Open, migration or BeginPractice.
    const bool early = random() % 5 == 0;
    const int delay_ms = early ? static_cast<int>(random() % 30)
                               : static_cast<int>(random() % static_cast<unsigned>(max_kill_ms));
    bool open = true;
    Clock::time_point deadline = forked + std::chrono::milliseconds(delay_ms);
    bool armed = early;
    while (open) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (armed && left <= 0) break;
      pollfd p{fds[0], POLLIN, 0};
      const int ready = poll(&p, 1, armed ? static_cast<int>(left) + 1 : 5000);
      if (ready == 0 && !armed) {
        std::fprintf(stderr, "run %d: the writer did not begin within 5 s\n", i);
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        return 1;
      }
      if (ready > 0) open = ReadLines(fds[0], &buffer, &run);
      if (!armed && run.id != 0) {
        armed = true;
        deadline = Clock::now() + std::chrono::milliseconds(delay_ms);
      }
    }
    run.killed = kill(pid, SIGKILL) == 0;
    const Clock::time_point killed_at = Clock::now();
    int status = 0;
    waitpid(pid, &status, 0);
    while (ReadLines(fds[0], &buffer, &run)) {
    }
    close(fds[0]);
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "run %d: the writer failed with exit code %d\n", i, WEXITSTATUS(status));
      return 1;
    }
    run.killed = WIFSIGNALED(status);
    const double wall_us = std::chrono::duration<double, std::micro>(killed_at - forked).count();
    run.bound = Micros(static_cast<std::int64_t>(wall_us * std::atof(speed.c_str())));
    done.push_back(run);
  }

  // What the next start of the app sees.
  attune::core::HistoryOpenResult opened = attune::core::History::Open(db);
  if (!opened.history) {
    std::fprintf(stderr, "cannot open the history after the kills: %s\n", opened.error.c_str());
    return 1;
  }
  if (!opened.notice.empty()) {
    std::fprintf(stderr, "the history was damaged: %s\n", opened.notice.c_str());
    return 1;
  }
  sqlite3* raw = nullptr;
  sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA integrity_check;", -1, &stmt, nullptr);
  std::string integrity = "(no answer)";
  if (sqlite3_step(stmt) == SQLITE_ROW)
    integrity = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  std::printf("PRAGMA integrity_check: %s\n", integrity.c_str());
  int failures = integrity == "ok" ? 0 : 1;

  const std::vector<attune::core::Practice> rows = opened.history->All();
  std::map<std::int64_t, const attune::core::Practice*> by_id;
  for (const auto& row : rows) by_id[row.id] = &row;
  int killed = 0, completed = 0, killed_before_begun = 0;
  for (std::size_t i = 0; i < done.size(); ++i) {
    const Run& run = done[i];
    if (run.id == 0) {
      ++killed_before_begun;
      continue;
    }
    const auto it = by_id.find(run.id);
    if (it == by_id.end()) {
      std::fprintf(stderr, "run %zu: practice %lld is missing\n", i, static_cast<long long>(run.id));
      ++failures;
      continue;
    }
    const attune::core::Practice& p = *it->second;
    // A writer killed between committing Finish and saying so is completed: truthful when it had the time.
    const bool could_have_finished =
        run.bound >= p.planned && p.state == attune::core::PracticeState::kCompleted;
    const bool done_playing = run.finished || could_have_finished;
    const auto expected =
        done_playing ? attune::core::PracticeState::kCompleted : attune::core::PracticeState::kInterrupted;
    std::string problem;
    if (p.state != expected) {
      problem = std::string(" state ") + ToString(p.state) + ", expected " + ToString(expected);
    }
    if (done_playing && p.actual != p.planned) problem += " completed with actual != planned";
    if (p.actual.count() < run.last_progress) problem += " lost committed progress";
    if (p.actual > run.bound) problem += " claims more time than it had";
    if (p.reached > p.planned) problem += " reached beyond the end";
    if (!problem.empty()) {
      std::fprintf(stderr, "run %zu (practice %lld):%s\n", i, static_cast<long long>(run.id),
                   problem.c_str());
      ++failures;
    }
    done_playing ? ++completed : ++killed;
  }
  // Rows nobody announced (killed inside BeginPractice, after its commit) must be honest too.
  int unannounced = 0;
  for (const auto& row : rows) {
    bool announced = false;
    for (const Run& run : done) announced = announced || run.id == row.id;
    if (announced) continue;
    ++unannounced;
    if (row.state != attune::core::PracticeState::kInterrupted || row.actual.count() != 0) {
      std::fprintf(stderr, "practice %lld, never announced, is %s with %lld us\n",
                   static_cast<long long>(row.id), ToString(row.state),
                   static_cast<long long>(row.actual.count()));
      ++failures;
    }
  }
  std::printf(
      "%d runs: %d killed mid-session, %d completed, %d killed before the practice began; "
      "%zu rows (%d written just before the kill); %d problems\n",
      runs, killed, completed, killed_before_begun, rows.size(), unannounced, failures);
  return failures == 0 ? 0 : 1;
}

// kill9 --after-progress N, then the writer's flags: runs a writer and SIGKILLs it after its N-th committed
// progress update. Prints "killed ID AT_US".
int Kill9(int argc, char** argv, const std::string& self) {
  const int after = argc > 3 ? std::atoi(argv[3]) : 1;
  int fds[2];
  if (pipe(fds) != 0) return 1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> args = {const_cast<char*>(self.c_str()), const_cast<char*>("writer")};
    for (int i = 4; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);
    execv(self.c_str(), args.data());
    _exit(127);
  }
  close(fds[1]);
  Run run;
  std::string buffer;
  int progress = 0;
  std::int64_t seen = -1;
  while (progress < after && !run.finished && ReadLines(fds[0], &buffer, &run)) {
    if (run.last_progress != seen && run.last_progress > 0) {
      seen = run.last_progress;
      ++progress;
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(fds[0]);
  std::printf("killed %lld at %lld us\n", static_cast<long long>(run.id),
              static_cast<long long>(run.last_progress));
  return WIFSIGNALED(status) && run.id != 0 ? 0 : 1;
}

// kill9-command MS COMMAND ARGS...: runs a command and SIGKILLs it after MS milliseconds (the real app, for
// one). Exit 0 when it was killed, 1 when it had ended before.
int Kill9Command(char** argv) {
  const int ms = std::atoi(argv[2]);
  const pid_t pid = fork();
  if (pid == 0) {
    execv(argv[3], argv + 3);
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : 1;
}

// integrity DB: prints PRAGMA integrity_check of DB, read-only ("ok" when whole); exit 0 only for "ok".
int Integrity(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::printf("cannot open %s\n", path.c_str());
    sqlite3_close(db);
    return 1;
  }
  sqlite3_stmt* stmt = nullptr;
  std::string result;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check;", -1, &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      result += std::string(text ? reinterpret_cast<const char*>(text) : "") + "\n";
    }
  } else {
    result = std::string(sqlite3_errmsg(db)) + "\n";
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::printf("%s", result.c_str());
  return result == "ok\n" ? 0 : 1;
}

// random-bytes FILE COUNT
int RandomBytes(const std::string& path, int count) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  std::mt19937 random(12345);
  for (int i = 0; i < count; ++i) out.put(static_cast<char>(random() & 0xff));
  return out ? 0 : 1;
}

// quick-timers DIR: every pattern, alone and with two people in each mode.
int QuickTimers(const std::string& dir) {
  using attune::core::BreathMode;
  for (const auto pattern : attune::core::kQuickPatterns) {
    for (const auto& [people, mode] : std::vector<std::pair<int, BreathMode>>{{1, BreathMode::kTogether},
                                                                              {2, BreathMode::kTogether},
                                                                              {2, BreathMode::kAlternate},
                                                                              {2, BreathMode::kHalf}}) {
      attune::core::QuickTimerSpec spec;
      spec.pattern = pattern;
      spec.custom = {4.5, 1, 6.5, 0};
      spec.people = people;
      spec.mode = mode;
      spec.minutes = 3;
      const attune::core::QuickTimerSave saved = attune::core::SaveQuickTimer(spec, dir);
      if (!saved.ok) {
        std::fprintf(stderr, "%s\n", saved.error.c_str());
        return 1;
      }
      std::printf("%s\n", saved.path.c_str());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "writer") return Writer(Flags(argc, argv, 2));
  if (mode == "crash")
    return Crash(Flags(argc, argv, 2), std::filesystem::read_symlink("/proc/self/exe").string());
  if (mode == "kill9" && argc > 3)
    return Kill9(argc, argv, std::filesystem::read_symlink("/proc/self/exe").string());
  if (mode == "kill9-command" && argc > 3) return Kill9Command(argv);
  if (mode == "integrity" && argc == 3) return Integrity(argv[2]);
  if (mode == "random-bytes" && argc == 4) return RandomBytes(argv[2], std::atoi(argv[3]));
  if (mode == "quick-timers" && argc == 3) return QuickTimers(argv[2]);
  std::fprintf(stderr,
               "usage: history_e2e_tool writer|crash|kill9 --after-progress N|kill9-command MS "
               "CMD...|random-bytes FILE COUNT|"
               "quick-timers DIR [--flag value]...\n");
  return 2;
}
