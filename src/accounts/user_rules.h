// The rules a user's fields must follow, shared by the HTTP routes and the
// CLI so both refuse the same things with the same words.
//
//   username      3–32 characters of [a-z0-9_.-]
//   display_name  1–64 characters, no control characters
//   role          resident, worker, volunteer, keeper, department, admin
//   password      8–128 characters, not a common password (password.h);
//                 a new one must differ from the one it replaces
//   phone         mainland mobile or landline with area code (core/phone.h)
//
// Each *_problem() returns why the value is refused, or nullopt. Pure and
// fast, except new_password_problem(), which verifies a hash.
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

// Why `replacement` may not replace the password whose argon2id hash is
// `current_hash`: password_problem(), or it is that same password ("new =
// current" keeps a leaked or shared password alive). Slow like
// verify_password(): call it on the hash pool or the CLI thread. Used when a
// user changes their own password, when an admin sets one (every role: a
// reset to the same password is never what was meant) and by the CLI.
std::optional<std::string> new_password_problem(std::string_view replacement,
                                                std::string_view current_hash);

// Every problem of `u`, one per field, in field order.
std::vector<FieldError> validate_new_user(const NewUser& u);

// ASCII lower case: how usernames are compared (the column is NOCASE).
std::string ascii_lower(std::string_view s);

}  // namespace warmcity::accounts
