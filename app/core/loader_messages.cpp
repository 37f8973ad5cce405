#include "core/loader_messages.hpp"

#include <fmt/format.h>

#include "core/duration.hpp"
#include "core/suggest.hpp"

namespace attune::core::msg {
namespace {

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto suggestion = Suggest(word, candidates);
  return suggestion ? fmt::format("; did you mean '{}'?", *suggestion) : std::string();
}

std::string UnknownKey(std::string_view key, std::string_view where, const std::vector<std::string>& known) {
  return fmt::format("unknown key '{}' {}{}", key, where, DidYouMean(key, known));
}
std::string KeyNotHere(std::string_view key, std::string_view where) {
  return fmt::format("'{}' does not belong {}", key, where);
}
std::string DuplicateKey(std::string_view key, int first_line) {
  return fmt::format("duplicate key '{}' (first at line {})", key, first_line);
}
std::string MissingKey(std::string_view key) { return fmt::format("missing required key '{}'", key); }
std::string KeyNotText() { return "a key must be plain text, not a list or a mapping"; }
std::string NotAMapping(std::string_view what, std::string_view got) {
  return fmt::format("{} must be a mapping of keys (got {})", what, got);
}
std::string NotAList(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be a list (got {})", key, got);
}
std::string EmptyList(std::string_view key) { return fmt::format("'{}' must not be empty", key); }
std::string NotText(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be text (got {})", key, got);
}
std::string EmptyText(std::string_view key) { return fmt::format("'{}' must not be empty", key); }
std::string TextTooLong(std::string_view key, std::size_t chars) {
  return fmt::format("'{}' is {} characters long; text is at most 2000", key, chars);
}
std::string VersionMustBeOne(std::string_view got) { return fmt::format("'attune' must be 1 (got {})", got); }
std::string PeopleOneOrTwo(std::string_view got) {
  return fmt::format("'people' must be 1 or 2 (got {})", got);
}
std::string BadTime(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be a time such as 20, 4.5, 90s or 1m30s (got {})", key, got);
}
std::string NegativeTime(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must not be negative (got {})", key, got);
}
std::string NonFiniteTime(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be a finite time (got {})", key, got);
}
std::string TimeTooLong(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be at most 4 h, the longest a session may last (got {})", key, got);
}
std::string TimeMustBePositive(std::string_view key) {
  return fmt::format("'{}' must be more than 0 s", key);
}
std::string NotWholeNumber(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be a whole number (got {})", key, got);
}
std::string CountOutOfRange(std::string_view key, long long min, long long max, std::string_view got) {
  return fmt::format("'{}' must be a whole number from {} to {} (got {})", key, min, max, got);
}
std::string NotBool(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be true or false (got {})", key, got);
}
std::string BadChoice(std::string_view key, const std::vector<std::string>& choices, std::string_view got) {
  std::string word(got);
  if (word.size() >= 2 && word.front() == '\'' && word.back() == '\'') word = word.substr(1, word.size() - 2);
  return fmt::format("'{}' must be one of {} (got {}){}", key, Join(choices, ", "), got,
                     DidYouMean(word, choices));
}
std::string BadColour(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be a colour \"#rrggbb\" (got {})", key, got);
}
std::string BadLanguage(std::string_view got) {
  return fmt::format("'language' must be a BCP 47 tag such as en or pt-BR (got {})", got);
}
std::string PanOutOfRange(std::string_view got) {
  return fmt::format("'pan' must be a number from -1 to 1 (got {})", got);
}
std::string NoKind() {
  return "a step needs one kind key: say, breathe, body_scan, pmr, rest, bell, turns, repeat or use";
}
std::string TwoKinds(std::string_view first, std::string_view second) {
  return fmt::format("a step has exactly one kind key; it already has '{}', so '{}' is not allowed", first,
                     second);
}
std::string PhaseTooShort(std::string_view phase, Micros got) {
  return fmt::format("'{}' must be at least 0.5 s (got {})", phase, SecondsText(got));
}
std::string CycleTooLong(Micros got) {
  return fmt::format("a breathing cycle must be at most 2 min (got {})", SecondsText(got));
}
std::string ShortInhale(Micros got) {
  return fmt::format("an inhale of {} is shorter than 1.5 s and may feel rushed", SecondsText(got));
}
std::string LongHold(Micros got) {
  return fmt::format("a breath hold of {} is longer than 30 s", SecondsText(got));
}
std::string ShortCycle(Micros got) {
  return fmt::format("a breathing cycle of {} is shorter than 3 s", SecondsText(got));
}
std::string BadPattern(std::string_view got) {
  return fmt::format(
      "a pattern must be seconds such as \"4-6\", \"4-7-8\" or \"4-4-4-4\", a mapping, or the name of an "
      "entry of "
      "'patterns' (got {})",
      got);
}
std::string UnknownPattern(std::string_view name, const std::vector<std::string>& known) {
  const std::string suggestion = DidYouMean(name, known);
  if (!suggestion.empty()) return fmt::format("unknown pattern '{}'{}", name, suggestion);
  return fmt::format(
      "unknown pattern '{}'; give seconds such as \"4-6\", a mapping, or the name of an entry of 'patterns'",
      name);
}
std::string BadRatio(std::string_view got) {
  return fmt::format(
      "'ratio' must be \"I:E\" or \"I:H:E:H\" with inhale and exhale above 0, such as \"1:2\" (got {})", got);
}
std::string BadRate(std::string_view got) {
  return fmt::format("'rate' must be a number of breaths per minute above 0, such as 6 (got {})", got);
}
std::string PhaseItemNeedsOnePhase() {
  return "each item of 'phases' needs exactly one of inhale, hold, exhale, hold_out";
}
std::string PhasesNeedInhaleAndExhale() { return "'phases' needs at least one inhale and one exhale"; }
std::string ShapeMismatch(std::string_view from_shape, std::string_view to_shape) {
  return fmt::format("'to' must have the same phases as the pattern ({}), got ({})", from_shape, to_shape);
}
std::string CyclesOrFor() { return "a breathe step needs 'cycles' or 'for'"; }
std::string CyclesAndFor() { return "give either 'cycles' or 'for', not both"; }
std::string ShiftAndMode() { return "give either 'shift' or 'mode', not both"; }
std::string BadShift(std::string_view got) {
  return fmt::format(
      "'shift' must be a time such as 1s, or a part of a cycle from 0% to under 100% such as 25% (got {})",
      got);
}
std::string OnePersonKey(std::string_view key) {
  return fmt::format("'{}' has no effect in a one-person session", key);
}
std::string TurnsNeedTwo() { return "'turns' needs two people (people: 2)"; }
std::string NameMustStartWithLetter(std::string_view what, std::string_view name) {
  return fmt::format("{} name '{}' must start with a letter", what, name);
}
std::string UnknownBlock(std::string_view name, const std::vector<std::string>& known) {
  return fmt::format("unknown block '{}'{}", name, DidYouMean(name, known));
}
std::string BlockCycle(const std::vector<std::string>& path) {
  return fmt::format("block '{}' uses itself: {}", path.front(), Join(path, " -> "));
}
std::string TooDeep(int levels) {
  return fmt::format("'repeat' and 'use' nest {} levels deep here; at most 8 are allowed", levels);
}
std::string VoiceNeedsSay() { return "'voice' needs a 'say' prompt on the same step"; }
std::string FileMissing(std::string_view key, std::string_view path) {
  return fmt::format("'{}' file '{}' does not exist", key, path);
}
std::string FileOutside(std::string_view key, std::string_view path) {
  return fmt::format("'{}' file '{}' is outside the script's folder", key, path);
}
std::string NotAFile(std::string_view key, std::string_view path) {
  return fmt::format("'{}' file '{}' is not a regular file", key, path);
}
std::string NotAudio(std::string_view key, std::string_view path, std::string_view reason) {
  return fmt::format("'{}' file '{}' cannot be read: {}", key, path, reason);
}
std::string ClipRateOutOfRange(std::string_view key, std::string_view path, int rate, int low, int high) {
  return fmt::format("'{}' file '{}' has a sample rate of {} Hz, outside {}-{} Hz", key, path, rate, low,
                     high);
}
std::string ClipChannelsOutOfRange(std::string_view key, std::string_view path, int channels, int high) {
  return fmt::format("'{}' file '{}' has {} channels, outside 1-{}", key, path, channels, high);
}
std::string ClipTooLong(std::string_view key, std::string_view path, Micros length, Micros limit) {
  return fmt::format("'{}' file '{}' lasts {}, longer than a session may be ({})", key, path,
                     FormatLength(length), FormatLength(limit));
}
std::string ClipSilent(std::string_view key, std::string_view path) {
  return fmt::format("'{}' file '{}' is silent: its loudest sample is under -60 dBFS", key, path);
}
std::string ClipClipped(std::string_view key, std::string_view path, std::int64_t runs) {
  return fmt::format(
      "'{}' file '{}' is clipped in {} {}: its peaks are cut off at full scale; record it again, "
      "quieter",
      key, path, runs, runs == 1 ? "place" : "places");
}
std::string LeadInNotHere() { return "'lead_in' applies to breathe, pmr, body_scan and turns steps"; }
std::string LeadInWithoutSay() {
  return "'lead_in' has no effect without a 'say' on the step: it is the time in which the prompt is spoken";
}
std::string BadTimeOrAuto(std::string_view key, std::string_view got) {
  return fmt::format("'{}' must be a time such as 8s, or auto (got {})", key, got);
}
std::string BadWait(std::string_view got) {
  return fmt::format("'wait' must be true, false or a text for the room (got {})", got);
}
std::string BInOnePerson(std::string_view key) {
  return fmt::format("'{{b}}' in '{}' has no partner to name in a one-person session", key);
}
std::string RegionCueTwice(int first_line) {
  return fmt::format("'region_cue' is given twice for this body scan (first on line {})", first_line);
}
std::string RegionNeedsTime(std::string_view region) {
  return fmt::format("region '{}' needs a time: give it 'for', or give 'body_scan' an 'each'", region);
}
std::string BellHasNoCue() { return "'cue' does not belong in a bell step: its strikes are its sound"; }
std::string EmptyFile() { return "the file is empty; a session needs 'attune', 'title' and 'steps'"; }
std::string TopNotMapping(std::string_view got) {
  return fmt::format("a session must be a mapping with 'attune', 'title' and 'steps' (got {})", got);
}
std::string SecondDocument(int line) {
  return fmt::format("a session file holds one YAML document; another starts at line {}", line);
}
std::string YamlSyntax(std::string_view what) {
  // yaml-cpp's words, with what an author should look at for the ones that indentation causes.
  if (what == "illegal tab when looking for indentation") {
    return "invalid YAML: a tab indents this line; indent with spaces only";
  }
  if (what == "end of map not found" || what == "end of sequence not found") {
    return fmt::format(
        "invalid YAML: {}; check this line's indentation: the keys of one mapping, and the '-' of one list, "
        "start in the same column",
        what);
  }
  if (what == "illegal map value") {
    return "invalid YAML: illegal map value; check this line's indentation, and quote a text that holds ': '";
  }
  return fmt::format("invalid YAML: {}", what);
}
std::string TooManyNodes(std::size_t budget) {
  return fmt::format("the script expands to more than {} YAML nodes (through aliases or sheer size)", budget);
}
std::string CannotOpen(std::string_view reason) { return fmt::format("cannot open: {}", reason); }
std::string UnknownPlaceholder(std::string_view placeholder, std::string_view key,
                               const std::vector<std::string>& known) {
  std::vector<std::string> braced;
  for (const std::string& name : known) braced.push_back("{" + name + "}");
  const std::string suggestion = DidYouMean("{" + std::string(placeholder) + "}", braced);
  if (suggestion.empty()) {
    return fmt::format("unknown placeholder '{{{}}}' in '{}'; it will show as written (here you may use {})",
                       placeholder, key, Join(braced, ", "));
  }
  return fmt::format("unknown placeholder '{{{}}}' in '{}'; it will show as written{}", placeholder, key,
                     suggestion);
}

}  // namespace attune::core::msg
