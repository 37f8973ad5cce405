// app/core/quick_timer.cpp: quick timer specs to session scripts, and saving them without clobbering.
#include "core/quick_timer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/compile_file.hpp"
#include "core/loader.hpp"

namespace attune::core {
namespace {

constexpr double kMinBreath = 0.5;
constexpr double kMaxCycle = 120.0;
constexpr int kMaxMinutes = 240;

// Seconds with at most three decimals, trailing zeros dropped: 4 -> "4", 4.5 -> "4.5", 0.125 -> "0.125".
std::string FormatNumber(double seconds) {
  const long long thousandths = std::llround(seconds * 1000.0);
  std::string text = fmt::format("{}.{:03}", thousandths / 1000, thousandths % 1000);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// A YAML double-quoted scalar: safe for any text a person types.
std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The `mode` a quick timer writes: its script name; a quick timer has no `shift`.
const char* ModeKey(BreathMode mode) {
  return ToString(mode == BreathMode::kShift ? BreathMode::kTogether : mode);
}

bool HasHolds(const QuickTimerSpec& spec) {
  switch (spec.pattern) {
    case QuickPattern::kBox:
    case QuickPattern::k478:
      return true;
    case QuickPattern::kCustom:
      return spec.custom[1] > 0.0 || spec.custom[3] > 0.0;
    case QuickPattern::kCoherent:
    case QuickPattern::kSigh:
      break;
  }
  return false;
}

std::string Slug(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool WriteAll(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

const char* DisplayName(QuickPattern pattern) {
  switch (pattern) {
    case QuickPattern::kBox:
      return "Box breathing";
    case QuickPattern::k478:
      return "4-7-8 breathing";
    case QuickPattern::kCoherent:
      return "Coherent breathing";
    case QuickPattern::kSigh:
      return "Cyclic sighing";
    case QuickPattern::kCustom:
      return "Custom breathing";
  }
  return "Box breathing";
}

std::vector<std::string> QuickTimerProblems(const QuickTimerSpec& spec) {
  std::vector<std::string> problems;
  if (spec.minutes < 1 || spec.minutes > kMaxMinutes) {
    problems.push_back(fmt::format("Minutes must be from 1 to {} (got {}).", kMaxMinutes, spec.minutes));
  }
  if (spec.people != 1 && spec.people != 2) {
    problems.push_back(fmt::format("People must be 1 or 2 (got {}).", spec.people));
  }
  if (spec.people == 2 && spec.mode == BreathMode::kShift) {
    problems.push_back("The mode must be together, alternate or half.");
  }
  if (spec.pattern == QuickPattern::kCustom) {
    const std::array<const char*, 4> names = {"Breathe in", "Hold", "Breathe out", "Hold out"};
    double cycle = 0.0;
    for (std::size_t i = 0; i < 4; ++i) {
      const double value = spec.custom[i];
      if (!std::isfinite(value)) {
        problems.push_back(fmt::format("{} must be a number.", names[i]));
        continue;
      }
      const double minimum = (i == 0 || i == 2) ? kMinBreath : 0.0;
      if (value < minimum) {
        problems.push_back(fmt::format("{} must be at least {} s (got {} s).", names[i],
                                       FormatNumber(minimum), FormatNumber(value)));
      }
      cycle += value;
    }
    if (std::isfinite(cycle) && cycle > kMaxCycle) {
      problems.push_back(fmt::format("A breath may last at most 2 minutes (got {} s).", FormatNumber(cycle)));
    }
  }
  for (const std::string* name : {&spec.name_a, &spec.name_b}) {
    if (name->size() > 100) problems.push_back("A name may be at most 100 characters.");
  }
  return problems;
}

std::string QuickPatternText(const QuickTimerSpec& spec) {
  switch (spec.pattern) {
    case QuickPattern::kBox:
      return "4-4-4-4";
    case QuickPattern::k478:
      return "4-7-8";
    case QuickPattern::kCoherent:
      return "5-5";
    case QuickPattern::kSigh:
      return "2+1.5-6.5";
    case QuickPattern::kCustom:
      break;
  }
  return fmt::format("{}-{}-{}-{}", FormatNumber(spec.custom[0]), FormatNumber(spec.custom[1]),
                     FormatNumber(spec.custom[2]), FormatNumber(spec.custom[3]));
}

std::string QuickTimerTitle(const QuickTimerSpec& spec) {
  std::string title = fmt::format("{}, {} min", DisplayName(spec.pattern), spec.minutes);
  if (spec.pattern == QuickPattern::kCustom) {
    title = fmt::format("Breathing {}, {} min", QuickPatternText(spec), spec.minutes);
  }
  if (spec.people == 2) title += fmt::format(", {}", ModeKey(spec.mode));
  return title;
}

std::string QuickTimerYaml(const QuickTimerSpec& spec) {
  std::string out;
  out += "# A quick timer, made by Attune. Edit it freely: it is an ordinary session script.\n";
  out += "attune: 1\n";
  out += "title: " + Quote(QuickTimerTitle(spec)) + "\n";
  const char* who = spec.people == 2 ? "two people" : "one person";
  out += "summary: " +
         Quote(fmt::format("A quick timer: {} ({}) for {} minutes, for {}.", DisplayName(spec.pattern),
                           QuickPatternText(spec), spec.minutes, who)) +
         "\n";
  out += fmt::format("tags: [quick timer, breathing, {}]\n", who);
  out += fmt::format("people: {}\n", spec.people == 2 ? 2 : 1);
  if (spec.people == 2 && (!spec.name_a.empty() || !spec.name_b.empty())) {
    out += "roles:\n";
    out +=
        "  a: { name: " + Quote(spec.name_a.empty() ? "Partner A" : spec.name_a) + ", color: \"#6fa8dc\" }\n";
    out +=
        "  b: { name: " + Quote(spec.name_b.empty() ? "Partner B" : spec.name_b) + ", color: \"#e69138\" }\n";
  }
  out += "steps:\n";
  switch (spec.pattern) {
    case QuickPattern::kBox:
      out += "  - breathe: 4-4-4-4\n";
      break;
    case QuickPattern::k478:
      out += "  - breathe: 4-7-8\n";
      out += "    labels: { inhale: Breathe in through the nose, exhale: Breathe out through the mouth }\n";
      break;
    case QuickPattern::kCoherent:
      out += "  - breathe: 5-5\n";
      break;
    case QuickPattern::kSigh:
      out += "  - breathe:\n";
      out += "      phases:\n";
      out += "        - { inhale: 2, label: Breathe in through the nose }\n";
      out += "        - { inhale: 1.5, label: A little more }\n";
      out += "        - { exhale: 6.5, label: Slowly out through the mouth }\n";
      break;
    case QuickPattern::kCustom:
      out += fmt::format("  - breathe: {{ inhale: {}, hold: {}, exhale: {}, hold_out: {} }}\n",
                         FormatNumber(spec.custom[0]), FormatNumber(spec.custom[1]),
                         FormatNumber(spec.custom[2]), FormatNumber(spec.custom[3]));
      break;
  }
  out += fmt::format("    for: {}m\n", spec.minutes);
  if (spec.people == 2) out += fmt::format("    mode: {}\n", ModeKey(spec.mode));
  std::string say = "Settle in and follow the pacer. You may breathe naturally at any time.";
  if (HasHolds(spec)) say += " If you feel light-headed, return to natural breathing.";
  out += "    say: " + Quote(say) + "\n";
  out += "  - bell: bowl\n";
  return out;
}

QuickTimerBuild BuildQuickTimer(const QuickTimerSpec& spec, const CompileOptions& compile) {
  QuickTimerBuild build;
  build.problems = QuickTimerProblems(spec);
  if (!build.problems.empty()) return build;
  build.yaml = QuickTimerYaml(spec);
  const CompiledFile file = CompileText(build.yaml, QuickTimerFileName(spec), {}, compile);
  for (const Diagnostic& d : file.diagnostics) {
    if (d.severity == Severity::kError) build.problems.push_back(d.Format());
  }
  if (!file.timeline) return build;
  build.timeline = *file.timeline;
  build.timeline->file.clear();
  return build;
}

std::string QuickTimerFileName(const QuickTimerSpec& spec) {
  std::string name = "quick-" + std::string(ToString(spec.pattern));
  if (spec.pattern == QuickPattern::kCustom) name += "-" + Slug(QuickPatternText(spec));
  name += fmt::format("-{}min", spec.minutes);
  if (spec.people == 2) name += fmt::format("-{}", ModeKey(spec.mode));
  return name + ".yaml";
}

QuickTimerSave SaveQuickTimer(const QuickTimerSpec& spec, const std::string& folder) {
  namespace fs = std::filesystem;
  QuickTimerSave result;
  const std::vector<std::string> problems = QuickTimerProblems(spec);
  if (!problems.empty()) {
    result.error = problems.front();
    return result;
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    result.error = "Cannot create the folder " + folder + ": " + ec.message();
    return result;
  }
  const std::string text = QuickTimerYaml(spec);
  const std::string temp = folder + "/.quick-timer-" + std::to_string(getpid()) + ".tmp";
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    result.error = "Cannot write in " + folder + ": " + std::strerror(errno);
    return result;
  }
  const bool written = WriteAll(fd, text) && fsync(fd) == 0;
  const int write_errno = errno;
  close(fd);
  if (!written) {
    unlink(temp.c_str());
    result.error = "Cannot write in " + folder + ": " + std::strerror(write_errno);
    return result;
  }
  const std::string file_name = QuickTimerFileName(spec);
  const std::string stem = file_name.substr(0, file_name.size() - 5);
  for (int n = 1; n < 1000 && !result.ok; ++n) {
    const std::string candidate = folder + "/" + (n == 1 ? file_name : fmt::format("{}-{}.yaml", stem, n));
    if (link(temp.c_str(), candidate.c_str()) == 0) {
      result.ok = true;
      result.path = candidate;
    } else if (errno != EEXIST) {
      result.error = "Cannot save " + candidate + ": " + std::strerror(errno);
      break;
    }
  }
  unlink(temp.c_str());
  if (result.ok) {
    const int dir = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      fsync(dir);
      close(dir);
    }
  } else if (result.error.empty()) {
    result.error = "Cannot find a free file name for " + file_name + " in " + folder;
  }
  return result;
}

}  // namespace attune::core
