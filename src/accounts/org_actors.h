// Who can act for an organisation: the active (not disabled) users of role
// department or worker who are its members — the people an appeal
// dispatched to it reaches (appeals/workflow.h, party "assignee"). Appeals
// asks this before it lets a category name the organisation as its default
// target, and to flag categories whose target has nobody left.
// Stateless; runs on the connection it is given (a reader, or the writer's
// inside a write job, so the answer agrees with what commits).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::accounts {

struct OrgActors {
  std::string name;    // the organisation's name
  int64_t actors = 0;  // active department/worker members
};

// nullopt when no organisation has that id.
Result<std::optional<OrgActors>> org_actors(store::Connection& conn, int64_t org_id);

// The active workers who are members of an organisation serving one of
// `area_ids` (organisations.area_id) — the people an appeal dispatched to
// an area reaches (appeals' assignee_areas). 0 for an empty list.
Result<int64_t> area_workers(store::Connection& conn, const std::vector<int64_t>& area_ids);

}  // namespace warmcity::accounts
