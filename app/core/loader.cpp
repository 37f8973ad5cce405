// app/core/loader.cpp: reads and validates a session script: the entry points, the YAML document, and
// the session's top level (metadata, roles, sound). Patterns, steps and blocks have their own files
// (see core/loader_internal.hpp).
#include "core/loader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "core/duration.hpp"
#include "core/loader_internal.hpp"
#include "core/loader_messages.hpp"
#include "core/yaml_guard.hpp"

namespace attune::core {

namespace fs = std::filesystem;

namespace detail {
namespace {

const Names kTopKeys = {"attune", "title", "summary", "author",   "language", "tags",
                        "people", "roles", "sound",   "patterns", "blocks",   "steps"};
const Names kRoleKeys = {"name", "color", "pan"};
const Names kSoundKeys = {"cues", "breath", "ambience", "voice"};
constexpr std::array<BreathSound, 3> kBreathSounds = {BreathSound::kGlide, BreathSound::kTicks,
                                                      BreathSound::kNone};
constexpr std::array<VoiceMode, 4> kVoiceModes = {VoiceMode::kAuto, VoiceMode::kRecorded, VoiceMode::kSynth,
                                                  VoiceMode::kOff};

// Names of patterns and blocks start with an ASCII letter: a `breathe` value that starts with a digit,
// '.' or '-' is read as seconds, so a pattern named "2fast" could never be used.
bool StartsWithLetter(std::string_view name) {
  return !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
}

// Records where each YAML document starts; ignores everything else.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> marks;
  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
  }
  void OnMapEnd() override {}
};

}  // namespace

Loader::Loader(std::string file, const std::string& base_dir, const LoadOptions& options)
    : file_(std::move(file)), options_(options) {
  std::error_code ec;
  fs::path base = base_dir.empty() ? fs::path(".") : fs::path(base_dir);
  base_ = fs::weakly_canonical(fs::absolute(base, ec), ec);
}

LoadResult Loader::Run(std::string_view raw) {
  const std::string_view text = StripBom(raw);
  std::vector<Node> documents;
  if (auto problem = CheckYamlText(text)) {
    Error({problem->line, problem->column}, problem->message);
  } else {
    try {
      // Count documents with events first: yaml-cpp 0.7's LoadAll loops forever, allocating, on a stray
      // ',' where a document or a block entry may start ("- a\n,"), because such a document consumes
      // nothing. Two documents are enough to know; the first is then built with Load.
      std::istringstream stream{std::string(text)};
      YAML::Parser parser(stream);
      DocumentStarts starts;
      while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) {
      }
      if (starts.marks.size() == 2 && starts.marks[0].pos == starts.marks[1].pos) {
        const auto pos = static_cast<std::size_t>(std::max(starts.marks[1].pos, 0));
        Error(ToLocation(starts.marks[1]),
              msg::YamlSyntax(fmt::format("unexpected '{}'", pos < text.size() ? text.substr(pos, 1) : "")));
      } else {
        if (starts.marks.size() == 2) {
          const SourceLocation second = ToLocation(starts.marks[1]);
          Error(second, msg::SecondDocument(second.line));
        }
        documents.push_back(YAML::Load(std::string(text)));
      }
    } catch (const YAML::Exception& e) {
      Error(ToLocation(e.mark), msg::YamlSyntax(e.msg));
    } catch (const std::exception& e) {
      Error({}, msg::YamlSyntax(e.what()));
    }
    if (!documents.empty() || !HasErrors(diagnostics_)) {
      if (documents.empty() || documents[0].IsNull()) {
        Error({}, msg::EmptyFile());
      } else {
        const Node& root = documents[0];
        if (!root.IsMap()) {
          SourceLocation location = ToLocation(root.Mark());
          if (location.line == 0) location = {1, 1};
          Error(location, msg::TopNotMapping(Got(root)));
        } else if (WithinBudget(root, 0)) {
          try {
            ParseSession(root);
          } catch (const YAML::Exception& e) {
            Error(ToLocation(e.mark), msg::YamlSyntax(e.msg));
          }
        }
      }
    }
  }

  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& x, const Diagnostic& y) {
    return std::tie(x.line, x.column) < std::tie(y.line, y.column);
  });
  // The same aliased node walked twice reports its problems twice: keep one of each.
  diagnostics_.erase(std::unique(diagnostics_.begin(), diagnostics_.end(),
                                 [](const Diagnostic& x, const Diagnostic& y) {
                                   return x.line == y.line && x.column == y.column &&
                                          x.severity == y.severity && x.message == y.message;
                                 }),
                     diagnostics_.end());
  LoadResult result;
  if (!HasErrors(diagnostics_)) result.session = std::move(session_);
  result.diagnostics = std::move(diagnostics_);
  return result;
}

void Loader::ParseSession(const Node& root) {
  session_.file = file_;
  SourceLocation top = ToLocation(root.Mark());
  if (top.line == 0) top = {1, 1};
  const Entries entries = ReadMap(root, "at the top level", kTopKeys);

  for (const char* required : {"attune", "title", "steps"}) {
    if (Find(entries, required) == nullptr) Error(top, msg::MissingKey(required));
  }
  if (const Entry* people = Find(entries, "people")) {
    if (people->value.IsScalar() && (people->value.Scalar() == "1" || people->value.Scalar() == "2")) {
      session_.people = people->value.Scalar() == "1" ? 1 : 2;
    } else {
      Error(ValueLocation(*people), msg::PeopleOneOrTwo(Got(people->value)));
    }
  }
  // Names first, so that steps anywhere can refer to patterns and blocks defined anywhere.
  if (const Entry* patterns = Find(entries, "patterns")) {
    if (!patterns->value.IsMap()) {
      Error(ValueLocation(*patterns), msg::NotAMapping("'patterns'", Got(patterns->value)));
    } else {
      for (const Entry& named : ReadNames(patterns->value)) {
        pattern_names_.push_back(named.key);
        const bool usable = StartsWithLetter(named.key);
        if (!usable) Error(KeyLocation(named), msg::NameMustStartWithLetter("pattern", named.key));
        if (auto parsed = ParsePattern(named.value, KeyLocation(named), false)) {
          CheckPattern(*parsed);
          if (!usable) continue;
          session_.patterns[named.key] = parsed->pattern;
          patterns_[named.key] = std::move(*parsed);
        }
      }
    }
  }
  Entries blocks;
  if (const Entry* entry = Find(entries, "blocks")) {
    if (!entry->value.IsMap()) {
      Error(ValueLocation(*entry), msg::NotAMapping("'blocks'", Got(entry->value)));
    } else {
      blocks = ReadNames(entry->value);
      for (const Entry& block : blocks) {
        if (!StartsWithLetter(block.key)) {
          Error(KeyLocation(block), msg::NameMustStartWithLetter("block", block.key));
        }
        block_names_.push_back(block.key);
      }
    }
  }

  for (const Entry& entry : entries) {
    const std::string& key = entry.key;
    if (key == "attune") {
      if (!entry.value.IsScalar() || entry.value.Scalar() != "1") {
        Error(ValueLocation(entry), msg::VersionMustBeOne(Got(entry.value)));
      }
    } else if (key == "title") {
      if (auto text = Text(entry, true)) session_.title = *text;
    } else if (key == "summary") {
      if (auto text = Text(entry)) session_.summary = *text;
    } else if (key == "author") {
      if (auto text = Text(entry)) session_.author = *text;
    } else if (key == "language") {
      if (auto text = Text(entry, true)) {
        bool ok = text->size() <= 35;
        std::size_t part_start = 0;
        for (std::size_t i = 0; ok && i <= text->size(); ++i) {
          if (i == text->size() || (*text)[i] == '-') {
            const std::size_t length = i - part_start;
            ok = length >= (part_start == 0 ? 2u : 1u) && length <= 8;
            part_start = i + 1;
          } else {
            const char c = (*text)[i];
            const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            ok = letter || (part_start > 0 && c >= '0' && c <= '9');
          }
        }
        if (ok) {
          session_.language = *text;
        } else {
          Error(ValueLocation(entry), msg::BadLanguage(Got(entry.value)));
        }
      }
    } else if (key == "tags") {
      if (!entry.value.IsSequence()) {
        Error(ValueLocation(entry), msg::NotAList("tags", Got(entry.value)));
      } else {
        for (const Node& item : entry.value) {
          if (auto tag = Text({"tags", entry.key_node, item}, true)) session_.tags.push_back(*tag);
        }
      }
    } else if (key == "roles") {
      ParseRoles(entry);
    } else if (key == "sound") {
      ParseSound(entry);
    } else if (key == "blocks") {
      for (const Entry& block : blocks) {
        current_block_ = block.key;
        session_.blocks[block.key] = ParseSteps(block);
      }
      current_block_.clear();
    } else if (key == "steps") {
      session_.steps = ParseSteps(entry);
    }
  }

  CheckBlockCycles();
  for (const auto& [name, steps] : session_.blocks) CheckNesting(steps, 0);
  CheckNesting(session_.steps, 0);
}

void Loader::ParseRoles(const Entry& entry) {
  if (session_.people == 1) Warn(KeyLocation(entry), msg::OnePersonKey("roles"));
  if (!entry.value.IsMap()) {
    Error(ValueLocation(entry), msg::NotAMapping("'roles'", Got(entry.value)));
    return;
  }
  for (const Entry& role : ReadMap(entry.value, "in 'roles'", {"a", "b"})) {
    ParseRole(role, role.key == "a" ? &session_.a : &session_.b);
  }
}

void Loader::ParseRole(const Entry& entry, Role* role) {
  if (!entry.value.IsMap()) {
    Error(ValueLocation(entry), msg::NotAMapping("a role", Got(entry.value)));
    return;
  }
  for (const Entry& field : ReadMap(entry.value, "in a role", kRoleKeys)) {
    if (field.key == "name") {
      if (auto text = Text(field, true)) role->name = *text;
    } else if (field.key == "color") {
      const std::string& value = field.value.IsScalar() ? field.value.Scalar() : std::string();
      const bool ok =
          value.size() == 7 && value[0] == '#' && std::all_of(value.begin() + 1, value.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
          });
      if (ok) {
        role->color = value;
      } else {
        Error(ValueLocation(field), msg::BadColour("color", Got(field.value)));
      }
    } else if (field.key == "pan") {
      std::optional<double> pan;
      if (field.value.IsScalar()) {
        std::string_view text = field.value.Scalar();
        const bool negative = !text.empty() && text[0] == '-';
        if (negative || (!text.empty() && text[0] == '+')) text.remove_prefix(1);
        if (auto millionths = ParseMillionths(text); millionths && *millionths <= 1'000'000) {
          pan = static_cast<double>(*millionths) / 1e6 * (negative ? -1.0 : 1.0);
        }
      }
      if (pan) {
        role->pan = *pan;
      } else {
        Error(ValueLocation(field), msg::PanOutOfRange(Got(field.value)));
      }
    }
  }
}

void Loader::ParseSound(const Entry& entry) {
  if (!entry.value.IsMap()) {
    Error(ValueLocation(entry), msg::NotAMapping("'sound'", Got(entry.value)));
    return;
  }
  SoundSettings& sound = session_.sound;
  for (const Entry& field : ReadMap(entry.value, "in 'sound'", kSoundKeys)) {
    if (field.key == "cues") {
      if (auto cue = ChoiceOf(field, kScriptCues)) sound.cues = *cue;
    } else if (field.key == "breath") {
      if (auto breath = ChoiceOf(field, kBreathSounds)) sound.breath = *breath;
    } else if (field.key == "voice") {
      if (auto voice = ChoiceOf(field, kVoiceModes)) sound.voice = *voice;
    } else if (field.key == "ambience") {
      if (field.value.IsScalar() && (field.value.Scalar() == "none" || field.value.Scalar() == "pink" ||
                                     field.value.Scalar() == "brown")) {
        sound.ambience = field.value.Scalar();
      } else {
        std::optional<Micros> length;
        if (auto path = Path(field, &length, /*loops=*/true)) sound.ambience = *path;
      }
    }
  }
}

}  // namespace detail

LoadResult LoadSessionText(const std::string& text, const std::string& display_name,
                           const std::string& base_dir, const LoadOptions& options) {
  detail::Loader loader(display_name, base_dir, options);
  return loader.Run(text);
}

std::optional<Diagnostic> ReadSessionFile(const std::string& path, std::string* text) {
  text->clear();
  const auto fail = [&](std::string message) {
    text->clear();
    return Diagnostic{path, 0, 0, Severity::kError, std::move(message)};
  };
  // Opened without blocking and judged by fstat on the open descriptor, so a FIFO, a terminal or a
  // device (/dev/zero, /dev/stdin) is refused at once instead of hanging check, plan or the app, and
  // nothing can swap the file between the check and the read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return fail(msg::CannotOpen(std::strerror(errno)));
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return fail(msg::CannotOpen(std::strerror(errno)));
  if (S_ISDIR(info.st_mode)) return fail(msg::CannotOpen(std::strerror(EISDIR)));
  if (!S_ISREG(info.st_mode)) return fail("not a regular file");
  if (info.st_size > static_cast<off_t>(kMaxFileBytes)) {
    return fail(FileTooLargeMessage(static_cast<std::size_t>(info.st_size)));
  }
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail(msg::CannotOpen(std::strerror(errno)));
    if (got == 0) break;
    text->append(buffer, static_cast<std::size_t>(got));
    // A file that grows while it is read is still bounded.
    if (text->size() > kMaxFileBytes) return fail(FileTooLargeMessage(text->size()));
  }
  return std::nullopt;
}

std::string ScriptFolder(const std::string& path) {
  const std::string folder = fs::path(path).parent_path().string();
  return folder.empty() ? std::string(".") : folder;
}

LoadResult LoadSessionFile(const std::string& path, const LoadOptions& options) {
  std::string text;
  if (std::optional<Diagnostic> problem = ReadSessionFile(path, &text)) {
    LoadResult result;
    result.diagnostics.push_back(std::move(*problem));
    return result;
  }
  return LoadSessionText(text, path, ScriptFolder(path), options);
}

}  // namespace attune::core
