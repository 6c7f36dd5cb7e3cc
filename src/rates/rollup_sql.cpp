// rollup_migration_sql() (rollup.h): the aggregates' tables and their fill
// from the raw rows, in the SQL both engines run. The fill writes each
// month's rows together (ORDER BY month): on PostgreSQL, whose tables are
// heaps, a month's 15,000 grid rows then sit on a few hundred pages instead
// of being spread over the table (118 ms → a few ms to read them). The fill computes in SQL
// what Cells::add and current_contribution compute in C++ (rollup.cpp); the
// property test (src/appeals/rollup_property_test.cpp) checks both against
// a recount.
#include <string>

#include "rates/rollup.h"

namespace warmcity::rates {

namespace {

// The district-time months 1970-01 … 2199-12 as one INSERT.
std::string months_sql() {
  std::string sql = "INSERT INTO appeal_months (month_start, month_until) VALUES ";
  for (int y = 1970; y < 2200; ++y) {
    for (int m = 1; m <= 12; ++m) {
      const Month month = *parse_month(Month{y, m}.text());
      if (y != 1970 || m != 1) sql += ", ";
      sql += "(" + std::to_string(month.from) + ", " + std::to_string(month.until) + ")";
    }
  }
  return sql + ";\n";
}

std::string month_of_sql(std::string_view column) {
  return "(SELECT MAX(m.month_start) FROM appeal_months m WHERE m.month_start <= " +
         std::string(column) + ")";
}

std::string counts_fill_sql() {
  struct D {
    const char* dim;
    const char* id;
    const char* key;
    const char* group;  // the grouped columns besides month and state
  };
  const D dims[] = {{"state", "0", "state", ""},
                    {"category", "category_id", "''", "category_id, "},
                    {"channel", "0", "channel", "channel, "},
                    {"subdistrict", "subdistrict_id", "''", "subdistrict_id, "},
                    {"community", "community_id", "''", "community_id, "},
                    {"grid", "grid_id", "''", "grid_id, "}};
  std::string sql;
  for (const D& d : dims) {
    sql +=
        "INSERT INTO appeal_month_counts (month, dim, group_id, group_key, state, appeals) "
        "SELECT month, '" +
        std::string(d.dim) + "', " + d.id + ", " + d.key +
        ", state, COUNT(*) FROM appeal_rollup GROUP BY month, " + d.group +
        "state ORDER BY month;\n";
  }
  return sql;
}

std::string rates_fill_sql() {
  const std::pair<const char*, const char*> dims[] = {{"department", "org_id"},
                                                      {"subdistrict", "subdistrict_id"},
                                                      {"community", "community_id"},
                                                      {"grid", "grid_id"}};
  std::string sql;
  for (const auto& [dim, column] : dims) {
    const std::string col(column);
    sql +=
        "INSERT INTO appeal_month_rates (month, dim, group_id, submitted, responded, resolved, "
        "response_seconds, resolution_seconds, response_late, resolution_late, callbacks, "
        "contacted, solved, satisfied, basically_satisfied, dissatisfied) "
        "SELECT u.month, '" +
        std::string(dim) +
        "', u.g, SUM(u.sub), SUM(u.rsp), SUM(u.res), SUM(u.rsps), SUM(u.ress), SUM(u.rspl), "
        "SUM(u.resl), SUM(u.cb), SUM(u.co), SUM(u.so), SUM(u.sa), SUM(u.ba), SUM(u.di) FROM ("
        "SELECT month, " +
        col +
        " AS g, 1 AS sub, "
        "CASE WHEN response_seconds IS NULL THEN 0 ELSE 1 END AS rsp, "
        "CASE WHEN resolution_seconds IS NULL THEN 0 ELSE 1 END AS res, "
        "COALESCE(response_seconds, 0) AS rsps, COALESCE(resolution_seconds, 0) AS ress, "
        "response_late AS rspl, resolution_late AS resl, 0 AS cb, 0 AS co, 0 AS so, 0 AS sa, "
        "0 AS ba, 0 AS di FROM appeal_rollup WHERE merged = 0 "
        "UNION ALL SELECT c.month, r." +
        col +
        ", 0, 0, 0, 0, 0, 0, 0, 1, c.contacted, c.solved, "
        "CASE WHEN c.satisfaction = 'satisfied' THEN 1 ELSE 0 END, "
        "CASE WHEN c.satisfaction = 'basically_satisfied' THEN 1 ELSE 0 END, "
        "CASE WHEN c.satisfaction = 'dissatisfied' THEN 1 ELSE 0 END "
        "FROM appeal_rollup_callbacks c JOIN appeal_rollup r ON r.appeal_id = c.appeal_id"
        ") u GROUP BY u.month, u.g ORDER BY u.month, u.g;\n";
  }
  return sql;
}

}  // namespace

std::string rollup_migration_sql() {
  std::string sql = R"SQL(
    CREATE TABLE appeal_months (
      month_start BIGINT PRIMARY KEY,
      month_until BIGINT NOT NULL
    );
    CREATE TABLE appeal_rollup_mark (
      id BIGINT PRIMARY KEY CHECK (id = 1),
      event_id BIGINT NOT NULL
    );
    CREATE TABLE appeal_rollup (
      appeal_id BIGINT PRIMARY KEY,
      month BIGINT NOT NULL,
      state TEXT NOT NULL,
      channel TEXT NOT NULL,
      category_id BIGINT NOT NULL,
      subdistrict_id BIGINT NOT NULL,
      community_id BIGINT NOT NULL,
      grid_id BIGINT NOT NULL,
      org_id BIGINT NOT NULL,
      merged BIGINT NOT NULL,
      response_seconds BIGINT,
      resolution_seconds BIGINT,
      response_late BIGINT NOT NULL,
      resolution_late BIGINT NOT NULL
    );
    CREATE TABLE appeal_rollup_callbacks (
      appeal_id BIGINT NOT NULL,
      month BIGINT NOT NULL,
      event_id BIGINT NOT NULL,
      contacted BIGINT NOT NULL,
      solved BIGINT NOT NULL,
      satisfaction TEXT NOT NULL,
      PRIMARY KEY (appeal_id, month)
    ) {{without_rowid}};
    CREATE TABLE appeal_month_counts (
      month BIGINT NOT NULL,
      dim TEXT NOT NULL,
      group_id BIGINT NOT NULL,
      group_key TEXT NOT NULL,
      state TEXT NOT NULL,
      appeals BIGINT NOT NULL,
      PRIMARY KEY (month, dim, group_id, group_key, state)
    ) {{without_rowid}};
    CREATE TABLE appeal_month_rates (
      month BIGINT NOT NULL,
      dim TEXT NOT NULL,
      group_id BIGINT NOT NULL,
      submitted BIGINT NOT NULL,
      responded BIGINT NOT NULL,
      resolved BIGINT NOT NULL,
      response_seconds BIGINT NOT NULL,
      resolution_seconds BIGINT NOT NULL,
      response_late BIGINT NOT NULL,
      resolution_late BIGINT NOT NULL,
      callbacks BIGINT NOT NULL,
      contacted BIGINT NOT NULL,
      solved BIGINT NOT NULL,
      satisfied BIGINT NOT NULL,
      basically_satisfied BIGINT NOT NULL,
      dissatisfied BIGINT NOT NULL,
      PRIMARY KEY (month, dim, group_id)
    ) {{without_rowid}};
    CREATE INDEX appeals_month_open ON appeals(submitted_at)
      WHERE merged_into IS NULL AND (accepted_at IS NULL OR replied_at IS NULL);
    INSERT INTO appeal_rollup_mark (id, event_id)
      SELECT 1, id FROM appeal_events WHERE id = (SELECT MAX(id) FROM appeal_events);
  )SQL";
  sql += months_sql();
  sql +=
      "INSERT INTO appeal_rollup (appeal_id, month, state, channel, category_id, subdistrict_id, "
      "community_id, grid_id, org_id, merged, response_seconds, resolution_seconds, "
      "response_late, resolution_late) SELECT a.id, " +
      month_of_sql("a.submitted_at") +
      ", a.state, a.channel, a.category_id, COALESCE(a.subdistrict_id, 0), "
      "COALESCE(a.community_id, 0), COALESCE(a.grid_id, 0), COALESCE(a.assigned_org_id, 0), "
      "CASE WHEN a.merged_into IS NULL THEN 0 ELSE 1 END, a.accepted_at - a.submitted_at, "
      "a.replied_at - a.submitted_at, CASE WHEN a.accepted_at > a.response_due THEN 1 ELSE 0 END, "
      "CASE WHEN a.replied_at > a.resolution_due THEN 1 ELSE 0 END FROM appeals a;\n";
  sql +=
      "INSERT INTO appeal_rollup_callbacks (appeal_id, month, event_id, contacted, solved, "
      "satisfaction) SELECT e.appeal_id, l.month, e.id, "
      "CASE WHEN e.detail LIKE '%\"contacted\":true%' THEN 1 ELSE 0 END, "
      "CASE WHEN e.detail LIKE '%\"solved\":true%' THEN 1 ELSE 0 END, "
      "CASE WHEN e.detail LIKE '%\"satisfaction\":\"satisfied\"%' THEN 'satisfied' "
      "WHEN e.detail LIKE '%\"satisfaction\":\"basically_satisfied\"%' "
      "THEN 'basically_satisfied' ELSE 'dissatisfied' END "
      "FROM (SELECT c.appeal_id, c.month, MAX(c.id) AS last_id FROM (SELECT ev.appeal_id, ev.id, " +
      month_of_sql("ev.at") +
      " AS month FROM appeal_events ev WHERE ev.action = 'callback') c "
      "GROUP BY c.appeal_id, c.month) l JOIN appeal_events e ON e.id = l.last_id;\n";
  sql += counts_fill_sql();
  sql += rates_fill_sql();
  // Only the fill needs the months; a new database holds no row the
  // migrations wrote (`warmcity copy` wants an empty destination).
  sql += "DROP TABLE appeal_months;\n";
  return sql;
}

}  // namespace warmcity::rates
