// Reading and writing the dishes and menus (menu_json.h).
#include "canteens/menu_json.h"

#include "http/json_input.h"

namespace warmcity::canteens {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// A list of strings read in place (never copied out of the document).
std::optional<std::vector<std::string>> read_menu_names(http::FieldReader& in, const json& doc,
                                                        const char* field, size_t max_count,
                                                        size_t max_len) {
  in.known({field});
  auto it = doc.find(field);
  if (it == doc.end() || it->is_null()) return std::nullopt;
  if (!it->is_array() || it->size() > max_count) {
    in.fail(field, "a list of at most " + std::to_string(max_count) + " strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const json& v : *it) {
    if (!v.is_string() || v.get_ref<const std::string&>().size() > max_len * 4) {
      in.fail(field, "a list of strings of at most " + std::to_string(max_len) + " characters");
      return std::nullopt;
    }
    out.push_back(v.get_ref<const std::string&>());
  }
  return out;
}

// The fields a new dish and a patch share; every one optional here.
DishPatch read_dish_fields(http::FieldReader& in, const json& doc) {
  DishPatch p;
  p.name = in.optional_string("name", 1, kDishNameMax);
  p.kind = in.optional_string("kind", 1, 8);
  if (p.kind && !is_dish_kind(*p.kind)) in.fail("kind", "dish or set");
  p.price_fen = in.optional_int("price_fen", 0, kPriceFenMax);
  p.portion = in.optional_string("portion", 0, kPortionMax);
  p.allergens = read_menu_names(in, doc, "allergens", allergen_names().size() * 2, 16);
  p.tags = read_menu_names(in, doc, "tags", tag_names().size() * 2, 16);
  p.contents = read_menu_names(in, doc, "contents", kSetContentsMax, kDishNameMax);
  p.active = in.optional_bool("active");
  in.reject_unknown();
  return p;
}

ordered_json menu_strings(const std::vector<std::string>& v) {
  ordered_json out = ordered_json::array();
  for (const std::string& s : v) out.push_back(s);
  return out;
}

ordered_json menu_canteen_ref(const Canteen& c) { return {{"id", c.id}, {"name", c.name}}; }

}  // namespace

Result<Dish> read_new_dish(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  if (!in.has("name")) in.fail("name", "is required");
  if (!in.has("price_fen")) in.fail("price_fen", "is required");
  DishPatch p = read_dish_fields(in, *doc);
  if (!in.ok()) return in.status();
  Dish d;
  apply_patch(d, p);
  return d;
}

Result<DishPatch> read_dish_patch(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  DishPatch p = read_dish_fields(in, *doc);
  if (!in.ok()) return in.status();
  return p;
}

Result<std::vector<MenuLine>> read_menu_lines(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  in.known({"items"});
  std::vector<MenuLine> lines;
  auto items = doc->find("items");
  if (items == doc->end() || !items->is_array()) {
    in.fail("items", "a list of {dish_id, price_fen} (empty: no such meal)");
  } else if (items->size() > kMealItemsMax) {
    in.fail("items", "at most " + std::to_string(kMealItemsMax) + " dishes");
  } else {
    for (size_t i = 0; i < items->size(); ++i) {
      const std::string at = "items[" + std::to_string(i) + "]";
      const json& item = (*items)[i];
      if (!item.is_object()) {
        in.fail(at, "an object {dish_id, price_fen}");
        continue;
      }
      http::FieldReader line(item);
      MenuLine l;
      l.dish_id = line.required_int("dish_id", 1, INT64_MAX).value_or(0);
      l.price_fen = line.optional_int("price_fen", 0, kPriceFenMax);
      line.reject_unknown();
      if (!line.ok()) {
        const Status bad = line.status();
        for (const FieldError& e : bad.field_errors()) in.fail(at + "." + e.field, e.message);
      }
      lines.push_back(l);
    }
  }
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return lines;
}

ordered_json dish_json(const Dish& d) {
  return {{"id", d.id},
          {"canteen_id", d.canteen_id},
          {"name", d.name},
          {"kind", d.kind},
          {"price_fen", d.price_fen},
          {"portion", d.portion},
          {"allergens", menu_strings(d.allergens)},
          {"tags", menu_strings(d.tags)},
          {"contents", menu_strings(d.contents)},
          {"active", d.active}};
}

ordered_json item_json(const MenuItem& i) {
  return {{"dish_id", i.dish.id},
          {"name", i.dish.name},
          {"kind", i.dish.kind},
          {"price_fen", i.price_fen},
          {"portion", i.dish.portion},
          {"allergens", menu_strings(i.dish.allergens)},
          {"tags", menu_strings(i.dish.tags)},
          {"contents", menu_strings(i.dish.contents)}};
}

ordered_json meal_json(const MealMenu& m) {
  ordered_json out;
  out["meal"] = m.meal;
  ordered_json& items = out["items"] = ordered_json::array();
  for (const MenuItem& i : m.items) items.push_back(item_json(i));
  return out;
}

ordered_json menu_json(const CanteenMenu& m) {
  ordered_json days = ordered_json::array();
  for (const DayMenu& d : m.days) {
    ordered_json meals = ordered_json::array();
    for (const MealMenu& meal : d.meals) meals.push_back(meal_json(meal));
    days.push_back({{"date", core::format_date(d.date)}, {"meals", std::move(meals)}});
  }
  return {{"canteen", menu_canteen_ref(m.canteen)}, {"days", std::move(days)}};
}

ordered_json dishes_json(const CanteenDishes& d) {
  ordered_json items = ordered_json::array();
  for (const Dish& dish : d.dishes) items.push_back(dish_json(dish));
  return {{"canteen", menu_canteen_ref(d.canteen)}, {"items", std::move(items)}};
}

ordered_json saved_meal_json(const SavedMeal& s) {
  ordered_json out;
  out["date"] = core::format_date(s.date);
  ordered_json meal = meal_json(s.meal);
  out["meal"] = std::move(meal["meal"]);
  out["items"] = std::move(meal["items"]);
  return out;
}

std::string menu_dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace warmcity::canteens
