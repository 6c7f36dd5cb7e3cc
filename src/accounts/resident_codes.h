// One-time sign-in codes for residents: making them, the form they are
// stored in, and how long a number or a client network must wait before
// another is sent. Pure functions (the randomness comes from libsodium).
//
//   code   6 decimal digits, uniform (randombytes_uniform), sent by SMS
//   stored SHA-256 of "<salt>:<phone>:<code>" with a random salt per code:
//          a copy of the table does not show the code at a glance (a
//          6-digit code is no secret against a determined reader of the
//          database; its short life and the tries limit protect it)
//   limits per number: one code a minute, five an hour; per client network
//          (core::network_of: /24, /64): a configurable number an hour.
//          Windows slide: they count the codes of the last 60 s / 3600 s.
//
// Thread-safe: no state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace warmcity::accounts {

struct ResidentLimits {
  int64_t code_ttl_seconds = 300;    // a code is good this long …
  int max_attempts = 5;              // … for this many tries
  int64_t resend_seconds = 60;       // one code per number this often
  int codes_per_phone_per_hour = 5;  // and this many an hour
  int codes_per_network_per_hour = 30;
};

// What the database knows of the recent codes for one request (unix seconds).
struct CodeHistory {
  int64_t last_for_phone = 0;        // 0: none in the last hour
  int phone_last_hour = 0;           // codes to this number in the last hour
  int64_t oldest_phone_in_hour = 0;  // the oldest of them
  int network_last_hour = 0;         // codes asked from this network in the last hour
  int64_t oldest_network_in_hour = 0;
};

// Seconds to wait before another code may be sent (>= 1), or 0.
int64_t code_wait(const CodeHistory& h, const ResidentLimits& limits, int64_t now);

// 6 random digits ("004217").
std::string new_code();
// 16 random bytes as 32 hex digits.
std::string new_code_salt();
// The stored form: 64 lower-case hex digits.
std::string code_hash(std::string_view salt, std::string_view phone, std::string_view code);
// True when `code` is 6 ASCII digits.
bool is_code_shaped(std::string_view code);
// A mainland mobile number (an SMS goes to nothing else): core::is_valid_phone
// and 11 digits.
bool is_mobile(std::string_view phone);

}  // namespace warmcity::accounts
