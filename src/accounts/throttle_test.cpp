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
  EXPECT_EQ(t.begin_attempt("alice", "10.0.0.1", 0), 0);    // counted as failures...
  EXPECT_EQ(t.begin_attempt("alice", "10.0.0.1", 1), 0);    // ...until forgiven
  EXPECT_EQ(t.begin_attempt("alice", "10.0.0.2", 2), 898);  // account blocked anywhere
  EXPECT_EQ(t.begin_attempt("bob", "10.0.0.1", 2), 0);      // address had room: now full
  EXPECT_EQ(t.begin_attempt("carol", "10.0.0.1", 3), 897);  // address blocked for everyone
  t.record_success("bob", "10.0.0.1");                      // bob's attempt was right
  EXPECT_EQ(t.begin_attempt("carol", "10.0.0.1", 3), 0);
}

TEST(LoginThrottle, ParallelAttemptsAreCountedBeforeAnyFails) {
  // A burst of simultaneous guesses: only `max` get through, though none has
  // been judged wrong yet.
  LoginThrottle t(5, 1000, 900);
  int allowed = 0;
  for (int i = 0; i < 100; ++i) allowed += t.begin_attempt("admin", "10.0.0.9", 10) == 0;
  EXPECT_EQ(allowed, 5);
}

TEST(LoginThrottle, BlockedAttemptOnAddressDoesNotCountAgainstAccount) {
  LoginThrottle t(3, 1, 900);
  EXPECT_EQ(t.begin_attempt("dave", "10.0.0.3", 0), 0);
  EXPECT_GT(t.begin_attempt("erin", "10.0.0.3", 1), 0);  // address full
  EXPECT_EQ(t.begin_attempt("erin", "10.0.0.4", 2), 0);  // erin's account was not charged
  EXPECT_EQ(t.begin_attempt("erin", "10.0.0.5", 3), 0);
  EXPECT_EQ(t.begin_attempt("erin", "10.0.0.6", 4), 0);
  EXPECT_GT(t.begin_attempt("erin", "10.0.0.7", 5), 0);
}

TEST(LoginThrottle, ThreadSafe) {
  LoginThrottle t(1000000, 1000000, 900);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&t, i] {
      for (int k = 0; k < 1000; ++k) {
        std::string user = "user" + std::to_string(k % 10);
        std::string addr = "addr" + std::to_string(i);
        if (t.begin_attempt(user, addr, k) == 0 && k % 3 == 0) t.record_success(user, addr);
      }
    });
  }
  for (auto& th : threads) th.join();
  SUCCEED();
}

}  // namespace
}  // namespace warmcity::accounts
