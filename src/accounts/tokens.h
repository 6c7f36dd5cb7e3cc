// Random tokens, their stored form, and base64url.
//
// Owns: session and CSRF token generation (32 random bytes from libsodium's
// randombytes_buf, base64url without padding, 43 characters), the hash a
// session token is stored as (SHA-256, lower-case hex), constant-time string
// comparison.
//
// Thread-safe: every function may be called from any thread (libsodium is
// initialised once, on first use).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace warmcity::accounts {

// Length of a token made by new_token(): base64url of 32 bytes, no padding.
inline constexpr size_t kTokenLength = 43;

// Initialises libsodium once. Aborts the process if libsodium cannot start
// (no usable random source): nothing in accounts is safe without it.
void ensure_sodium();

// 32 random bytes as base64url (no padding).
std::string new_token();

// True when `token` has the shape new_token() produces (length and alphabet).
bool is_well_formed_token(std::string_view token);

// SHA-256 of the token as 64 lower-case hex digits: what the database stores.
std::string hash_token(std::string_view token);

// Compares in time independent of where the strings differ. Lengths are not
// secret: strings of different length compare unequal at once.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace warmcity::accounts
