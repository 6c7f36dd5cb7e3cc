// The session cookie: its name, the Set-Cookie values that set and clear
// it, and reading it from a Cookie header.
//
//   wc_session=<token>; Path=/; HttpOnly; SameSite=Strict; Max-Age=<ttl>[; Secure]
//
// HttpOnly keeps the token from page scripts; SameSite=Strict keeps other
// sites' pages from sending it; the X-CSRF-Token check in the authenticator
// is the second line. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace warmcity::accounts {

inline constexpr std::string_view kSessionCookie = "wc_session";

std::string session_cookie(std::string_view token, int64_t max_age_seconds, bool secure);
// Max-Age=0 with an empty value: the browser forgets the cookie.
std::string cleared_session_cookie(bool secure);

// The value of cookie `name` in a Cookie header ("a=1; wc_session=…"), or
// nullopt when absent. The first occurrence wins.
std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name);

}  // namespace warmcity::accounts
