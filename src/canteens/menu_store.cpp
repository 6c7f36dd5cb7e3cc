// The dishes' and menus' queries (menu_store.h), in the SQL both engines run.
#include "canteens/menu_store.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace warmcity::canteens {

namespace {

constexpr const char* kDishColumns =
    "d.id, d.canteen_id, d.name, d.kind, d.price_fen, d.portion, d.allergens, d.tags, "
    "d.contents, d.active, d.created_at, d.updated_at";

// Closed-list names joined by ',' (the lists' names hold no comma).
std::string join_menu_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

std::vector<std::string> split_menu_names(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A set meal's contents as a JSON array of strings (names may hold commas).
std::string dish_contents_text(const std::vector<std::string>& contents) {
  return nlohmann::json(contents).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> dish_contents_of(const std::string& text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!doc.is_array()) return out;
  for (const auto& v : doc) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

Dish read_dish(const store::Statement& r, int at = 0) {
  Dish d;
  d.id = r.column_int64(at + 0);
  d.canteen_id = r.column_int64(at + 1);
  d.name = r.column_text(at + 2);
  d.kind = r.column_text(at + 3);
  d.price_fen = r.column_int64(at + 4);
  d.portion = r.column_text(at + 5);
  d.allergens = split_menu_names(r.column_text(at + 6));
  d.tags = split_menu_names(r.column_text(at + 7));
  d.contents = dish_contents_of(r.column_text(at + 8));
  d.active = r.column_int64(at + 9) != 0;
  d.created_at = r.column_int64(at + 10);
  d.updated_at = r.column_int64(at + 11);
  return d;
}

// kConflict when another dish of the canteen has `name`.
Status dish_name_free(store::Connection& c, const Dish& d) {
  auto s = c.prepare("SELECT id FROM canteen_dishes WHERE canteen_id = ? AND name = ? AND id <> ?");
  if (!s.ok()) return s.status();
  s->bind(1, d.canteen_id).bind(2, d.name).bind(3, d.id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (*row) {
    return Status::Conflict("the canteen has a dish named " + d.name + " (dish " +
                            std::to_string(s->column_int64(0)) + ")");
  }
  return Status::Ok();
}

}  // namespace

Status insert_dish(store::Connection& c, Dish& d) {
  if (Status s = dish_name_free(c, d); !s.ok()) return s;
  auto s = c.prepare(
      "INSERT INTO canteen_dishes (canteen_id, name, kind, price_fen, portion, allergens, tags, "
      "contents, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, d.canteen_id).bind(2, d.name).bind(3, d.kind).bind(4, d.price_fen);
  s->bind(5, d.portion).bind(6, join_menu_names(d.allergens)).bind(7, join_menu_names(d.tags));
  s->bind(8, dish_contents_text(d.contents)).bind(9, int64_t{d.active ? 1 : 0});
  s->bind(10, d.created_at).bind(11, d.updated_at);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  d.id = *id;
  return Status::Ok();
}

Status update_dish(store::Connection& c, const Dish& d) {
  if (Status s = dish_name_free(c, d); !s.ok()) return s;
  auto s = c.prepare(
      "UPDATE canteen_dishes SET name = ?, kind = ?, price_fen = ?, portion = ?, allergens = ?, "
      "tags = ?, contents = ?, active = ?, updated_at = ? WHERE id = ? AND canteen_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, d.name).bind(2, d.kind).bind(3, d.price_fen).bind(4, d.portion);
  s->bind(5, join_menu_names(d.allergens))
      .bind(6, join_menu_names(d.tags))
      .bind(7, dish_contents_text(d.contents));
  s->bind(8, int64_t{d.active ? 1 : 0}).bind(9, d.updated_at).bind(10, d.id);
  s->bind(11, d.canteen_id);
  return s->run();
}

Result<Dish> get_dish(store::Connection& c, int64_t canteen_id, int64_t dish_id) {
  auto s = c.prepare(std::string("SELECT ") + kDishColumns +
                     " FROM canteen_dishes d WHERE d.id = ? AND d.canteen_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, dish_id).bind(2, canteen_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no dish " + std::to_string(dish_id) + " at this canteen");
  return read_dish(*s);
}

Result<std::vector<Dish>> list_dishes(store::Connection& c, int64_t canteen_id) {
  auto s = c.prepare(std::string("SELECT ") + kDishColumns +
                     " FROM canteen_dishes d WHERE d.canteen_id = ? ORDER BY d.id");
  if (!s.ok()) return s.status();
  s->bind(1, canteen_id);
  return store::collect<Dish>(*s, [](const store::Statement& r) { return read_dish(r); });
}

Status replace_meal(store::Connection& c, int64_t canteen_id, core::LocalDate date,
                    const std::string& meal, const std::vector<MenuItem>& items) {
  const std::string day = core::format_date(date);
  auto del = c.prepare(
      "DELETE FROM canteen_menu_items WHERE canteen_id = ? AND served_on = ? AND meal = ?");
  if (!del.ok()) return del.status();
  del->bind(1, canteen_id).bind(2, day).bind(3, meal);
  if (Status s = del->run(); !s.ok()) return s;
  for (size_t i = 0; i < items.size(); ++i) {
    auto ins = c.prepare(
        "INSERT INTO canteen_menu_items (canteen_id, served_on, meal, seq, dish_id, price_fen) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!ins.ok()) return ins.status();
    ins->bind(1, canteen_id).bind(2, day).bind(3, meal).bind(4, static_cast<int64_t>(i));
    ins->bind(5, items[i].dish.id).bind(6, items[i].price_fen);
    if (Status s = ins->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::vector<DayMenu>> read_menus(store::Connection& c, int64_t canteen_id,
                                        const MenuRange& range) {
  std::vector<DayMenu> days;
  if (range.days < 1) return days;
  const int64_t first = core::days_from_civil(range.from);
  for (int i = 0; i < range.days; ++i) days.push_back({core::civil_from_days(first + i), {}});
  auto s = c.prepare(std::string("SELECT m.served_on, m.meal, m.price_fen, ") + kDishColumns +
                     " FROM canteen_menu_items m JOIN canteen_dishes d ON d.id = m.dish_id"
                     " WHERE m.canteen_id = ? AND m.served_on >= ? AND m.served_on <= ?"
                     " AND d.active = 1 ORDER BY m.served_on, m.meal, m.seq");
  if (!s.ok()) return s.status();
  s->bind(1, canteen_id).bind(2, core::format_date(range.from));
  s->bind(3, core::format_date(days.back().date));
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Result<core::LocalDate> date = core::parse_date(s->column_text(0));
    if (!date.ok()) continue;
    const int64_t at = core::days_from_civil(*date) - first;
    if (at < 0 || at >= range.days) continue;
    std::vector<MealMenu>& meals = days[static_cast<size_t>(at)].meals;
    const std::string meal = s->column_text(1);
    if (meals.empty() || meals.back().meal != meal) meals.push_back({meal, {}});
    meals.back().items.push_back({read_dish(*s, 3), s->column_int64(2)});
  }
  for (DayMenu& d : days) {
    std::sort(d.meals.begin(), d.meals.end(), [](const MealMenu& a, const MealMenu& b) {
      return meal_order(a.meal) < meal_order(b.meal);
    });
  }
  return days;
}

Result<std::vector<MealPrice>> meal_prices(store::Connection& c, int64_t canteen_id,
                                           core::LocalDate date, const std::string& meal) {
  auto s = c.prepare(
      "SELECT m.dish_id, d.name, m.price_fen FROM canteen_menu_items m"
      " JOIN canteen_dishes d ON d.id = m.dish_id"
      " WHERE m.canteen_id = ? AND m.served_on = ? AND m.meal = ? AND d.active = 1"
      " ORDER BY m.seq");
  if (!s.ok()) return s.status();
  s->bind(1, canteen_id).bind(2, core::format_date(date)).bind(3, meal);
  std::vector<MealPrice> out;
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({s->column_int64(0), s->column_text(1), s->column_int64(2)});
  }
}

}  // namespace warmcity::canteens
