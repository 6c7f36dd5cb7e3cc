// SQL for the subsidy rules (migration module "canteen_subsidies",
// subsidy_migrations.cpp):
//   canteen_subsidy_versions  one row per version of the district's rule set:
//                             effective_from (YYYY-MM-DD, unique), caps,
//                             precedence, who made and last changed it
//   canteen_subsidy_tiers     its tiers in list order (position from 0):
//                             name, age band, statuses and meals as
//                             comma-separated codes, amount per meal
// Every function runs on the connection it is given (the writer's inside a
// write job, or the calling thread's reader). Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "canteens/subsidy_rule.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::canteens {

// Every version with its tiers, latest effective_from first.
Result<std::vector<SubsidyRules>> list_subsidy_versions(store::Connection& c);
// kNotFound when there is none.
Result<SubsidyRules> get_subsidy_version(store::Connection& c, int64_t id);
// The version in force on `day` (the latest effective_from on or before it);
// nullopt when none is.
Result<std::optional<SubsidyRules>> subsidy_version_on(store::Connection& c, core::LocalDate day);
// The id of the version effective from `day`, if any.
Result<std::optional<int64_t>> subsidy_version_from(store::Connection& c, core::LocalDate day);

// Inserts `r` and its tiers (its id is set). kConflict when a version is
// already effective from that day.
Status insert_subsidy_version(store::Connection& c, SubsidyRules& r);
// Overwrites version r.id (all but created_at/created_by) and its tiers.
Status replace_subsidy_version(store::Connection& c, const SubsidyRules& r);

}  // namespace warmcity::canteens
