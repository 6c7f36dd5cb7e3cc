// A user's volunteer record, made from their account when they have none yet
// (docs/volunteers.md "The hours ledger", errands): for the parts that credit
// a user's service to the ledger inside their own write job (the errand
// feed). Call it inside that job (the single writer), so the check and the
// insert hold together.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

// The id of `user_id`'s volunteer record. Without one, a new active
// volunteer is inserted: name the account's display name (cut to its first
// 40 characters), phone the account's phone when it is a valid one (else
// none), no ID type or number, no birth date, a new volunteer number
// (volunteer_number.h), in no team, created_at = updated_at = `now`,
// created_by null (written by the platform). NotFound: no such user.
Result<int64_t> volunteer_from_account(store::Connection& c, int64_t user_id, int64_t now);

}  // namespace warmcity::volunteers
