// Context: what every part of accounts shares at run time — the database,
// the configuration, the login throttle, the audit log and the hash pool.
// Owned by Accounts; route handlers hold a reference to it.
//
// Member order matters: the pool is declared last so it is destroyed first,
// finishing queued password work while everything it uses still exists.
#pragma once

#include <optional>
#include <string>

#include "accounts/audit.h"
#include "accounts/config.h"
#include "accounts/password.h"
#include "accounts/throttle.h"
#include "core/time.h"
#include "core/work_pool.h"
#include "store/database.h"

namespace warmcity::accounts {

// Who performs a change, for the audit log.
struct Actor {
  std::optional<int64_t> user_id;  // nullopt: the CLI / the system
  std::string client_address;
};

struct Context {
  Context(store::Database& database, const Config& cfg)
      : db(database),
        config(cfg),
        throttle(&database, cfg.login, core::now_unix_micros() / 1000),
        audit(database),
        dummy_hash(cfg.password_cost),
        pool(cfg.hash_threads) {}

  store::Database& db;
  const Config config;
  LoginThrottle throttle;
  AuditLog audit;
  DummyHash dummy_hash;
  core::WorkPool pool;  // last: see above
};

}  // namespace warmcity::accounts
