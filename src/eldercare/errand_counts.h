// Counts of the errands for the dashboard (issue #16: errands this month by
// state, overdue errands): per community, the errands received in a month
// (Asia/Shanghai) by state, and the errands overdue now. Numbers only — no
// elder, name or work — so a count is not a personal-data read and writes no
// audit row (as the elders' counts, elder_counts.h).
//
// Who counts what: admins and workers only; each counts the errands of the
// elders her elder list shows (listable_areas, elder_access.h: admins and
// district workers every errand, a worker bound to areas those of the
// elders lying in her grids, communities or sub-district).
//
// One SQL aggregate in the shared dialect: the month's errands (read through
// the covering index errands_month_counts, migration module "errand_counts"
// v1) and the overdue ones (errands_due) as one UNION ALL grouped by
// community, state and phase; the groups are folded in C++.
//
// REQUIRES: nothing beyond a connection; HTTP-free. Threads: the caller's.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "eldercare/elder_access.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::eldercare {

// The migration of this file's index (module "errand_counts", after "errands").
std::vector<store::Migration> errand_count_migrations();

// The states an errand of the month is counted in: the errand's state, and
// "complete" for a settled errand both team members confirmed.
inline constexpr std::array<std::string_view, 7> kErrandCountStates = {
    "received", "assigned", "doing", "delivered", "settled", "complete", "cancelled"};

// The errands of one community (null: of elders in no community).
struct ErrandCount {
  std::optional<int64_t> community_id = std::nullopt;
  int64_t total = 0;                                        // received in the month
  std::array<int64_t, kErrandCountStates.size()> states{};  // kErrandCountStates order
  int64_t overdue = 0;  // undelivered past due_at now, whenever received
};

struct ErrandCountFilter {
  int64_t from = 0, to = 0;  // the month [from, to): core::Month's from and until
  int64_t now = 0;           // overdue: undelivered and due_at < now
  std::optional<int64_t> community_id = std::nullopt;
  // The errands of elders lying in one of these areas (grid, community or
  // sub-district); nullopt: everywhere. REQUIRES: not an empty list.
  std::optional<std::vector<int64_t>> in_areas = std::nullopt;
};

// The communities with errands in the month or overdue now, by id, the null
// community last.
Result<std::vector<ErrandCount>> count_errands(store::Connection& c, const ErrandCountFilter& f);

// The sum of `rows` (community_id null).
ErrandCount errand_total_of(const std::vector<ErrandCount>& rows);

// Who may count (admins and workers: kPermissionDenied for anyone else) and
// over which areas: listable_areas(by) — nullopt every area, an empty list
// none (the counts are then empty).
Result<std::optional<std::vector<int64_t>>> count_scope(const Caller& by, std::string_view what);

// Orders rows keyed by an optional community: by id, null last (the
// engines order NULLs differently).
bool community_before(const std::optional<int64_t>& a, const std::optional<int64_t>& b);

}  // namespace warmcity::eldercare
