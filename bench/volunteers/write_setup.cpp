// The write benchmarks' preparations (write_setup.h), through the
// activities' and shifts' store functions.
#include "write_setup.h"

#include <algorithm>
#include <string>

#include "activities/activity_store.h"
#include "core/time.h"
#include "volunteers/shift_store.h"

namespace warmcity::volunteers::bench {
namespace {

constexpr int kPerShift = 400;

int64_t todays_start() { return core::local_midnight_unix(core::local_date_of(kNow)) + 14 * 3600; }

Result<std::vector<int64_t>> first_active(store::Connection& c, int count) {
  Result<store::Statement> s =
      c.prepare("SELECT id FROM volunteers WHERE status = 'active' ORDER BY id LIMIT ?");
  if (!s.ok()) return s.status();
  s->bind(1, int64_t{count});
  return store::collect<int64_t>(*s, [](store::Statement& q) { return q.column_int64(0); });
}

// A new activity of the team today, 14:00–17:30, and its shift; the shift's id.
Result<int64_t> todays_shift(store::Connection& c, const Staffed& team) {
  const core::LocalDate today = core::local_date_of(kNow);
  const int64_t starts = todays_start();
  const int64_t ends = starts + 210 * 60;
  activities::ActivityFields f;
  f.title = "清理小广告";
  f.organiser_org_id = team.org_id;
  f.address = "社区服务站";
  f.capacity = kPerShift;
  f.first_date = today;
  f.series.first = today;
  f.start_minute = 14 * 60;
  f.duration_minutes = 210;
  const int64_t made = kNow - 7 * 86400;
  Result<int64_t> activity = activities::insert_activity(c, f, team.org_id, team.user_id, made);
  if (!activity.ok()) return activity.status();
  Result<int64_t> occurrence =
      activities::insert_occurrence(c, *activity, 1, today, starts, ends, kPerShift, made);
  if (!occurrence.ok()) return occurrence.status();
  ShiftRow s;
  s.occurrence_id = *occurrence;
  s.title = f.title;
  s.starts_at = starts;
  s.ends_at = ends;
  s.capacity = kPerShift;
  s.min_age = 14;
  s.team_org_id = team.org_id;
  s.code = "246810";
  s.created_by = team.user_id;
  s.created_at = made;
  return insert_shift(c, s);
}

}  // namespace

Result<std::vector<int64_t>> checked_in_signups(store::Database& db, const Staffed& team,
                                                int count) {
  std::vector<int64_t> out;
  const Status s = db.write([&](store::Connection& c) -> Status {
    Result<std::vector<int64_t>> people = first_active(c, kPerShift);
    if (!people.ok()) return people.status();
    if (people->empty()) return Status::NotFound("no active volunteer");
    int64_t shift = 0;
    for (int k = 0; k < count; ++k) {
      const size_t seat = static_cast<size_t>(k) % std::min<size_t>(people->size(), kPerShift);
      if (seat == 0) {
        Result<int64_t> made = todays_shift(c, team);
        if (!made.ok()) return made.status();
        shift = *made;
      }
      Result<int64_t> signup = insert_signup(c, shift, (*people)[seat], team.user_id, kNow - 86400);
      if (!signup.ok()) return signup.status();
      if (Status st = set_checked_in(c, *signup, todays_start() + 300, team.user_id); !st.ok())
        return st;
      out.push_back(*signup);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<int64_t>> active_volunteers(store::Database& db, int count) {
  return first_active(db.reader(), count);
}

}  // namespace warmcity::volunteers::bench
