// Login throttling: failed sign-ins (and wrong current passwords on
// PUT /me/password) counted per (account, client address) and per client
// network, with growing delays, kept in the database across restarts.
//
// Why these keys (issue 11 item 8): a lock per account let anyone lock
// `admin` out from everywhere with five wrong guesses. Now:
//   - (account, address): the lower-cased username tried (whether or not it
//     exists) with the exact client address. After `free_failures_per_address`
//     (5) failures every further attempt waits first_delay_ms (1 s) after the
//     latest one, doubling per further failure (2 s, 4 s, …) up to
//     max_delay_ms (15 min). Only that address is slowed for that account:
//     the owner at another address signs in as usual, and a success clears
//     the key.
//   - network: the address's /24 (IPv4) or /64 (IPv6) (core::network_of; an
//     address that is not an IP counts as its own network), over every
//     account: `free_failures_per_network` (50) failures, then the same
//     growing delays. One network guessing many accounts, or hopping through
//     the addresses of its /64, is slowed; other networks are not touched. A
//     success takes back only its own attempt's count, so one valid account
//     cannot wash a network clean.
//   - No counter per account over every address. Even "a small delay" there
//     is a lever for anyone to slow the owner wherever they are; guessing
//     from many networks is bounded instead by the per-network counts,
//     argon2id's cost on a small hash pool, the common-password blocklist
//     (common_passwords.h) and the auth.login_failed audit entries that show it.
//
// An attempt is counted when it begins (begin_attempt), before the password
// is verified: a burst of parallel guesses cannot all pass a check made
// before any of them has failed. A blocked attempt is answered at once,
// verifies nothing and counts nothing. The outcome then settles the count:
// record_failure (keep it), record_success (clear the pair, take back the
// network's count), abandon_attempt (never judged: take back both).
//
// Persistence: the counters live in table login_failures (accounts migration
// 3), loaded at construction; every outcome writes the state of its two keys
// through the database's writer (submitted under the lock, so the writes of
// one key reach the table in the order they happened). Keys with no failure
// for forget_after_seconds are dropped: from the table at start and at most
// every kPruneEveryMs while writing, from memory when the map has grown
// (amortised, like the previous in-memory throttle). Times are unix
// milliseconds: the first delay is one second, which whole seconds would
// round to anything between 0 and 2.
//
// Thread-safe (one mutex). The caller passes `now`, so tests own the clock.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "accounts/config.h"
#include "store/database.h"

namespace warmcity::accounts {

class LoginThrottle {
 public:
  // `db` null: in memory only (unit tests). Otherwise reads the live rows of
  // login_failures on the calling thread's reader and submits a job that
  // deletes stale ones. REQUIRES: `db` outlives this throttle's writes being
  // submitted (jobs capture values only, never the throttle).
  LoginThrottle(store::Database* db, const LoginLimits& limits, int64_t now_ms);

  // Before verifying a password: whole seconds to wait (>= 1, rounded up)
  // when the (account, address) pair or the address's network is blocked;
  // nothing is counted then. Else 0, and the attempt is counted against both
  // until its outcome is recorded. `account` is lower-cased by the caller.
  int64_t begin_attempt(std::string_view account, std::string_view address, int64_t now_ms);
  // The outcome of an attempt begin_attempt() allowed; each persists both keys.
  void record_failure(std::string_view account, std::string_view address, int64_t now_ms);
  void record_success(std::string_view account, std::string_view address, int64_t now_ms);
  void abandon_attempt(std::string_view account, std::string_view address, int64_t now_ms);

  size_t size() const;  // keys in memory, for tests

  static std::string pair_key(std::string_view account, std::string_view address);
  static std::string network_key(std::string_view address);

  static constexpr size_t kSweepThreshold = 10000;
  static constexpr int64_t kPruneEveryMs = 10 * 60 * 1000;

 private:
  struct Entry {
    int64_t failures = 0;
    int64_t last_at_ms = 0;
    int64_t blocked_until_ms = 0;  // 0: not blocked
  };

  // REQUIRES: mu_ held (all below).
  bool stale(const Entry& e, int64_t now_ms) const;
  Entry* live(const std::string& key, int64_t now_ms);  // drops a stale entry
  void count(const std::string& key, int free, int64_t now_ms);
  void take_back(const std::string& key, int free);
  void sweep_if_grown(int64_t now_ms);
  void persist(const std::string& pair, const std::string& network, int64_t now_ms);
  void load(int64_t now_ms);

  store::Database* const db_;
  const LoginLimits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
  size_t next_sweep_ = kSweepThreshold;             // GUARDED_BY(mu_)
  int64_t last_prune_ms_ = 0;                       // GUARDED_BY(mu_)
};

}  // namespace warmcity::accounts
