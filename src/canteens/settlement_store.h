// SQL of settlement (the tables of module "canteen_orders",
// order_migrations.cpp): a canteen's month of orders, its closure and its
// adjustments, and every canteen's month in counts for the dashboard. Runs
// on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "canteens/settlement.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::canteens {

// A closed month's frozen totals.
struct MonthClosure {
  int64_t meals = 0;
  int64_t subsidy_fen = 0;
  int64_t closed_at = 0;
  int64_t closed_by = 0;
};

// A correction to a closed month (append-only).
struct SettlementAdjustment {
  int64_t id = 0;
  int64_t canteen_id = 0;
  std::string month;
  std::optional<int64_t> order_id;
  int64_t subsidy_delta_fen = 0;
  std::string reason;
  int64_t created_at = 0;
  int64_t created_by = 0;
};

// One canteen's month in counts (the dashboard's meal figures).
struct CanteenMonthCounts {
  int64_t id = 0;
  std::string name;
  MonthTotals totals;
};

// The month's totals of `canteen_id` (settlement.h's rules), counted in one
// grouped query on the index (canteen_id, month).
Result<MonthTotals> month_totals(store::Connection& c, int64_t canteen_id,
                                 const std::string& month);
// The orders of `canteen_id` in `month` (YYYY-MM) by day, then id, with her
// name, the dishes and the handover's proof: one query on the index
// (canteen_id, month).
Result<std::vector<SettlementLine>> month_lines(store::Connection& c, int64_t canteen_id,
                                                const std::string& month);
Result<std::optional<MonthClosure>> month_closure(store::Connection& c, int64_t canteen_id,
                                                  const std::string& month);
// kConflict when the month is closed already.
Status insert_closure(store::Connection& c, int64_t canteen_id, const std::string& month,
                      const MonthClosure& closure);
// The month's adjustments, oldest first.
Result<std::vector<SettlementAdjustment>> month_adjustments(store::Connection& c,
                                                            int64_t canteen_id,
                                                            const std::string& month);
// Sets a.id.
Status insert_adjustment(store::Connection& c, SettlementAdjustment& a);
// Whether order `order_id` is of `canteen_id` and `month`.
Result<bool> order_in_month(store::Connection& c, int64_t order_id, int64_t canteen_id,
                            const std::string& month);
// Every canteen (facilities of kind canteen, by name) with its month's counts.
Result<std::vector<CanteenMonthCounts>> month_counts(store::Connection& c,
                                                     const std::string& month);

}  // namespace warmcity::canteens
