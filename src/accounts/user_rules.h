// The rules a user's fields must follow, shared by the HTTP routes and the
// CLI so both refuse the same things with the same words.
//
//   username      3–32 characters of [a-z0-9_.-]
//   display_name  1–64 characters, no control characters
//   role          resident, worker, volunteer, keeper, department, admin
//   password      8–128 characters (password.h)
//   phone         mainland mobile or landline with area code (core/phone.h)
//
// Each *_problem() returns why the value is refused, or nullopt. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts.h"
#include "core/status.h"

namespace warmcity::accounts {

std::optional<std::string> username_problem(std::string_view username);
std::optional<std::string> display_name_problem(std::string_view display_name);
std::optional<std::string> role_problem(std::string_view role);
std::optional<std::string> phone_problem(std::string_view phone);

// Every problem of `u`, one per field, in field order.
std::vector<FieldError> validate_new_user(const NewUser& u);

// ASCII lower case: how usernames are compared (the column is NOCASE).
std::string ascii_lower(std::string_view s);

}  // namespace warmcity::accounts
