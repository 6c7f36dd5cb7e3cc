#include "accounts/audit.h"

#include <utility>

#include "core/json_text.h"
#include "core/time.h"

namespace warmcity::accounts {

using core::append_json_string;

Status append_audit(store::Connection& conn, const AuditEntry& e, int64_t at) {
  auto stmt = conn.prepare(
      "INSERT INTO audit_log (at, actor_user_id, action, subject_type, subject_id, detail, "
      "client_address) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, at)
      .bind(2, e.actor_user_id)
      .bind(3, e.action)
      .bind(4, e.subject_type)
      .bind(5, e.subject_id)
      .bind(6, e.detail_json.empty() ? std::string("{}") : e.detail_json)
      .bind(7, e.client_address);
  return stmt->run();
}

store::Database::WriteJob AuditLog::append_job(AuditEntry e) {
  return [e = std::move(e)](store::Connection& conn) {
    return append_audit(conn, e, core::now_unix());
  };
}

void AuditLog::record(AuditEntry e, store::Database::Done done) {
  db_.submit(append_job(std::move(e)), std::move(done));
}

Result<std::vector<AuditRecord>> AuditLog::query(const AuditQuery& q) {
  return query_audit(db_.reader(), q);
}

void AuditDetail::key(std::string_view k) {
  if (!body_.empty()) body_.push_back(',');
  append_json_string(body_, k);
  body_.push_back(':');
}

AuditDetail& AuditDetail::add(std::string_view k, std::string_view value) {
  key(k);
  append_json_string(body_, value);
  return *this;
}

AuditDetail& AuditDetail::add(std::string_view k, int64_t value) {
  key(k);
  body_ += std::to_string(value);
  return *this;
}

AuditDetail& AuditDetail::add(std::string_view k, bool value) {
  key(k);
  body_ += value ? "true" : "false";
  return *this;
}

AuditDetail& AuditDetail::add_null(std::string_view k) {
  key(k);
  body_ += "null";
  return *this;
}

AuditDetail& AuditDetail::add_strings(std::string_view k, const std::vector<std::string>& values) {
  key(k);
  body_.push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) body_.push_back(',');
    append_json_string(body_, values[i]);
  }
  body_.push_back(']');
  return *this;
}

AuditDetail& AuditDetail::add_ints(std::string_view k, const std::vector<int64_t>& values) {
  key(k);
  body_.push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) body_.push_back(',');
    body_ += std::to_string(values[i]);
  }
  body_.push_back(']');
  return *this;
}

Result<std::vector<AuditRecord>> query_audit(store::Connection& conn, const AuditQuery& q) {
  // The statement text depends only on which filters are present (values
  // are always bound), so at most 32 variants are prepared and cached.
  std::string sql =
      "SELECT id, at, actor_user_id, action, subject_type, subject_id, detail, client_address "
      "FROM audit_log WHERE 1 = 1";
  if (q.actor_user_id) sql += " AND actor_user_id = ?";
  if (q.action) sql += " AND action = ?";
  if (q.since) sql += " AND at >= ?";
  if (q.until) sql += " AND at < ?";
  if (q.before_id) sql += " AND id < ?";
  sql += " ORDER BY id DESC LIMIT ?";
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  int i = 1;
  if (q.actor_user_id) stmt->bind(i++, *q.actor_user_id);
  if (q.action) stmt->bind(i++, *q.action);
  if (q.since) stmt->bind(i++, *q.since);
  if (q.until) stmt->bind(i++, *q.until);
  if (q.before_id) stmt->bind(i++, *q.before_id);
  stmt->bind(i, static_cast<int64_t>(q.limit));
  std::vector<AuditRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    AuditRecord r;
    r.id = stmt->column_int64(0);
    r.at = stmt->column_int64(1);
    r.actor_user_id = stmt->column_int64_opt(2);
    r.action = stmt->column_text(3);
    r.subject_type = stmt->column_text(4);
    r.subject_id = stmt->column_text(5);
    r.detail_json = stmt->column_text(6);
    r.client_address = stmt->column_text(7);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace warmcity::accounts
