// MenuService: a canteen's dishes and its published menus (menu.h).
//
// Reads: the menu of some days is public; the dish list is for the canteen's
// staff (canteen.h works_at). Writes — a new dish, a change to one, saving
// a day's meal (which publishes it) — are for its staff, each one write job
// that checks who asks, saves and appends its audit entry (accounts
// AuditLog: canteen.dish_create, canteen.dish_update, canteen.menu_publish).
//
// Thread-safety: every method may be called from any thread; reads run on the
// calling thread's reader, writes on the database's writer, whose `done` runs
// on the store's answerer thread after the commit.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "canteens/canteen.h"
#include "canteens/menu.h"
#include "store/database.h"

namespace warmcity::canteens {

template <class T>
using MenuDone = std::function<void(Result<T>)>;

struct CanteenDishes {
  Canteen canteen;
  std::vector<Dish> dishes;
};

struct CanteenMenu {
  Canteen canteen;
  std::vector<DayMenu> days;
};

struct SavedMeal {
  core::LocalDate date;
  MealMenu meal;  // no items: the meal was removed
};

class MenuService {
 public:
  // `now` (unix seconds) defaults to core::now_unix(). REQUIRES: `db` and
  // `audit` outlive the service.
  MenuService(store::Database& db, accounts::AuditLog& audit,
              std::function<int64_t()> now = nullptr)
      : db_(db), audit_(audit), now_(std::move(now)) {}

  int64_t now() const;
  core::LocalDate today() const;  // in district time

  // The canteen's menus of `range` (anyone). NotFound: no such canteen.
  Result<CanteenMenu> menu(int64_t canteen_id, const MenuRange& range);
  // Every dish of the canteen, withdrawn ones too (its staff).
  Result<CanteenDishes> dishes(int64_t canteen_id, const Caller& by);

  // A new dish (checked by check_dish). kConflict: the canteen has one of that name.
  void add_dish(int64_t canteen_id, Dish d, Caller by, MenuDone<Dish> done);
  // Changes the fields `p` names; NotFound when the dish is not this canteen's.
  void change_dish(int64_t canteen_id, int64_t dish_id, DishPatch p, Caller by,
                   MenuDone<Dish> done);
  // Saves (publishes) the canteen's `meal` on `date` as `lines`, replacing
  // what it was; no lines remove the meal. kUnprocessable for a date outside
  // check_menu_date or a line menu_items refuses.
  void save_meal(int64_t canteen_id, core::LocalDate date, std::string meal,
                 std::vector<MenuLine> lines, Caller by, MenuDone<SavedMeal> done);

 private:
  Status audit(store::Connection& c, const Caller& by, std::string action, std::string subject_type,
               std::string subject_id, std::string detail);

  store::Database& db_;
  accounts::AuditLog& audit_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::canteens
