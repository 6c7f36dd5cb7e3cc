// Who keeps a shift's list (docs/volunteers.md "Shifts"): the organiser
// staff of the shift's activity's organiser (activities::require_organiser)
// and the team admins of the shift's team, if it has one
// (volunteer_access.h require_team_admin). Built only on those two.
#pragma once

#include "accounts/caller.h"
#include "core/status.h"
#include "store/connection.h"
#include "volunteers/shift_store.h"

namespace warmcity::volunteers {

// Ok for the shift's staff; Unauthenticated for an anonymous caller;
// PermissionDenied otherwise.
Status require_shift_staff(store::Connection& c, const accounts::Caller& by, const ShiftRow& s);

}  // namespace warmcity::volunteers
