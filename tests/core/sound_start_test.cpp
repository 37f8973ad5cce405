// When a session's clock starts: at once when its sound is ready, else after waiting for it, never longer
// than the timeout.
#include "core/sound_start.hpp"

#include <gtest/gtest.h>

namespace attune::core {
namespace {

TEST(SoundStartTest, StartsAtOnceWhenTheSoundIsReady) {
  EXPECT_EQ(DecideSoundStart(true, Micros{1'000'000}, Micros{1'000'000}), SoundStart::kStart);
  EXPECT_EQ(DecideSoundStart(true, Micros{1'000'000}, Micros{9'000'000}), SoundStart::kStart);
}

TEST(SoundStartTest, WaitsForTheSoundUpToTheTimeoutThenStartsWithoutIt) {
  const Micros asked{2'000'000};
  EXPECT_EQ(DecideSoundStart(false, asked, asked), SoundStart::kWait);
  EXPECT_EQ(DecideSoundStart(false, asked, asked + kSoundStartTimeout - Micros{1}), SoundStart::kWait);
  EXPECT_EQ(DecideSoundStart(false, asked, asked + kSoundStartTimeout), SoundStart::kStartWithoutSound);
  EXPECT_EQ(DecideSoundStart(false, asked, asked + Micros{60'000'000}), SoundStart::kStartWithoutSound);
  // Ready after 1.2 s of waiting: it starts then, with its sound.
  EXPECT_EQ(DecideSoundStart(true, asked, asked + Micros{1'200'000}), SoundStart::kStart);
}

TEST(SoundStartTest, TheTimeoutIsAParameterAndAClockBeforeTheAskCountsAsNoWait) {
  EXPECT_EQ(DecideSoundStart(false, Micros{0}, Micros{100'000}, Micros{100'000}),
            SoundStart::kStartWithoutSound);
  EXPECT_EQ(DecideSoundStart(false, Micros{5'000'000}, Micros{4'000'000}, Micros{100'000}),
            SoundStart::kWait);
}

TEST(SoundStartTest, TheTimeoutIsSaneAndTheMessagesAreWhatTheUserReads) {
  EXPECT_GE(kSoundStartTimeout, Micros{2'000'000});
  EXPECT_LE(kSoundStartTimeout, Micros{10'000'000});
  EXPECT_STREQ(kPreparingSoundMessage, "Preparing sound...");
  EXPECT_STREQ(kSoundLateMessage, "The sound was not ready in time: starting without it");
}

}  // namespace
}  // namespace attune::core
