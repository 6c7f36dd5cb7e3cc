// The subsidy rules and quotes as JSON: reading a version from a request
// body, and the answers of the routes. Include only in .cpp files (it pulls
// in nlohmann/json).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "canteens/subsidy_rule.h"
#include "canteens/subsidy_service.h"
#include "core/status.h"

namespace warmcity::canteens {

// A version from `body`: {effective_from, precedence?, cap_per_day_fen?,
// cap_per_month_fen?, note?, tiers: [{name, age_min?, age_max?, statuses?,
// amount_fen, meals}]}. 400 for a body that is not a JSON object; 422 naming
// every bad field by its path (wrong types, fractional or negative amounts,
// unknown statuses, meals or fields) and check_rules()'s findings.
Result<SubsidyRules> read_subsidy_rules(std::string_view body);

// A version; `state` is "scheduled" (its day has not come: it may still be
// replaced), "in_force" or "superseded", as of `today` and the version in
// force then.
nlohmann::ordered_json subsidy_version_json(const SubsidyRules& r, core::LocalDate today,
                                            std::optional<int64_t> in_force_id);

nlohmann::ordered_json elder_quote_json(const ElderQuote& q, const QuoteRequest& asked);

std::string dump_json(const nlohmann::ordered_json& body);

}  // namespace warmcity::canteens
