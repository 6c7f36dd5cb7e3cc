// Red proxy card numbers (红色代办卡): ten digits an elder or a neighbour can
// read out on the phone — nine random digits from libsodium (not guessable:
// a billion numbers for a district's few thousand cards) and a Damm check
// digit, which catches every single wrong digit and every swap of two
// neighbouring digits. Shown and printed as "1234-567-890"; read back with
// spaces, hyphens or dots anywhere. Pure but for the random draw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/damm.h"

namespace warmcity::eldercare {

// A fresh number (10 digits, no separators). REQUIRES: sodium_init() done.
std::string new_card_number();

// The check digit is the shared Damm digit (core/damm.h).
using core::damm_check_digit;

// The number typed as `text` (separators dropped) when it is ten digits
// whose last is the check digit of the first nine; nullopt otherwise.
std::optional<std::string> parse_card_number(std::string_view text);

// "1234-567-890". REQUIRES: a parsed number.
std::string format_card_number(std::string_view number);

}  // namespace warmcity::eldercare
