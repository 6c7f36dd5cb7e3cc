// Who may touch what among the volunteers (volunteer_access.h).
#include "volunteers/volunteer_access.h"

#include <string>

namespace warmcity::volunteers {

namespace {

Status team_exists(store::Connection& c, int64_t team_org_id) {
  Result<store::Statement> s =
      c.prepare("SELECT 1 FROM organisations WHERE id = ? AND kind = 'volunteer_team'");
  if (!s.ok()) return s.status();
  s->bind(1, team_org_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such volunteer team");
  return Status::Ok();
}

}  // namespace

Result<bool> is_team_staff(store::Connection& c, const Caller& by, int64_t team_org_id) {
  if (Status s = team_exists(c, team_org_id); !s.ok()) return s;
  if (!by.signed_in() || by.is_resident()) return false;
  Result<store::Statement> s = c.prepare(
      "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id "
      "WHERE m.user_id = ? AND m.organisation_id = ? AND u.role <> 'resident' AND u.disabled = 0");
  if (!s.ok()) return s.status();
  s->bind(1, by.user_id);
  s->bind(2, team_org_id);
  return s->step();
}

Status require_team_admin(store::Connection& c, const Caller& by, int64_t team_org_id) {
  Result<bool> staff = is_team_staff(c, by, team_org_id);
  if (!staff.ok()) return staff.status();
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (*staff || by.is_admin()) return Status::Ok();
  return Status::PermissionDenied("only the team's leaders and staff, and admins, may do this");
}

Result<Standing> standing_to_volunteer(store::Connection& c, const Caller& by,
                                       int64_t volunteer_id) {
  Result<store::Statement> v = c.prepare("SELECT user_id FROM volunteers WHERE id = ?");
  if (!v.ok()) return v.status();
  v->bind(1, volunteer_id);
  Result<bool> found = v->step();
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no such volunteer");
  const std::optional<int64_t> owner = v->column_int64_opt(0);
  if (!by.signed_in()) return Standing::kNone;
  if (!by.is_resident()) {
    Result<store::Statement> s = c.prepare(
        "SELECT 1 FROM volunteer_team_members t JOIN memberships m ON m.organisation_id = "
        "t.team_org_id JOIN users u ON u.id = m.user_id WHERE t.volunteer_id = ? AND t.left_at IS "
        "NULL AND m.user_id = ? AND u.role <> 'resident' AND u.disabled = 0");
    if (!s.ok()) return s.status();
    s->bind(1, volunteer_id);
    s->bind(2, by.user_id);
    Result<bool> staff = s->step();
    if (!staff.ok()) return staff.status();
    if (*staff) return Standing::kTeamStaff;
  }
  if (by.is_admin()) return Standing::kAdmin;
  if (owner && *owner == by.user_id) return Standing::kSelf;
  return Standing::kNone;
}

Result<Standing> require_volunteer_admin(store::Connection& c, const Caller& by,
                                         int64_t volunteer_id) {
  Result<Standing> s = standing_to_volunteer(c, by, volunteer_id);
  if (!s.ok()) return s;
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (*s == Standing::kAdmin || *s == Standing::kTeamStaff) return s;
  return Status::PermissionDenied(
      "only the leaders and staff of the volunteer's teams, and admins, may do this");
}

Result<std::optional<int64_t>> volunteer_of_user(store::Connection& c, int64_t user_id) {
  Result<store::Statement> s = c.prepare("SELECT id FROM volunteers WHERE user_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, user_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(s->column_int64(0));
}

}  // namespace warmcity::volunteers
