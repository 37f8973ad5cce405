// Properties of every compiled timeline, over a few hundred random valid sessions (seeded, so failures
// repeat): each person's rows tile the session, steps start and end together for both, cues are sorted
// and inside the session, and the lungs never jump.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <variant>

#include "core/pacer.hpp"
#include "core/timeline.hpp"

namespace attune::core {
namespace {

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  Session Make() {
    Session session;
    session.file = "random.yaml";
    session.title = "Random";
    session.people = Int(1, 2);
    session.sound.breath = Int(0, 2) == 0 ? BreathSound::kTicks : BreathSound::kGlide;
    const int steps = Int(1, 6);
    for (int i = 0; i < steps; ++i) session.steps.push_back(AnyStep(session.people, 0));
    return session;
  }

 private:
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  // A time in [lo, hi] seconds, to the microsecond (odd values test the rounding).
  Micros Time(double lo, double hi) {
    return Micros(std::uniform_int_distribution<std::int64_t>(static_cast<std::int64_t>(lo * 1e6),
                                                              static_cast<std::int64_t>(hi * 1e6))(rng_));
  }

  Pattern AnyPattern(int shape) {
    Pattern pattern;
    pattern.phases.push_back({PhaseKind::kInhale, Time(0.5, 6), ""});
    if (shape == 2) pattern.phases.push_back({PhaseKind::kInhale, Time(0.5, 2), ""});  // a sigh
    if (shape == 1) pattern.phases.push_back({PhaseKind::kHold, Time(0, 5), ""});
    pattern.phases.push_back({PhaseKind::kExhale, Time(0.5, 8), ""});
    if (shape == 1)
      pattern.phases.push_back({PhaseKind::kHoldOut, Int(0, 1) == 0 ? Micros{0} : Time(0, 4), ""});
    return pattern;
  }

  Step AnyStep(int people, int depth) {
    Step step;
    step.common.location = {Int(1, 200), 5};
    step.common.wait = Int(0, 9) == 0;
    const int kind = Int(0, depth < 2 ? 7 : 6);
    switch (kind) {
      case 0: {
        step.common.say = "Let the breath be easy.";
        step.body = SayStep{Int(0, 1) == 0 ? std::optional<Micros>(Time(1, 10)) : std::nullopt};
        break;
      }
      case 1:
      case 2: {
        BreatheStep b;
        const int shape = Int(0, 2);
        b.pattern = AnyPattern(shape);
        if (Int(0, 2) == 0) b.to = AnyPattern(shape);
        if (Int(0, 1) == 0) {
          b.cycles = Int(1, 7);
        } else {
          b.length = Time(1, 60);
        }
        if (people == 2) {
          b.mode = static_cast<BreathMode>(Int(0, 3));
          if (b.mode == BreathMode::kShift) {
            if (Int(0, 1) == 0) {
              b.shift_time = Time(0, 20);
            } else {
              b.shift_fraction = Int(0, 100) / 100.0;
            }
          }
        }
        step.body = b;
        break;
      }
      case 3: {
        BodyScanStep scan;
        for (int i = Int(1, 4); i > 0; --i)
          scan.regions.push_back({{Int(1, 200), 9}, "hand", Time(1, 20), {}});
        step.body = scan;
        break;
      }
      case 4: {
        PmrStep pmr;
        pmr.tense = Time(1, 7);
        pmr.release = Time(1, 30);
        pmr.repeat = Int(1, 2);
        for (int i = Int(1, 3); i > 0; --i) pmr.groups.push_back({{Int(1, 200), 9}, "jaw", {}});
        step.body = pmr;
        break;
      }
      case 5: {
        RestStep rest{Time(1, 90), {}};
        if (Int(0, 1) == 0) rest.interval = Time(1, 30);
        step.body = rest;
        break;
      }
      case 6: {
        if (people == 2) {
          TurnsStep turns;
          turns.each = Time(1, 30);
          turns.rounds = Int(1, 2);
          step.body = turns;
        } else {
          step.body = BellStep{CueSound::kGong, Int(1, 3), Time(1, 6)};
        }
        break;
      }
      default: {
        RepeatStep repeat;
        repeat.times = Int(1, 3);
        for (int i = Int(1, 3); i > 0; --i) repeat.steps.push_back(AnyStep(people, depth + 1));
        step.body = repeat;
      }
    }
    // A prompt on a step with a lead-in: auto, none, or an explicit time.
    if (kind >= 1 && kind <= 6 && Int(0, 1) == 0) {
      step.common.say = "Let {a} and {b} settle, and notice the breath.";
      step.common.say_location = {step.common.location.line + 1, 10};
      const int lead = Int(0, 2);
      if (lead == 1) step.common.lead_in = Micros{0};
      if (lead == 2) step.common.lead_in = Time(0, 8);
    }
    if (auto* pmr = std::get_if<PmrStep>(&step.body); pmr != nullptr && Int(0, 1) == 0) {
      pmr->prepare = Time(1, 6);  // as short as the other non-breathing rows (an eased row needs 1 s)
    }
    return step;
  }

  std::mt19937 rng_;
};

// 0.3 s per character: a speech source unlike the reading time.
class CharacterSpeech : public SpeechLength {
 public:
  std::optional<Micros> Length(const std::string&, const std::string& text) const override {
    return Micros{300'000} * static_cast<std::int64_t>(text.size());
  }
};

void CheckTimeline(const Timeline& t) {
  // Every prompt's speech starts where it does; prompts are sorted; no placeholder is left.
  for (std::size_t i = 0; i < t.prompts.size(); ++i) {
    ASSERT_GE(t.prompts[i].spoken_end, t.prompts[i].start);
    ASSERT_LE(t.prompts[i].end, t.duration);
    ASSERT_EQ(t.prompts[i].text.find("{a}"), std::string::npos);
    if (i > 0) {
      ASSERT_LE(t.prompts[i - 1].start, t.prompts[i].start);
    }
  }
  // A lead-in holds the lungs still.
  for (const TimelinePhase& p : t.phases) {
    if (p.kind == PhaseKind::kLeadIn) {
      ASSERT_EQ(p.lungs_from, p.lungs_to);
    }
  }
  const std::vector<Person> people =
      t.people == 2 ? std::vector<Person>{Person::kA, Person::kB} : std::vector<Person>{Person::kA};
  for (const Person person : people) {
    // The person's rows, in order, tile [0, duration] and meet every step's start and end.
    Micros at{0};
    double lungs = 0.0;
    std::vector<Micros> boundaries{Micros{0}};
    for (const TimelinePhase& p : t.phases) {
      if (p.person != person && p.person != Person::kBoth) continue;
      ASSERT_EQ(p.start, at) << ToString(person) << " row at " << FormatSecondsExact(p.start);
      ASSERT_GE(p.end, p.start);
      if (p.end == p.start) continue;  // a wait gate: never shown, its lungs are a's
      ASSERT_NEAR(p.lungs_from, lungs, 1e-9) << ToString(person) << " row at " << FormatSecondsExact(p.start);
      ASSERT_GE(p.lungs_to, 0.0);
      ASSERT_LE(p.lungs_to, 1.0);
      at = p.end;
      lungs = p.lungs_to;
      boundaries.push_back(at);
    }
    ASSERT_EQ(at, t.duration) << ToString(person);
    for (const TimelineStep& step : t.steps) {
      ASSERT_TRUE(std::binary_search(boundaries.begin(), boundaries.end(), step.start));
      ASSERT_TRUE(std::binary_search(boundaries.begin(), boundaries.end(), step.end));
    }
    // Lungs can only jump where rows meet: there, 1 ms apart, the pacer moves at most as fast as the
    // quickest legal phase (0.5 s, eased) allows. Between, a coarse scan keeps them within 0..1.
    auto change = [&](Micros from, Micros to) {
      return std::abs(PacerAt(t, person, to).lungs - PacerAt(t, person, from).lungs);
    };
    for (std::size_t i = 1; i < boundaries.size(); ++i) {
      const Micros start = boundaries[i - 1], end = boundaries[i];
      if (start >= Micros{1000}) {
        ASSERT_LE(change(start - Micros{1000}, start), 0.0031) << FormatSecondsExact(start);
      }
      const Micros mid = start + (end - start) / 2;  // where an eased row is steepest
      ASSERT_LE(change(mid - Micros{500}, mid + Micros{500}), 0.0031)
          << ToString(person) << " at " << FormatSecondsExact(mid);
    }
    for (Micros s{0}; s <= t.duration; s += Micros{50'000}) {
      const double lungs_now = PacerAt(t, person, s).lungs;
      ASSERT_GE(lungs_now, 0.0);
      ASSERT_LE(lungs_now, 1.0);
    }
  }
  for (std::size_t i = 0; i < t.cues.size(); ++i) {
    ASSERT_GE(t.cues[i].time, Micros{0});
    ASSERT_LE(t.cues[i].time, t.duration);
    if (i > 0) {
      ASSERT_LE(t.cues[i - 1].time, t.cues[i].time);
    }
  }
  for (std::size_t i = 1; i < t.phases.size(); ++i) ASSERT_LE(t.phases[i - 1].start, t.phases[i].start);
  ASSERT_FALSE(t.steps.empty());
  ASSERT_EQ(t.steps.front().start, Micros{0});
  ASSERT_EQ(t.steps.back().end, t.duration);
}

TEST(TimelinePropertyTest, RandomSessionsTileExactlyAndNeverJump) {
  constexpr int kSessions = 300;
  for (int seed = 1; seed <= kSessions; ++seed) {
    Generator generator(static_cast<unsigned>(seed));
    const Session session = generator.Make();
    const CompileResult result = Compile(session);
    ASSERT_TRUE(result.timeline.has_value()) << "seed " << seed;
    SCOPED_TRACE("seed " + std::to_string(seed));
    CheckTimeline(*result.timeline);
    if (HasFatalFailure()) return;
    // With a speech source the lead-ins and prepares change length; the timeline still holds.
    static const CharacterSpeech speech;
    CompileOptions options;
    options.speech = &speech;
    const CompileResult spoken = Compile(session, options);
    ASSERT_TRUE(spoken.timeline.has_value()) << "seed " << seed;
    CheckTimeline(*spoken.timeline);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace attune::core
