// The month's counts as the joins in SQL gave them before the minutes were
// summed in C++ (counts_store.cpp before migration 3; bench/README.md
// "Volunteers"): the oracle counts_store_test.cpp holds month_counts to, on
// both engines. Kept as it was; include only in tests.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "volunteers/counts_store.h"

namespace warmcity::volunteers::counts_oracle {

// The day of the month of a record's service_date, as SQL both engines run.
inline constexpr char kCountsDay[] = "CAST(substr(r.service_date, 9, 2) AS BIGINT)";

// The confirmed records in [first, last] joined with the memberships their
// volunteer held on the service date (joined before that day's end, not left
// before its start), one row per record and `key`. Binds: 1 start of the
// month (unix), 2 again, 3 first date, 4 last date.
inline std::string minutes_by(const std::string& key, const std::string& join) {
  return "SELECT k, SUM(minutes) FROM (SELECT DISTINCT r.id AS rid, " + key +
         " AS k, r.minutes AS minutes FROM volunteer_records r JOIN volunteer_team_members m ON "
         "m.volunteer_id = r.volunteer_id " +
         join + " WHERE r.state = 'confirmed' AND m.joined_at < ? + " + kCountsDay +
         " * 86400 AND (m.left_at IS NULL OR m.left_at >= ? + (" + kCountsDay +
         " - 1) * 86400) AND r.service_date >= ? AND r.service_date <= ?) x "
         "WHERE k IS NOT NULL GROUP BY k";
}

// Each team's community (team_id, community_id) as the teams' list says it
// (team_store.cpp): the team organisation's area when a community (a grid's
// community), else the same of its parent organisation's area.
inline const char* const kTeamCommunities =
    "(SELECT o.id AS team_id, CASE WHEN a.level = 'community' THEN a.id WHEN a.level = 'grid' "
    "THEN ga.id WHEN pa.level = 'community' THEN pa.id WHEN pa.level = 'grid' THEN pga.id END "
    "AS community_id FROM organisations o LEFT JOIN volunteer_teams vt ON vt.org_id = o.id "
    "LEFT JOIN organisations po ON po.id = vt.parent_org_id LEFT JOIN areas a ON a.id = "
    "o.area_id LEFT JOIN areas ga ON ga.id = a.parent_id LEFT JOIN areas pa ON pa.id = "
    "po.area_id LEFT JOIN areas pga ON pga.id = pa.parent_id WHERE o.kind = 'volunteer_team')";

using Bind = std::function<void(store::Statement&)>;

// Runs a query of (id, number) rows into `into`.
inline Status counts_pairs(store::Connection& c, const std::string& sql, const Bind& bind,
                           std::map<int64_t, int64_t>& into) {
  Result<store::Statement> s = c.prepare(sql);
  if (!s.ok()) return s.status();
  bind(*s);
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    into[s->column_int64(0)] = s->column_int64(1);
  }
}

// Runs a query of (id, kind, tenths) rows into `into`.
inline Status counts_outcomes(store::Connection& c, const std::string& sql, const Bind& bind,
                              std::map<int64_t, OutcomeTotals>& into) {
  Result<store::Statement> s = c.prepare(sql);
  if (!s.ok()) return s.status();
  bind(*s);
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    into[s->column_int64(0)][s->column_text(1)] = s->column_int64(2);
  }
}

inline Result<MonthCounts> old_month_counts(store::Connection& c, core::LocalDate first) {
  MonthCounts out;
  const std::string first_text = core::format_date(first);
  out.month = first_text.substr(0, 7);
  const int days = core::days_in_month(first.year, first.month);
  const std::string last_text = core::format_date(core::LocalDate{first.year, first.month, days});
  const int64_t start = core::local_midnight_unix(first);
  const int64_t end = start + int64_t{days} * core::kSecondsPerDay;
  const Bind record_binds = [&](store::Statement& s) {
    s.bind(1, start).bind(2, start).bind(3, first_text).bind(4, last_text);
  };
  const Bind date_binds = [&](store::Statement& s) { s.bind(1, first_text).bind(2, last_text); };

  std::map<int64_t, int64_t> team_volunteers, team_minutes, community_minutes;
  std::map<int64_t, OutcomeTotals> team_outcomes, community_outcomes;
  if (Status s = counts_pairs(
          c,
          "SELECT m.team_org_id, COUNT(DISTINCT m.volunteer_id) FROM volunteer_team_members m "
          "JOIN volunteers v ON v.id = m.volunteer_id WHERE v.status = 'active' AND "
          "m.joined_at < ? AND (m.left_at IS NULL OR m.left_at >= ?) GROUP BY m.team_org_id",
          [&](store::Statement& q) { q.bind(1, end).bind(2, start); }, team_volunteers);
      !s.ok())
    return s;
  if (Status s = counts_pairs(c, minutes_by("m.team_org_id", ""), record_binds, team_minutes);
      !s.ok())
    return s;
  if (Status s =
          counts_pairs(c,
                       minutes_by("tc.community_id", std::string("JOIN ") + kTeamCommunities +
                                                         " tc ON tc.team_id = m.team_org_id"),
                       record_binds, community_minutes);
      !s.ok())
    return s;
  const std::string outcomes_from =
      " FROM volunteer_outcomes u JOIN activity_occurrences oc ON oc.id = u.occurrence_id "
      "JOIN activities a ON a.id = oc.activity_id LEFT JOIN " +
      std::string(kTeamCommunities) +
      " tc ON tc.team_id = u.team_org_id LEFT JOIN organisations g ON g.id = "
      "a.organiser_org_id WHERE oc.local_date >= "
      "? AND oc.local_date <= ? ";
  if (Status s = counts_outcomes(c,
                                 "SELECT u.team_org_id, u.kind_code, SUM(u.quantity_tenths)" +
                                     outcomes_from +
                                     "AND u.team_org_id IS NOT NULL GROUP BY u.team_org_id, "
                                     "u.kind_code",
                                 date_binds, team_outcomes);
      !s.ok())
    return s;
  if (Status s = counts_outcomes(
          c,
          "SELECT COALESCE(tc.community_id, a.community_id, g.area_id) AS k, u.kind_code, "
          "SUM(u.quantity_tenths)" +
              outcomes_from +
              "AND COALESCE(tc.community_id, a.community_id, g.area_id) IS NOT NULL GROUP BY "
              "COALESCE(tc.community_id, a.community_id, g.area_id), u.kind_code",
          date_binds, community_outcomes);
      !s.ok())
    return s;

  Result<store::Statement> teams =
      c.prepare(std::string("SELECT o.id, o.name, tc.community_id FROM organisations o JOIN ") +
                kTeamCommunities + " tc ON tc.team_id = o.id ORDER BY o.id");
  if (!teams.ok()) return teams.status();
  Result<std::vector<TeamCount>> rows = store::collect<TeamCount>(*teams, [](store::Statement& s) {
    TeamCount t;
    t.id = s.column_int64(0);
    t.name = s.column_text(1);
    t.community_id = s.column_int64_opt(2);
    return t;
  });
  if (!rows.ok()) return rows.status();
  out.teams = std::move(*rows);
  std::map<int64_t, bool> communities;  // the areas to name
  std::vector<int64_t> minutes;
  for (TeamCount& t : out.teams) {
    t.volunteers = team_volunteers[t.id];
    t.minutes = team_minutes[t.id];
    t.outcomes = team_outcomes[t.id];
    minutes.push_back(t.minutes);
    if (t.community_id) communities[*t.community_id] = true;
  }
  const std::vector<int64_t> ranks = shared_ranks(minutes);
  for (size_t i = 0; i < out.teams.size(); ++i) out.teams[i].rank = ranks[i];
  std::stable_sort(out.teams.begin(), out.teams.end(), [](const TeamCount& a, const TeamCount& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.name < b.name;
  });

  for (const auto& [id, m] : community_minutes) communities[id] = true;
  for (const auto& [id, o] : community_outcomes) communities[id] = true;
  Result<store::Statement> areas =
      c.prepare("SELECT id, name FROM areas WHERE level = 'community' ORDER BY name, id");
  if (!areas.ok()) return areas.status();
  while (true) {
    Result<bool> row = areas->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t id = areas->column_int64(0);
    if (!communities.count(id)) continue;
    out.communities.push_back(
        CommunityCount{id, areas->column_text(1), community_minutes[id], community_outcomes[id]});
  }
  Result<std::vector<OutcomeKind>> kinds = outcome_kinds(c);
  if (!kinds.ok()) return kinds.status();
  out.kinds = std::move(*kinds);
  return out;
}

}  // namespace warmcity::volunteers::counts_oracle
