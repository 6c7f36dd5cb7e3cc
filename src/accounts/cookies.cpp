#include "accounts/cookies.h"

#include "core/text.h"

namespace warmcity::accounts {

namespace {

std::string cookie(std::string_view value, int64_t max_age, bool secure) {
  std::string out(kSessionCookie);
  out += "=";
  out += value;
  out += "; Path=/; HttpOnly; SameSite=Strict; Max-Age=";
  out += std::to_string(max_age);
  if (secure) out += "; Secure";
  return out;
}

}  // namespace

std::string session_cookie(std::string_view token, int64_t max_age_seconds, bool secure) {
  return cookie(token, max_age_seconds, secure);
}

std::string cleared_session_cookie(bool secure) { return cookie("", 0, secure); }

std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view pair = core::trim_blanks(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (core::trim_blanks(pair.substr(0, eq)) != name) continue;
    std::string_view value = core::trim_blanks(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

}  // namespace warmcity::accounts
