// A programme's roster on a day (roster_store.h).
#include "afterschool/roster_store.h"

#include <map>
#include <utility>

#include "afterschool/day_store.h"

namespace warmcity::afterschool {

namespace {

// The roster's children: enrolled now, or in the programme's attendance of
// the day. Binds programme_id, programme_id, day from `first`.
constexpr char kRosterSet[] =
    "(SELECT child_id FROM afterschool_enrolments WHERE programme_id = ? AND status = 'active' "
    "UNION SELECT child_id FROM afterschool_attendance WHERE programme_id = ? AND day = ?)";

void bind_set(store::Statement& q, int first, int64_t programme_id, const std::string& day) {
  q.bind(first, programme_id).bind(first + 1, programme_id).bind(first + 2, day);
}

Status add_guardians(store::Connection& c, int64_t programme_id, const std::string& day,
                     std::map<int64_t, RosterChild*>& by_id) {
  auto q = c.prepare(std::string("SELECT g.child_id, g.user_id, u.display_name, g.relation, "
                                 "u.phone "
                                 "FROM child_guardians g JOIN users u ON u.id = g.user_id "
                                 "WHERE g.child_id IN ") +
                     kRosterSet + " ORDER BY g.child_id, g.added_at, g.user_id");
  if (!q.ok()) return q.status();
  bind_set(*q, 1, programme_id, day);
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    auto it = by_id.find(q->column_int64(0));
    if (it == by_id.end()) continue;
    it->second->guardians.push_back(
        {q->column_int64(1), q->column_text(2), q->column_text(3), q->column_text_opt(4)});
  }
}

Status add_adults(store::Connection& c, int64_t programme_id, const std::string& day,
                  std::map<int64_t, RosterChild*>& by_id) {
  auto q = c.prepare(std::string("SELECT l.child_id, a.id, a.name, a.relation, a.photo_sha, "
                                 "a.revoked_at, a.valid_until FROM child_pickup_adults l "
                                 "JOIN pickup_adults a ON a.id = l.adult_id WHERE l.child_id IN ") +
                     kRosterSet + " ORDER BY l.child_id, a.id");
  if (!q.ok()) return q.status();
  bind_set(*q, 1, programme_id, day);
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    auto it = by_id.find(q->column_int64(0));
    if (it == by_id.end()) continue;
    const std::optional<std::string> until = q->column_text_opt(6);
    it->second->pickup_adults.push_back({q->column_int64(1), q->column_text(2), q->column_text(3),
                                         !q->column_is_null(4),
                                         q->column_is_null(5) && (!until || *until >= day)});
  }
}

Status add_late_counts(store::Connection& c, int64_t programme_id, const std::string& day,
                       std::map<int64_t, RosterChild*>& by_id) {
  const std::string month = day.substr(0, 7);
  auto q = c.prepare(std::string("SELECT child_id, COUNT(*) FROM afterschool_attendance "
                                 "WHERE late = 1 AND day >= ? AND day <= ? AND child_id IN ") +
                     kRosterSet + " GROUP BY child_id");
  if (!q.ok()) return q.status();
  q->bind(1, month + "-01").bind(2, month + "-31");
  bind_set(*q, 3, programme_id, day);
  while (true) {
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    auto it = by_id.find(q->column_int64(0));
    if (it != by_id.end()) it->second->late_pickups_this_month = q->column_int64(1);
  }
}

}  // namespace

Result<std::vector<RosterChild>> roster_children(store::Connection& c, int64_t programme_id,
                                                 const std::string& day) {
  auto q = c.prepare(std::string("SELECT ch.id, ch.name, ch.school, ch.grade, ch.health_notes, "
                                 "ch.photo_sha FROM children ch WHERE ch.id IN ") +
                     kRosterSet + " ORDER BY ch.name, ch.id");
  if (!q.ok()) return q.status();
  bind_set(*q, 1, programme_id, day);
  Result<std::vector<RosterChild>> children =
      store::collect<RosterChild>(*q, [](const store::Statement& r) {
        RosterChild ch;
        ch.id = r.column_int64(0);
        ch.name = r.column_text(1);
        ch.school = r.column_text(2);
        ch.grade = r.column_text(3);
        ch.health_notes = r.column_text_opt(4);
        ch.has_photo = !r.column_is_null(5);
        return ch;
      });
  if (!children.ok()) return children.status();
  std::map<int64_t, RosterChild*> by_id;
  for (RosterChild& ch : *children) by_id.emplace(ch.id, &ch);
  Result<std::vector<Attendance>> day_rows = attendances_of_day(c, programme_id, day);
  if (!day_rows.ok()) return day_rows.status();
  for (Attendance& a : *day_rows) {
    auto it = by_id.find(a.child_id);
    if (it != by_id.end()) it->second->attendance = std::move(a);
  }
  if (Status s = add_guardians(c, programme_id, day, by_id); !s.ok()) return s;
  if (Status s = add_adults(c, programme_id, day, by_id); !s.ok()) return s;
  if (Status s = add_late_counts(c, programme_id, day, by_id); !s.ok()) return s;
  return children;
}

}  // namespace warmcity::afterschool
