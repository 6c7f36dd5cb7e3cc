// Settlement as JSON (docs/canteens.md "Settlement"): the month's summary,
// an adjustment, the dashboard's meal counts, and an adjustment read from a
// request body. Times are epoch seconds, as in the orders' answers. Include
// only in .cpp files (it pulls in nlohmann/json).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "canteens/settlement_service.h"
#include "core/status.h"

namespace warmcity::canteens {

// {"order_id"?: n, "subsidy_delta_fen": n (non-zero integer), "reason": "…"}:
// 400 for a body that is not a JSON object, 422 naming each bad field
// (wrong types, zero, unknown fields).
Result<AdjustmentInput> read_adjustment_input(std::string_view body);

nlohmann::ordered_json settlement_summary_json(const SettlementSummary& s);
nlohmann::ordered_json settlement_adjustment_json(const NamedAdjustment& a);
nlohmann::ordered_json meal_counts_json(const MealCounts& m);

}  // namespace warmcity::canteens
