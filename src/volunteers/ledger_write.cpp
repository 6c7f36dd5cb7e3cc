// Writing one record into the hours ledger (ledger_write.h).
#include "volunteers/ledger_write.h"

namespace warmcity::volunteers {

Result<int64_t> insert_record(store::Connection& c, const NewRecord& r) {
  Result<store::Statement> s = c.prepare(
      "INSERT INTO volunteer_records (volunteer_id, organiser_org_id, organiser_name, "
      "service_date, place, content, minutes, source, source_id, state, confirmed_by, "
      "confirmed_at, corrects_id, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, r.volunteer_id);
  s->bind(2, r.organiser_org_id);
  s->bind(3, r.organiser_name);
  s->bind(4, r.service_date);
  s->bind(5, r.place);
  s->bind(6, r.content);
  s->bind(7, r.minutes);
  s->bind(8, r.source);
  s->bind(9, r.source_id);
  s->bind(10, r.state);
  s->bind(11, r.confirmed_by);
  s->bind(12, r.confirmed_at);
  s->bind(13, r.corrects_id);
  s->bind(14, r.reason);
  s->bind(15, r.created_by);
  s->bind(16, r.created_at);
  return s->returning_id();
}

Result<bool> source_recorded(store::Connection& c, const std::string& source, int64_t source_id,
                             int64_t volunteer_id) {
  Result<store::Statement> s = c.prepare(
      "SELECT 1 FROM volunteer_records WHERE source = ? AND source_id = ? AND volunteer_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, source).bind(2, source_id).bind(3, volunteer_id);
  return s->step();
}

Result<std::string> organisation_name(store::Connection& c, int64_t org_id) {
  Result<store::Statement> s = c.prepare("SELECT name FROM organisations WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, org_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return *row ? s->column_text(0) : std::string();
}

}  // namespace warmcity::volunteers
