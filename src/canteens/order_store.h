// The meal orders' SQL (tables of module "canteen_orders", order_migrations.cpp):
// an order with its lines, its events, the reads the pricing needs (her
// subsidy so far that day and month, another meal of hers in the slot, a
// month closed for settlement) and the diner lookups by name. Called by
// OrderService only, inside its write jobs or on a reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "canteens/order.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::canteens {

// Inserts `o` and its lines; sets o.id.
Status insert_order(store::Connection& c, Order& o);
// Appends one event of the order's history (kind: created, cancelled, …).
Status insert_order_event(store::Connection& c, int64_t order_id, const std::string& kind,
                          int64_t at, int64_t by, const std::string& note);
// Saves status, subsidy, pays and updated_at of `o`.
Status update_order_outcome(store::Connection& c, const Order& o);

// The order `id` of canteen `canteen_id` (another canteen's is NotFound),
// with its lines and the elder's masked name.
Result<Order> get_order(store::Connection& c, int64_t canteen_id, int64_t id);

struct OrderFilter {
  int64_t canteen_id = 0;
  core::LocalDate date;
  std::optional<std::string> meal;
  std::optional<std::string> kind;
  int limit = 1000;
};
// The orders of a canteen's day, newest first, with their lines.
Result<std::vector<Order>> list_orders(store::Connection& c, const OrderFilter& f);

// Her subsidy already given (orders not cancelled and not not_home, every
// canteen) on `date` and in its month.
struct SubsidySoFar {
  int64_t day_fen = 0;
  int64_t month_fen = 0;
};
Result<SubsidySoFar> subsidy_so_far(store::Connection& c, int64_t elder_id, core::LocalDate date);
// Whether she has the first meal of that day's meal slot (an order not
// cancelled, not not_home and not itself second_in_slot), at any canteen.
Result<bool> slot_taken(store::Connection& c, int64_t elder_id, core::LocalDate date,
                        const std::string& meal);
// Whether the canteen has a link to elder `elder_id`: an order of hers here
// (any status), her stop on one of its delivery routes, or a diner lookup at
// this canteen that found her (its canteen_diner_lookup audit row).
Result<bool> elder_known_here(store::Connection& c, int64_t canteen_id, int64_t elder_id);
// Whether the canteen's month ("YYYY-MM") is closed for settlement.
Result<bool> month_closed(store::Connection& c, int64_t canteen_id, const std::string& month);

// The open elders whose name is exactly `name`, by id, at most `limit`.
Result<std::vector<int64_t>> open_elders_named(store::Connection& c, const std::string& name,
                                               int limit);

}  // namespace warmcity::canteens
