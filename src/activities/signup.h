// The rules of a sign-up's body (docs/activities.md "Sign-ups and the
// waitlist"), pure: a caller's name and mobile phone as organiser staff type
// them, the birth date an activity with age limits asks for (validated, the
// age on the occurrence's local date checked, never stored), and the
// six-digit door code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::activities {

// What a sign-up's body may carry (signup_json.h reads it). A resident
// sends none of name and phone (they come from the account); staff send both.
struct SignupRequest {
  std::optional<std::string> name;
  std::optional<std::string> phone;
  std::optional<std::string> birth_date;  // YYYY-MM-DD
};

// The activity's age limits in years (nullopt: none).
struct AgeLimits {
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  bool any() const { return min.has_value() || max.has_value(); }
};

inline constexpr size_t kMaxSignupName = 40;

// The name trimmed of blanks: 1..40 characters, no control characters;
// nullopt with the reason in `why` otherwise.
std::optional<std::string> signup_name(std::string_view raw, std::string* why);

// True for a mainland mobile number (11 digits, 1[3-9]…): the only phone a
// sign-up keeps (the door list masks it).
bool is_signup_phone(std::string_view phone);

// Whole years between `birth` and `day` (both YYYY-MM-DD, from 1850); -1
// when either is not such a date.
int64_t age_on(std::string_view birth, std::string_view day);

// Why `birth_date` does not let its person join an activity with `limits`
// on `local_date`; nullopt when it does. Without limits any birth date (or
// none) passes, but one given must still be a real date not after the day.
std::optional<std::string> birth_date_refusal(const std::optional<std::string>& birth_date,
                                              const AgeLimits& limits, std::string_view local_date);

// A random six-digit door code (000000–999999).
std::string new_door_code();

// Six ASCII digits.
bool is_door_code(std::string_view code);

// The first `max_chars` UTF-8 characters of `s` (an account's display name
// may be longer than a sign-up's name).
std::string first_chars(std::string_view s, size_t max_chars);

}  // namespace warmcity::activities
