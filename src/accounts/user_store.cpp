#include "accounts/user_store.h"

#include <map>
#include <utility>

#include "accounts/id_chunks.h"
#include "accounts/user_rules.h"

namespace warmcity::accounts {

namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, role, password_hash, phone, disabled, created_at, "
    "updated_at FROM users ";

UserRecord read_user(const store::Statement& s) {
  UserRecord u;
  u.id = s.column_int64(0);
  u.username = s.column_text(1);
  u.display_name = s.column_text(2);
  u.role = s.column_text(3);
  u.password_hash = s.column_text(4);
  u.phone = s.column_text_opt(5);
  u.disabled = s.column_int64(6) != 0;
  u.created_at = s.column_int64(7);
  u.updated_at = s.column_int64(8);
  return u;
}

// Fills organisation_ids (ascending) of every user in `users`.
Status read_memberships(store::Connection& conn, std::vector<UserRecord>& users) {
  std::vector<int64_t> ids;
  for (const UserRecord& u : users) ids.push_back(u.id);
  std::map<int64_t, std::vector<int64_t>> of_user;
  for (const IdChunk& chunk : id_chunks(std::move(ids))) {
    auto stmt = conn.prepare("SELECT user_id, organisation_id FROM memberships WHERE user_id IN (" +
                             chunk.placeholders + ") ORDER BY user_id, organisation_id");
    if (!stmt.ok()) return stmt.status();
    for (size_t i = 0; i < chunk.values.size(); ++i) {
      stmt->bind(static_cast<int>(i + 1), chunk.values[i]);
    }
    for (;;) {
      auto row = stmt->step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      of_user[stmt->column_int64(0)].push_back(stmt->column_int64(1));
    }
  }
  for (UserRecord& u : users) {
    auto it = of_user.find(u.id);
    if (it != of_user.end()) u.organisation_ids = std::move(it->second);
  }
  return Status::Ok();
}

Result<std::vector<UserRecord>> read_users(store::Connection& conn, store::Statement& stmt) {
  auto users = store::collect<UserRecord>(stmt, read_user);
  if (!users.ok()) return users.status();
  if (Status s = read_memberships(conn, *users); !s.ok()) return s;
  return users;
}

Result<std::optional<UserRecord>> find_one(store::Connection& conn, const std::string& sql,
                                           auto bind_key) {
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  bind_key(*stmt);
  auto users = read_users(conn, *stmt);
  if (!users.ok()) return users.status();
  if (users->empty()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(std::move(users->front()));
}

}  // namespace

Result<std::optional<UserRecord>> find_user_by_id(store::Connection& conn, int64_t id) {
  return find_one(conn, std::string(kUserColumns) + "WHERE id = ?",
                  [&](store::Statement& s) { s.bind(1, id); });
}

Result<std::optional<UserRecord>> find_user_by_username(store::Connection& conn,
                                                        std::string_view username) {
  // Folded here, ASCII only, like SQLite's lower(): PostgreSQL's lower() would
  // also fold other letters (the Kelvin sign to k) in what a caller typed.
  return find_one(conn, std::string(kUserColumns) + "WHERE lower(username) = ?",
                  [&](store::Statement& s) { s.bind(1, ascii_lower(username)); });
}

Result<std::vector<UserRecord>> list_users_page(store::Connection& conn,
                                                const std::optional<std::string>& role,
                                                std::optional<int64_t> before_id, int limit) {
  std::string sql = std::string(kUserColumns) + "WHERE 1 = 1 " + (before_id ? "AND id < ? " : "") +
                    (role ? "AND role = ? " : "") + "ORDER BY id DESC LIMIT ?";
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  int i = 1;
  if (before_id) stmt->bind(i++, *before_id);
  if (role) stmt->bind(i++, *role);
  stmt->bind(i, limit);
  return read_users(conn, *stmt);
}

Result<int64_t> insert_user(store::Connection& conn, const UserRecord& u, int64_t now) {
  auto stmt = conn.prepare(
      "INSERT INTO users (username, display_name, role, password_hash, phone, disabled, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, u.username)
      .bind(2, u.display_name)
      .bind(3, u.role)
      .bind(4, u.password_hash)
      .bind(5, u.phone)
      .bind(6, u.disabled ? 1 : 0)
      .bind(7, now)
      .bind(8, now);
  auto id = stmt->returning_id();
  if (!id.ok()) {
    if (id.status().code() == Code::kConflict) return Status::Conflict("username already taken");
    return id.status();
  }
  if (Status s = set_memberships(conn, *id, u.organisation_ids); !s.ok()) return s;
  return *id;
}

Status update_user_fields(store::Connection& conn, const UserRecord& u, int64_t now) {
  auto stmt = conn.prepare(
      "UPDATE users SET display_name = ?, role = ?, phone = ?, disabled = ?, updated_at = ? "
      "WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, u.display_name)
      .bind(2, u.role)
      .bind(3, u.phone)
      .bind(4, u.disabled ? 1 : 0)
      .bind(5, now)
      .bind(6, u.id);
  return stmt->run();
}

Status set_password_hash(store::Connection& conn, int64_t user_id, std::string_view hash,
                         int64_t now) {
  auto stmt = conn.prepare("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, hash).bind(2, now).bind(3, user_id);
  return stmt->run();
}

Status set_memberships(store::Connection& conn, int64_t user_id,
                       const std::vector<int64_t>& organisation_ids) {
  {
    auto del = conn.prepare("DELETE FROM memberships WHERE user_id = ?");
    if (!del.ok()) return del.status();
    del->bind(1, user_id);
    if (Status s = del->run(); !s.ok()) return s;
  }
  for (int64_t org : organisation_ids) {
    // One Statement per row: its destructor resets it for the next bind.
    auto ins = conn.prepare(
        "INSERT INTO memberships (user_id, organisation_id) VALUES (?, ?) "
        "ON CONFLICT (user_id, organisation_id) DO NOTHING");
    if (!ins.ok()) return ins.status();
    ins->bind(1, user_id).bind(2, org);
    if (Status s = ins->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace warmcity::accounts
