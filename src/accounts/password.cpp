#include "accounts/password.h"

#include <sodium.h>

#include <string>

#include "accounts/common_passwords.h"
#include "accounts/tokens.h"
#include "core/utf8.h"

namespace warmcity::accounts {

namespace {

struct Limits {
  unsigned long long ops;
  size_t mem;
};

Limits limits_for(PasswordCost cost) {
  switch (cost) {
    case PasswordCost::kModerate:
      return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
    case PasswordCost::kMinimum:
      return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    case PasswordCost::kInteractive:
      break;
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password) {
  auto length = core::utf8_length(password);
  if (!length) return "must be valid UTF-8";
  if (*length < kMinPasswordLength || *length > kMaxPasswordLength) {
    return "must be " + std::to_string(kMinPasswordLength) + " to " +
           std::to_string(kMaxPasswordLength) + " characters";
  }
  if (is_common_password(password)) {
    return "is one of the most common passwords, which are guessed first; choose another";
  }
  return std::nullopt;
}

Result<std::string> hash_password(std::string_view password, PasswordCost cost) {
  ensure_sodium();
  Limits limits = limits_for(cost);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing ran out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  // crypto_pwhash_str_verify wants a NUL-terminated hash string.
  std::string stored(hash);
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash, PasswordCost cost) {
  ensure_sodium();
  Limits limits = limits_for(cost);
  std::string stored(hash);
  return crypto_pwhash_argon2id_str_needs_rehash(stored.c_str(), limits.ops, limits.mem) != 0;
}

const std::string& DummyHash::get() {
  std::call_once(once_, [this] {
    auto hash = hash_password(new_token(), cost_);
    // Out of memory: a string no password matches still answers "wrong".
    hash_ = hash.ok() ? std::move(*hash) : std::string("$argon2id$unusable");
  });
  return hash_;
}

}  // namespace warmcity::accounts
