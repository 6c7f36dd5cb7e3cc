#include "accounts/throttle.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace warmcity::accounts {
namespace {

TEST(FailureCounter, BlocksAtMaxWithinWindow) {
  FailureCounter c(3, 100);
  EXPECT_EQ(c.retry_after("alice", 1000), 0);
  c.record_failure("alice", 1000);
  c.record_failure("alice", 1010);
  EXPECT_EQ(c.retry_after("alice", 1020), 0);
  c.record_failure("alice", 1020);
  // Blocked until the oldest failure (t=1000) leaves the window at 1100.
  EXPECT_EQ(c.retry_after("alice", 1030), 70);
  EXPECT_EQ(c.retry_after("alice", 1099), 1);
  EXPECT_EQ(c.retry_after("alice", 1100), 0);
  EXPECT_EQ(c.retry_after("bob", 1030), 0);
}

TEST(FailureCounter, WindowSlides) {
  FailureCounter c(2, 60);
  c.record_failure("k", 0);
  c.record_failure("k", 100);  // the first one has aged out
  EXPECT_EQ(c.retry_after("k", 100), 0);
  c.record_failure("k", 110);
  EXPECT_EQ(c.retry_after("k", 110), 50);
}

TEST(FailureCounter, ClearForgets) {
  FailureCounter c(1, 60);
  c.record_failure("k", 0);
  EXPECT_GT(c.retry_after("k", 1), 0);
  c.clear("k");
  EXPECT_EQ(c.retry_after("k", 1), 0);
}

TEST(FailureCounter, SweepsStaleKeys) {
  FailureCounter c(1, 10);
  for (size_t i = 0; i < FailureCounter::kSweepThreshold; ++i) {
    c.record_failure("old" + std::to_string(i), 0);
  }
  EXPECT_EQ(c.size(), FailureCounter::kSweepThreshold);
  c.record_failure("new", 1000);
  EXPECT_EQ(c.size(), 1u);
}

TEST(LoginThrottle, AccountAndAddressLimits) {
  LoginThrottle t(2, 3, 900);
  t.record_failure("alice", "10.0.0.1", 0);
  t.record_failure("alice", "10.0.0.1", 1);
  EXPECT_EQ(t.retry_after("alice", "10.0.0.2", 2), 898);  // account blocked anywhere
  EXPECT_EQ(t.retry_after("bob", "10.0.0.1", 2), 0);      // address still has room
  t.record_failure("bob", "10.0.0.1", 2);
  EXPECT_EQ(t.retry_after("carol", "10.0.0.1", 3), 897);  // address blocked for everyone
  t.record_success("alice");
  EXPECT_EQ(t.retry_after("alice", "10.0.0.2", 3), 0);
}

TEST(LoginThrottle, ThreadSafe) {
  LoginThrottle t(1000000, 1000000, 900);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&t, i] {
      for (int k = 0; k < 1000; ++k) {
        t.record_failure("user" + std::to_string(k % 10), "addr" + std::to_string(i), k);
        (void)t.retry_after("user1", "addr1", k);
      }
    });
  }
  for (auto& th : threads) th.join();
  SUCCEED();
}

}  // namespace
}  // namespace warmcity::accounts
