// The volunteer teams' JSON (docs/volunteers.md "Teams"): a team item and
// the PUT body {parent_org_id (an id or null), responsible_person 1–40,
// contact_phone (core::is_valid_phone)}, any subset, unknown fields
// refused (422 naming the field). Include only in route translation units.
#pragma once

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "volunteers/team_store.h"

namespace warmcity::volunteers {

nlohmann::ordered_json team_json(const TeamItem& t);
Result<TeamPatch> read_team_patch(const nlohmann::json& body);

}  // namespace warmcity::volunteers
