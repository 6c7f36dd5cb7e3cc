// Password hashing with argon2id (libsodium crypto_pwhash_str) and the
// password policy.
//
// Owns: turning a password into a self-describing hash string (algorithm,
// parameters and salt inside it), checking a password against such a string,
// telling whether a stored hash was made with other parameters than the
// configured cost (so login can rehash), and the password policy: 8–128
// characters and not a common password (common_passwords.h).
//
// Every hashing function is slow on purpose (tens to hundreds of
// milliseconds, tens of MiB of memory at the interactive cost): call them on
// Accounts' hash pool or from the CLI, never on an I/O thread.
// Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/config.h"
#include "core/status.h"

namespace warmcity::accounts {

inline constexpr size_t kMinPasswordLength = 8;    // Unicode code points
inline constexpr size_t kMaxPasswordLength = 128;  // Unicode code points

// Why `password` breaks the policy (its length, or it is a common password),
// or nullopt when it is acceptable. Fast: no hashing.
std::optional<std::string> password_problem(std::string_view password);

// kInternal only when libsodium cannot allocate the memory the cost asks for.
Result<std::string> hash_password(std::string_view password, PasswordCost cost);

// True when `password` matches `hash`. False for a wrong password and for a
// hash string that is not an argon2 hash.
bool verify_password(std::string_view hash, std::string_view password);

// True when `hash` was made with parameters other than `cost`'s (or is not
// an argon2id hash at all), so it should be replaced after a good login.
bool needs_rehash(std::string_view hash, PasswordCost cost);

// The hash of a random password at a given cost. Login verifies against it
// when the username does not exist, so that "no such user" takes as long as
// "wrong password". Computed once, on first get(): call get() where hashing
// is allowed (the hash pool), never on an I/O thread. Thread-safe.
class DummyHash {
 public:
  explicit DummyHash(PasswordCost cost) : cost_(cost) {}
  const std::string& get();

 private:
  const PasswordCost cost_;
  std::once_flag once_;
  std::string hash_;
};

}  // namespace warmcity::accounts
