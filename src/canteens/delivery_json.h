// Meal delivery as JSON (docs/canteens.md "Delivery"): a day's stops, a saved
// route (an order is the orders part's order_json.h); and the delivery
// routes' request bodies read and checked.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "canteens/delivery_service.h"
#include "core/status.h"

namespace warmcity::canteens {

// {"date", "meal", "stops": [...]}: the elders whole (the courier needs them).
nlohmann::ordered_json delivery_day_json(const DeliveryDay& day);
// {"meal", "elder_ids"}
nlohmann::ordered_json delivery_route_json(const DeliveryRoute& r);
std::string delivery_dump(const nlohmann::ordered_json& body);

// {"elder_ids": [n, …]}; the meal comes from the path.
Result<DeliveryRoute> read_route_body(std::string_view body, std::string meal);
// {"proof": "code", "code": "…"} | {"proof": "photo", "photo": "<base64 or data URL>"};
// the photo decoded and checked (JPEG or PNG).
Result<HandoverInput> read_handover_body(std::string_view body);
// {"note"?: "…"}: the note, at most kMaxNotHomeNote code points.
Result<std::string> read_not_home_body(std::string_view body);

}  // namespace warmcity::canteens
