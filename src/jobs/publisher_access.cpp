// Who may publish and review job posts (publisher_access.h).
#include "jobs/publisher_access.h"

namespace warmcity::jobs {

Result<std::vector<int64_t>> publisher_orgs_of(store::Connection& c, const Caller& by) {
  if (by.user_id == 0 || by.role != "department") return std::vector<int64_t>{};
  // The memberships as stored now, not as the session saw them at sign-in.
  auto q = c.prepare(
      "SELECT p.organisation_id FROM job_publishers p "
      "JOIN memberships m ON m.organisation_id = p.organisation_id "
      "WHERE m.user_id = ? ORDER BY p.organisation_id");
  if (!q.ok()) return q.status();
  q->bind(1, by.user_id);
  return store::collect<int64_t>(*q, [](store::Statement& s) { return s.column_int64(0); });
}

Result<bool> is_publisher_staff(store::Connection& c, const Caller& by) {
  Result<std::vector<int64_t>> orgs = publisher_orgs_of(c, by);
  if (!orgs.ok()) return orgs.status();
  return !orgs->empty();
}

Status require_publisher_or_admin(store::Connection& c, const Caller& by) {
  if (by.user_id == 0) return Status::Unauthenticated("sign in first");
  if (by.is_admin()) return Status::Ok();
  Result<bool> staff = is_publisher_staff(c, by);
  if (!staff.ok()) return staff.status();
  if (!*staff)
    return Status::PermissionDenied("only the job publishers' staff and admins may do this");
  return Status::Ok();
}

}  // namespace warmcity::jobs
