// The verified employers' SQL (employer_store.h).
#include "jobs/employer_store.h"

namespace warmcity::jobs {

namespace {

constexpr const char* kEmployerSelect =
    "SELECT e.id, e.name, e.credit_code, e.address, e.verified_by_org, o.name, e.verified_by, "
    "e.verified_at FROM job_employers e JOIN organisations o ON o.id = e.verified_by_org ";

Employer read_employer(const store::Statement& r) {
  Employer e;
  e.id = r.column_int64(0);
  e.name = r.column_text(1);
  e.credit_code = r.column_text(2);
  e.address = r.column_text(3);
  e.verified_by_org = r.column_int64(4);
  e.verified_by_org_name = r.column_text(5);
  e.verified_by = r.column_int64(6);
  e.verified_at = r.column_int64(7);
  return e;
}

}  // namespace

std::string like_substring(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '!') out += '!';
    out += ch;
  }
  return out + "%";
}

Status insert_employer(store::Connection& c, Employer& e) {
  auto q = c.prepare(
      "INSERT INTO job_employers (name, credit_code, address, verified_by_org, verified_by, "
      "verified_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (credit_code) DO NOTHING RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, e.name).bind(2, e.credit_code).bind(3, e.address).bind(4, e.verified_by_org);
  q->bind(5, e.verified_by).bind(6, e.verified_at);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Conflict("an employer with this credit code is there already");
  e.id = q->column_int64(0);
  return Status::Ok();
}

Result<Employer> get_employer(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string(kEmployerSelect) + "WHERE e.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<std::vector<Employer>> rows = store::collect<Employer>(*q, read_employer);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("no employer " + std::to_string(id));
  return std::move(rows->front());
}

Result<std::vector<Employer>> list_employers(store::Connection& c, const std::string& q,
                                             std::optional<int64_t> before_id, int limit) {
  auto s = c.prepare(std::string(kEmployerSelect) +
                     "WHERE (? = '' OR e.name LIKE ? ESCAPE '!') AND e.id < ? "
                     "ORDER BY e.id DESC LIMIT ?");
  if (!s.ok()) return s.status();
  s->bind(1, q).bind(2, like_substring(q)).bind(3, before_id.value_or(INT64_MAX)).bind(4, limit);
  return store::collect<Employer>(*s, read_employer);
}

}  // namespace warmcity::jobs
