#include "accounts/session_store.h"

#include <algorithm>
#include <utility>

namespace warmcity::accounts {

Result<int64_t> insert_session(store::Connection& conn, const NewSession& s) {
  auto stmt = conn.prepare(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
      "client_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, s.token_hash)
      .bind(2, s.user_id)
      .bind(3, s.csrf_token)
      .bind(4, s.created_at)
      .bind(5, s.expires_at)
      .bind(6, s.client_address)
      .bind(7, s.user_agent);
  return stmt->returning_id();
}

Result<std::optional<SessionView>> find_session(store::Connection& conn,
                                                std::string_view token_hash) {
  // One row per membership (one row with NULLs for none), so that the
  // authenticator's read stays one indexed query.
  auto stmt = conn.prepare(
      "SELECT s.id, s.user_id, s.csrf_token, s.expires_at, s.revoked_at, u.username, u.role, "
      "u.disabled, m.organisation_id, o.area_id "
      "FROM sessions s JOIN users u ON u.id = s.user_id "
      "LEFT JOIN memberships m ON m.user_id = u.id "
      "LEFT JOIN organisations o ON o.id = m.organisation_id "
      "WHERE s.token_hash = ? ORDER BY m.organisation_id");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, token_hash);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SessionView>();
  SessionView v;
  v.session_id = stmt->column_int64(0);
  v.user_id = stmt->column_int64(1);
  v.csrf_token = stmt->column_text(2);
  v.expires_at = stmt->column_int64(3);
  v.revoked_at = stmt->column_int64_opt(4);
  v.username = stmt->column_text(5);
  v.role = stmt->column_text(6);
  v.user_disabled = stmt->column_int64(7) != 0;
  for (bool more = true; more;) {
    if (auto org = stmt->column_int64_opt(8)) v.organisation_ids.push_back(*org);
    if (auto area = stmt->column_int64_opt(9)) v.area_ids.push_back(*area);
    auto next = stmt->step();
    if (!next.ok()) return next.status();
    more = *next;
  }
  std::sort(v.organisation_ids.begin(), v.organisation_ids.end());
  std::sort(v.area_ids.begin(), v.area_ids.end());
  v.area_ids.erase(std::unique(v.area_ids.begin(), v.area_ids.end()), v.area_ids.end());
  return std::optional<SessionView>(std::move(v));
}

Status revoke_session(store::Connection& conn, int64_t session_id, int64_t now) {
  auto stmt =
      conn.prepare("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, now).bind(2, session_id);
  return stmt->run();
}

Status revoke_user_sessions(store::Connection& conn, int64_t user_id, int64_t now,
                            std::optional<int64_t> keep) {
  auto stmt = conn.prepare(
      "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND expires_at > ? "
      "AND revoked_at IS NULL AND id IS DISTINCT FROM ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, now).bind(2, user_id).bind(3, now).bind(4, keep);
  return stmt->run();
}

Status purge_user_sessions(store::Connection& conn, int64_t user_id, int64_t before) {
  auto stmt =
      conn.prepare("DELETE FROM sessions WHERE user_id = ? AND (expires_at < ? OR revoked_at < ?)");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, user_id).bind(2, before).bind(3, before);
  return stmt->run();
}

}  // namespace warmcity::accounts
