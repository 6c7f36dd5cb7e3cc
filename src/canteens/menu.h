// A canteen's dishes and menus (issue #17 "Menus"): the model and its rules,
// no I/O.
//
// A dish belongs to one canteen: a single dish (`dish`) or a set meal (`set`,
// 套餐) whose contents name the dishes it holds. Its price is integer fen
// (≥ 0). Allergens are the eight of GB 7718 (含麸质谷物, 甲壳类, 鱼类, 蛋类,
// 花生, 大豆, 乳, 坚果); tags a closed list (soft, low_salt, low_sugar,
// boneless, vegetarian, halal). A withdrawn dish (active false) stays in the
// canteen's list but can no longer be put on a menu, and leaves the menus
// shown to the public.
//
// A menu is one canteen's meal (breakfast, lunch, dinner) on one district
// date: the dishes served, in order, each with the day's price (the dish's
// own unless the menu says otherwise). Saving a meal publishes it; a meal is
// saved for today or a day up to kMenuDaysAhead ahead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace warmcity::canteens {

inline constexpr int64_t kPriceFenMax = 100000;  // ¥1000: no canteen meal costs more
inline constexpr size_t kDishNameMax = 40;       // code points
inline constexpr size_t kPortionMax = 40;
inline constexpr size_t kSetContentsMax = 12;  // dishes in a set meal
inline constexpr size_t kMealItemsMax = 40;    // dishes on one meal's menu
inline constexpr int kMenuDaysAhead = 60;      // a meal is saved today .. today + 60
inline constexpr int kMenuReadDaysMax = 14;    // GET …/menu?days=, 1..14
inline constexpr int kMenuReadDaysDefault = 7;

// The closed lists, in the order the API lists them.
const std::vector<std::string_view>& allergen_names();  // GB 7718's eight
const std::vector<std::string_view>& tag_names();
const std::vector<std::string_view>& meal_names();  // breakfast, lunch, dinner

bool is_dish_kind(std::string_view kind);  // "dish" or "set"
bool is_allergen(std::string_view name);
bool is_tag(std::string_view name);
bool is_meal(std::string_view name);
// 0, 1, 2 for breakfast, lunch, dinner; -1 otherwise.
int meal_order(std::string_view meal);

struct Dish {
  int64_t id = 0;
  int64_t canteen_id = 0;
  std::string name;
  std::string kind = "dish";  // "dish" | "set"
  int64_t price_fen = 0;
  std::string portion;                 // "一份 300g"
  std::vector<std::string> allergens;  // allergen_names(), no repeats, in list order
  std::vector<std::string> tags;       // tag_names(), no repeats, in list order
  std::vector<std::string> contents;   // a set meal's dishes (names); empty for a dish
  bool active = true;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// A change to a dish: every field present is set (PATCH).
struct DishPatch {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<int64_t> price_fen;
  std::optional<std::string> portion;
  std::optional<std::vector<std::string>> allergens;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> contents;
  std::optional<bool> active;
};

// Applies `p` to `d` (fields absent in `p` stay as they are).
void apply_patch(Dish& d, const DishPatch& p);
// The rules a dish keeps whole (after a create or a patch): kUnprocessable
// naming each field (a set meal lists 1..kSetContentsMax contents, a dish
// none). Sorts allergens and tags into list order.
Status check_dish(Dish& d);

// One line of a meal as saved: the dish and the day's price (nullopt: the
// dish's own).
struct MenuLine {
  int64_t dish_id = 0;
  std::optional<int64_t> price_fen;
};

// One dish as the menu shows it: the dish and the price of that day.
struct MenuItem {
  Dish dish;
  int64_t price_fen = 0;
};

struct MealMenu {
  std::string meal;  // breakfast | lunch | dinner
  std::vector<MenuItem> items;
};

// What an order needs of one dish on a published meal: its id, its name and
// that day's price (menu_store.h meal_prices).
struct MealPrice {
  int64_t dish_id = 0;
  std::string name;
  int64_t price_fen = 0;
};

struct DayMenu {
  core::LocalDate date;
  std::vector<MealMenu> meals;  // breakfast, lunch, dinner order; only meals with items
};

// The days a canteen's menu is read for: `days` days from `from`.
struct MenuRange {
  core::LocalDate from;
  int days = kMenuReadDaysDefault;
};

// Whether a meal on `date` may be saved when today is `today`: kUnprocessable
// (field "date") for a day before today or more than kMenuDaysAhead ahead.
Status check_menu_date(core::LocalDate date, core::LocalDate today);

// The day's price of a line: its own, or the dish's.
int64_t day_price(const MenuLine& line, const Dish& dish);

// A meal's lines checked against `found`, the dishes of this canteen among
// the lines' ids: the items to show, or kUnprocessable naming each bad line
// (`items[i].dish_id`: no such dish at this canteen — another canteen's is
// none of its — or withdrawn; a dish listed twice).
Result<std::vector<MenuItem>> menu_items(const std::vector<MenuLine>& lines,
                                         const std::vector<Dish>& found);

}  // namespace warmcity::canteens
