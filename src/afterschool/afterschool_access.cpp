// Who may touch what in after-school care (afterschool_access.h).
#include "afterschool/afterschool_access.h"

#include "activities/organiser_access.h"

namespace warmcity::afterschool {
namespace {

// One row or none: whether the query, bound to a and b, finds anything.
Result<bool> exists(store::Connection& c, const std::string& sql, int64_t a, int64_t b) {
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  q->bind(1, a).bind(2, b);
  return q->step();
}

// The programme's organiser, or NotFound.
Result<int64_t> organiser_of(store::Connection& c, int64_t programme_id) {
  auto q = c.prepare("SELECT organiser_org_id FROM afterschool_programmes WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, programme_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such programme");
  return q->column_int64(0);
}

Result<bool> child_exists(store::Connection& c, int64_t child_id) {
  auto q = c.prepare("SELECT 1 FROM children WHERE id = ? AND erased_at IS NULL");
  if (!q.ok()) return q.status();
  q->bind(1, child_id);
  return q->step();
}

}  // namespace

Result<bool> is_guardian(store::Connection& c, int64_t user_id, int64_t child_id) {
  return exists(c, "SELECT 1 FROM child_guardians WHERE user_id = ? AND child_id = ?", user_id,
                child_id);
}

Result<bool> is_programme_staff(store::Connection& c, int64_t user_id, int64_t programme_id) {
  return exists(c,
                "SELECT 1 FROM afterschool_staff s JOIN users u ON u.id = s.user_id "
                "WHERE s.user_id = ? AND s.programme_id = ? AND u.disabled = 0 "
                "AND u.role <> 'resident'",
                user_id, programme_id);
}

Result<bool> is_enrolled(store::Connection& c, int64_t child_id, int64_t programme_id) {
  return exists(c,
                "SELECT 1 FROM afterschool_enrolments "
                "WHERE child_id = ? AND programme_id = ? AND status = 'active'",
                child_id, programme_id);
}

Status require_programme_organiser(store::Connection& c, const Caller& by, int64_t programme_id) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  Result<int64_t> org = organiser_of(c, programme_id);
  if (!org.ok()) return org.status();
  return activities::require_organiser(c, by, *org);
}

Status require_programme_staff(store::Connection& c, const Caller& by, int64_t programme_id) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  Result<int64_t> org = organiser_of(c, programme_id);
  if (!org.ok()) return org.status();
  Result<bool> staff = is_programme_staff(c, by.user_id, programme_id);
  if (!staff.ok()) return staff.status();
  if (!*staff) return Status::PermissionDenied("only this programme's staff may do this");
  return Status::Ok();
}

Status require_staff_or_organiser(store::Connection& c, const Caller& by, int64_t programme_id) {
  Status staff = require_programme_staff(c, by, programme_id);
  if (staff.code() != Code::kPermissionDenied) return staff;
  return require_programme_organiser(c, by, programme_id);
}

Status require_guardian(store::Connection& c, const Caller& by, int64_t child_id) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  Result<bool> known = child_exists(c, child_id);
  if (!known.ok()) return known.status();
  if (!*known) return Status::NotFound("no such child");
  Result<bool> guardian = is_guardian(c, by.user_id, child_id);
  if (!guardian.ok()) return guardian.status();
  if (!*guardian) return Status::PermissionDenied("only the child's guardians may do this");
  return Status::Ok();
}

Result<ChildReader> require_child_reader(store::Connection& c, const Caller& by, int64_t child_id) {
  Status guardian = require_guardian(c, by, child_id);
  if (guardian.ok()) return ChildReader::kGuardian;
  if (guardian.code() != Code::kPermissionDenied) return guardian;
  Result<bool> staff = exists(c,
                              "SELECT 1 FROM afterschool_enrolments e "
                              "JOIN afterschool_staff s ON s.programme_id = e.programme_id "
                              "JOIN users u ON u.id = s.user_id "
                              "WHERE e.child_id = ? AND s.user_id = ? AND e.status = 'active' "
                              "AND u.disabled = 0 AND u.role <> 'resident'",
                              child_id, by.user_id);
  if (!staff.ok()) return staff.status();
  if (!*staff)
    return Status::PermissionDenied(
        "only the child's guardians and the staff of its programmes may see a child");
  return ChildReader::kStaff;
}

}  // namespace warmcity::afterschool
