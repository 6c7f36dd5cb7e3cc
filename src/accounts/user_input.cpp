#include "accounts/user_input.h"

#include <algorithm>
#include <string>
#include <utility>

#include "accounts/user_rules.h"
#include "http/json_input.h"

namespace warmcity::accounts {

NewUser read_new_user(http::FieldReader& in, std::vector<int64_t> organisation_ids) {
  NewUser u;
  auto username = in.required_string("username", 0, 1000);
  auto display_name = in.required_string("display_name", 0, 1000);
  auto role = in.required_string("role", 0, 1000);
  auto password = in.required_string("password", 0, 1000);
  auto phone = in.optional_string("phone", 0, 1000);
  in.reject_unknown();
  if (username) u.username = std::move(*username);
  if (display_name) u.display_name = std::move(*display_name);
  if (role) u.role = std::move(*role);
  if (password) u.password = std::move(*password);
  if (phone && !phone->empty()) u.phone = std::move(*phone);
  u.organisation_ids = std::move(organisation_ids);
  std::vector<FieldError> reported =
      in.ok() ? std::vector<FieldError>() : in.status().field_errors();
  for (FieldError& e : validate_new_user(u)) {
    bool seen = std::any_of(reported.begin(), reported.end(),
                            [&](const FieldError& f) { return f.field == e.field; });
    if (!seen) in.fail(std::move(e.field), std::move(e.message));
  }
  return u;
}

}  // namespace warmcity::accounts
