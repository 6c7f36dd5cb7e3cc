// The role of one user, for modules that check who may take a part (the
// elder-care teams' worker and volunteer). Read on the connection given: the
// writer's inside a write job, so the check and the write see one state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::accounts {

// The role name of an enabled user; nullopt when there is no such user or
// the account is disabled.
Result<std::optional<std::string>> active_user_role(store::Connection& conn, int64_t user_id);

}  // namespace warmcity::accounts
