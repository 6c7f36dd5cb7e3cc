#include "accounts/user_store.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace warmcity::accounts {

namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, role, password_hash, phone, disabled, created_at, "
    "updated_at, (SELECT group_concat(organisation_id) FROM memberships m WHERE m.user_id = "
    "users.id) FROM users ";

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
  u.organisation_ids = parse_id_list(s.column_text(9));
  return u;
}

Result<std::optional<UserRecord>> find_one(store::Connection& conn, const std::string& sql,
                                           auto bind_key) {
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  bind_key(*stmt);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<UserRecord>();
  return std::optional<UserRecord>(read_user(*stmt));
}

}  // namespace

std::vector<int64_t> parse_id_list(std::string_view csv) {
  std::vector<int64_t> ids;
  while (!csv.empty()) {
    size_t comma = csv.find(',');
    std::string_view part = csv.substr(0, comma);
    int64_t id = 0;
    if (std::from_chars(part.data(), part.data() + part.size(), id).ec == std::errc()) {
      ids.push_back(id);
    }
    csv = comma == std::string_view::npos ? std::string_view{} : csv.substr(comma + 1);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::optional<UserRecord>> find_user_by_id(store::Connection& conn, int64_t id) {
  return find_one(conn, std::string(kUserColumns) + "WHERE id = ?",
                  [&](store::Statement& s) { s.bind(1, id); });
}

Result<std::optional<UserRecord>> find_user_by_username(store::Connection& conn,
                                                        std::string_view username) {
  return find_one(conn, std::string(kUserColumns) + "WHERE username = ?",
                  [&](store::Statement& s) { s.bind(1, username); });
}

Result<std::vector<UserRecord>> list_users_page(store::Connection& conn,
                                                const std::optional<std::string>& role,
                                                std::optional<int64_t> before_id, int limit) {
  std::string sql = std::string(kUserColumns) + "WHERE 1 " + (before_id ? "AND id < ? " : "") +
                    (role ? "AND role = ? " : "") + "ORDER BY id DESC LIMIT ?";
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  int i = 1;
  if (before_id) stmt->bind(i++, *before_id);
  if (role) stmt->bind(i++, *role);
  stmt->bind(i, limit);
  std::vector<UserRecord> users;
  for (;;) {
    auto row = stmt->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    users.push_back(read_user(*stmt));
  }
  return users;
}

Result<int64_t> insert_user(store::Connection& conn, const UserRecord& u, int64_t now) {
  auto stmt = conn.prepare(
      "INSERT INTO users (username, display_name, role, password_hash, phone, disabled, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, u.username)
      .bind(2, u.display_name)
      .bind(3, u.role)
      .bind(4, u.password_hash)
      .bind(5, u.phone)
      .bind(6, u.disabled ? 1 : 0)
      .bind(7, now)
      .bind(8, now);
  if (Status s = stmt->run(); !s.ok()) {
    if (s.code() == Code::kConflict) return Status::Conflict("username already taken");
    return s;
  }
  int64_t id = conn.last_insert_rowid();
  if (Status s = set_memberships(conn, id, u.organisation_ids); !s.ok()) return s;
  return id;
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
    auto ins =
        conn.prepare("INSERT OR IGNORE INTO memberships (user_id, organisation_id) VALUES (?, ?)");
    if (!ins.ok()) return ins.status();
    ins->bind(1, user_id).bind(2, org);
    if (Status s = ins->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace warmcity::accounts
