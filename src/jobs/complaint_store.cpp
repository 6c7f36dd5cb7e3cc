// The complaints' SQL (complaint_store.h).
#include "jobs/complaint_store.h"

namespace warmcity::jobs {

namespace {

constexpr const char* kComplaintSelect =
    "SELECT k.id, k.post_id, p.title, k.reason, k.text, k.phone, k.from_user, k.from_prefix, "
    "k.created_at, k.status, k.outcome, k.outcome_note, k.handled_by, "
    "COALESCE(NULLIF(u.display_name, ''), u.username, ''), k.handled_at "
    "FROM job_complaints k JOIN job_posts p ON p.id = k.post_id "
    "LEFT JOIN users u ON u.id = k.handled_by ";

Complaint read_complaint(const store::Statement& r) {
  Complaint k;
  k.id = r.column_int64(0);
  k.post_id = r.column_int64(1);
  k.post_title = r.column_text(2);
  k.reason = r.column_text(3);
  k.text = r.column_text(4);
  k.phone = r.column_text_opt(5);
  k.from_user = r.column_int64_opt(6);
  k.from_prefix = r.column_text(7);
  k.created_at = r.column_int64(8);
  k.status = r.column_text(9);
  k.outcome = r.column_text(10);
  k.outcome_note = r.column_text(11);
  k.handled_by = r.column_int64_opt(12);
  k.handled_by_name = r.column_text(13);
  k.handled_at = r.column_int64_opt(14);
  return k;
}

}  // namespace

Result<bool> post_is_public(store::Connection& c, int64_t post_id, const std::string& today) {
  auto q = c.prepare(
      "SELECT 1 FROM job_posts WHERE id = ? AND status = 'published' AND valid_until >= ?");
  if (!q.ok()) return q.status();
  q->bind(1, post_id).bind(2, today);
  return q->step();
}

Result<WindowCount> complaints_from_since(store::Connection& c, const std::string& prefix,
                                          int64_t since) {
  auto q = c.prepare(
      "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM job_complaints "
      "WHERE from_prefix = ? AND created_at > ?");
  if (!q.ok()) return q.status();
  q->bind(1, prefix).bind(2, since);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return WindowCount{};
  return WindowCount{q->column_int64(0), q->column_int64(1)};
}

Status insert_complaint(store::Connection& c, Complaint& k) {
  auto q = c.prepare(
      "INSERT INTO job_complaints (post_id, reason, text, phone, from_user, from_prefix, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, k.post_id).bind(2, k.reason).bind(3, k.text).bind(4, k.phone);
  q->bind(5, k.from_user).bind(6, k.from_prefix).bind(7, k.created_at);
  Result<int64_t> id = q->returning_id();
  if (!id.ok()) return id.status();
  k.id = *id;
  return Status::Ok();
}

Result<Complaint> get_complaint(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string(kComplaintSelect) + "WHERE k.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<std::vector<Complaint>> rows = store::collect<Complaint>(*q, read_complaint);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("no complaint " + std::to_string(id));
  return std::move(rows->front());
}

Result<std::vector<Complaint>> list_complaints(store::Connection& c, const std::string& status,
                                               std::optional<int64_t> after_id, int limit) {
  auto q = c.prepare(std::string(kComplaintSelect) +
                     "WHERE (? = '' OR k.status = ?) AND k.id > ? ORDER BY k.id LIMIT ?");
  if (!q.ok()) return q.status();
  q->bind(1, status).bind(2, status).bind(3, after_id.value_or(0)).bind(4, limit);
  return store::collect<Complaint>(*q, read_complaint);
}

Status mark_handled(store::Connection& c, int64_t id, const std::string& outcome,
                    const std::string& note, int64_t by, int64_t at) {
  auto q = c.prepare(
      "UPDATE job_complaints SET status = 'handled', outcome = ?, outcome_note = ?, "
      "handled_by = ?, handled_at = ? WHERE id = ? AND status = 'open' RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, outcome).bind(2, note).bind(3, by).bind(4, at).bind(5, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (*row) return Status::Ok();
  auto e = c.prepare("SELECT 1 FROM job_complaints WHERE id = ?");
  if (!e.ok()) return e.status();
  e->bind(1, id);
  Result<bool> found = e->step();
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no complaint " + std::to_string(id));
  return Status::Conflict("the complaint is handled already");
}

}  // namespace warmcity::jobs
