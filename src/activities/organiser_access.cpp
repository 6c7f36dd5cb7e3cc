// Who organises activities (organiser_access.h).
#include "activities/organiser_access.h"

namespace warmcity::activities {

Result<std::vector<Organiser>> organisers_of(store::Connection& c, const Caller& by) {
  if (!by.signed_in() || by.is_resident()) return std::vector<Organiser>{};
  auto read = [](store::Statement& s) {
    return Organiser{s.column_int64(0), s.column_text(1), s.column_text(2)};
  };
  if (by.is_admin()) {
    auto q = c.prepare(
        "SELECT id, name, kind FROM organisations "
        "WHERE kind IN ('department', 'community', 'volunteer_team') ORDER BY id");
    if (!q.ok()) return q.status();
    return store::collect<Organiser>(*q, read);
  }
  auto q = c.prepare(
      "SELECT o.id, o.name, o.kind FROM organisations o "
      "JOIN memberships m ON m.organisation_id = o.id "
      "WHERE m.user_id = ? AND o.kind IN ('department', 'community', 'volunteer_team') "
      "ORDER BY o.id");
  if (!q.ok()) return q.status();
  q->bind(1, by.user_id);
  return store::collect<Organiser>(*q, read);
}

Status require_organiser(store::Connection& c, const Caller& by, int64_t org_id) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  Result<std::vector<Organiser>> orgs = organisers_of(c, by);
  if (!orgs.ok()) return orgs.status();
  for (const Organiser& o : *orgs)
    if (o.id == org_id) return Status::Ok();
  return Status::PermissionDenied("only the organiser's staff and admins may do this");
}

}  // namespace warmcity::activities
