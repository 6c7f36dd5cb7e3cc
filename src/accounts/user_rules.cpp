#include "accounts/user_rules.h"

#include <algorithm>

#include "accounts/password.h"
#include "core/phone.h"
#include "core/utf8.h"
#include "http/message.h"

namespace warmcity::accounts {

std::optional<std::string> username_problem(std::string_view username) {
  if (username.size() < 3 || username.size() > 32) return "must be 3 to 32 characters long";
  bool allowed = std::all_of(username.begin(), username.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
  if (!allowed) return "may contain only a-z, 0-9, '_', '.' and '-'";
  return std::nullopt;
}

std::optional<std::string> display_name_problem(std::string_view display_name) {
  auto length = core::utf8_length(display_name);
  if (!length) return "must be valid UTF-8";
  if (*length < 1 || *length > 64) return "must be 1 to 64 characters long";
  bool control = std::any_of(display_name.begin(), display_name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (control) return "must not contain control characters";
  return std::nullopt;
}

std::optional<std::string> role_problem(std::string_view role) {
  if (http::parse_role(role)) return std::nullopt;
  return "must be one of resident, worker, volunteer, keeper, department, admin";
}

std::optional<std::string> phone_problem(std::string_view phone) {
  if (core::is_valid_phone(phone)) return std::nullopt;
  return "must be a mainland mobile number (11 digits, 13x–19x) or a landline with area code "
         "(0358-8221234)";
}

std::optional<std::string> new_password_problem(std::string_view replacement,
                                                std::string_view current_hash) {
  if (auto problem = password_problem(replacement)) return problem;
  if (verify_password(current_hash, replacement)) return "must differ from the current password";
  return std::nullopt;
}

std::vector<FieldError> validate_new_user(const NewUser& u) {
  std::vector<FieldError> errors;
  auto check = [&](const char* field, std::optional<std::string> problem) {
    if (problem) errors.push_back({field, std::move(*problem)});
  };
  check("username", username_problem(u.username));
  check("display_name", display_name_problem(u.display_name));
  check("role", role_problem(u.role));
  check("password", password_problem(u.password));
  if (u.phone) check("phone", phone_problem(*u.phone));
  return errors;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace warmcity::accounts
