// Meal delivery (送餐上门), the pure rules: the order a round's stops are
// driven in, the diet and allergen flags a stop carries, and the elder's
// handover code. No I/O; DeliveryService applies them.
//
// Route order. A canteen keeps one saved route per meal (an ordered list of
// elders, canteen_delivery_routes), kept between days. A day's stops are
// those on the route first, by their position on it; then the stops whose
// elder is not on it, by name (then order id, so the order is total).
//
// Handover code. The elder shows her red proxy card (红色代办卡,
// eldercare/card_store.h); the code is the first 4 digits of her active
// card's number (its first group, 1234-567-890). No staff screen shows
// them: the counter's masked card (order_service card_masked) shows only
// the last 4, so a cashier who looked her up cannot hand her meal over
// without her. An elder with no active card has no code: the courier
// hands over with a photo. A wrong code is refused and counted: the 5th
// wrong code for one order within 10 minutes closes the order to codes
// until the oldest of them is 10 minutes old (kMaxWrongCodes,
// kWrongCodeWindow).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmcity::canteens {

inline constexpr size_t kHandoverCodeDigits = 4;
inline constexpr size_t kCardDigitsShown = 4;  // the last 4, which masks show
inline constexpr int64_t kMaxWrongCodes = 5;
inline constexpr int64_t kWrongCodeWindow = 600;  // seconds
inline constexpr size_t kMaxRouteStops = 500;
inline constexpr size_t kMaxNotHomeNote = 200;  // code points

// What the route order needs of a stop.
struct StopKey {
  int64_t order_id = 0;
  int64_t elder_id = 0;
  std::string name;
};

// Indexes into `stops` in route order (see above); `route` is the saved
// route's elder ids in position order.
std::vector<size_t> route_order(const std::vector<int64_t>& route,
                                const std::vector<StopKey>& stops);

// The union of `lists` (each a closed list's codes, e.g. dishes' tags), in
// the order of `names` (menu.h's tag_names() or allergen_names()).
std::vector<std::string> merged_codes(const std::vector<std::vector<std::string>>& lists,
                                      const std::vector<std::string_view>& names);

// The handover code of a card number: its first kHandoverCodeDigits digits,
// never any of its last 4 (the digits a mask shows); nullopt for a number
// too short for both.
std::optional<std::string> handover_code(std::string_view card_number);

// Whether `given` is the code; spaces around it are ignored.
bool code_matches(std::string_view expected, std::string_view given);

// A saved route's elder ids checked: at most kMaxRouteStops (none clears it), each
// positive and once. "" when fine, else what is wrong.
std::string route_ids_error(const std::vector<int64_t>& elder_ids);

}  // namespace warmcity::canteens
