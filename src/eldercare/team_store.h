// SQL for the grid teams (table elder_teams, migration "eldercare" v3): two
// people — a community worker and a volunteer (a user with the volunteer or
// the worker role) — of one grid, with a duty rota (an opening_hours
// expression, core/opening_hours.h: "Mo-Fr 08:30-17:30") and the team's
// phone. An elder is paired with one team (elders.team_id). Runs on the
// connection it is given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct Team {
  int64_t id = 0;
  int64_t grid_id = 0;
  std::optional<int64_t> community_id;  // the grid's community
  std::string name;
  int64_t worker_user_id = 0;
  int64_t volunteer_user_id = 0;
  std::string phone;
  std::string rota;
  int64_t created_at = 0;
  int64_t created_by = 0;
};

struct TeamFilter {
  std::optional<int64_t> community_id;
  // Teams whose grid or community is one of these; nullopt: any.
  // REQUIRES: not an empty list.
  std::optional<std::vector<int64_t>> in_areas;
};

// kNotFound when there is no such team.
Result<Team> get_team(store::Connection& c, int64_t id);
// Oldest first, at most 500.
Result<std::vector<Team>> list_teams(store::Connection& c, const TeamFilter& f);
Status insert_team(store::Connection& c, Team& t);

}  // namespace warmcity::eldercare
