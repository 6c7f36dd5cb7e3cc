// Children, guardians and enrolments in the database (child_store.h).
#include "afterschool/child_store.h"

namespace warmcity::afterschool {

namespace {

constexpr char kChildColumns[] =
    "id, name, school, grade, birth_date, health_notes, consent_at, consent_by, created_at, "
    "updated_at, photo_sha";

ChildRow child_row_of(store::Statement& q) {
  ChildRow r;
  r.id = q.column_int64(0);
  r.name = q.column_text(1);
  r.school = q.column_text(2);
  r.grade = q.column_text(3);
  r.birth_date = q.column_text(4);
  r.health_notes = q.column_text_opt(5);
  r.consent_at = q.column_int64(6);
  r.consent_by = q.column_int64(7);
  r.created_at = q.column_int64(8);
  r.updated_at = q.column_int64(9);
  r.photo_file = q.column_text_opt(10);
  return r;
}

constexpr char kEnrolmentColumns[] =
    "e.id, e.child_id, e.programme_id, p.name, e.status, e.created_at, e.withdrawn_at "
    "FROM afterschool_enrolments e JOIN afterschool_programmes p ON p.id = e.programme_id ";

EnrolmentRow enrolment_row_of(store::Statement& q) {
  EnrolmentRow r;
  r.id = q.column_int64(0);
  r.child_id = q.column_int64(1);
  r.programme_id = q.column_int64(2);
  r.programme_name = q.column_text(3);
  r.status = q.column_text(4);
  r.created_at = q.column_int64(5);
  r.withdrawn_at = q.column_int64_opt(6);
  return r;
}

}  // namespace

Result<int64_t> insert_child(store::Connection& c, const ChildFields& f,
                             const std::optional<std::string>& photo_file, int64_t by, int64_t at) {
  auto q = c.prepare(
      "INSERT INTO children (name, school, grade, birth_date, health_notes, consent_at, "
      "consent_by, consent_version, created_at, updated_at, photo_sha) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, f.name)
      .bind(2, f.school)
      .bind(3, f.grade)
      .bind(4, core::format_date(f.birth_date))
      .bind(5, f.health_notes)
      .bind(6, at)
      .bind(7, by)
      .bind(8, kChildConsentVersion)
      .bind(9, at)
      .bind(10, at)
      .bind(11, photo_file);
  return q->returning_id();
}

Status insert_guardian(store::Connection& c, int64_t child_id, int64_t user_id,
                       const std::string& relation, int64_t added_by, int64_t at) {
  auto q = c.prepare(
      "INSERT INTO child_guardians (child_id, user_id, relation, added_by, added_at) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->bind(1, child_id).bind(2, user_id).bind(3, relation).bind(4, added_by).bind(5, at);
  return q->run();
}

Status update_child(store::Connection& c, int64_t id, const ChildPatch& p,
                    const std::optional<std::optional<std::string>>& photo_file, int64_t at) {
  auto q = c.prepare(
      "UPDATE children SET name = COALESCE(?, name), school = COALESCE(?, school), "
      "grade = COALESCE(?, grade), health_notes = CASE WHEN ? = 1 THEN ? ELSE health_notes END, "
      "photo_sha = CASE WHEN ? = 1 THEN ? ELSE photo_sha END, "
      "updated_at = ? WHERE id = ? AND erased_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, p.name)
      .bind(2, p.school)
      .bind(3, p.grade)
      .bind(4, int64_t{p.health_notes ? 1 : 0})
      .bind(5, p.health_notes ? *p.health_notes : std::nullopt)
      .bind(6, int64_t{photo_file ? 1 : 0})
      .bind(7, photo_file ? *photo_file : std::nullopt)
      .bind(8, at)
      .bind(9, id);
  return q->run();
}

Result<std::optional<ChildRow>> find_child(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string("SELECT ") + kChildColumns +
                     " FROM children WHERE id = ? AND erased_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ChildRow>();
  return std::optional<ChildRow>(child_row_of(*q));
}

Result<std::vector<GuardianRow>> guardians_of(store::Connection& c, int64_t child_id) {
  auto q = c.prepare(
      "SELECT g.user_id, u.display_name, g.relation, u.phone FROM child_guardians g "
      "JOIN users u ON u.id = g.user_id WHERE g.child_id = ? ORDER BY g.added_at, g.user_id");
  if (!q.ok()) return q.status();
  q->bind(1, child_id);
  return store::collect<GuardianRow>(*q, [](store::Statement& s) {
    return GuardianRow{s.column_int64(0), s.column_text(1), s.column_text(2), s.column_text_opt(3)};
  });
}

Result<ChildRecord> load_child_record(store::Connection& c, int64_t id) {
  Result<std::optional<ChildRow>> child = find_child(c, id);
  if (!child.ok()) return child.status();
  if (!*child) return Status::NotFound("no such child");
  Result<std::vector<GuardianRow>> guardians = guardians_of(c, id);
  if (!guardians.ok()) return guardians.status();
  return ChildRecord{std::move(**child), std::move(*guardians)};
}

Result<std::vector<int64_t>> children_of_guardian(store::Connection& c, int64_t user_id) {
  auto q = c.prepare(
      "SELECT g.child_id FROM child_guardians g JOIN children ch ON ch.id = g.child_id "
      "WHERE g.user_id = ? AND ch.erased_at IS NULL ORDER BY g.child_id");
  if (!q.ok()) return q.status();
  q->bind(1, user_id);
  return store::collect<int64_t>(*q, [](store::Statement& s) { return s.column_int64(0); });
}

Result<std::optional<int64_t>> resident_with_phone(store::Connection& c, const std::string& phone) {
  auto q = c.prepare(
      "SELECT id FROM users WHERE phone = ? AND role = 'resident' AND disabled = 0 "
      "ORDER BY id LIMIT 1");
  if (!q.ok()) return q.status();
  q->bind(1, phone);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(q->column_int64(0));
}

Result<int64_t> insert_enrolment(store::Connection& c, int64_t child_id, int64_t programme_id,
                                 int64_t by, int64_t at) {
  auto q = c.prepare(
      "INSERT INTO afterschool_enrolments (child_id, programme_id, status, consent_at, "
      "consent_by, consent_version, created_at) VALUES (?, ?, 'active', ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  q->bind(1, child_id)
      .bind(2, programme_id)
      .bind(3, at)
      .bind(4, by)
      .bind(5, kEnrolmentConsentVersion)
      .bind(6, at);
  return q->returning_id();
}

Result<std::optional<EnrolmentRow>> find_enrolment(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string("SELECT ") + kEnrolmentColumns + "WHERE e.id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<EnrolmentRow>();
  return std::optional<EnrolmentRow>(enrolment_row_of(*q));
}

Result<std::vector<EnrolmentRow>> enrolments_of(store::Connection& c, int64_t child_id) {
  auto q = c.prepare(std::string("SELECT ") + kEnrolmentColumns +
                     "WHERE e.child_id = ? ORDER BY e.id DESC");
  if (!q.ok()) return q.status();
  q->bind(1, child_id);
  return store::collect<EnrolmentRow>(*q, enrolment_row_of);
}

Status withdraw_enrolment(store::Connection& c, int64_t id, int64_t by, int64_t at) {
  auto q = c.prepare(
      "UPDATE afterschool_enrolments SET status = 'withdrawn', withdrawn_at = ?, "
      "withdrawn_by = ? WHERE id = ? AND status = 'active'");
  if (!q.ok()) return q.status();
  q->bind(1, at).bind(2, by).bind(3, id);
  return q->run();
}

Result<std::vector<AttendanceToday>> attendance_on(store::Connection& c, int64_t child_id,
                                                   const std::string& day) {
  auto q = c.prepare(
      "SELECT programme_id, checked_in_at, brought_by, checked_out_at, pickup_method, "
      "pickup_name, pickup_relation FROM afterschool_attendance WHERE child_id = ? AND day = ? "
      "ORDER BY programme_id");
  if (!q.ok()) return q.status();
  q->bind(1, child_id).bind(2, day);
  return store::collect<AttendanceToday>(*q, [](store::Statement& s) {
    return AttendanceToday{s.column_int64(0),     s.column_int64(1),    s.column_text(2),
                           s.column_int64_opt(3), s.column_text_opt(4), s.column_text_opt(5),
                           s.column_text_opt(6)};
  });
}

Result<bool> late_alert_on(store::Connection& c, int64_t child_id, int64_t programme_id,
                           const std::string& day) {
  auto q = c.prepare(
      "SELECT 1 FROM afterschool_alerts WHERE child_id = ? AND programme_id = ? AND day = ?");
  if (!q.ok()) return q.status();
  q->bind(1, child_id).bind(2, programme_id).bind(3, day);
  return q->step();
}

Result<int64_t> late_pickups_in_month(store::Connection& c, int64_t child_id,
                                      const std::string& month) {
  auto q = c.prepare(
      "SELECT COUNT(*) FROM afterschool_attendance WHERE child_id = ? AND late = 1 "
      "AND day >= ? AND day <= ?");
  if (!q.ok()) return q.status();
  q->bind(1, child_id).bind(2, month + "-01").bind(3, month + "-31");
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  return *row ? q->column_int64(0) : 0;
}

}  // namespace warmcity::afterschool
