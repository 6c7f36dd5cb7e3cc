// Reads a new user from a request body (POST /api/v1/users): the fields, each
// checked by user_rules.h, one error per field. Written once for the route
// and the json_bodies fuzz target.
#pragma once

#include <cstdint>
#include <vector>

#include "accounts/accounts.h"

namespace warmcity::http {
class FieldReader;
}

namespace warmcity::accounts {

// Reads username, display_name, role, password and phone through `in`,
// refuses unknown fields and adds every broken rule of validate_new_user()
// (a field `in` already refused is reported once). The user is complete only
// when in.ok() afterwards. `organisation_ids` were read by the caller.
NewUser read_new_user(http::FieldReader& in, std::vector<int64_t> organisation_ids);

}  // namespace warmcity::accounts
