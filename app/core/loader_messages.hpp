// app/core/loader_messages.hpp: the exact sentences the loader reports, as builder functions, so that the
// loader, the tests and the docs all use one text. Keys and values are quoted with '...'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace attune::core::msg {

// "; did you mean 'exhale'?" or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

std::string UnknownKey(std::string_view key, std::string_view where, const std::vector<std::string>& known);
std::string KeyNotHere(std::string_view key, std::string_view where);
std::string DuplicateKey(std::string_view key, int first_line);
std::string MissingKey(std::string_view key);
std::string KeyNotText();
std::string NotAMapping(std::string_view what, std::string_view got);
std::string NotAList(std::string_view key, std::string_view got);
std::string EmptyList(std::string_view key);
std::string NotText(std::string_view key, std::string_view got);
std::string EmptyText(std::string_view key);
std::string TextTooLong(std::string_view key, std::size_t chars);
std::string VersionMustBeOne(std::string_view got);
std::string PeopleOneOrTwo(std::string_view got);
std::string BadTime(std::string_view key, std::string_view got);
std::string NegativeTime(std::string_view key, std::string_view got);
std::string NonFiniteTime(std::string_view key, std::string_view got);
std::string TimeTooLong(std::string_view key, std::string_view got);
std::string TimeMustBePositive(std::string_view key);
std::string NotWholeNumber(std::string_view key, std::string_view got);
std::string CountOutOfRange(std::string_view key, long long min, long long max, std::string_view got);
std::string NotBool(std::string_view key, std::string_view got);
std::string BadChoice(std::string_view key, const std::vector<std::string>& choices, std::string_view got);
std::string BadColour(std::string_view key, std::string_view got);
std::string BadLanguage(std::string_view got);
std::string PanOutOfRange(std::string_view got);
std::string NoKind();
std::string TwoKinds(std::string_view first, std::string_view second);
std::string PhaseTooShort(std::string_view phase, Micros got);
std::string CycleTooLong(Micros got);
std::string ShortInhale(Micros got);
std::string LongHold(Micros got);
std::string ShortCycle(Micros got);
std::string BadPattern(std::string_view got);
std::string UnknownPattern(std::string_view name, const std::vector<std::string>& known);
std::string BadRatio(std::string_view got);
std::string BadRate(std::string_view got);
std::string PhaseItemNeedsOnePhase();
std::string PhasesNeedInhaleAndExhale();
std::string ShapeMismatch(std::string_view from_shape, std::string_view to_shape);
std::string CyclesOrFor();
std::string CyclesAndFor();
std::string ShiftAndMode();
std::string BadShift(std::string_view got);
std::string OnePersonKey(std::string_view key);
std::string TurnsNeedTwo();
// `what` is "pattern" or "block".
std::string NameMustStartWithLetter(std::string_view what, std::string_view name);
std::string UnknownBlock(std::string_view name, const std::vector<std::string>& known);
std::string BlockCycle(const std::vector<std::string>& path);
std::string TooDeep(int levels);
std::string VoiceNeedsSay();
std::string FileMissing(std::string_view key, std::string_view path);
std::string FileOutside(std::string_view key, std::string_view path);
std::string NotAFile(std::string_view key, std::string_view path);
std::string NotAudio(std::string_view key, std::string_view path, std::string_view reason);
std::string ClipRateOutOfRange(std::string_view key, std::string_view path, int rate, int low, int high);
std::string ClipChannelsOutOfRange(std::string_view key, std::string_view path, int channels, int high);
std::string ClipTooLong(std::string_view key, std::string_view path, Micros length, Micros limit);
std::string ClipSilent(std::string_view key, std::string_view path);
std::string ClipClipped(std::string_view key, std::string_view path, std::int64_t runs);
// `lead_in` on a step kind that has no first phase to lead into.
std::string LeadInNotHere();
std::string LeadInWithoutSay();
std::string BadTimeOrAuto(std::string_view key, std::string_view got);
std::string BadWait(std::string_view got);
std::string BInOnePerson(std::string_view key);
std::string RegionCueTwice(int first_line);
std::string RegionNeedsTime(std::string_view region);
std::string BellHasNoCue();
std::string EmptyFile();
std::string TopNotMapping(std::string_view got);
std::string SecondDocument(int line);
std::string YamlSyntax(std::string_view what);
std::string TooManyNodes(std::size_t budget);
std::string CannotOpen(std::string_view reason);
std::string UnknownPlaceholder(std::string_view placeholder, std::string_view key,
                               const std::vector<std::string>& known);

}  // namespace attune::core::msg
