// Pickup adults in the database (pickup_store.h).
#include "afterschool/pickup_store.h"

namespace warmcity::afterschool {

namespace {

constexpr char kAdultColumns[] =
    "a.id, a.owner_user_id, a.name, a.relation, a.phone, a.birth_date, a.photo_sha, "
    "a.valid_until, a.code_set_at, a.revoked_at, a.created_at, a.updated_at FROM pickup_adults a ";

PickupAdultRow pickup_row_of(store::Statement& q) {
  PickupAdultRow r;
  r.id = q.column_int64(0);
  r.owner_user_id = q.column_int64(1);
  r.name = q.column_text(2);
  r.relation = q.column_text(3);
  r.phone = q.column_text(4);
  r.birth_date = q.column_text(5);
  r.photo_file = q.column_text_opt(6);
  r.valid_until = q.column_text_opt(7);
  r.code_set_at = q.column_int64(8);
  r.revoked_at = q.column_int64_opt(9);
  r.created_at = q.column_int64(10);
  r.updated_at = q.column_int64(11);
  return r;
}

Status pickup_fill_children(store::Connection& c, PickupAdultRow& a) {
  auto q =
      c.prepare("SELECT child_id FROM child_pickup_adults WHERE adult_id = ? ORDER BY child_id");
  if (!q.ok()) return q.status();
  q->bind(1, a.id);
  Result<std::vector<int64_t>> ids =
      store::collect<int64_t>(*q, [](store::Statement& s) { return s.column_int64(0); });
  if (!ids.ok()) return ids.status();
  a.child_ids = std::move(*ids);
  return Status::Ok();
}

Result<std::vector<PickupAdultRow>> pickup_rows(store::Connection& c, const std::string& sql,
                                                int64_t key) {
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  q->bind(1, key);
  Result<std::vector<PickupAdultRow>> rows = store::collect<PickupAdultRow>(*q, pickup_row_of);
  if (!rows.ok()) return rows.status();
  for (PickupAdultRow& a : *rows)
    if (Status s = pickup_fill_children(c, a); !s.ok()) return s;
  return rows;
}

}  // namespace

bool adult_active(const PickupAdultRow& a, const std::string& today) {
  return !a.revoked_at && (!a.valid_until || *a.valid_until >= today);
}

Result<int64_t> insert_pickup_adult(store::Connection& c, const PickupAdultFields& f,
                                    const std::optional<std::string>& photo_file, int64_t owner,
                                    const std::string& code, int64_t at) {
  auto q = c.prepare(
      "INSERT INTO pickup_adults (owner_user_id, name, relation, phone, birth_date, photo_sha, "
      "valid_until, code_salt, code_hash, code_set_at, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  std::optional<std::string> until;
  if (f.valid_until) until = core::format_date(*f.valid_until);
  q->bind(1, owner)
      .bind(2, f.name)
      .bind(3, f.relation)
      .bind(4, f.phone)
      .bind(5, core::format_date(f.birth_date))
      .bind(6, photo_file)
      .bind(7, until)
      .bind(8, at)
      .bind(9, at)
      .bind(10, at);
  Result<int64_t> id = q->returning_id();
  if (!id.ok()) return id;
  if (Status s = set_pickup_code(c, *id, code, at); !s.ok()) return s;
  if (Status s = link_children(c, *id, f.child_ids); !s.ok()) return s;
  return id;
}

Status set_pickup_code(store::Connection& c, int64_t adult_id, const std::string& code,
                       int64_t at) {
  const std::string salt = accounts::new_code_salt();
  auto q = c.prepare(
      "UPDATE pickup_adults SET code_salt = ?, code_hash = ?, code_set_at = ?, updated_at = ? "
      "WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, salt)
      .bind(2, pickup_code_hash(salt, adult_id, code))
      .bind(3, at)
      .bind(4, at)
      .bind(5, adult_id);
  return q->run();
}

Status update_pickup_adult(store::Connection& c, int64_t adult_id, const PickupAdultPatch& p,
                           const std::optional<std::optional<std::string>>& photo_file,
                           int64_t at) {
  std::optional<std::string> until;
  if (p.valid_until && *p.valid_until) until = core::format_date(**p.valid_until);
  auto q = c.prepare(
      "UPDATE pickup_adults SET name = COALESCE(?, name), relation = COALESCE(?, relation), "
      "phone = COALESCE(?, phone), "
      "valid_until = CASE WHEN ? = 1 THEN ? ELSE valid_until END, "
      "photo_sha = CASE WHEN ? = 1 THEN ? ELSE photo_sha END, updated_at = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, p.name)
      .bind(2, p.relation)
      .bind(3, p.phone)
      .bind(4, int64_t{p.valid_until ? 1 : 0})
      .bind(5, until)
      .bind(6, int64_t{photo_file ? 1 : 0})
      .bind(7, photo_file ? *photo_file : std::nullopt)
      .bind(8, at)
      .bind(9, adult_id);
  return q->run();
}

Status revoke_pickup_adult(store::Connection& c, int64_t adult_id, int64_t at) {
  auto q = c.prepare(
      "UPDATE pickup_adults SET revoked_at = ?, updated_at = ? WHERE id = ? AND revoked_at IS "
      "NULL");
  if (!q.ok()) return q.status();
  q->bind(1, at).bind(2, at).bind(3, adult_id);
  return q->run();
}

Status link_children(store::Connection& c, int64_t adult_id,
                     const std::vector<int64_t>& child_ids) {
  auto gone = c.prepare("DELETE FROM child_pickup_adults WHERE adult_id = ?");
  if (!gone.ok()) return gone.status();
  gone->bind(1, adult_id);
  if (Status s = gone->run(); !s.ok()) return s;
  for (int64_t child : child_ids) {
    auto q = c.prepare("INSERT INTO child_pickup_adults (child_id, adult_id) VALUES (?, ?)");
    if (!q.ok()) return q.status();
    q->bind(1, child).bind(2, adult_id);
    if (Status s = q->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::optional<PickupAdultRow>> find_pickup_adult(store::Connection& c, int64_t id) {
  Result<std::vector<PickupAdultRow>> rows =
      pickup_rows(c, std::string("SELECT ") + kAdultColumns + "WHERE a.id = ?", id);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<PickupAdultRow>();
  return std::optional<PickupAdultRow>(std::move(rows->front()));
}

Result<std::vector<PickupAdultRow>> pickup_adults_of_guardian(store::Connection& c,
                                                              int64_t user_id) {
  return pickup_rows(c,
                     std::string("SELECT ") + kAdultColumns +
                         "WHERE a.id IN (SELECT l.adult_id FROM child_pickup_adults l "
                         "JOIN child_guardians g ON g.child_id = l.child_id WHERE g.user_id = ?) "
                         "ORDER BY a.id",
                     user_id);
}

Result<std::vector<PickupAdultRow>> pickup_adults_of_child(store::Connection& c, int64_t child_id) {
  return pickup_rows(c,
                     std::string("SELECT ") + kAdultColumns +
                         "JOIN child_pickup_adults l ON l.adult_id = a.id WHERE l.child_id = ? "
                         "ORDER BY a.id",
                     child_id);
}

Result<bool> guards_child_of_adult(store::Connection& c, int64_t adult_id, int64_t user_id) {
  auto q = c.prepare(
      "SELECT 1 FROM child_pickup_adults l JOIN child_guardians g ON g.child_id = l.child_id "
      "WHERE l.adult_id = ? AND g.user_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, adult_id).bind(2, user_id);
  return q->step();
}

Result<bool> staff_of_adults_child(store::Connection& c, int64_t adult_id, int64_t user_id) {
  auto q = c.prepare(
      "SELECT 1 FROM child_pickup_adults l "
      "JOIN afterschool_enrolments e ON e.child_id = l.child_id AND e.status = 'active' "
      "JOIN afterschool_staff s ON s.programme_id = e.programme_id "
      "JOIN users u ON u.id = s.user_id "
      "WHERE l.adult_id = ? AND s.user_id = ? AND u.disabled = 0 AND u.role <> 'resident'");
  if (!q.ok()) return q.status();
  q->bind(1, adult_id).bind(2, user_id);
  return q->step();
}

}  // namespace warmcity::afterschool
