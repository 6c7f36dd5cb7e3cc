// The dashboard's after-school figures (afterschool_counts.h).
#include "afterschool/afterschool_counts.h"

#include <map>

#include <nlohmann/json.hpp>

#include "activities/activity_counts.h"
#include "afterschool/programme_json.h"
#include "core/time.h"

namespace warmcity::afterschool {

namespace {

// [first, next) as district dates 'YYYY-MM-DD' (the attendance's days).
std::pair<std::string, std::string> afterschool_counts_days(const core::Month& month) {
  return {core::format_date(core::local_date_of(month.from)),
          core::format_date(core::local_date_of(month.until))};
}

}  // namespace

Result<AfterschoolCounts> afterschool_counts(store::Connection& c, const core::Month& month) {
  AfterschoolCounts out;
  std::map<int64_t, size_t> at;  // site id → index in out.sites
  {
    auto q = c.prepare(
        "SELECT f.id, f.name, COALESCE(SUM(CASE WHEN p.status = 'active' THEN 1 ELSE 0 END), 0) "
        "FROM afterschool_programmes p JOIN facilities f ON f.id = p.site_id "
        "GROUP BY f.id, f.name ORDER BY f.name, f.id");
    if (!q.ok()) return q.status();
    while (true) {
      Result<bool> row = q->step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      at[q->column_int64(0)] = out.sites.size();
      out.sites.push_back({q->column_int64(0), q->column_text(1), q->column_int64(2)});
    }
  }
  {
    auto q = c.prepare(
        "SELECT p.site_id, COUNT(DISTINCT e.child_id) FROM afterschool_enrolments e "
        "JOIN afterschool_programmes p ON p.id = e.programme_id "
        "WHERE e.status = 'active' AND p.status = 'active' GROUP BY p.site_id");
    if (!q.ok()) return q.status();
    while (true) {
      Result<bool> row = q->step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      auto it = at.find(q->column_int64(0));
      if (it != at.end()) out.sites[it->second].enrolled = q->column_int64(1);
    }
  }
  const auto [first, next] = afterschool_counts_days(month);
  {
    auto q = c.prepare(
        "SELECT p.site_id, COUNT(DISTINCT a.child_id), COUNT(*), "
        "COALESCE(SUM(CASE WHEN a.late = 1 THEN 1 ELSE 0 END), 0) "
        "FROM afterschool_attendance a JOIN afterschool_programmes p ON p.id = a.programme_id "
        "WHERE a.day >= ? AND a.day < ? GROUP BY p.site_id");
    if (!q.ok()) return q.status();
    q->bind(1, first).bind(2, next);
    while (true) {
      Result<bool> row = q->step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      auto it = at.find(q->column_int64(0));
      if (it == at.end()) continue;
      SiteCounts& s = out.sites[it->second];
      s.attending = q->column_int64(1);
      s.attendances = q->column_int64(2);
      s.late_pickups = q->column_int64(3);
    }
  }
  {
    auto q = c.prepare(
        "SELECT COUNT(DISTINCT e.child_id) FROM afterschool_enrolments e "
        "JOIN afterschool_programmes p ON p.id = e.programme_id "
        "WHERE e.status = 'active' AND p.status = 'active'");
    if (!q.ok()) return q.status();
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    out.enrolled = *row ? q->column_int64(0) : 0;
  }
  {
    auto q = c.prepare(
        "SELECT COUNT(DISTINCT child_id), COALESCE(SUM(CASE WHEN late = 1 THEN 1 ELSE 0 END), 0) "
        "FROM afterschool_attendance WHERE day >= ? AND day < ?");
    if (!q.ok()) return q.status();
    q->bind(1, first).bind(2, next);
    Result<bool> row = q->step();
    if (!row.ok()) return row.status();
    if (*row) {
      out.attending = q->column_int64(0);
      out.late_pickups = q->column_int64(1);
    }
  }
  return out;
}

void register_afterschool_counts_routes(http::Router& router, store::Database& db) {
  router.add(
      http::Method::kGet, "/api/v1/afterschool-counts",
      http::Access::Roles({http::Role::kAdmin, http::Role::kDepartment}),
      [&db](http::Request& req, http::Reply reply) {
        Result<core::Month> month = activities::counts_month(req, core::now_unix());
        if (!month.ok()) return reply(programme_problem(month.status()));
        Result<AfterschoolCounts> n = afterschool_counts(db.reader(), *month);
        if (!n.ok()) return reply(programme_problem(n.status()));
        nlohmann::ordered_json sites = nlohmann::ordered_json::array();
        for (const SiteCounts& s : n->sites)
          sites.push_back({{"site_id", s.site_id},
                           {"site_name", s.site_name},
                           {"programmes", s.programmes},
                           {"enrolled", s.enrolled},
                           {"attending", s.attending},
                           {"attendances", s.attendances},
                           {"late_pickups", s.late_pickups}});
        reply(programme_answer({{"month", month->text()},
                                {"sites", std::move(sites)},
                                {"enrolled", n->enrolled},
                                {"attending", n->attending},
                                {"late_pickups", n->late_pickups}}));
      },
      {.summary = "The dashboard's after-school figures for a month, per site: programmes, "
                  "children enrolled, attending, attendances, late pickups (department users, "
                  "admins)"});
}

}  // namespace warmcity::afterschool
