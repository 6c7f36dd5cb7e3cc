// Phone numbers: which ones warmcity accepts and how they are shown masked.
//
// Accepted: a mainland mobile number, 11 digits `1[3-9]\d{9}`, or a landline
// with its area code, `0\d{2,3}-?\d{7,8}` (e.g. 0358-8221234, 01012345678).
// No spaces, no +86 prefix.
//
// Masked: mobiles keep the first 3 and last 4 digits (138****5678);
// landlines keep the area code (and hyphen) and the last 4 digits and hide
// the middle of the local number (0358-****1234). Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace warmcity::core {

bool is_valid_phone(std::string_view phone);

// The masked form of a valid phone; a string that is not a valid phone is
// masked completely (every character becomes '*').
std::string mask_phone(std::string_view phone);

}  // namespace warmcity::core
