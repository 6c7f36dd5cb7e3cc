// The change feed: how the in-memory copies of one warmcity instance (the
// facilities' nearby index, the areas, the calendar, the appeal categories,
// parking occupancy) follow writes made by another instance on the same
// PostgreSQL database (docs/scaling.md).
//
// Writing side: a write job that changes what a snapshot holds calls
// record_change(c, topic, item) inside its own transaction. It bumps the
// topic's version in change_versions and logs (topic, version, item) in
// change_log; on PostgreSQL it also NOTIFYs kChangeChannel, which the server
// delivers when the transaction commits. The version row stays locked until
// that commit, so on every engine the versions of a topic become visible in
// order, without gaps: whoever sees version n also sees 1..n-1.
//
// Reading side: one ChangeFeed per process. mark() reads the versions now
// stored — call it before the snapshots are loaded, so nothing committed
// between their load and start() is missed (a change seen twice is harmless:
// every follower re-reads the current rows). follow() names a topic and what
// to do; start() runs one thread that waits for a notification, at most
// `check_every` (a missed NOTIFY costs at most that), reads the log past the
// last version it saw and calls the topic's follower with the changed
// items, in order, without repeats. Item 0, or log rows pruned before they
// were read (a process that was stopped for long), means "reload all": the
// follower then gets {0}. Changes made by this process come back too: its
// own snapshot was already updated after its commit, and reading the row
// again only makes sure the newest state wins. Rows older than ten minutes
// are pruned (by every instance; harmless twice).
//
// On SQLite only one process serves a file (file_lock.h); the feed runs the
// same way (a polling check once a second), which keeps this code path under
// the whole test suite.
//
// Threads: record_change() on the writer thread; the followers run on the
// feed's thread (each reads with that thread's reader connection); stop()
// from any thread but a follower.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace warmcity::store {

// The tables the feed needs (module "store"; Database::open applies them).
std::vector<Migration> change_feed_migrations();

// Inside a write job: `topic` changed at `item` (a row id; 0 for "reload all").
Status record_change(Connection& c, std::string_view topic, int64_t item);

class ChangeFeed {
 public:
  // A follower that fails (its reads failed) gets the same items again at
  // the next check.
  using Follower = std::function<Status(const std::vector<int64_t>& items)>;

  explicit ChangeFeed(Database& db,
                      std::chrono::milliseconds check_every = std::chrono::milliseconds(1000));
  ~ChangeFeed();  // stop()s
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Reads the stored versions: changes after them are followed.
  Status mark();
  // REQUIRES: before start().
  void follow(std::string topic, Follower f);
  // Starts listening (kUnavailable when PostgreSQL refuses the LISTEN) and
  // the thread.
  Status start();
  void stop();  // idempotent

  // Reads the log once on the calling thread and calls the followers (tests).
  Status check_now();
  // How many times the log was read (tests and /metrics).
  uint64_t checks() const;

 private:
  void run();
  void prune();

  Database& db_;
  const std::chrono::milliseconds check_every_;
  std::map<std::string, Follower, std::less<>> followers_;
  std::map<std::string, int64_t, std::less<>> seen_;  // topic → last version read
  std::mutex check_mu_;                               // one check at a time; guards seen_
  std::unique_ptr<Notifications> wake_;
  mutable std::mutex mu_;
  bool stopping_ = false;  // guarded by mu_
  uint64_t checks_ = 0;    // guarded by mu_
  std::thread thread_;
};

}  // namespace warmcity::store
