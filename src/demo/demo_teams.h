// The demo's grid teams (结对帮扶, eldercare/team_store.h): a few two-person
// teams across the demo communities, each a worker and a volunteer of the
// demo users (demo.cpp's kUsers) with a realistic rota, formed through
// ElderService::create_team by the system (user 0, as an admin) and paired
// with the demo elders of their grid through ElderService::pair — every rule
// a real team passes. Internal to src/demo.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "areas/area_service.h"
#include "core/status.h"
#include "demo/demo_elders.h"
#include "eldercare/elder_service.h"

namespace warmcity::demo {

// A team as the demo's summary names it.
struct TeamSummary {
  std::string name;
  std::string grid_code;
  std::string rota;
  std::vector<std::string> members;  // the worker's and the volunteer's usernames
  size_t elders = 0;                 // paired with it
};

// Forms the teams and pairs each with the elders of its grid. `user_ids`:
// the demo users' ids by username (every team's two members among them).
Result<std::vector<TeamSummary>> create_teams(eldercare::ElderService& elders,
                                              const areas::AreaService& areas,
                                              const std::map<std::string, int64_t>& user_ids,
                                              const std::vector<RecordedElder>& recorded,
                                              const std::string& client_address);

}  // namespace warmcity::demo
