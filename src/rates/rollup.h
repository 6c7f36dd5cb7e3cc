// The month aggregates behind the rates and the appeals' counts, maintained
// from the event stream (issue 15, design "b"): every change to an appeal's
// state, groups, merge, acceptance, reply or callbacks is written in the same
// job as an appeal_events row, so the appeals with events after a watermark
// are exactly the appeals whose contribution may have changed. (The sweep's
// "escalate" events change only the escalation level: skipped.)
//
// Tables (the appeals module's migration "appeal_counts" v3, SQL from
// rollup_migration_sql() below; the migration fills them for an existing
// database):
//   appeal_rollup_mark        one row: the last event id rolled up (none
//                             until there are events: no row means 0)
//   appeal_rollup             per appeal, what it last contributed (its month,
//                             state, groups, merge, times, lateness)
//   appeal_rollup_callbacks   per appeal and callback month, the last callback
//   appeal_month_counts       (month, dim, group, state) → appeals, every
//                             appeal submitted in the month, merged too
//   appeal_month_rates        (month, dim, group) → the rates' sums: the
//                             month's submissions (merged left out) and the
//                             month's valid callbacks, grouped by the groups
//                             the appeal has NOW (the record follows a
//                             reassignment or relocation, moving its past
//                             contributions with it)
//   appeal_months             the district-time months 1970-01 … 2199-12, for
//                             the migration's fill (dropped after it)
// A month is keyed by Month::from (unix seconds of its first 00:00 +08:00);
// a group id 0 is "no group".
//
// roll_up() moves the watermark: each appeal with later events has its
// recorded contribution subtracted and its current one added. It runs at
// the end of every workflow step's write job (steps.cpp), at most
// kRollUpBatch events each time. Reads never wait for it: month_rates() and
// month_counts() add, in memory, the change of the appeals not yet rolled
// up, so they equal a recount of the raw rows at any time.
//
// Order of ids: on SQLite one writer, and on PostgreSQL one writer per
// server, commit events in id order. Two servers writing one PostgreSQL
// database could commit a smaller id after a larger one was rolled up; that
// appeal would then be caught up only at its next event (docs/rates.md).
//
// The callback answers are read from the event's detail as steps.cpp writes
// it (compact JSON: "contacted":true, "satisfaction":"satisfied"), the same
// way here and in the migration's SQL.
// Every function runs on the connection it is given.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/status.h"
#include "rates/rates.h"
#include "store/connection.h"

namespace warmcity::rates {

// Events rolled up by one roll_up() call at most.
inline constexpr int kRollUpBatch = 500;

// What one appeal contributes (appeal_rollup and appeal_rollup_callbacks).
struct AppealRecord {
  int64_t month = 0;  // Month::from of submitted_at
  std::string state = {}, channel = {};
  int64_t category_id = 0;
  int64_t subdistrict = 0, community = 0, grid = 0, org = 0;  // 0: none
  bool merged = false;
  std::optional<int64_t> response_seconds = {}, resolution_seconds = {};  // accepted / replied
  bool response_late = false, resolution_late = false;  // accepted / replied past due
  auto operator<=>(const AppealRecord&) const = default;
};
struct CallbackRecord {
  int64_t month = 0;
  int64_t event_id = 0;  // the month's last callback event
  bool contacted = false, solved = false;
  std::string satisfaction = {};  // "satisfied", "basically_satisfied", "dissatisfied"
  auto operator<=>(const CallbackRecord&) const = default;
};
struct Contribution {
  std::optional<AppealRecord> appeal = {};     // none: not recorded (yet)
  std::vector<CallbackRecord> callbacks = {};  // by month
  bool operator==(const Contribution&) const = default;
};

// The sums of one rates group; the means and rates are taken from them.
struct RateSums {
  int64_t submitted = 0, responded = 0, resolved = 0;
  int64_t response_seconds = 0, resolution_seconds = 0;
  int64_t response_late = 0, resolution_late = 0;  // accepted / replied past due
  int64_t callbacks = 0, contacted = 0, solved = 0;
  int64_t satisfied = 0, basically_satisfied = 0, dissatisfied = 0;
  void add(const RateSums& o, int sign);
  bool empty() const;
  bool operator==(const RateSums&) const = default;
};

// One counts cell: group (id for id dimensions, key for state and channel).
struct CountKey {
  int64_t group_id = 0;
  std::string group_key = {};
  std::string state = {};
  auto operator<=>(const CountKey&) const = default;
};

// A change to the aggregates, keyed by (month, dimension name).
struct Cells {
  std::map<std::tuple<int64_t, std::string, CountKey>, int64_t> counts;
  std::map<std::tuple<int64_t, std::string, int64_t>, RateSums> rates;
  void add(const Contribution& c, int sign);
};

// The contribution recorded for the appeal (empty when none) and the one its
// rows give now.
Result<Contribution> recorded_contribution(store::Connection& c, int64_t appeal_id);
Result<Contribution> current_contribution(store::Connection& c, int64_t appeal_id);

// Rolls up the appeals of at most `max_events` events after the watermark.
// REQUIRES: inside a write job.
Status roll_up(store::Connection& c, int max_events = kRollUpBatch);

// What the month reads below depend on: the last event that is not an
// escalation. Every change they read is written with such an event (the
// sweep's escalations change only the level), and their answers do not
// depend on where the mark is (they add what is pending), so while the
// stamp is the same so are they (one writer commits events in id order;
// see above for two servers on one PostgreSQL). It only grows.
struct RollupStamp {
  int64_t last_event = 0;
  auto operator<=>(const RollupStamp&) const = default;
};
Result<RollupStamp> rollup_stamp(store::Connection& c);

// A month's rates sums per group id (0: none) of `by`, pending changes
// included. The overdue appeals still open are the caller's (read at now).
Result<std::map<int64_t, RateSums>> month_rates(store::Connection& c, int64_t month, Dimension by);
// A month's counts by `dim` ("state", "category", "channel", "subdistrict",
// "community", "grid"), pending changes included; cells with no appeals left out.
Result<std::map<CountKey, int64_t>> month_counts(store::Connection& c, int64_t month,
                                                 std::string_view dim);

// The migration "appeal_counts" v3: the tables above, the open appeals'
// index for the overdue figures, and the fill from the raw rows.
std::string rollup_migration_sql();

}  // namespace warmcity::rates
