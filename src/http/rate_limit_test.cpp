#include "http/rate_limit.h"

#include <gtest/gtest.h>

namespace warmcity::http {
namespace {

using namespace std::chrono_literals;
const RateLimiter::Clock::time_point t0{};

TEST(RateLimiterTest, BurstThenOnePerRefillInterval) {
  RateLimiter limit(/*per_minute=*/6, /*burst=*/3);  // one token per 10 s
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limit.take("a", t0), 0);
  EXPECT_EQ(limit.take("a", t0), 10);
  EXPECT_EQ(limit.take("a", t0 + 4s), 6);
  EXPECT_EQ(limit.take("a", t0 + 10s), 0);
  EXPECT_EQ(limit.take("a", t0 + 10s), 10);
}

TEST(RateLimiterTest, KeysAreApart) {
  RateLimiter limit(60, 1);
  EXPECT_EQ(limit.take("203.0.113.7", t0), 0);
  EXPECT_GE(limit.take("203.0.113.7", t0), 1);
  EXPECT_EQ(limit.take("203.0.113.8", t0), 0);
}

TEST(RateLimiterTest, NeverMoreThanTheBurstAfterALongQuiet) {
  RateLimiter limit(60, 2);
  EXPECT_EQ(limit.take("a", t0), 0);
  EXPECT_EQ(limit.take("a", t0 + 1h), 0);
  EXPECT_EQ(limit.take("a", t0 + 1h), 0);
  EXPECT_GE(limit.take("a", t0 + 1h), 1);
}

TEST(RateLimiterTest, MemoryStaysBounded) {
  RateLimiter limit(1, 1, /*max_keys=*/160);  // 10 per shard
  for (int i = 0; i < 100'000; ++i) limit.take("k" + std::to_string(i), t0 + 1s);
  EXPECT_LE(limit.size(), 160u);
}

TEST(RateLimiterTest, QuietClientsAreForgottenBeforeBusyOnes) {
  RateLimiter limit(/*per_minute=*/1, /*burst=*/2, /*max_keys=*/160);  // full again after 120 s
  for (int i = 0; i < 150; ++i) limit.take("old" + std::to_string(i), t0);
  EXPECT_EQ(limit.take("busy", t0 + 100s), 0);  // 1 token left
  for (int i = 0; i < 50; ++i) limit.take("new" + std::to_string(i), t0 + 150s);
  EXPECT_LE(limit.size(), 160u);
  // Still remembered: 1.83 tokens, so one more passes and the next waits.
  EXPECT_EQ(limit.take("busy", t0 + 150s), 0);
  EXPECT_GE(limit.take("busy", t0 + 150s), 1);
}

}  // namespace
}  // namespace warmcity::http
