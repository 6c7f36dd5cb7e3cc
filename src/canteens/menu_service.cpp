// The dishes and menus of a canteen (menu_service.h).
#include "canteens/menu_service.h"

#include "canteens/menu_store.h"
#include "core/time.h"

namespace warmcity::canteens {

namespace {

std::string dish_detail(const Dish& d) {
  return accounts::AuditDetail()
      .add("canteen_id", d.canteen_id)
      .add("name", d.name)
      .add("kind", d.kind)
      .add("price_fen", d.price_fen)
      .add("active", d.active)
      .str();
}

std::string meal_detail(int64_t canteen_id, core::LocalDate date, const std::string& meal,
                        const std::vector<MenuItem>& items) {
  std::vector<int64_t> dish_ids, prices;
  for (const MenuItem& i : items) {
    dish_ids.push_back(i.dish.id);
    prices.push_back(i.price_fen);
  }
  return accounts::AuditDetail()
      .add("canteen_id", canteen_id)
      .add("date", core::format_date(date))
      .add("meal", meal)
      .add_ints("dish_ids", dish_ids)
      .add_ints("prices_fen", prices)
      .str();
}

}  // namespace

int64_t MenuService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate MenuService::today() const { return core::local_date_of(now()); }

Status MenuService::audit(store::Connection& c, const Caller& by, std::string action,
                          std::string subject_type, std::string subject_id, std::string detail) {
  return audit_.append_job(audit_entry(by, std::move(action), std::move(subject_type),
                                       std::move(subject_id), std::move(detail)))(c);
}

Result<CanteenMenu> MenuService::menu(int64_t canteen_id, const MenuRange& range) {
  store::Connection& c = db_.reader();
  Result<Canteen> canteen = find_canteen(c, canteen_id);
  if (!canteen.ok()) return canteen.status();
  Result<std::vector<DayMenu>> days = read_menus(c, canteen_id, range);
  if (!days.ok()) return days.status();
  return CanteenMenu{std::move(*canteen), std::move(*days)};
}

Result<CanteenDishes> MenuService::dishes(int64_t canteen_id, const Caller& by) {
  store::Connection& c = db_.reader();
  Result<Canteen> canteen = canteen_for_staff(c, canteen_id, by);
  if (!canteen.ok()) return canteen.status();
  Result<std::vector<Dish>> dishes = list_dishes(c, canteen_id);
  if (!dishes.ok()) return dishes.status();
  return CanteenDishes{std::move(*canteen), std::move(*dishes)};
}

void MenuService::add_dish(int64_t canteen_id, Dish d, Caller by, MenuDone<Dish> done) {
  auto out = std::make_shared<Dish>(std::move(d));
  db_.submit(
      [this, canteen_id, by, out](store::Connection& c) {
        if (Result<Canteen> k = canteen_for_staff(c, canteen_id, by); !k.ok()) return k.status();
        Dish& dish = *out;
        dish.id = 0;
        dish.canteen_id = canteen_id;
        if (Status s = check_dish(dish); !s.ok()) return s;
        dish.created_at = dish.updated_at = now();
        if (Status s = insert_dish(c, dish); !s.ok()) return s;
        return audit(c, by, "canteen.dish_create", "canteen_dish", std::to_string(dish.id),
                     dish_detail(dish));
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void MenuService::change_dish(int64_t canteen_id, int64_t dish_id, DishPatch p, Caller by,
                              MenuDone<Dish> done) {
  auto out = std::make_shared<Dish>();
  db_.submit(
      [this, canteen_id, dish_id, p = std::move(p), by, out](store::Connection& c) {
        if (Result<Canteen> k = canteen_for_staff(c, canteen_id, by); !k.ok()) return k.status();
        Result<Dish> dish = get_dish(c, canteen_id, dish_id);
        if (!dish.ok()) return dish.status();
        // A dish made a set meal keeps no contents of a dish and the reverse:
        // a kind change names its contents or clears them.
        apply_patch(*dish, p);
        if (p.kind && *p.kind == "dish" && !p.contents) dish->contents.clear();
        if (Status s = check_dish(*dish); !s.ok()) return s;
        dish->updated_at = now();
        if (Status s = update_dish(c, *dish); !s.ok()) return s;
        *out = std::move(*dish);
        return audit(c, by, "canteen.dish_update", "canteen_dish", std::to_string(dish_id),
                     dish_detail(*out));
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void MenuService::save_meal(int64_t canteen_id, core::LocalDate date, std::string meal,
                            std::vector<MenuLine> lines, Caller by, MenuDone<SavedMeal> done) {
  auto out = std::make_shared<SavedMeal>();
  out->date = date;
  out->meal.meal = std::move(meal);
  db_.submit(
      [this, canteen_id, lines = std::move(lines), by, out](store::Connection& c) {
        if (Result<Canteen> k = canteen_for_staff(c, canteen_id, by); !k.ok()) return k.status();
        if (Status s = check_menu_date(out->date, today()); !s.ok()) return s;
        Result<std::vector<Dish>> found = list_dishes(c, canteen_id);
        if (!found.ok()) return found.status();
        Result<std::vector<MenuItem>> items = menu_items(lines, *found);
        if (!items.ok()) return items.status();
        const std::string& meal = out->meal.meal;
        if (Status s = replace_meal(c, canteen_id, out->date, meal, *items); !s.ok()) return s;
        out->meal.items = std::move(*items);
        return audit(c, by, "canteen.menu_publish", "canteen_menu",
                     std::to_string(canteen_id) + "/" + core::format_date(out->date) + "/" + meal,
                     meal_detail(canteen_id, out->date, meal, out->meal.items));
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::canteens
