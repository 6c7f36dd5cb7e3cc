// The common-password blocklist: passwords that guessing tools try first,
// refused for every account when a password is set (create, change, reset,
// CLI). With a throttle per address and network, guessing is slow but not
// impossible; what makes it hopeless is that no account has a password from
// the top of the lists.
//
// The list (common_passwords.cpp): ~200 passwords of 8+ characters from the
// common leaked-password lists, Chinese-context ones (woaini1314,
// 5201314520, qq123456, 1qaz2wsx, wodemima…) and this service's own names
// (warmcity123, lishi123). Shorter ones (123456, woaini, 5201314, abc123)
// need no entry: the length rule (password.h, 8 at least) refuses them.
// Compared after ASCII lower-casing, so "Password1" and "QWER1234" are refused
// too. Pure, thread-safe, no allocation beyond the lower-cased copy.
#pragma once

#include <span>
#include <string_view>

namespace warmcity::accounts {

// True when `password`, ASCII lower-cased, is on the list.
bool is_common_password(std::string_view password);

// The list itself, sorted, lower case (for tests).
std::span<const std::string_view> common_passwords();

}  // namespace warmcity::accounts
