// Notifications: a wait that ends early when another process says a
// database changed (internal to src/store: the change feed's wake-up).
//
// PostgreSQL: a connection of its own that LISTENs on a channel (a LISTEN
// belongs to its session, so it can be neither a reader nor the writer);
// NOTIFY from any session on the same database, once that session commits,
// ends wait(). SQLite has no such signal (and only one process serves a
// file): its wait() just sleeps, and the caller's periodic check does the rest.
#pragma once

#include <chrono>

namespace warmcity::store {

class Notifications {
 public:
  virtual ~Notifications() = default;
  // Returns after at most `timeout`: true sooner when a notification arrived
  // (or the listening connection was lost and made again — one may have
  // been missed), false when the time ran out. Never throws; a lost
  // connection is retried on the next call.
  virtual bool wait(std::chrono::milliseconds timeout) = 0;
};

// The channel record_change() notifies and the change feed listens on.
inline constexpr const char* kChangeChannel = "warmcity_changes";

}  // namespace warmcity::store
