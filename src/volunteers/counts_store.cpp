// The month's counts of the volunteers (counts_store.h).
//
// The minutes are summed here from two reads: the month's confirmed records
// (volunteer, minutes, day; from the covering index volunteer_records_month)
// and the memberships that overlap the month. Joining the records with the
// memberships in SQL, de-duplicated per (record, team) and again per
// (record, community), cost several times as much at a district's scale
// (bench/README.md "Volunteers"). The outcomes are one aggregate, put on
// the teams' communities here.
#include "volunteers/counts_store.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <utility>

namespace warmcity::volunteers {

namespace {

// The day of the month of a record's service_date, as SQL both engines run.
constexpr char kCountsDay[] = "CAST(substr(r.service_date, 9, 2) AS BIGINT)";

// Each team's community (team_id, community_id) as the teams' list says it
// (team_store.cpp): the team organisation's area when a community (a grid's
// community), else the same of its parent organisation's area.
const char* const kTeamCommunities =
    "(SELECT o.id AS team_id, CASE WHEN a.level = 'community' THEN a.id WHEN a.level = 'grid' "
    "THEN ga.id WHEN pa.level = 'community' THEN pa.id WHEN pa.level = 'grid' THEN pga.id END "
    "AS community_id FROM organisations o LEFT JOIN volunteer_teams vt ON vt.org_id = o.id "
    "LEFT JOIN organisations po ON po.id = vt.parent_org_id LEFT JOIN areas a ON a.id = "
    "o.area_id LEFT JOIN areas ga ON ga.id = a.parent_id LEFT JOIN areas pa ON pa.id = "
    "po.area_id LEFT JOIN areas pga ON pga.id = pa.parent_id WHERE o.kind = 'volunteer_team')";

// Every team (an organisation of kind volunteer_team) with its community,
// by id; their counts 0.
Result<std::vector<TeamCount>> counts_teams(store::Connection& c) {
  Result<store::Statement> s =
      c.prepare(std::string("SELECT o.id, o.name, tc.community_id FROM organisations o JOIN ") +
                kTeamCommunities + " tc ON tc.team_id = o.id ORDER BY o.id");
  if (!s.ok()) return s.status();
  return store::collect<TeamCount>(*s, [](store::Statement& q) {
    TeamCount t;
    t.id = q.column_int64(0);
    t.name = q.column_text(1);
    t.community_id = q.column_int64_opt(2);
    return t;
  });
}

// The teams by their index in the list and their communities by an index
// of their own, so that the month's rows are summed into arrays.
struct CountsSlots {
  std::unordered_map<int64_t, size_t> team;         // a team's id → its index
  std::vector<std::optional<size_t>> community_of;  // a team's index → its community's
  std::vector<int64_t> communities;                 // a community's index → its id
};

CountsSlots counts_slots(const std::vector<TeamCount>& teams) {
  CountsSlots out;
  std::map<int64_t, size_t> community;
  for (size_t i = 0; i < teams.size(); ++i) {
    out.team[teams[i].id] = i;
    std::optional<size_t> slot;
    if (teams[i].community_id) {
      auto [it, added] = community.emplace(*teams[i].community_id, out.communities.size());
      if (added) out.communities.push_back(*teams[i].community_id);
      slot = it->second;
    }
    out.community_of.push_back(slot);
  }
  return out;
}

// A membership of a team that overlaps the month; `active`: its volunteer
// is active.
struct CountsMembership {
  int64_t volunteer = 0;
  size_t team = 0;  // the team's index
  bool active = false;
  int64_t joined_at = 0;
  std::optional<int64_t> left_at;
};

// The memberships by volunteer and team, and their volunteers in the same
// order (to search).
struct CountsMemberships {
  std::vector<CountsMembership> rows;
  std::vector<int64_t> volunteers;
};

// The ids of the volunteers who are not active, ascending (a few: through
// volunteers_status). Every membership's volunteer exists (its foreign
// key), so a member is active when not among them; joining the memberships
// with the volunteers for it doubled their read.
Result<std::vector<int64_t>> counts_inactive(store::Connection& c) {
  Result<store::Statement> s = c.prepare("SELECT id FROM volunteers WHERE status <> 'active'");
  if (!s.ok()) return s.status();
  Result<std::vector<int64_t>> ids =
      store::collect<int64_t>(*s, [](store::Statement& q) { return q.column_int64(0); });
  if (ids.ok()) std::sort(ids->begin(), ids->end());
  return ids;
}

// The memberships joined before `end` and not left before `start`. One of
// an organisation that is no team counts for nothing: it is left out.
Result<CountsMemberships> counts_memberships(store::Connection& c, int64_t start, int64_t end,
                                             const CountsSlots& slots) {
  Result<std::vector<int64_t>> inactive = counts_inactive(c);
  if (!inactive.ok()) return inactive.status();
  Result<store::Statement> s = c.prepare(
      "SELECT m.volunteer_id, m.team_org_id, m.joined_at, m.left_at FROM volunteer_team_members "
      "m WHERE m.joined_at < ? AND (m.left_at IS NULL OR m.left_at >= ?)");
  if (!s.ok()) return s.status();
  s->bind(1, end).bind(2, start);
  CountsMemberships out;
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto team = slots.team.find(s->column_int64(1));
    if (team == slots.team.end()) continue;
    const int64_t volunteer = s->column_int64(0);
    const bool active = !std::binary_search(inactive->begin(), inactive->end(), volunteer);
    out.rows.push_back(CountsMembership{volunteer, team->second, active, s->column_int64(2),
                                        s->column_int64_opt(3)});
  }
  std::sort(out.rows.begin(), out.rows.end(),
            [](const CountsMembership& a, const CountsMembership& b) {
              return a.volunteer != b.volunteer ? a.volunteer < b.volunteer : a.team < b.team;
            });
  out.volunteers.reserve(out.rows.size());
  for (const CountsMembership& m : out.rows) out.volunteers.push_back(m.volunteer);
  return out;
}

// Each team's active volunteers, by the team's index; a volunteer once
// however often they joined.
std::vector<int64_t> counts_volunteers(const CountsMemberships& memberships, size_t teams) {
  std::vector<int64_t> out(teams, 0);
  const std::vector<CountsMembership>& rows = memberships.rows;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].active) continue;
    if (i > 0 && rows[i - 1].volunteer == rows[i].volunteer && rows[i - 1].team == rows[i].team)
      continue;
    ++out[rows[i].team];
  }
  return out;
}

void counts_add_once(std::vector<size_t>& slots, size_t slot) {
  if (std::find(slots.begin(), slots.end(), slot) == slots.end()) slots.push_back(slot);
}

// The confirmed minutes by team and by community, by their indexes.
struct CountsMinutes {
  std::vector<int64_t> teams, communities;
};

// Each confirmed record whose service date is in [first, last] (the month
// beginning at `start`) counts for every team its volunteer was a member of
// on that date — joined before the day ended, not left before it began; a
// team once — and for those teams' communities, a community once.
Result<CountsMinutes> counts_minutes(store::Connection& c, int64_t start, const std::string& first,
                                     const std::string& last, const CountsMemberships& memberships,
                                     const CountsSlots& slots) {
  Result<store::Statement> s =
      c.prepare(std::string("SELECT r.volunteer_id, r.minutes, ") + kCountsDay +
                " FROM volunteer_records r WHERE r.state = 'confirmed' AND r.service_date >= ? "
                "AND r.service_date <= ?");
  if (!s.ok()) return s.status();
  s->bind(1, first).bind(2, last);
  CountsMinutes out{std::vector<int64_t>(slots.community_of.size(), 0),
                    std::vector<int64_t>(slots.communities.size(), 0)};
  const std::vector<int64_t>& volunteers = memberships.volunteers;
  std::vector<size_t> teams, communities;
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    const int64_t volunteer = s->column_int64(0), minutes = s->column_int64(1);
    const int64_t day_end = start + s->column_int64(2) * core::kSecondsPerDay;
    const int64_t day_start = day_end - core::kSecondsPerDay;
    teams.clear();
    communities.clear();
    for (auto v = std::lower_bound(volunteers.begin(), volunteers.end(), volunteer);
         v != volunteers.end() && *v == volunteer; ++v) {
      const CountsMembership& m = memberships.rows[static_cast<size_t>(v - volunteers.begin())];
      if (m.joined_at < day_end && (!m.left_at || *m.left_at >= day_start))
        counts_add_once(teams, m.team);
    }
    for (size_t team : teams) {
      out.teams[team] += minutes;
      if (std::optional<size_t> community = slots.community_of[team])
        counts_add_once(communities, *community);
    }
    for (size_t community : communities) out.communities[community] += minutes;
  }
}

// The outcomes by team id and by community id.
struct CountsOutcomes {
  std::map<int64_t, OutcomeTotals> teams, communities;
};

// The outcomes of the occurrences in [first, last]: by the team given on
// them, and by that team's community, else the activity's, else its
// organiser's area.
Result<CountsOutcomes> counts_outcomes(store::Connection& c, const std::string& first,
                                       const std::string& last, const CountsSlots& slots) {
  Result<store::Statement> s = c.prepare(
      "SELECT u.team_org_id, a.community_id, g.area_id, u.kind_code, SUM(u.quantity_tenths) "
      "FROM volunteer_outcomes u JOIN activity_occurrences oc ON oc.id = u.occurrence_id "
      "JOIN activities a ON a.id = oc.activity_id LEFT JOIN organisations g ON g.id = "
      "a.organiser_org_id WHERE oc.local_date >= ? AND oc.local_date <= ? "
      "GROUP BY u.team_org_id, a.community_id, g.area_id, u.kind_code");
  if (!s.ok()) return s.status();
  s->bind(1, first).bind(2, last);
  CountsOutcomes out;
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    const std::optional<int64_t> team = s->column_int64_opt(0);
    const std::string kind = s->column_text(3);
    const int64_t tenths = s->column_int64(4);
    std::optional<int64_t> community = s->column_int64_opt(1);
    if (!community) community = s->column_int64_opt(2);
    if (team) {
      out.teams[*team][kind] += tenths;
      if (auto it = slots.team.find(*team); it != slots.team.end()) {
        if (std::optional<size_t> slot = slots.community_of[it->second])
          community = slots.communities[*slot];
      }
    }
    if (community) out.communities[*community][kind] += tenths;
  }
}

}  // namespace

std::vector<int64_t> shared_ranks(const std::vector<int64_t>& minutes) {
  std::vector<int64_t> sorted = minutes;
  std::sort(sorted.begin(), sorted.end(), std::greater<int64_t>());
  std::vector<int64_t> ranks;
  for (int64_t m : minutes) {
    auto first = std::lower_bound(sorted.begin(), sorted.end(), m, std::greater<int64_t>());
    ranks.push_back(1 + (first - sorted.begin()));
  }
  return ranks;
}

std::optional<core::LocalDate> parse_month(std::string_view text) {
  if (text.size() != 7) return std::nullopt;
  Result<core::LocalDate> d = core::parse_date(std::string(text) + "-01");
  if (!d.ok()) return std::nullopt;
  return *d;
}

Result<MonthCounts> month_counts(store::Connection& c, core::LocalDate first) {
  MonthCounts out;
  const std::string first_text = core::format_date(first);
  out.month = first_text.substr(0, 7);
  const int days = core::days_in_month(first.year, first.month);
  const std::string last_text = core::format_date(core::LocalDate{first.year, first.month, days});
  const int64_t start = core::local_midnight_unix(first);
  const int64_t end = start + int64_t{days} * core::kSecondsPerDay;

  Result<std::vector<TeamCount>> teams = counts_teams(c);
  if (!teams.ok()) return teams.status();
  out.teams = std::move(*teams);
  const CountsSlots slots = counts_slots(out.teams);
  Result<CountsMemberships> memberships = counts_memberships(c, start, end, slots);
  if (!memberships.ok()) return memberships.status();
  Result<CountsMinutes> minutes =
      counts_minutes(c, start, first_text, last_text, *memberships, slots);
  if (!minutes.ok()) return minutes.status();
  Result<CountsOutcomes> outcomes = counts_outcomes(c, first_text, last_text, slots);
  if (!outcomes.ok()) return outcomes.status();

  const std::vector<int64_t> volunteers = counts_volunteers(*memberships, out.teams.size());
  for (size_t i = 0; i < out.teams.size(); ++i) {
    TeamCount& t = out.teams[i];
    t.volunteers = volunteers[i];
    t.minutes = minutes->teams[i];
    t.outcomes = outcomes->teams[t.id];
  }
  const std::vector<int64_t> ranks = shared_ranks(minutes->teams);
  for (size_t i = 0; i < out.teams.size(); ++i) out.teams[i].rank = ranks[i];
  std::stable_sort(out.teams.begin(), out.teams.end(), [](const TeamCount& a, const TeamCount& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.name < b.name;
  });

  // The communities named: the teams' (their minutes) and those with
  // outcomes.
  std::map<int64_t, int64_t> community_minutes;
  for (size_t i = 0; i < slots.communities.size(); ++i)
    community_minutes[slots.communities[i]] = minutes->communities[i];
  Result<store::Statement> areas =
      c.prepare("SELECT id, name FROM areas WHERE level = 'community' ORDER BY name, id");
  if (!areas.ok()) return areas.status();
  while (true) {
    Result<bool> row = areas->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t id = areas->column_int64(0);
    auto m = community_minutes.find(id);
    auto o = outcomes->communities.find(id);
    if (m == community_minutes.end() && o == outcomes->communities.end()) continue;
    out.communities.push_back(
        CommunityCount{id, areas->column_text(1), m == community_minutes.end() ? 0 : m->second,
                       o == outcomes->communities.end() ? OutcomeTotals{} : o->second});
  }
  Result<std::vector<OutcomeKind>> kinds = outcome_kinds(c);
  if (!kinds.ok()) return kinds.status();
  out.kinds = std::move(*kinds);
  return out;
}

}  // namespace warmcity::volunteers
