// The dashboard's activity figures (activity_counts.h).
#include "activities/activity_counts.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "http/problem.h"

namespace warmcity::activities {

Result<ActivityCounts> activity_counts(store::Connection& c, const core::Month& month,
                                       int64_t now) {
  const int64_t until = std::min(month.until, now + 1);
  auto q = c.prepare(
      "SELECT COUNT(*), COUNT(DISTINCT o.activity_id), COALESCE(SUM(o.capacity), 0), "
      "COALESCE(SUM(s.confirmed), 0), COALESCE(SUM(s.attended), 0), "
      "COALESCE(SUM(s.no_shows), 0) "
      "FROM activity_occurrences o LEFT JOIN ("
      "SELECT occurrence_id, COUNT(*) AS confirmed, "
      "SUM(CASE WHEN attendance = 'attended' THEN 1 ELSE 0 END) AS attended, "
      "SUM(CASE WHEN attendance = 'no_show' THEN 1 ELSE 0 END) AS no_shows "
      "FROM activity_signups WHERE status = 'confirmed' GROUP BY occurrence_id"
      ") s ON s.occurrence_id = o.id "
      "WHERE o.status = 'scheduled' AND o.starts_at >= ? AND o.starts_at < ?");
  if (!q.ok()) return q.status();
  q->bind(1, month.from).bind(2, until);
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("the activity counts answered no row");
  ActivityCounts n;
  n.occurrences = q->column_int64(0);
  n.activities = q->column_int64(1);
  const int64_t places = q->column_int64(2);
  n.confirmed = q->column_int64(3);
  n.attended = q->column_int64(4);
  n.no_shows = q->column_int64(5);
  n.filled_permille = places > 0 ? n.confirmed * 1000 / places : 0;
  return n;
}

Result<core::Month> counts_month(const http::Request& req, int64_t now) {
  std::optional<std::string> m = req.query_param("month");
  if (!m) return core::month_of(now);
  Result<core::Month> parsed = core::parse_month(*m);
  if (!parsed.ok()) return Status::Unprocessable("bad month", {{"month", "a month is YYYY-MM"}});
  return parsed;
}

void register_activity_counts_routes(http::Router& router, store::Database& db) {
  router.add(
      http::Method::kGet, "/api/v1/activity-counts",
      http::Access::Roles({http::Role::kAdmin, http::Role::kDepartment}),
      [&db](http::Request& req, http::Reply reply) {
        const int64_t now = core::now_unix();
        Result<core::Month> month = counts_month(req, now);
        if (!month.ok()) return reply(http::problem(month.status()));
        Result<ActivityCounts> n = activity_counts(db.reader(), *month, now);
        if (!n.ok()) return reply(http::problem(n.status()));
        nlohmann::ordered_json body = {{"month", month->text()},
                                       {"occurrences", n->occurrences},
                                       {"activities", n->activities},
                                       {"confirmed", n->confirmed},
                                       {"attended", n->attended},
                                       {"no_shows", n->no_shows},
                                       {"filled_permille", n->filled_permille}};
        reply(http::json_response(body.dump()));
      },
      {.summary = "The dashboard's activity figures for a month: occurrences held, their "
                  "activities, sign-ups confirmed, attended, no-shows, places filled per mille "
                  "(department users, admins)"});
}

}  // namespace warmcity::activities
