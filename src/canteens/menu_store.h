// The dishes' and menus' tables (module "canteen_menus", menu_migrations.cpp):
//   canteen_dishes      one row a dish of a canteen (name unique per canteen)
//   canteen_menu_items  one row a dish on a canteen's meal of a day, in order,
//                       with the day's price fixed when the meal was saved
// Dates are district dates as "YYYY-MM-DD" text. Called by MenuService only,
// inside its write jobs or on a reader.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "canteens/menu.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::canteens {

// Inserts `d` (its canteen_id set) and sets d.id. kConflict when the canteen
// has a dish of that name.
Status insert_dish(store::Connection& c, Dish& d);
// Saves every field of `d` but its id and canteen (kConflict: the name is
// another dish's).
Status update_dish(store::Connection& c, const Dish& d);
// The dish `dish_id` of canteen `canteen_id`; NotFound otherwise (another
// canteen's dish is none of this one's).
Result<Dish> get_dish(store::Connection& c, int64_t canteen_id, int64_t dish_id);
// Every dish of the canteen, withdrawn ones too, by id.
Result<std::vector<Dish>> list_dishes(store::Connection& c, int64_t canteen_id);

// Replaces the canteen's meal on `date` by `items` (none: the meal is gone).
Status replace_meal(store::Connection& c, int64_t canteen_id, core::LocalDate date,
                    const std::string& meal, const std::vector<MenuItem>& items);

// The canteen's menus on the `range`'s days, one DayMenu a day (days without
// a meal too), meals in breakfast, lunch, dinner order. Withdrawn dishes are
// left out.
Result<std::vector<DayMenu>> read_menus(store::Connection& c, int64_t canteen_id,
                                        const MenuRange& range);

// The dishes of the canteen's meal `meal` on `date` as read_menus would list
// them (withdrawn dishes left out, in the menu's order), with only what an
// order is priced by: a counter sale reads this on the writer, where the whole
// day's dishes (allergens, tags, contents) would cost it a seventh of its time.
Result<std::vector<MealPrice>> meal_prices(store::Connection& c, int64_t canteen_id,
                                           core::LocalDate date, const std::string& meal);

}  // namespace warmcity::canteens
