#include "accounts/org_actors.h"

#include "store/sql_list.h"

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

Result<int64_t> area_workers(store::Connection& conn, const std::vector<int64_t>& area_ids) {
  if (area_ids.empty()) return int64_t{0};
  auto s = conn.prepare(
      "SELECT COUNT(DISTINCT u.id) FROM organisations o "
      "JOIN memberships m ON m.organisation_id = o.id JOIN users u ON u.id = m.user_id "
      "WHERE o.area_id IN (" +
      store::placeholders(area_ids.size()) + ") AND u.disabled = 0 AND u.role = 'worker'");
  if (!s.ok()) return s.status();
  for (size_t i = 0; i < area_ids.size(); ++i) s->bind(static_cast<int>(i + 1), area_ids[i]);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return *row ? s->column_int64(0) : int64_t{0};
}

}  // namespace warmcity::accounts
