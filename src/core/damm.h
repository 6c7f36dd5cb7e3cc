// The Damm check digit (H. Michael Damm, 2004): one decimal digit that
// catches every single wrong digit and every swap of two neighbouring
// digits. The red proxy cards' numbers (eldercare/card_number.h) and the
// volunteer certificates' numbers (volunteers/certificate_number.h) end in
// one. Pure.
#pragma once

#include <string_view>

namespace warmcity::core {

// The check digit ('0'..'9') of a string of digits: appended to them, the
// whole string's check digit is '0'. REQUIRES: only ASCII digits.
char damm_check_digit(std::string_view digits);

// True when `digits` is non-empty, all ASCII digits, and ends in the check
// digit of the digits before it.
bool damm_valid(std::string_view digits);

}  // namespace warmcity::core
