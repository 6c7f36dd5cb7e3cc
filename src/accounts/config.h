// Accounts configuration: session lifetime, cookie flags, login throttling
// and password hashing cost. Plain values; the app fills them from its
// command line.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::accounts {

// argon2id parameters (libsodium's named limits).
enum class PasswordCost {
  kInteractive,  // OPSLIMIT/MEMLIMIT_INTERACTIVE: 2 passes, 64 MiB
  kModerate,     // OPSLIMIT/MEMLIMIT_MODERATE: 3 passes, 256 MiB
  kMinimum,      // OPSLIMIT/MEMLIMIT_MIN: for tests only
};

// Login throttling (throttle.h). A key is blocked once it has `free`
// failures: for first_delay_ms after the failure that reached the threshold,
// doubling with each further failure, at most max_delay_ms. A key with no
// failure for forget_after_seconds is forgotten.
struct LoginLimits {
  int free_failures_per_address = 5;   // per (account, client address)
  int free_failures_per_network = 50;  // per client /24 or /64, all accounts together
  int64_t first_delay_ms = 1000;
  int64_t max_delay_ms = 15 * 60 * 1000;
  int64_t forget_after_seconds = 24 * 3600;
};

struct Config {
  int64_t session_ttl_seconds = 12 * 3600;
  bool secure_cookie = false;  // add "; Secure" when served over HTTPS
  LoginLimits login;           // blocked → 429 with Retry-After
  PasswordCost password_cost = PasswordCost::kInteractive;
  int hash_threads = 2;  // argon2id runs here, never on I/O threads
  // The level ("subdistrict", "community", "grid") of area `id`, read inside
  // the organisation's write job; kNotFound when there is no such area. The
  // app reads it from the areas module; unset, no organisation gets an area.
  std::function<Result<std::string>(store::Connection&, int64_t id)> area_level;
};

}  // namespace warmcity::accounts
