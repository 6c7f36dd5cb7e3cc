// The day's rows (day_store.h).
#include "afterschool/day_store.h"

namespace warmcity::afterschool {

namespace {

constexpr char kAttendanceColumns[] =
    "id, programme_id, child_id, day, checked_in_at, checked_in_by, brought_by, brought_by_name, "
    "checked_out_at, checked_out_by, pickup_method, pickup_adult_id, pickup_proxy_id, "
    "pickup_name, pickup_relation, late, code_failures";

Attendance attendance_row(const store::Statement& q) {
  Attendance a;
  a.id = q.column_int64(0);
  a.programme_id = q.column_int64(1);
  a.child_id = q.column_int64(2);
  a.day = q.column_text(3);
  a.checked_in_at = q.column_int64(4);
  a.checked_in_by = q.column_int64(5);
  a.brought_by = q.column_text(6);
  a.brought_by_name = q.column_text_opt(7);
  a.checked_out_at = q.column_int64_opt(8);
  a.checked_out_by = q.column_int64_opt(9);
  a.pickup_method = q.column_text_opt(10);
  a.pickup_adult_id = q.column_int64_opt(11);
  a.pickup_proxy_id = q.column_int64_opt(12);
  a.pickup_name = q.column_text_opt(13);
  a.pickup_relation = q.column_text_opt(14);
  a.late = q.column_int64(15) != 0;
  a.code_failures = q.column_int64(16);
  return a;
}

}  // namespace

Result<std::optional<Attendance>> find_attendance(store::Connection& c, int64_t programme_id,
                                                  const std::string& day, int64_t child_id) {
  auto q = c.prepare(std::string("SELECT ") + kAttendanceColumns +
                     " FROM afterschool_attendance "
                     "WHERE programme_id = ? AND day = ? AND child_id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, programme_id).bind(2, day).bind(3, child_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Attendance>();
  return std::optional<Attendance>(attendance_row(*q));
}

Result<std::vector<Attendance>> attendances_of_day(store::Connection& c, int64_t programme_id,
                                                   const std::string& day) {
  auto q = c.prepare(std::string("SELECT ") + kAttendanceColumns +
                     " FROM afterschool_attendance WHERE programme_id = ? AND day = ?");
  if (!q.ok()) return q.status();
  q->bind(1, programme_id).bind(2, day);
  return store::collect<Attendance>(*q, attendance_row);
}

Result<int64_t> insert_attendance(store::Connection& c, const Attendance& a) {
  auto q = c.prepare(
      "INSERT INTO afterschool_attendance (programme_id, child_id, day, checked_in_at, "
      "checked_in_by, brought_by, brought_by_name) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, a.programme_id)
      .bind(2, a.child_id)
      .bind(3, a.day)
      .bind(4, a.checked_in_at)
      .bind(5, a.checked_in_by)
      .bind(6, a.brought_by)
      .bind(7, a.brought_by_name);
  return q->returning_id();
}

Status add_code_failure(store::Connection& c, int64_t attendance_id) {
  auto q =
      c.prepare("UPDATE afterschool_attendance SET code_failures = code_failures + 1 WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, attendance_id);
  return q->run();
}

Status write_check_out(store::Connection& c, const Attendance& a) {
  auto q = c.prepare(
      "UPDATE afterschool_attendance SET checked_out_at = ?, checked_out_by = ?, "
      "pickup_method = ?, pickup_adult_id = ?, pickup_proxy_id = ?, pickup_name = ?, "
      "pickup_relation = ?, late = ? WHERE id = ? AND checked_out_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, a.checked_out_at)
      .bind(2, a.checked_out_by)
      .bind(3, a.pickup_method)
      .bind(4, a.pickup_adult_id)
      .bind(5, a.pickup_proxy_id)
      .bind(6, a.pickup_name)
      .bind(7, a.pickup_relation)
      .bind(8, int64_t{a.late ? 1 : 0})
      .bind(9, a.id);
  if (Status s = q->run(); !s.ok()) return s;
  if (c.changes() != 1)
    return Status::Conflict("already_checked_out: the child has gone home already");
  return Status::Ok();
}

Result<bool> child_known(store::Connection& c, int64_t child_id) {
  auto q = c.prepare("SELECT 1 FROM children WHERE id = ? AND erased_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, child_id);
  return q->step();
}

Result<std::vector<PickupAdultFacts>> pickup_adults_of(store::Connection& c, int64_t child_id) {
  auto q = c.prepare(
      "SELECT a.id, a.name, a.relation, a.phone, a.photo_sha, a.valid_until, a.revoked_at, "
      "a.code_salt, a.code_hash FROM child_pickup_adults l "
      "JOIN pickup_adults a ON a.id = l.adult_id WHERE l.child_id = ? ORDER BY a.id");
  if (!q.ok()) return q.status();
  q->bind(1, child_id);
  return store::collect<PickupAdultFacts>(*q, [](const store::Statement& r) {
    PickupAdultFacts a;
    a.id = r.column_int64(0);
    a.name = r.column_text(1);
    a.relation = r.column_text(2);
    a.phone = r.column_text(3);
    a.has_photo = !r.column_is_null(4) && !r.column_text(4).empty();
    a.valid_until = r.column_text_opt(5);
    a.revoked_at = r.column_int64_opt(6);
    a.code_salt = r.column_text(7);
    a.code_hash = r.column_text(8);
    return a;
  });
}

}  // namespace warmcity::afterschool
