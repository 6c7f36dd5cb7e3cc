// The volunteer teams' SQL (docs/volunteers.md "Teams"): a team is an
// organisation of kind volunteer_team; its certificate facts are a
// volunteer_teams row (none until first set: every fact empty, no parent).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

struct NamedRef {
  int64_t id = 0;
  std::string name;
};

// One team as the public list shows it.
struct TeamItem {
  int64_t id = 0;
  std::string name;
  std::optional<NamedRef>
      community;                   // the organisation's area when a community (a grid's community)
  std::optional<NamedRef> parent;  // volunteer_teams.parent_org_id
  int64_t volunteers = 0;          // current members whose status is active
  std::string responsible_person;  // "" until set
  std::string contact_phone;       // "" until set
};

// The facts a PUT may change: an outer nullopt is not given; parent null
// clears it.
struct TeamPatch {
  std::optional<std::optional<int64_t>> parent_org_id;
  std::optional<std::string> responsible_person;
  std::optional<std::string> contact_phone;
};

// Every team by name (then id); one team (nullopt: no such team).
Result<std::vector<TeamItem>> list_teams(store::Connection& c);
Result<std::optional<TeamItem>> find_team(store::Connection& c, int64_t team_id);

// True when an organisation with this id exists.
Result<bool> organisation_exists(store::Connection& c, int64_t org_id);

// Writes the team's facts (the row made when there is none).
Status save_team_facts(store::Connection& c, int64_t team_id, std::optional<int64_t> parent_org_id,
                       const std::string& responsible_person, const std::string& contact_phone,
                       int64_t by, int64_t now);

}  // namespace warmcity::volunteers
