// SQL of meal delivery on the meals' tables (module "canteen_orders",
// order_migrations.cpp), beside the orders' own (order_store.h: an order, a
// day's orders, a closed month): the orders' handover or not-home events,
// the saved routes, an order's status moved on from 'booked', and the wrong
// handover codes counted from the audit log. Runs on the connection it is
// given. Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::canteens {

// An order's last delivery event: 'delivered' (proof) or 'not_home' (visit_id).
struct DeliveryEvent {
  std::string kind;
  int64_t at = 0;
  std::string proof;
  std::optional<int64_t> visit_id;
};

struct DeliveryEventRow {
  int64_t order_id = 0;
  std::string kind;
  int64_t at = 0;
  int64_t by_user = 0;
  std::string proof;                 // delivered: code, photo
  std::optional<std::string> photo;  // the stored photo's file name
  std::optional<int64_t> visit_id;   // not_home
  std::string note;
};

// The last delivered or not_home event of each of `order_ids` (by order id).
Result<std::vector<DeliveryEvent>> delivery_events(store::Connection& c,
                                                   const std::vector<int64_t>& order_ids,
                                                   std::vector<int64_t>& event_order_ids);
// Moves a booked order to `status`; kConflict when it is no longer booked.
Status finish_booked_order(store::Connection& c, int64_t id, const std::string& status, int64_t at);
Status append_delivery_event(store::Connection& c, const DeliveryEventRow& e);
// The canteen's saved route for the meal: elder ids by position.
Result<std::vector<int64_t>> saved_route(store::Connection& c, int64_t canteen_id,
                                         const std::string& meal);
// Replaces the saved route.
Status replace_route(store::Connection& c, int64_t canteen_id, const std::string& meal,
                     const std::vector<int64_t>& elder_ids, int64_t at, int64_t by);

// Audit entries `action` on canteen_order `order_id` at or after `since`.
Result<int64_t> audited_since(store::Connection& c, const std::string& action, int64_t order_id,
                              int64_t since);

}  // namespace warmcity::canteens
