// app/core/timeline_guide.cpp: what a session says and how long saying it takes. Prompt texts with their
// placeholders replaced (by the partners' names as played), spoken lengths, lead-ins, PMR prepare phases,
// the default `say` length and the step titles of "now" / "next".
#include <fmt/format.h>

#include <type_traits>
#include <variant>

#include "core/time.hpp"
#include "core/timeline_internal.hpp"

namespace attune::core::detail {
namespace {

constexpr Micros kSecond{1'000'000};
constexpr Micros kPrepareMinimum{3'000'000};

}  // namespace

std::string ReplaceAll(std::string text, const std::string& key, const std::string& value) {
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

std::string FirstWords(const std::string& text, int count) {
  std::string out;
  int words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word && ++words > count) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + "…";
    }
    if (space && in_word) out += ' ';
    if (!space) out += c;
    in_word = !space;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Micros SayLength(const Step& step, const SayStep& say) {
  return say.length ? *say.length : DefaultSayLength(step.common.voice_length, step.common.say);
}

Guide::Guide(const Session& session, const CompileOptions& options)
    : session_(session), speech_(options.speech), a_(session.a), b_(session.b) {
  // Partner names given for this playing replace the script's; one person has no partner names.
  if (session.people == 2) {
    if (!options.name_a.empty()) a_.name = options.name_a;
    if (!options.name_b.empty()) b_.name = options.name_b;
  }
}

std::string Guide::NameOf(Person person) const {
  if (session_.people == 2 && person == Person::kA) return a_.name;
  if (session_.people == 2 && person == Person::kB) return b_.name;
  return "you";
}

std::string Guide::Text(const std::string& text, Person who) const {
  return ReplaceAll(ReplaceAll(ReplaceAll(text, "{name}", NameOf(who)), "{a}", a_.name), "{b}", b_.name);
}

bool Guide::HasClip(const StepCommon& common) const {
  return session_.sound.voice != VoiceMode::kOff && !common.voice.empty() && common.voice_length.has_value();
}

Micros Guide::SpokenSay(const StepCommon& common, const std::string& text) {
  return HasClip(common) ? *common.voice_length : Spoken(text);
}

std::string Guide::SayText(const StepCommon& common) const {
  return common.say.has_value() ? Text(*common.say, common.who) : std::string();
}

Micros Guide::LeadIn(const Step& step) {
  const bool has_lead_in =
      std::holds_alternative<BreatheStep>(step.body) || std::holds_alternative<PmrStep>(step.body) ||
      std::holds_alternative<BodyScanStep>(step.body) || std::holds_alternative<TurnsStep>(step.body);
  if (!has_lead_in || !step.common.say.has_value()) return Micros{0};
  if (step.common.lead_in.has_value()) return *step.common.lead_in;
  return SpokenSay(step.common, SayText(step.common)) + kSecond;
}

std::string Guide::Instruction(const PmrStep& pmr, const PmrGroup& group, int round, Person who) const {
  const std::string& text = round == 0 ? group.say.value_or(pmr.prepare_say) : pmr.again_say;
  return Text(ReplaceAll(text, "{group}", group.group), who);
}

Micros Guide::Prepare(const PmrStep& pmr, const std::string& instruction) {
  if (pmr.prepare.has_value()) return *pmr.prepare;
  return std::max(kPrepareMinimum, Spoken(instruction) + kSecond);
}

std::string Guide::TurnCaption(const TurnsStep& turns, const std::string& giver,
                               const std::string& receiver) const {
  return Text(ReplaceAll(ReplaceAll(ReplaceAll(turns.prompt, "{giver}", giver), "{receiver}", receiver),
                         "{name}", giver),
              Person::kBoth);
}

std::string Guide::Title(const Step& step, BreathMode mode) const {
  if (step.common.title.has_value()) return Text(*step.common.title, step.common.who);
  return std::visit(
      [&](const auto& body) -> std::string {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, SayStep>) {
          return FirstWords(SayText(step.common), 5);
        } else if constexpr (std::is_same_v<T, BreatheStep>) {
          std::string title = "Breathe " + PatternText(body.pattern);
          if (body.to.has_value()) title += " to " + PatternText(*body.to);
          if (mode != BreathMode::kTogether) title += std::string(" · ") + ToString(mode);
          return title;
        } else if constexpr (std::is_same_v<T, BodyScanStep>) {
          return fmt::format("Body scan · {} region{}", body.regions.size(),
                             body.regions.size() == 1 ? "" : "s");
        } else if constexpr (std::is_same_v<T, PmrStep>) {
          return fmt::format("Muscle relaxation · {} group{}", body.groups.size(),
                             body.groups.size() == 1 ? "" : "s");
        } else if constexpr (std::is_same_v<T, RestStep>) {
          return "Rest " + FormatLength(body.length);
        } else if constexpr (std::is_same_v<T, BellStep>) {
          return body.strikes > 1 ? fmt::format("Bell × {}", body.strikes) : std::string("Bell");
        } else if constexpr (std::is_same_v<T, TurnsStep>) {
          return fmt::format("Turns · {} round{}", body.rounds, body.rounds == 1 ? "" : "s");
        } else {
          return std::string();
        }
      },
      step.body);
}

const Guide::Speech& Guide::Speak(const std::string& text) {
  if (const auto found = cache_.find(text); found != cache_.end()) return found->second;
  const VoiceMode mode = session_.sound.voice;
  Speech speech{ReadingTime(text), false};
  if (mode != VoiceMode::kOff && mode != VoiceMode::kRecorded && speech_ != nullptr) {
    if (const auto length = speech_->Length(session_.language, text)) speech = {*length, true};
  }
  return cache_.emplace(text, speech).first->second;
}

}  // namespace attune::core::detail
