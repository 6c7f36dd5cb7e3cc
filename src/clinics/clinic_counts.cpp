// The dashboard's clinic figures (clinic_counts.h).
#include "clinics/clinic_counts.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "activities/activity_counts.h"
#include "clinics/clinic_json.h"
#include "core/time.h"

namespace warmcity::clinics {

Result<ClinicCounts> clinic_counts(store::Connection& c, const core::Month& month, int64_t now) {
  const int64_t until = std::min(month.until, now + 1);
  auto q = c.prepare(
      "SELECT COUNT(DISTINCT o.activity_id), COUNT(*), COALESCE(SUM(o.capacity), 0), "
      "COALESCE(SUM(s.confirmed), 0), COALESCE(SUM(s.attended), 0) "
      "FROM activity_occurrences o JOIN clinic_sessions cs ON cs.activity_id = o.activity_id "
      "LEFT JOIN ("
      "SELECT occurrence_id, COUNT(*) AS confirmed, "
      "SUM(CASE WHEN attendance = 'attended' THEN 1 ELSE 0 END) AS attended "
      "FROM activity_signups WHERE status = 'confirmed' GROUP BY occurrence_id"
      ") s ON s.occurrence_id = o.id "
      "WHERE o.status = 'scheduled' AND o.starts_at >= ? AND o.starts_at < ?");
  if (!q.ok()) return q.status();
  q->bind(1, month.from).bind(2, until);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("the clinic counts answered no row");
  ClinicCounts n;
  n.sessions = q->column_int64(0);
  n.slots = q->column_int64(1);
  n.places = q->column_int64(2);
  n.places_used = q->column_int64(3);
  n.attended = q->column_int64(4);
  n.used_permille = n.places > 0 ? n.places_used * 1000 / n.places : 0;
  return n;
}

void register_clinic_counts_routes(http::Router& router, store::Database& db) {
  router.add(
      http::Method::kGet, "/api/v1/clinic-counts",
      http::Access::Roles({http::Role::kAdmin, http::Role::kDepartment}),
      [&db](http::Request& req, http::Reply reply) {
        const int64_t now = core::now_unix();
        Result<core::Month> month = activities::counts_month(req, now);
        if (!month.ok()) return reply(clinic_problem(month.status()));
        Result<ClinicCounts> n = clinic_counts(db.reader(), *month, now);
        if (!n.ok()) return reply(clinic_problem(n.status()));
        reply(clinic_answer({{"month", month->text()},
                             {"sessions", n->sessions},
                             {"slots", n->slots},
                             {"places", n->places},
                             {"places_used", n->places_used},
                             {"attended", n->attended},
                             {"used_permille", n->used_permille}}));
      },
      {.summary = "The dashboard's clinic figures for a month: sessions, slots held, places, "
                  "places used, attended, used per mille (department users, admins)"});
}

}  // namespace warmcity::clinics
