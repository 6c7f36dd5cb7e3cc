// Counts of the appeals submitted in a period (the dashboard's "this month
// by status" and its siblings), grouped by one dimension and split by state.
// A whole district-time month with no narrowing (an admin's or a district
// worker's dashboard) is read from the maintained month aggregates
// (rates/rollup.h: at most one row per group and state, plus what is not
// yet rolled up); anything else is one GROUP BY over the covering index
// appeals_month_counts (appeal_migrations.cpp, module "appeal_counts" v1).
// Both give the same cells.
//
// Every appeal submitted in [from, until) counts once, merged duplicates too
// (a merged appeal is closed and counts as closed), with the state and the
// groups it has now. Areas: the sub-district / community / grid the appeal
// lies in (as located at submission); `area` is the community.
//
// REQUIRES: nothing beyond a connection; HTTP-free. Threads: the caller's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appeals/workflow.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::appeals {

enum class CountBy { kState, kCategory, kChannel, kSubdistrict, kCommunity, kGrid };
// "state", "category", "channel", "subdistrict", "community", "grid", and
// "area" (the community); nullopt for anything else.
std::optional<CountBy> parse_count_by(std::string_view name);
std::string_view count_by_name(CountBy by);  // "area" answers "community"

struct CountQuery {
  CountBy by = CountBy::kState;
  int64_t from = 0;   // submitted_at >= from …
  int64_t until = 0;  // … and < until (unix seconds)
  // Visibility, as the appeals list narrows it (empty: no narrowing):
  std::vector<int64_t> assigned_org_ids = {};  // a department's appeals
  std::vector<int64_t> area_ids = {};          // lying in or assigned to one of these areas
};

// One (group, state) cell. The group is `key` for state and channel
// ("submitted", "web"), `id` for category and the areas (null: no area).
struct CountCell {
  std::string key = {};
  std::optional<int64_t> id = {};
  State state = State::kSubmitted;
  int64_t count = 0;
};

// The non-empty cells, ordered by group (null ids last, text by byte) then
// by state in workflow order. No appeals: no cells.
Result<std::vector<CountCell>> count_appeals(store::Connection& c, const CountQuery& q);

}  // namespace warmcity::appeals
