// The day's rules of after-school care (docs/afterschool.md "The day",
// "Late pickups"), pure: how a child was brought and taken home, the
// attendance's state, when a pickup adult may take a child, how many wrong
// codes a child's day takes, and when a child still here is late.
//
// No I/O, no clock: the caller passes the day and the moment. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace warmcity::afterschool {

// Codes refused for a child on a day after this many wrong ones (429
// too_many_codes; the phone and photo check still works).
constexpr int64_t kMaxCodeFailures = 5;
// A child still here this long after the session's end raises an alert.
constexpr int kLateAfterMinutes = 30;

enum class PickupMethod { kCode, kPhone, kProxy };
std::string_view pickup_method_name(PickupMethod m);  // "code" | "phone" | "proxy"
std::optional<PickupMethod> parse_pickup_method(std::string_view s);

// One child's day in a programme (afterschool_attendance), as stored.
struct Attendance {
  int64_t id = 0;
  int64_t programme_id = 0;
  int64_t child_id = 0;
  std::string day;  // YYYY-MM-DD
  int64_t checked_in_at = 0;
  int64_t checked_in_by = 0;
  std::string brought_by;  // from_school | adult
  std::optional<std::string> brought_by_name;
  std::optional<int64_t> checked_out_at;
  std::optional<int64_t> checked_out_by;
  std::optional<std::string> pickup_method;  // code | phone | proxy
  std::optional<int64_t> pickup_adult_id;
  std::optional<int64_t> pickup_proxy_id;
  std::optional<std::string> pickup_name;
  std::optional<std::string> pickup_relation;
  bool late = false;
  int64_t code_failures = 0;
};

// expected (no attendance), here (checked in), gone (checked out).
std::string_view attendance_state(const Attendance* a);

// An adult a guardian authorised, as the check-out needs them.
struct PickupAdultFacts {
  int64_t id = 0;
  std::string name;
  std::string relation;
  std::string phone;
  bool has_photo = false;
  std::optional<std::string> valid_until;  // YYYY-MM-DD
  std::optional<int64_t> revoked_at;
  std::string code_salt;
  std::string code_hash;
};

// Not revoked, and valid_until null or not before `today`.
bool adult_active(const PickupAdultFacts& a, core::LocalDate today);

// Why a child cannot be checked out now (kConflict not_checked_in /
// already_checked_out), or Ok.
Status check_out_state(const Attendance* a);
// Ok, or kResourceExhausted too_many_codes once the day's wrong codes reach
// kMaxCodeFailures.
Status codes_left(const Attendance& a);

// The moment a child still here on `day` is late: the session's end plus
// kLateAfterMinutes, district time.
int64_t late_from(core::LocalDate day, int end_minute);

}  // namespace warmcity::afterschool
