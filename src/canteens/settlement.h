// Settlement with the civil-affairs bureau (issue #17 "Settlement"): what a
// canteen's month of meals adds up to. Pure: the store reads the lines
// (settlement_store.h), this counts them.
//
// What counts as a meal of the month: an order `served` (counter) or
// `delivered`, and one `cancelled_late` (the meal was made: charged in
// full, no subsidy, so a full-price meal). `booked` orders are open
// deliveries (a month with any is not closed); `not_home` and `cancelled`
// ones are no meal. A meal is subsidised when its subsidy_fen > 0; its tier
// is the one written on its order when it was rung up or booked (so a
// status change or a 75th birthday mid-month gives two tiers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmcity::canteens {

// One order of the month as settlement reads it.
struct SettlementLine {
  int64_t order_id = 0;
  std::string kind;       // counter | delivery
  std::string served_on;  // YYYY-MM-DD
  std::string meal;       // breakfast | lunch | dinner
  std::string status;
  std::optional<int64_t> elder_id;
  std::string elder_name;  // her full name ("" when no elder): mask it before it leaves
  int64_t price_fen = 0;
  int64_t subsidy_fen = 0;
  int64_t pays_fen = 0;
  std::string tier;    // "" when none
  std::string flag;    // "" | second_in_slot
  std::string dishes;  // "名 ×qty、…" (filled only when the lines are read in full)
  std::string proof;   // the handover's proof: "" | code | photo
  int64_t created_at = 0;
};

struct TierTotal {
  std::string tier;
  int64_t meals = 0;
  int64_t subsidy_fen = 0;
};

struct MonthTotals {
  std::vector<TierTotal> tiers;  // subsidised meals by tier, by tier name
  int64_t meals = 0;
  int64_t subsidised_meals = 0;
  int64_t full_price_meals = 0;
  int64_t subsidy_fen = 0;
  int64_t open_deliveries = 0;  // booked, not yet resolved
  int64_t deliveries = 0;       // delivered
  int64_t not_home = 0;
};

// Whether an order of `status` is a meal of its month.
bool counts_as_meal(std::string_view status);

// Adds one order (or `count` orders alike, for grouped counts) to `t`;
// keeps `t.tiers` sorted by tier name.
void add_to_totals(MonthTotals& t, std::string_view status, std::string_view tier,
                   int64_t subsidy_fen, int64_t count = 1, int64_t subsidised = -1);

MonthTotals summarise(const std::vector<SettlementLine>& lines);

}  // namespace warmcity::canteens
