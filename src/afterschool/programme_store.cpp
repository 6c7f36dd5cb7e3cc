// After-school programmes in the database (programme_store.h).
#include "afterschool/programme_store.h"

#include <algorithm>

#include "store/sql_list.h"

namespace warmcity::afterschool {

namespace {

constexpr char kProgrammeColumns[] =
    "id, organiser_org_id, site_id, name, weekdays, start_time, end_time, capacity, term_start, "
    "term_end, on_makeup_days, min_adults, base_children, per_extra_children, status, created_by, "
    "created_at, updated_at";

Programme programme_row(const store::Statement& q) {
  Programme p;
  p.id = q.column_int64(0);
  p.organiser_org_id = q.column_int64(1);
  p.site_id = q.column_int64(2);
  p.name = q.column_text(3);
  p.weekdays = q.column_text(4);
  p.start_time = q.column_text(5);
  p.end_time = q.column_text(6);
  p.capacity = q.column_int64(7);
  p.term_start = q.column_text(8);
  p.term_end = q.column_text(9);
  p.on_makeup_days = q.column_int64(10) != 0;
  p.staffing.min_adults = q.column_int64(11);
  p.staffing.base_children = q.column_int64(12);
  p.staffing.per_extra_children = q.column_int64(13);
  p.status = q.column_text(14);
  p.created_by = q.column_int64(15);
  p.created_at = q.column_int64(16);
  p.updated_at = q.column_int64(17);
  return p;
}

Result<int64_t> programme_count_of(store::Connection& c, const std::string& sql, int64_t id,
                                   const std::string* day) {
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  q->bind(1, id);
  if (day) q->bind(2, *day);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  return *row ? q->column_int64(0) : 0;
}

}  // namespace

Result<std::optional<Programme>> find_programme(store::Connection& c, int64_t id) {
  auto q = c.prepare(std::string("SELECT ") + kProgrammeColumns +
                     " FROM afterschool_programmes WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Programme>();
  return std::optional<Programme>(programme_row(*q));
}

Result<DayStaffing> staffing_of_day(store::Connection& c, const Programme& p,
                                    const std::string& day, int64_t children,
                                    core::LocalDate today) {
  auto q = c.prepare(
      "SELECT s.background_checked_on FROM afterschool_duty d "
      "JOIN afterschool_staff s ON s.programme_id = d.programme_id AND s.user_id = d.user_id "
      "JOIN users u ON u.id = d.user_id "
      "WHERE d.programme_id = ? AND d.day = ? AND u.disabled = 0 AND u.role <> 'resident'");
  if (!q.ok()) return q.status();
  q->bind(1, p.id).bind(2, day);
  Result<std::vector<std::string>> checks =
      store::collect<std::string>(*q, [](store::Statement& s) { return s.column_text(0); });
  if (!checks.ok()) return checks.status();
  DayStaffing out;
  out.children = children;
  out.required = adults_needed(p.staffing, children);
  for (const std::string& checked : *checks)
    if (!recheck_due(checked, today)) ++out.on_duty;
  out.met = out.on_duty >= out.required;
  return out;
}

namespace {

// The fields a programme is made and edited with, as binds 1–14 in the
// order insert_programme's and update_programme's SQL name them.
void bind_programme_fields(store::Statement& q, const Programme& p) {
  q.bind(1, p.organiser_org_id)
      .bind(2, p.site_id)
      .bind(3, p.name)
      .bind(4, p.weekdays)
      .bind(5, p.start_time)
      .bind(6, p.end_time)
      .bind(7, p.capacity)
      .bind(8, p.term_start)
      .bind(9, p.term_end)
      .bind(10, int64_t{p.on_makeup_days ? 1 : 0})
      .bind(11, p.staffing.min_adults)
      .bind(12, p.staffing.base_children)
      .bind(13, p.staffing.per_extra_children)
      .bind(14, p.status);
}

}  // namespace

Result<int64_t> insert_programme(store::Connection& c, const Programme& p) {
  auto q = c.prepare(
      "INSERT INTO afterschool_programmes (organiser_org_id, site_id, name, weekdays, start_time, "
      "end_time, capacity, term_start, term_end, on_makeup_days, min_adults, base_children, "
      "per_extra_children, status, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!q.ok()) return q.status();
  bind_programme_fields(*q, p);
  q->bind(15, p.created_by).bind(16, p.created_at).bind(17, p.updated_at);
  return q->returning_id();
}

Status update_programme(store::Connection& c, const Programme& p) {
  auto q = c.prepare(
      "UPDATE afterschool_programmes SET organiser_org_id = ?, site_id = ?, name = ?, "
      "weekdays = ?, start_time = ?, end_time = ?, capacity = ?, term_start = ?, term_end = ?, "
      "on_makeup_days = ?, "
      "min_adults = ?, base_children = ?, per_extra_children = ?, status = ?, updated_at = ? "
      "WHERE id = ?");
  if (!q.ok()) return q.status();
  bind_programme_fields(*q, p);
  q->bind(15, p.updated_at).bind(16, p.id);
  return q->run();
}

Result<std::vector<StaffMember>> staff_of(store::Connection& c, int64_t programme_id) {
  auto q = c.prepare(
      "SELECT s.user_id, u.display_name, s.role, s.background_checked_on "
      "FROM afterschool_staff s JOIN users u ON u.id = s.user_id "
      "WHERE s.programme_id = ? ORDER BY s.user_id");
  if (!q.ok()) return q.status();
  q->bind(1, programme_id);
  return store::collect<StaffMember>(*q, [](store::Statement& s) {
    return StaffMember{s.column_int64(0), s.column_text(1), s.column_text(2), s.column_text(3)};
  });
}

Result<std::vector<int64_t>> duty_of_day(store::Connection& c, int64_t programme_id,
                                         const std::string& day) {
  auto q = c.prepare(
      "SELECT user_id FROM afterschool_duty WHERE programme_id = ? AND day = ? ORDER BY user_id");
  if (!q.ok()) return q.status();
  q->bind(1, programme_id).bind(2, day);
  return store::collect<int64_t>(*q, [](const store::Statement& r) { return r.column_int64(0); });
}

Result<std::vector<StaffMember>> duty_members_of_day(store::Connection& c, int64_t programme_id,
                                                     const std::string& day) {
  auto q = c.prepare(
      "SELECT d.user_id, u.display_name, COALESCE(d.role, s.role, ''), "
      "COALESCE(s.background_checked_on, '') FROM afterschool_duty d "
      "JOIN users u ON u.id = d.user_id LEFT JOIN afterschool_staff s "
      "ON s.programme_id = d.programme_id AND s.user_id = d.user_id "
      "WHERE d.programme_id = ? AND d.day = ? ORDER BY d.user_id");
  if (!q.ok()) return q.status();
  q->bind(1, programme_id).bind(2, day);
  return store::collect<StaffMember>(*q, [](store::Statement& s) {
    return StaffMember{s.column_int64(0), s.column_text(1), s.column_text(2), s.column_text(3)};
  });
}

Status replace_staff(store::Connection& c, int64_t programme_id,
                     const std::vector<StaffEntry>& staff, int64_t by, int64_t at,
                     const std::string& from_day) {
  auto del = c.prepare("DELETE FROM afterschool_staff WHERE programme_id = ?");
  if (!del.ok()) return del.status();
  del->bind(1, programme_id);
  if (Status s = del->run(); !s.ok()) return s;
  for (const StaffEntry& e : staff) {
    auto ins = c.prepare(
        "INSERT INTO afterschool_staff (programme_id, user_id, role, background_checked_on, "
        "added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (!ins.ok()) return ins.status();
    ins->bind(1, programme_id)
        .bind(2, e.user_id)
        .bind(3, e.role)
        .bind(4, e.background_checked_on)
        .bind(5, by)
        .bind(6, at);
    if (Status s = ins->run(); !s.ok()) return s;
  }
  auto drop = c.prepare(
      "DELETE FROM afterschool_duty WHERE programme_id = ? AND day >= ? AND user_id NOT IN "
      "(SELECT user_id FROM afterschool_staff WHERE programme_id = ?) AND day NOT IN "
      "(SELECT day FROM afterschool_duty_confirmations WHERE programme_id = ?)");
  if (!drop.ok()) return drop.status();
  drop->bind(1, programme_id).bind(2, from_day).bind(3, programme_id).bind(4, programme_id);
  return drop->run();
}

Result<bool> is_active_non_resident(store::Connection& c, int64_t user_id) {
  auto q = c.prepare("SELECT 1 FROM users WHERE id = ? AND disabled = 0 AND role <> 'resident'");
  if (!q.ok()) return q.status();
  q->bind(1, user_id);
  return q->step();
}

Status replace_duty(store::Connection& c, int64_t programme_id, const std::string& day,
                    const std::vector<int64_t>& user_ids, int64_t by, int64_t at) {
  auto del = c.prepare("DELETE FROM afterschool_duty WHERE programme_id = ? AND day = ?");
  if (!del.ok()) return del.status();
  del->bind(1, programme_id).bind(2, day);
  if (Status s = del->run(); !s.ok()) return s;
  for (int64_t user : user_ids) {
    auto ins = c.prepare(
        "INSERT INTO afterschool_duty (programme_id, day, user_id, set_by, set_at, role) "
        "VALUES (?, ?, ?, ?, ?, (SELECT role FROM afterschool_staff WHERE programme_id = ? AND "
        "user_id = ?))");
    if (!ins.ok()) return ins.status();
    ins->bind(1, programme_id)
        .bind(2, day)
        .bind(3, user)
        .bind(4, by)
        .bind(5, at)
        .bind(6, programme_id)
        .bind(7, user);
    if (Status s = ins->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<int64_t> enrolled_count(store::Connection& c, int64_t programme_id) {
  return programme_count_of(c,
                            "SELECT COUNT(*) FROM afterschool_enrolments "
                            "WHERE programme_id = ? AND status = 'active'",
                            programme_id, nullptr);
}

Result<int64_t> children_of_day(store::Connection& c, int64_t programme_id,
                                const std::string& day) {
  auto q = c.prepare(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN checked_out_at IS NULL THEN 1 ELSE 0 END), 0) "
      "FROM afterschool_attendance WHERE programme_id = ? AND day = ?");
  if (!q.ok()) return q.status();
  q->bind(1, programme_id).bind(2, day);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (*row && q->column_int64(0) > 0) return q->column_int64(1);
  return enrolled_count(c, programme_id);
}

Result<std::optional<SiteRow>> find_site(store::Connection& c, int64_t id) {
  auto q = c.prepare("SELECT id, kind, name, address, community_id FROM facilities WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SiteRow>();
  return std::optional<SiteRow>(SiteRow{q->column_int64(0), q->column_text(1), q->column_text(2),
                                        q->column_text(3), q->column_int64_opt(4)});
}

Result<std::string> organisation_name(store::Connection& c, int64_t org_id) {
  auto q = c.prepare("SELECT name FROM organisations WHERE id = ?");
  if (!q.ok()) return q.status();
  q->bind(1, org_id);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  return *row ? q->column_text(0) : std::string();
}

Result<std::vector<int64_t>> active_programme_ids(store::Connection& c,
                                                  std::optional<int64_t> community_id, int limit) {
  std::string sql =
      "SELECT p.id FROM afterschool_programmes p JOIN facilities f ON f.id = p.site_id "
      "WHERE p.status = 'active'";
  if (community_id) sql += " AND f.community_id = ?";
  sql += " ORDER BY p.name, p.id LIMIT ?";
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  int i = 1;
  if (community_id) q->bind(i++, *community_id);
  q->bind(i, int64_t{limit});
  return store::collect<int64_t>(*q, [](store::Statement& s) { return s.column_int64(0); });
}

Result<std::vector<int64_t>> organisers_programme_ids(
    store::Connection& c, const std::optional<std::vector<int64_t>>& orgs, int limit) {
  if (orgs && orgs->empty()) return std::vector<int64_t>{};
  std::string sql = "SELECT id FROM afterschool_programmes";
  const size_t padded = orgs ? store::padded_length(orgs->size()) : 0;
  if (orgs) sql += " WHERE organiser_org_id IN (" + store::placeholders(padded) + ")";
  sql += " ORDER BY name, id LIMIT ?";
  auto q = c.prepare(sql);
  if (!q.ok()) return q.status();
  int i = 1;
  for (size_t n = 0; n < padded; ++n) q->bind(i++, (*orgs)[std::min(n, orgs->size() - 1)]);
  q->bind(i, int64_t{limit});
  return store::collect<int64_t>(*q, [](store::Statement& s) { return s.column_int64(0); });
}

Result<std::vector<int64_t>> staff_programme_ids(store::Connection& c, int64_t user_id, int limit) {
  auto q = c.prepare(
      "SELECT p.id FROM afterschool_staff s JOIN afterschool_programmes p ON p.id = "
      "s.programme_id WHERE s.user_id = ? ORDER BY p.name, p.id LIMIT ?");
  if (!q.ok()) return q.status();
  q->bind(1, user_id).bind(2, int64_t{limit});
  return store::collect<int64_t>(*q, [](store::Statement& s) { return s.column_int64(0); });
}

}  // namespace warmcity::afterschool
