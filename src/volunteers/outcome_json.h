// The outcomes' JSON (docs/volunteers.md "Outcomes"): the bodies the routes
// read and the views they answer. Include only in route and test
// translation units.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "volunteers/outcome_service.h"

namespace warmcity::volunteers {

// {code [a-z_]{2,30}, name 1–20, unit 1–10, decimals 0|1 (default 0),
// active (default true)}.
Result<OutcomeKind> read_outcome_kind(const nlohmann::json& body);
// Any of {name, unit, decimals, active}.
Result<OutcomeKindPatch> read_outcome_kind_patch(const nlohmann::json& body);
// {items: [{kind, quantity, team_id?}]} (at most 50): a quantity is a number
// ≥ 0 with at most one decimal (422 items[i].quantity).
Result<std::vector<OutcomeInput>> read_outcome_items(const nlohmann::json& body);

// Tenths as the number they are: 12 → 1.2, 30 → 3.
nlohmann::ordered_json quantity_json(int64_t tenths);
nlohmann::ordered_json outcome_kind_json(const OutcomeKind& k);
// {items: [{kind, name, unit, quantity, team_id}]}.
nlohmann::ordered_json outcomes_json(const std::vector<OutcomeLine>& lines);

}  // namespace warmcity::volunteers
