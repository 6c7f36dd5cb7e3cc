// count_due_visits (visit_counts.h): one aggregate in the shared dialect.
#include "eldercare/visit_counts.h"

#include <algorithm>
#include <string>

#include "eldercare/errand_counts.h"
#include "store/sql_list.h"

namespace warmcity::eldercare {

namespace {

// ?1 now, ?2 M − I(high), ?3 M − I(priority), ?4 M − I(general), ?5 … ?7 the
// same from E, ?8 now − change_seconds, ?9 the community, ?10… the areas.
std::string count_sql(size_t areas) {
  std::string scope;
  if (areas > 0) {
    std::string list;
    for (size_t i = 0; i < areas; ++i) list += (i == 0 ? "?" : ", ?") + std::to_string(10 + i);
    scope = " AND (e.grid_id IN (" + list + ") OR e.community_id IN (" + list +
            ") OR e.subdistrict_id IN (" + list + "))";
  }
  const std::string base = "COALESCE(d.last_seen_at, e.created_at)";
  const auto before = [](int first) {
    return " CASE e.risk_tier WHEN 'high' THEN CAST(?" + std::to_string(first) +
           " AS BIGINT) WHEN 'priority' THEN CAST(?" + std::to_string(first + 1) +
           " AS BIGINT) ELSE CAST(?" + std::to_string(first + 2) + " AS BIGINT) END";
  };
  // NULL-free, so that NOT and CASE mean what they say without a visit_due row.
  const std::string pending = "COALESCE(d.change_at, -1) > COALESCE(d.last_seen_at, -1)";
  const std::string overdue =
      "(" + base + " <" + before(2) + " OR (" + pending + " AND d.change_at <= ?8))";
  const std::string due = "(" + base + " <" + before(5) + " OR " + pending + ")";
  return "SELECT x.community_id, SUM(x.elders), SUM(x.due_today), SUM(x.overdue), "
         "SUM(x.escalations) FROM ("
         "SELECT e.community_id, 1 AS elders, CASE WHEN " +
         overdue + " THEN 0 WHEN " + due + " THEN 1 ELSE 0 END AS due_today, CASE WHEN " + overdue +
         " THEN 1 ELSE 0 END AS overdue, 0 AS escalations FROM elders e"
         " LEFT JOIN visit_due d ON d.elder_id = e.id WHERE e.closed = 0"
         " AND (CAST(?9 AS BIGINT) IS NULL OR e.community_id = ?9)" +
         scope +
         " UNION ALL SELECT v.community_id, 0, 0, 0, 1 FROM visits v"
         " JOIN elders e ON e.id = v.elder_id WHERE v.escalation = 'open'"
         " AND v.escalation_deadline <= ?1 AND (CAST(?9 AS BIGINT) IS NULL OR v.community_id = "
         "?9)" +
         scope + ") x GROUP BY x.community_id";
}

}  // namespace

Result<std::vector<VisitCount>> count_due_visits(store::Connection& c, const VisitCountFilter& f,
                                                 const VisitRules& rules) {
  std::vector<int64_t> areas;
  if (f.in_areas) {
    if (f.in_areas->empty()) return Status::InvalidArgument("an empty list of areas");
    areas = *f.in_areas;
    areas.resize(store::padded_length(areas.size()), areas.back());
  }
  auto s = c.prepare(count_sql(areas.size()));
  if (!s.ok()) return s.status();
  const int64_t today = end_of_local_day(f.now) - 86400;  // M
  const int64_t days[] = {rules.high_days, rules.priority_days, rules.general_days};
  s->bind(1, f.now);
  for (int i = 0; i < 3; ++i) {
    s->bind(2 + i, today - days[i] * 86400);
    s->bind(5 + i, today + 86400 - days[i] * 86400);
  }
  s->bind(8, f.now - rules.change_seconds).bind(9, f.community_id);
  for (size_t i = 0; i < areas.size(); ++i) s->bind(10 + static_cast<int>(i), areas[i]);
  std::vector<VisitCount> rows;
  while (true) {
    Result<bool> more = s->step();
    if (!more.ok()) return more.status();
    if (!*more) break;
    rows.push_back({s->column_int64_opt(0), s->column_int64(1), s->column_int64(2),
                    s->column_int64(3), s->column_int64(4)});
  }
  std::sort(rows.begin(), rows.end(), [](const VisitCount& a, const VisitCount& b) {
    return community_before(a.community_id, b.community_id);
  });
  return rows;
}

VisitCount visit_total_of(const std::vector<VisitCount>& rows) {
  VisitCount sum;
  for (const VisitCount& r : rows) {
    sum.elders += r.elders;
    sum.due_today += r.due_today;
    sum.overdue += r.overdue;
    sum.escalations_overdue += r.escalations_overdue;
  }
  return sum;
}

}  // namespace warmcity::eldercare
