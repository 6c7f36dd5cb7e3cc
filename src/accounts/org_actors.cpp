#include "accounts/org_actors.h"

namespace warmcity::accounts {

Result<std::optional<OrgActors>> org_actors(store::Connection& conn, int64_t org_id) {
  auto s = conn.prepare(
      "SELECT o.name, (SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
      "WHERE m.organisation_id = o.id AND u.disabled = 0 AND u.role IN ('department', 'worker')) "
      "FROM organisations o WHERE o.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, org_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<OrgActors>();
  return std::optional<OrgActors>(OrgActors{s->column_text(0), s->column_int64(1)});
}

}  // namespace warmcity::accounts
