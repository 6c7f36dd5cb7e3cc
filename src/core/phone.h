// A person's phone number and name: which phones warmcity accepts and how
// both are shown masked.
//
// Accepted: a mainland mobile number, 11 digits `1[3-9]\d{9}`, or a landline
// with its area code, `0\d{2,3}-?\d{7,8}` (e.g. 0358-8221234, 01012345678).
// No spaces, no +86 prefix.
//
// Masked: mobiles keep the first 3 and last 4 digits (138****5678).
// Landlines hide at least half their digits: the area code (and hyphen) is
// kept, then at most the last 2 digits as long as no more than half the
// digits show (010-******78, 0358-******4, 0358-******56). Names keep the
// first character of three or more ("王阿姨" → "王**"), of two ("王五" →
// "王*"); one character is hidden whole ("王" → "*"). Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace warmcity::core {

bool is_valid_phone(std::string_view phone);

// The masked form of a valid phone; a string that is not a valid phone is
// masked completely (every character becomes '*').
std::string mask_phone(std::string_view phone);

// The masked form of a name, counted in UTF-8 characters: one star for each
// hidden character. Bytes that are not valid UTF-8 count one each.
std::string mask_name(std::string_view name);

}  // namespace warmcity::core
