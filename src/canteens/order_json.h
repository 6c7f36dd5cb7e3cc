// The meal orders as JSON (docs/canteens.md "Orders"): reading an order or a
// cancellation from a request body, and the Order and diner answers.
// Include only in .cpp files (it pulls in nlohmann/json).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "canteens/order.h"
#include "canteens/order_service.h"
#include "core/status.h"

namespace warmcity::canteens {

// {kind, date, meal, diner: {card} | {elder_id} | null, lines: [{dish_id,
// qty}]}: 400 for a body that is not a JSON object; 422 naming every bad
// field (a qty that is not a whole number from 1 to kOrderQtyMax, no lines,
// a card that is no card number, unknown fields).
Result<OrderRequest> read_order_request(std::string_view body);
// {note?}: the cancellation's note (at most kCancelNoteMax characters).
Result<std::string> read_cancel_note(std::string_view body);

// The Order object; without id and created_at when `stored` is false (a preview).
nlohmann::ordered_json order_json(const Order& o, bool stored = true);
nlohmann::ordered_json orders_json(const std::vector<Order>& orders);
nlohmann::ordered_json diners_json(const std::vector<DinerView>& diners);

}  // namespace warmcity::canteens
