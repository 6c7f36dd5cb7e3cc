// A canteen's meal orders (issue #17 "Orders"): the Order's shape and the
// rules that need no database — the day a meal may be rung up or booked
// (the delivery cut-off), its lines against the day's published menu, the
// one-subsidised-meal-per-slot rule and what a cancellation becomes.
//
//   - counter meal: rung up today, status "served" at once; cancelled only
//     the same day (a till mistake), free;
//   - delivery: booked for an elder from tomorrow up to kOrderDaysAhead days
//     ahead, before the cut-off (kCutoffHour:00 district time the day
//     before), status "booked"; cancelled before the cut-off "cancelled"
//     (free), after it "cancelled_late" (the meal was made: charged in full,
//     no subsidy);
//   - one subsidised meal per elder per day and meal: while the slot's
//     first meal of hers (an order not cancelled, not flagged) stands, at
//     any canteen, another is full price with the flag "second_in_slot";
//     once that first one is cancelled, her next is the slot's first again.
// Pure: no I/O, no clock (callers pass the time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "canteens/menu.h"
#include "core/status.h"
#include "core/time.h"

namespace warmcity::canteens {

inline constexpr int kOrderDaysAhead = 14;  // a delivery is booked up to 14 days ahead
inline constexpr int kCutoffHour = 20;      // 20:00 district time the day before
inline constexpr size_t kOrderLinesMax = 20;
inline constexpr int64_t kOrderQtyMax = 20;
inline constexpr size_t kCancelNoteMax = 200;

bool is_order_kind(std::string_view kind);  // "counter" | "delivery"

struct OrderLine {
  int64_t dish_id = 0;
  std::string name;
  int64_t unit_fen = 0;
  int64_t qty = 1;
};

struct Order {
  int64_t id = 0;
  int64_t canteen_id = 0;
  std::string kind;  // counter | delivery
  core::LocalDate date;
  std::string meal;    // breakfast | lunch | dinner
  std::string status;  // booked | served | delivered | not_home | cancelled | cancelled_late
  std::optional<int64_t> elder_id;
  std::string elder_name_masked;  // "" when not an elder
  int64_t price_fen = 0;
  int64_t subsidy_fen = 0;
  int64_t pays_fen = 0;
  std::optional<int64_t> subsidy_version_id;
  std::string tier;    // "" when none
  std::string reason;  // Chinese, the engine's
  std::string flag;    // "" | "second_in_slot"
  std::vector<OrderLine> lines;
  int64_t created_at = 0;
  int64_t created_by = 0;
  int64_t updated_at = 0;
};

// Who eats: her card's number, her record's id, or nobody recorded (both
// nullopt: a diner who is not a recorded elder, full price).
struct Diner {
  std::optional<std::string> card;
  std::optional<int64_t> elder_id;
};

struct LineRequest {
  int64_t dish_id = 0;
  int64_t qty = 1;
};

struct OrderRequest {
  std::string kind;
  core::LocalDate date;
  std::string meal;
  Diner diner;
  std::vector<LineRequest> lines;
};

// The cut-off of a delivery on `date`: kCutoffHour:00 district time the day
// before (unix seconds).
int64_t delivery_cutoff(core::LocalDate date);
// cancel_free_until of an order: the cut-off for a delivery, nullopt for a
// counter meal.
std::optional<int64_t> cancel_free_until(const Order& o);

// Whether `r` may be rung up or booked at `now`: kUnprocessable naming
// "date" (a counter meal on another day than today; a delivery after its
// cut-off or more than kOrderDaysAhead days ahead) or "diner" (a delivery
// for nobody recorded).
Status check_order_request(const OrderRequest& r, int64_t now);

// The lines of `r` against `menu`, the dishes of the canteen's published meal
// of that day (empty: none published): each dish must be on it
// (kUnprocessable naming "lines[i].dish_id"), unit price the menu's.
Result<std::vector<OrderLine>> order_lines(const std::vector<LineRequest>& lines,
                                           const std::vector<MealPrice>& menu);
int64_t lines_price(const std::vector<OrderLine>& lines);

// What cancelling `o` at `now` makes of it: "cancelled" or "cancelled_late";
// kConflict for an order that can no longer be cancelled.
Result<std::string> cancel_status(const Order& o, int64_t now);
// Applies a cancellation: "cancelled_late" is charged in full, no subsidy.
void apply_cancel(Order& o, const std::string& status, int64_t now);

}  // namespace warmcity::canteens
