// The certificate number (docs/volunteers.md "Certificates"): `ZY`, the
// 4-digit year of issue, 8 random digits and a Damm check digit over the
// twelve digits before it (core/damm.h): 15 characters, e.g.
// ZY2026573920184 — unguessable (10^8 a year) and a mistyped digit or a
// swap of two neighbours never names another certificate. Uniqueness is the
// store's (a unique column; certificate_store.h draws again while taken).
#pragma once

#include <string>
#include <string_view>

namespace warmcity::volunteers {

// The number of `year` with these 8 digits. REQUIRES: 1000 <= year <= 9999,
// eight ASCII digits.
std::string certificate_number(int year, std::string_view eight_digits);

// A fresh number of `year` (8 uniform random digits from libsodium).
std::string new_certificate_number(int year);

// True for `ZY` + 13 ASCII digits whose last is the Damm check digit of the
// twelve before it.
bool is_certificate_number(std::string_view text);

}  // namespace warmcity::volunteers
