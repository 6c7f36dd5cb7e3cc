// Who keeps a shift's list (shift_access.h).
#include "volunteers/shift_access.h"

#include "activities/organiser_access.h"
#include "volunteers/volunteer_access.h"

namespace warmcity::volunteers {

Status require_shift_staff(store::Connection& c, const accounts::Caller& by, const ShiftRow& s) {
  Status organiser = activities::require_organiser(c, by, s.organiser_org_id);
  if (organiser.code() != Code::kPermissionDenied || !s.team_org_id) return organiser;
  Status team = require_team_admin(c, by, *s.team_org_id);
  if (team.ok()) return team;
  return Status::PermissionDenied(
      "only the organiser's staff, the shift's team admins and admins may do this");
}

}  // namespace warmcity::volunteers
