#include "eldercare/visit_raise_store.h"

namespace warmcity::eldercare {

Status insert_visit_raise(store::Connection& c, VisitRaise& r) {
  auto s = c.prepare(
      "INSERT INTO visit_raises (visit_id, kind, target_id, raised_by, raised_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, r.visit_id).bind(2, r.kind).bind(3, r.target_id).bind(4, r.raised_by);
  s->bind(5, r.raised_at);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  r.id = *id;
  return Status::Ok();
}

Result<std::vector<VisitRaise>> visit_raises_of(store::Connection& c, int64_t elder_id,
                                                int64_t from_id, int64_t to_id) {
  auto s = c.prepare(
      "SELECT r.id, r.visit_id, r.kind, r.target_id, r.raised_by, r.raised_at "
      "FROM visit_raises r JOIN visits v ON v.id = r.visit_id "
      "WHERE r.visit_id >= ? AND r.visit_id <= ? AND v.elder_id = ? ORDER BY r.id");
  if (!s.ok()) return s.status();
  s->bind(1, from_id).bind(2, to_id).bind(3, elder_id);
  return store::collect<VisitRaise>(*s, [](const store::Statement& row) {
    VisitRaise r;
    r.id = row.column_int64(0);
    r.visit_id = row.column_int64(1);
    r.kind = row.column_text(2);
    r.target_id = row.column_int64(3);
    r.raised_by = row.column_int64(4);
    r.raised_at = row.column_int64(5);
    return r;
  });
}

}  // namespace warmcity::eldercare
