// Who may touch what among the volunteers (docs/volunteers.md "Who"),
// written once: every part of the module asks here.
//
//   team staff      users who are members (accounts memberships) of a team's
//                   organisation (kind volunteer_team) and are not residents:
//                   the team's leaders and staff; the only ones who see a
//                   member's ID number whole
//   team admins     team staff, and admins
//   organiser staff as for activities (activities::require_organiser)
//   the volunteer   the user linked to a volunteer record
//
// Each require_* answers Unauthenticated for an anonymous caller, NotFound
// for an unknown id, PermissionDenied for a caller who may not. Reads only;
// call them inside the job that then acts, so the answer holds for the act.
#pragma once

#include <cstdint>
#include <optional>

#include "accounts/caller.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

using accounts::Caller;

// A member (not a resident, not disabled) of the team's organisation.
// NotFound when `team_org_id` is no organisation of kind volunteer_team.
Result<bool> is_team_staff(store::Connection& c, const Caller& by, int64_t team_org_id);
// Team staff or an admin; NotFound for an unknown team.
Status require_team_admin(store::Connection& c, const Caller& by, int64_t team_org_id);

// How a caller stands to one volunteer, the narrowest first.
enum class Standing {
  kNone,       // nothing of theirs to see
  kSelf,       // the volunteer themself (their own account)
  kAdmin,      // an admin: all but the ID number whole
  kTeamStaff,  // staff of a team the volunteer is an active member of
};
// NotFound when there is no such volunteer.
Result<Standing> standing_to_volunteer(store::Connection& c, const Caller& by,
                                       int64_t volunteer_id);
// kAdmin or kTeamStaff, else PermissionDenied (Unauthenticated, NotFound).
Result<Standing> require_volunteer_admin(store::Connection& c, const Caller& by,
                                         int64_t volunteer_id);

// The ID number shows whole to team staff only; the phone to team admins and
// the volunteer.
inline bool sees_id_number(Standing s) { return s == Standing::kTeamStaff; }
inline bool sees_phone(Standing s) { return s != Standing::kNone; }

// The volunteer record of a user, if any.
Result<std::optional<int64_t>> volunteer_of_user(store::Connection& c, int64_t user_id);

}  // namespace warmcity::volunteers
