#include "accounts/throttle.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "accounts/test_db.h"

namespace warmcity::accounts {
namespace {

constexpr int64_t kT0 = 1'700'000'000'000;  // unix ms

LoginLimits limits() {
  LoginLimits l;  // the defaults: 5 per (account, address), 50 per network, 1 s … 15 min
  return l;
}

// One wrong password: begin (must be allowed) and record the failure.
void fail(LoginThrottle& t, const std::string& account, const std::string& address,
          int64_t now_ms) {
  ASSERT_EQ(t.begin_attempt(account, address, now_ms), 0) << account << " from " << address;
  t.record_failure(account, address, now_ms);
}

TEST(LoginThrottle, KeysBucketAddressesByNetwork) {
  EXPECT_EQ(LoginThrottle::network_key("203.0.113.7"), "n 203.0.113.0/24");
  EXPECT_EQ(LoginThrottle::network_key("203.0.113.250"), "n 203.0.113.0/24");
  EXPECT_EQ(LoginThrottle::network_key("::ffff:203.0.113.9"), "n 203.0.113.0/24");
  EXPECT_EQ(LoginThrottle::network_key("2001:db8:1:2:3:4:5:6"), "n 2001:db8:1:2::/64");
  EXPECT_EQ(LoginThrottle::network_key("2001:db8:1:2:ffff::1"), "n 2001:db8:1:2::/64");
  EXPECT_EQ(LoginThrottle::network_key("2001:db8:1:3::1"), "n 2001:db8:1:3::/64");
  EXPECT_EQ(LoginThrottle::network_key("not-an-ip"), "n not-an-ip");
  EXPECT_EQ(LoginThrottle::pair_key("admin", "203.0.113.7"), "a 203.0.113.7 admin");
}

TEST(LoginThrottle, FiveFreeThenDelaysDoublingUpToFifteenMinutes) {
  LoginThrottle t(nullptr, limits(), kT0);
  for (int i = 0; i < 4; ++i) fail(t, "admin", "203.0.113.7", kT0);
  fail(t, "admin", "203.0.113.7", kT0);  // the fifth: 1 s from now
  EXPECT_EQ(t.begin_attempt("admin", "203.0.113.7", kT0 + 1), 1);
  EXPECT_EQ(t.begin_attempt("admin", "203.0.113.7", kT0 + 999), 1);
  int64_t now = kT0 + 1000;
  int64_t expected_ms = 2000;
  for (int i = 0; i < 12; ++i) {
    fail(t, "admin", "203.0.113.7", now);
    EXPECT_EQ(t.begin_attempt("admin", "203.0.113.7", now), expected_ms / 1000) << i;
    EXPECT_EQ(t.begin_attempt("admin", "203.0.113.7", now + expected_ms - 1), 1) << i;
    now += expected_ms;
    expected_ms = std::min<int64_t>(expected_ms * 2, 900'000);
  }
  // 2, 4, … 512 s, then capped at 900 s.
  EXPECT_EQ(expected_ms, 900'000);
}

TEST(LoginThrottle, OwnerAtAnotherAddressIsNotBlocked) {
  LoginThrottle t(nullptr, limits(), kT0);
  for (int i = 0; i < 5; ++i) fail(t, "admin", "203.0.113.7", kT0);
  EXPECT_GT(t.begin_attempt("admin", "203.0.113.7", kT0 + 10), 0);
  // The same account from another address, even in the same /24, and another
  // account from the attacker's address: not blocked.
  EXPECT_EQ(t.begin_attempt("admin", "198.51.100.20", kT0 + 10), 0);
  t.record_success("admin", "198.51.100.20", kT0 + 10);
  EXPECT_EQ(t.begin_attempt("admin", "203.0.113.8", kT0 + 10), 0);
  t.record_success("admin", "203.0.113.8", kT0 + 10);
  EXPECT_EQ(t.begin_attempt("liming", "203.0.113.7", kT0 + 10), 0);
  t.record_success("liming", "203.0.113.7", kT0 + 10);
  // …and the attacker's pair stays blocked after those successes.
  EXPECT_GT(t.begin_attempt("admin", "203.0.113.7", kT0 + 10), 0);
}

TEST(LoginThrottle, SuccessClearsThePair) {
  LoginThrottle t(nullptr, limits(), kT0);
  for (int i = 0; i < 4; ++i) fail(t, "wang", "192.0.2.5", kT0);
  ASSERT_EQ(t.begin_attempt("wang", "192.0.2.5", kT0), 0);  // the fifth, right this time
  t.record_success("wang", "192.0.2.5", kT0);
  // Four more typos are free again.
  for (int i = 0; i < 4; ++i) fail(t, "wang", "192.0.2.5", kT0 + 1);
  EXPECT_EQ(t.begin_attempt("wang", "192.0.2.5", kT0 + 1), 0);
}

TEST(LoginThrottle, NetworkThresholdAcrossAccountsIPv4) {
  LoginThrottle t(nullptr, limits(), kT0);
  // 50 failures from one /24 over many accounts and addresses, never five on one pair.
  for (int i = 0; i < 50; ++i) {
    fail(t, "user" + std::to_string(i), "203.0.113." + std::to_string(i % 200), kT0);
  }
  EXPECT_EQ(t.begin_attempt("someone", "203.0.113.99", kT0 + 1), 1);
  EXPECT_GT(t.begin_attempt("admin", "203.0.113.250", kT0 + 1), 0);
  EXPECT_EQ(t.begin_attempt("admin", "203.0.114.1", kT0 + 1), 0);  // the next /24
}

TEST(LoginThrottle, NetworkThresholdAcrossAccountsIPv6) {
  LoginThrottle t(nullptr, limits(), kT0);
  for (int i = 0; i < 50; ++i) {
    fail(t, "user" + std::to_string(i), "2001:db8:1:2::" + std::to_string(i + 1), kT0);
  }
  EXPECT_GT(t.begin_attempt("admin", "2001:db8:1:2:ffff::9", kT0 + 1), 0);
  EXPECT_EQ(t.begin_attempt("admin", "2001:db8:1:3::1", kT0 + 1), 0);  // the next /64
}

TEST(LoginThrottle, SuccessTakesBackOnlyItsOwnNetworkCount) {
  LoginLimits l = limits();
  l.free_failures_per_network = 3;
  LoginThrottle t(nullptr, l, kT0);
  fail(t, "a1", "192.0.2.1", kT0);
  fail(t, "a2", "192.0.2.2", kT0);
  ASSERT_EQ(t.begin_attempt("a3", "192.0.2.3", kT0), 0);
  t.record_success("a3", "192.0.2.3", kT0);  // a valid account: its attempt is taken back…
  fail(t, "a4", "192.0.2.4", kT0);
  EXPECT_GT(t.begin_attempt("a5", "192.0.2.5", kT0), 0);  // …the earlier failures are not
}

TEST(LoginThrottle, AbandonedAttemptCountsNothing) {
  LoginLimits l = limits();
  l.free_failures_per_address = 1;
  LoginThrottle t(nullptr, l, kT0);
  ASSERT_EQ(t.begin_attempt("li", "192.0.2.9", kT0), 0);
  t.abandon_attempt("li", "192.0.2.9", kT0);
  EXPECT_EQ(t.begin_attempt("li", "192.0.2.9", kT0), 0);
  EXPECT_EQ(t.size(), 2u);
}

TEST(LoginThrottle, ParallelAttemptsAreCountedBeforeAnyFails) {
  // A burst of simultaneous guesses: only the free ones get through, though
  // none has been judged wrong yet.
  LoginThrottle t(nullptr, limits(), kT0);
  int allowed = 0;
  for (int i = 0; i < 100; ++i) allowed += t.begin_attempt("admin", "10.0.0.9", kT0) == 0;
  EXPECT_EQ(allowed, 5);
}

TEST(LoginThrottle, ForgetsQuietKeysAndSweeps) {
  LoginThrottle t(nullptr, limits(), kT0);
  for (int i = 0; i < 4; ++i) fail(t, "zhao", "192.0.2.7", kT0);
  int64_t day = 24 * 3600 * 1000;
  // A day later the four are forgotten: five more are free.
  for (int i = 0; i < 4; ++i) fail(t, "zhao", "192.0.2.7", kT0 + day);
  EXPECT_EQ(t.begin_attempt("zhao", "192.0.2.7", kT0 + day), 0);

  LoginThrottle big(nullptr, limits(), kT0);
  for (size_t i = 0; i < LoginThrottle::kSweepThreshold / 2; ++i) {
    // Every address in a /24 of its own: no network reaches its threshold.
    std::string address = "10." + std::to_string(i / 256) + "." + std::to_string(i % 256) + ".1";
    fail(big, "u" + std::to_string(i), address, kT0);
  }
  EXPECT_GE(big.size(), LoginThrottle::kSweepThreshold);
  ASSERT_EQ(big.begin_attempt("new", "198.51.100.1", kT0 + 2 * day), 0);
  EXPECT_EQ(big.size(), 2u);
}

TEST(LoginThrottle, ThreadSafe) {
  // Four threads, released together, each with its own address in one /24
  // (so the network's count is the one they share), ten accounts each, every
  // third attempt a success. The free counts are set above anything the run
  // can reach, so every attempt must be allowed; afterwards the network must
  // hold exactly the failures, and the pairs exactly those whose last outcome
  // failed, as if the threads had taken turns. A lost or doubled update shows.
  constexpr int kThreads = 4;
  constexpr int kAttempts = 100000;
  constexpr int kUsers = 10;
  int failures = 0;
  for (int k = 0; k < kAttempts; ++k) failures += k % 3 != 0;
  const int network_failures = kThreads * failures;
  size_t pairs_left = 0;  // per address: users whose last attempt failed
  for (int u = 0; u < kUsers; ++u) {
    const int last = (kAttempts - 1) - ((kAttempts - 1 - u) % kUsers);
    pairs_left += last % 3 != 0;
  }
  ASSERT_GT(pairs_left, 0u);
  LoginLimits l = limits();
  l.free_failures_per_address = 1'000'000;
  // In flight, a begun success also counts until it is settled: at most
  // kThreads - 1 besides the one beginning, so never blocked before the end.
  l.free_failures_per_network = network_failures + kThreads;
  LoginThrottle t(nullptr, l, kT0);
  std::atomic<int> allowed{0};
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&t, &allowed, &start, i] {
      const std::string addr = "10.0.0." + std::to_string(i);
      start.arrive_and_wait();
      for (int k = 0; k < kAttempts; ++k) {
        const std::string user = "user" + std::to_string(k % kUsers);
        if (t.begin_attempt(user, addr, kT0 + k) != 0) continue;
        allowed.fetch_add(1);
        if (k % 3 == 0) {
          t.record_success(user, addr, kT0 + k);
        } else {
          t.record_failure(user, addr, kT0 + k);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), kThreads * kAttempts);
  EXPECT_EQ(t.size(), pairs_left * kThreads + 1);  // + the one network

  // The network holds exactly `network_failures`: three more failures and
  // one more attempt are free, and that attempt's failure blocks the network.
  const int64_t later = kT0 + kAttempts + 10'000;
  for (int k = 0; k < 3; ++k) fail(t, "late" + std::to_string(k), "10.0.0.200", later);
  ASSERT_EQ(t.begin_attempt("late3", "10.0.0.201", later), 0);
  t.record_failure("late3", "10.0.0.201", later);
  EXPECT_EQ(t.begin_attempt("late4", "10.0.0.202", later), 1);
}

// Persistence: a throttle on a real database, the database closed and opened
// again (as a restart does), and a new throttle that loads the counts.
class LoginThrottleDbTest : public testing_util::AccountsDbTest {
 protected:
  void reopen() {
    db_->stop();  // commits every queued write
    db_.reset();
    auto db = store::Database::open({location()}, migrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  void flush() {
    ASSERT_TRUE(db_->write([](store::Connection&) { return Status::Ok(); }).ok());
  }
};

TEST_F(LoginThrottleDbTest, BlocksSurviveARestart) {
  {
    LoginThrottle t(db_.get(), limits(), kT0);
    for (int i = 0; i < 5; ++i) fail(t, "admin", "203.0.113.7", kT0);  // blocked 1 s
    fail(t, "admin", "203.0.113.7", kT0 + 1000);                       // 2 s
    fail(t, "admin", "203.0.113.7", kT0 + 3000);                       // 4 s
    fail(t, "admin", "203.0.113.7", kT0 + 7000);                       // 8 s
    EXPECT_EQ(t.begin_attempt("admin", "203.0.113.7", kT0 + 7000), 8);
  }
  reopen();
  LoginThrottle t(db_.get(), limits(), kT0 + 8000);
  EXPECT_EQ(t.begin_attempt("admin", "203.0.113.7", kT0 + 8000), 7);
  EXPECT_EQ(t.begin_attempt("admin", "198.51.100.1", kT0 + 8000), 0);  // the owner elsewhere
  // The counts survived too: the next failure after the wait doubles the delay.
  fail(t, "admin", "203.0.113.7", kT0 + 15000);
  EXPECT_EQ(t.begin_attempt("admin", "203.0.113.7", kT0 + 15000), 16);
}

TEST_F(LoginThrottleDbTest, SuccessDeletesThePairRowAndStaleRowsArePruned) {
  {
    LoginThrottle t(db_.get(), limits(), kT0);
    for (int i = 0; i < 3; ++i) fail(t, "wang", "192.0.2.5", kT0);
    fail(t, "old", "198.51.100.9", kT0 - 2LL * 24 * 3600 * 1000);  // two days ago
    flush();
    EXPECT_EQ(count("SELECT count(*) FROM login_failures"), 4);  // 2 pairs, 2 networks
    ASSERT_EQ(t.begin_attempt("wang", "192.0.2.5", kT0 + 5), 0);
    t.record_success("wang", "192.0.2.5", kT0 + 5);
    flush();
    EXPECT_EQ(count("SELECT count(*) FROM login_failures WHERE key = 'a 192.0.2.5 wang'"), 0);
    EXPECT_EQ(count("SELECT failures FROM login_failures WHERE key = 'n 192.0.2.0/24'"), 3);
  }
  reopen();
  LoginThrottle t(db_.get(), limits(), kT0 + 10);  // prunes at start
  flush();
  EXPECT_EQ(count("SELECT count(*) FROM login_failures WHERE key LIKE '%198.51.100%'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM login_failures"), 1);
}

}  // namespace
}  // namespace warmcity::accounts
