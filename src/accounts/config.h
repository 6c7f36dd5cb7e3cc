// Accounts configuration: session lifetime, cookie flags, login throttling
// and password hashing cost. Plain values; the app fills them from its
// command line.
#pragma once

#include <cstdint>

namespace warmcity::accounts {

// argon2id parameters (libsodium's named limits).
enum class PasswordCost {
  kInteractive,  // OPSLIMIT/MEMLIMIT_INTERACTIVE: 2 passes, 64 MiB
  kModerate,     // OPSLIMIT/MEMLIMIT_MODERATE: 3 passes, 256 MiB
  kMinimum,      // OPSLIMIT/MEMLIMIT_MIN: for tests only
};

struct Config {
  int64_t session_ttl_seconds = 12 * 3600;
  bool secure_cookie = false;        // add "; Secure" when served over HTTPS
  int max_failures_per_account = 5;  // within the window → 429 with Retry-After
  int max_failures_per_address = 20;
  int64_t throttle_window_seconds = 900;
  PasswordCost password_cost = PasswordCost::kInteractive;
  int hash_threads = 2;  // argon2id runs here, never on I/O threads
};

}  // namespace warmcity::accounts
