#include "accounts/resident_store.h"

namespace warmcity::accounts {

namespace {

// Count, oldest and newest of the codes for `key` made after `since`.
struct Window {
  int count = 0;
  int64_t oldest = 0, newest = 0;
};

Result<Window> window(store::Connection& conn, const char* sql, std::string_view key,
                      int64_t since) {
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, key).bind(2, since);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  Window w;
  if (*row && stmt->column_int64(0) > 0) {
    w.count = static_cast<int>(stmt->column_int64(0));
    w.oldest = stmt->column_int64(1);
    w.newest = stmt->column_int64(2);
  }
  return w;
}

Status run(store::Connection& conn, const char* sql, auto bind) {
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  bind(*stmt);
  return stmt->run();
}

}  // namespace

Result<CodeHistory> code_history(store::Connection& conn, std::string_view phone,
                                 std::string_view network, int64_t now) {
  const int64_t since = now - 3600;
  auto by_phone = window(conn,
                         "SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM resident_codes "
                         "WHERE phone = ? AND created_at > ?",
                         phone, since);
  if (!by_phone.ok()) return by_phone.status();
  auto by_network = window(conn,
                           "SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM "
                           "resident_codes WHERE network = ? AND created_at > ?",
                           network, since);
  if (!by_network.ok()) return by_network.status();
  CodeHistory h;
  h.last_for_phone = by_phone->newest;
  h.phone_last_hour = by_phone->count;
  h.oldest_phone_in_hour = by_phone->oldest;
  h.network_last_hour = by_network->count;
  h.oldest_network_in_hour = by_network->oldest;
  return h;
}

Result<int64_t> insert_code(store::Connection& conn, std::string_view phone,
                            std::string_view network, std::string_view salt, std::string_view hash,
                            int64_t now, int64_t expires_at) {
  auto stmt = conn.prepare(
      "INSERT INTO resident_codes (phone, network, code_salt, code_hash, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, phone)
      .bind(2, network)
      .bind(3, salt)
      .bind(4, hash)
      .bind(5, now)
      .bind(6, expires_at);
  return stmt->returning_id();
}

Status delete_code(store::Connection& conn, int64_t id) {
  return run(conn, "DELETE FROM resident_codes WHERE id = ?",
             [&](store::Statement& s) { s.bind(1, id); });
}

Status purge_codes(store::Connection& conn, int64_t before) {
  return run(conn, "DELETE FROM resident_codes WHERE created_at < ?",
             [&](store::Statement& s) { s.bind(1, before); });
}

Result<std::optional<StoredCode>> latest_code(store::Connection& conn, std::string_view phone) {
  auto stmt = conn.prepare(
      "SELECT id, code_salt, code_hash, expires_at, attempts, used_at FROM resident_codes "
      "WHERE phone = ? ORDER BY id DESC LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, phone);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<StoredCode>();
  StoredCode c;
  c.id = stmt->column_int64(0);
  c.code_salt = stmt->column_text(1);
  c.code_hash = stmt->column_text(2);
  c.expires_at = stmt->column_int64(3);
  c.attempts = static_cast<int>(stmt->column_int64(4));
  c.used_at = stmt->column_int64_opt(5);
  return std::optional<StoredCode>(std::move(c));
}

Status count_attempt(store::Connection& conn, int64_t id) {
  return run(conn, "UPDATE resident_codes SET attempts = attempts + 1 WHERE id = ?",
             [&](store::Statement& s) { s.bind(1, id); });
}

Status mark_code_used(store::Connection& conn, int64_t id, int64_t now) {
  return run(conn, "UPDATE resident_codes SET used_at = ? WHERE id = ?",
             [&](store::Statement& s) { s.bind(1, now).bind(2, id); });
}

Result<std::optional<UserRecord>> find_resident_by_phone(store::Connection& conn,
                                                         std::string_view phone) {
  auto stmt = conn.prepare(
      "SELECT id FROM users WHERE role = 'resident' AND phone = ? ORDER BY id LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, phone);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<UserRecord>();
  return find_user_by_id(conn, stmt->column_int64(0));
}

Status erase_resident(store::Connection& conn, int64_t user_id,
                      const std::optional<std::string>& phone, int64_t now) {
  auto id = [&](store::Statement& s) { s.bind(1, user_id); };
  if (Status s = run(conn, "DELETE FROM sessions WHERE user_id = ?", id); !s.ok()) return s;
  if (Status s = run(conn, "DELETE FROM memberships WHERE user_id = ?", id); !s.ok()) return s;
  if (phone) {
    if (Status s = run(conn, "DELETE FROM resident_codes WHERE phone = ?",
                       [&](store::Statement& st) { st.bind(1, *phone); });
        !s.ok()) {
      return s;
    }
  }
  return run(conn,
             "UPDATE users SET username = ?, display_name = '已注销', phone = NULL, "
             "password_hash = '!', disabled = 1, updated_at = ? WHERE id = ?",
             [&](store::Statement& s) {
               s.bind(1, "deleted-" + std::to_string(user_id)).bind(2, now).bind(3, user_id);
             });
}

}  // namespace warmcity::accounts
