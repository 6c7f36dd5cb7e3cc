// The dishes and menus as the API reads and writes them (docs/openapi.json).
// Include only in route translation units and tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "canteens/menu.h"
#include "canteens/menu_service.h"
#include "core/status.h"

namespace warmcity::canteens {

// POST …/dishes: {name, kind?, price_fen, portion?, allergens?, tags?,
// contents?, active?}. 400 malformed, 422 naming each bad field (a price
// that is negative, fractional or not a number among them).
Result<Dish> read_new_dish(std::string_view body);
// PATCH …/dishes/{dish_id}: any of the same fields.
Result<DishPatch> read_dish_patch(std::string_view body);
// PUT …/menu/{date}/{meal}: {items: [{dish_id, price_fen?}]}.
Result<std::vector<MenuLine>> read_menu_lines(std::string_view body);

nlohmann::ordered_json dish_json(const Dish& d);             // the staff's view
nlohmann::ordered_json item_json(const MenuItem& i);         // a dish on a menu
nlohmann::ordered_json meal_json(const MealMenu& m);         // {meal, items}
nlohmann::ordered_json menu_json(const CanteenMenu& m);      // {canteen, days}
nlohmann::ordered_json dishes_json(const CanteenDishes& d);  // {canteen, items}
nlohmann::ordered_json saved_meal_json(const SavedMeal& s);  // {date, meal, items}

std::string menu_dump(const nlohmann::ordered_json& body);

}  // namespace warmcity::canteens
