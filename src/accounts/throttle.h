// Login throttling: counts failed logins per account and per client address
// in a sliding window, in memory.
//
// A key (an account name, lower-cased by the caller, or an address) is
// blocked while it has at least `max` failures younger than `window`
// seconds; check() then says how long until the oldest of those failures
// ages out. Login calls begin_attempt() before verifying a password: a
// blocked attempt costs no hashing, and an allowed one is counted at once.
// A successful login clears the account's failures and takes back its own
// count from the address.
//
// Memory: at most `max` timestamps per key; keys whose failures have all
// aged out are dropped during record_failure() once the table grows past
// kSweepThreshold keys (then past twice the size the last sweep left, so
// sweeping stays amortised O(1) per failure). Thread-safe (one mutex). Times are unix seconds
// passed in by the caller, so tests control the clock.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace warmcity::accounts {

class FailureCounter {
 public:
  FailureCounter(int max_failures, int64_t window_seconds);

  // Seconds until `key` may try again (>= 1), or 0 when it is not blocked.
  int64_t retry_after(std::string_view key, int64_t now) const;
  void record_failure(std::string_view key, int64_t now);
  // Atomically: when `key` is blocked, the seconds to wait; otherwise counts
  // this attempt as a failure (until forgiven) and returns 0. Counting at the
  // start is what stops a burst of parallel guesses, which would all pass a
  // check made before any of them has failed.
  int64_t try_count(std::string_view key, int64_t now);
  // Removes the latest counted attempt (it turned out to succeed).
  void forgive_latest(std::string_view key);
  void clear(std::string_view key);
  size_t size() const;  // keys tracked, for tests

  static constexpr size_t kSweepThreshold = 10000;

 private:
  void sweep(int64_t now);  // REQUIRES: mu_ held
  // The key's failures younger than the window (sweeping the table when it
  // has grown). REQUIRES: mu_ held.
  std::deque<int64_t>& recent_failures(std::string_view key, int64_t now);

  const size_t max_;
  const int64_t window_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> failures_;  // guarded by mu_
  size_t next_sweep_ = kSweepThreshold;                            // guarded by mu_
};

// The two counters login consults.
class LoginThrottle {
 public:
  LoginThrottle(int max_per_account, int max_per_address, int64_t window_seconds);

  // Before verifying a password: seconds to wait (>= 1) when the account or
  // the address is blocked (nothing is counted then); else 0, and the attempt
  // is counted against both as a failure until record_success() says otherwise.
  int64_t begin_attempt(std::string_view account, std::string_view address, int64_t now);
  // The attempt succeeded: the account's failures are cleared and the
  // address's count for this attempt is taken back.
  void record_success(std::string_view account, std::string_view address);

 private:
  FailureCounter accounts_;
  FailureCounter addresses_;
};

}  // namespace warmcity::accounts
