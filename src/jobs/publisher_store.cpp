// The publishers list's SQL (publisher_store.h).
#include "jobs/publisher_store.h"

namespace warmcity::jobs {

Result<std::vector<Publisher>> list_publishers(store::Connection& c) {
  auto q = c.prepare(
      "SELECT o.id, o.name FROM job_publishers p JOIN organisations o ON o.id = p.organisation_id "
      "ORDER BY o.name, o.id");
  if (!q.ok()) return q.status();
  return store::collect<Publisher>(*q, [](const store::Statement& r) {
    return Publisher{r.column_int64(0), r.column_text(1)};
  });
}

Result<Publisher> department_org(store::Connection& c, int64_t org) {
  auto q = c.prepare("SELECT id, name, kind FROM organisations WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, org);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no organisation " + std::to_string(org));
  if (q->column_text(2) != "department") {
    return Status::Unprocessable(
        "not a department",
        {{"organisation_id", "only an organisation of kind department publishes job posts"}});
  }
  return Publisher{q->column_int64(0), q->column_text(1)};
}

Result<bool> add_publisher(store::Connection& c, int64_t org, int64_t by, int64_t at) {
  auto q = c.prepare(
      "INSERT INTO job_publishers (organisation_id, added_at, added_by) VALUES (?, ?, ?) "
      "ON CONFLICT (organisation_id) DO NOTHING RETURNING organisation_id");
  if (!q.ok()) return q.status();
  q->bind(1, org).bind(2, at).bind(3, by);
  return q->step();
}

Result<bool> remove_publisher(store::Connection& c, int64_t org) {
  auto q =
      c.prepare("DELETE FROM job_publishers WHERE organisation_id = ? RETURNING organisation_id");
  if (!q.ok()) return q.status();
  q->bind(1, org);
  return q->step();
}

}  // namespace warmcity::jobs
