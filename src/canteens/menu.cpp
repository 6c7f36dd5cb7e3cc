// The dishes' and menus' rules (menu.h).
#include "canteens/menu.h"

#include <algorithm>
#include <set>

#include "core/utf8.h"

namespace warmcity::canteens {

namespace {

bool on_menu_list(const std::vector<std::string_view>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Checks that every name is on `list`, once; sorts them into its order.
void check_menu_list(std::vector<std::string>& names, const std::vector<std::string_view>& list,
                     const char* field, std::vector<FieldError>& errors) {
  std::set<std::string> seen;
  for (const std::string& n : names) {
    if (!on_menu_list(list, n)) {
      std::string all;
      for (std::string_view l : list) all += (all.empty() ? "" : ", ") + std::string(l);
      errors.push_back({field, "unknown: " + n + " (one of " + all + ")"});
      return;
    }
    if (!seen.insert(n).second) {
      errors.push_back({field, n + " is listed twice"});
      return;
    }
  }
  auto at = [&list](const std::string& n) { return std::find(list.begin(), list.end(), n); };
  std::sort(names.begin(), names.end(),
            [&at](const std::string& a, const std::string& b) { return at(a) < at(b); });
}

}  // namespace

const std::vector<std::string_view>& allergen_names() {
  static const std::vector<std::string_view> names = {"gluten", "shellfish", "fish", "egg",
                                                      "peanut", "soy",       "milk", "nuts"};
  return names;
}

const std::vector<std::string_view>& tag_names() {
  static const std::vector<std::string_view> names = {"soft",     "low_salt",   "low_sugar",
                                                      "boneless", "vegetarian", "halal"};
  return names;
}

const std::vector<std::string_view>& meal_names() {
  static const std::vector<std::string_view> names = {"breakfast", "lunch", "dinner"};
  return names;
}

bool is_dish_kind(std::string_view kind) { return kind == "dish" || kind == "set"; }
bool is_allergen(std::string_view name) { return on_menu_list(allergen_names(), name); }
bool is_tag(std::string_view name) { return on_menu_list(tag_names(), name); }
bool is_meal(std::string_view name) { return meal_order(name) >= 0; }

int meal_order(std::string_view meal) {
  const auto& m = meal_names();
  auto it = std::find(m.begin(), m.end(), meal);
  return it == m.end() ? -1 : static_cast<int>(it - m.begin());
}

void apply_patch(Dish& d, const DishPatch& p) {
  if (p.name) d.name = *p.name;
  if (p.kind) d.kind = *p.kind;
  if (p.price_fen) d.price_fen = *p.price_fen;
  if (p.portion) d.portion = *p.portion;
  if (p.allergens) d.allergens = *p.allergens;
  if (p.tags) d.tags = *p.tags;
  if (p.contents) d.contents = *p.contents;
  if (p.active) d.active = *p.active;
}

Status check_dish(Dish& d) {
  std::vector<FieldError> errors;
  std::optional<size_t> name_len = core::utf8_length(d.name);
  if (!name_len || *name_len < 1 || *name_len > kDishNameMax) {
    errors.push_back({"name", "1 to " + std::to_string(kDishNameMax) + " characters"});
  }
  if (!is_dish_kind(d.kind)) errors.push_back({"kind", "dish or set"});
  if (d.price_fen < 0 || d.price_fen > kPriceFenMax) {
    errors.push_back({"price_fen", "whole fen, 0 to " + std::to_string(kPriceFenMax)});
  }
  std::optional<size_t> portion_len = core::utf8_length(d.portion);
  if (!portion_len || *portion_len > kPortionMax) {
    errors.push_back({"portion", "at most " + std::to_string(kPortionMax) + " characters"});
  }
  check_menu_list(d.allergens, allergen_names(), "allergens", errors);
  check_menu_list(d.tags, tag_names(), "tags", errors);
  if (d.kind == "set" && (d.contents.empty() || d.contents.size() > kSetContentsMax)) {
    errors.push_back(
        {"contents", "a set meal names 1 to " + std::to_string(kSetContentsMax) + " dishes"});
  } else if (d.kind == "dish" && !d.contents.empty()) {
    errors.push_back({"contents", "only a set meal (kind set) has contents"});
  }
  for (const std::string& c : d.contents) {
    std::optional<size_t> len = core::utf8_length(c);
    if (!len || *len < 1 || *len > kDishNameMax) {
      errors.push_back({"contents", "each 1 to " + std::to_string(kDishNameMax) + " characters"});
      break;
    }
  }
  if (!errors.empty()) return Status::Unprocessable("the dish is not valid", std::move(errors));
  return Status::Ok();
}

Status check_menu_date(core::LocalDate date, core::LocalDate today) {
  const int64_t ahead = core::days_from_civil(date) - core::days_from_civil(today);
  if (ahead < 0) {
    return Status::Unprocessable("a past day's menu cannot be changed",
                                 {{"date", "today (" + core::format_date(today) + ") or later"}});
  }
  if (ahead > kMenuDaysAhead) {
    return Status::Unprocessable(
        "too far ahead", {{"date", "at most " + std::to_string(kMenuDaysAhead) + " days ahead"}});
  }
  return Status::Ok();
}

int64_t day_price(const MenuLine& line, const Dish& dish) {
  return line.price_fen.value_or(dish.price_fen);
}

Result<std::vector<MenuItem>> menu_items(const std::vector<MenuLine>& lines,
                                         const std::vector<Dish>& found) {
  std::vector<FieldError> errors;
  std::vector<MenuItem> items;
  std::set<int64_t> seen;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string field = "items[" + std::to_string(i) + "].dish_id";
    const MenuLine& line = lines[i];
    auto dish = std::find_if(found.begin(), found.end(),
                             [&line](const Dish& d) { return d.id == line.dish_id; });
    if (dish == found.end()) {
      errors.push_back({field, "no dish " + std::to_string(line.dish_id) + " at this canteen"});
    } else if (!dish->active) {
      errors.push_back(
          {field, "dish " + std::to_string(line.dish_id) + " (" + dish->name + ") is withdrawn"});
    } else if (!seen.insert(line.dish_id).second) {
      errors.push_back({field, "dish " + std::to_string(line.dish_id) + " is listed twice"});
    } else {
      items.push_back({*dish, day_price(line, *dish)});
    }
  }
  if (!errors.empty()) {
    return Status::Unprocessable("the menu names dishes it cannot serve", std::move(errors));
  }
  return items;
}

}  // namespace warmcity::canteens
