// Who may act on the hours ledger's records as their organiser
// (docs/volunteers.md "Who"): the organiser staff of the record's
// organisation (activities::require_organiser), and admins; a record with
// no organisation (an errand's in a community without one) is the admins'
// only. Reads; call it inside the job that then acts.
#pragma once

#include <cstdint>
#include <optional>

#include "accounts/caller.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

// Ok, Unauthenticated (anonymous) or PermissionDenied.
Status require_record_organiser(store::Connection& c, const accounts::Caller& by,
                                std::optional<int64_t> organiser_org_id);

}  // namespace warmcity::volunteers
