// The demo canteens' dishes and week of menus (demo_menus.h).
#include "demo/demo_menus.h"

#include <map>
#include <vector>

#include "canteens/menu_service.h"
#include "core/wait_for.h"

namespace warmcity::demo {

namespace {

struct DemoDish {
  const char* name;
  const char* kind;
  int64_t price_fen;
  const char* portion;
  std::vector<std::string> allergens;
  std::vector<std::string> tags;
  std::vector<std::string> contents;
};

// Home-style dishes of a Shanxi community canteen, ¥3–15.
const std::vector<DemoDish>& demo_dishes() {
  static const std::vector<DemoDish> dishes = {
      {"小米南瓜粥", "dish", 300, "一碗", {}, {"soft", "low_sugar", "vegetarian"}, {}},
      {"白面馒头", "dish", 300, "两个", {"gluten"}, {"vegetarian"}, {}},
      {"葱油花卷", "dish", 300, "两个", {"gluten"}, {"vegetarian"}, {}},
      {"蒸鸡蛋羹", "dish", 300, "一碗", {"egg"}, {"soft", "boneless", "low_salt"}, {}},
      {"现磨豆浆", "dish", 300, "一杯", {"soy"}, {"vegetarian", "low_sugar"}, {}},
      {"西红柿炒鸡蛋", "dish", 800, "一份", {"egg"}, {"soft", "vegetarian"}, {}},
      {"尖椒土豆丝", "dish", 500, "一份", {}, {"vegetarian", "low_sugar"}, {}},
      {"白菜炖粉条", "dish", 600, "一份", {}, {"soft", "vegetarian", "low_salt"}, {}},
      {"肉末豆腐", "dish", 800, "一份", {"soy"}, {"soft", "boneless"}, {}},
      {"红烧肉", "dish", 1500, "一份 150g", {"soy"}, {"boneless"}, {}},
      {"番茄炖牛腩", "dish", 1500, "一份 200g", {}, {"soft", "boneless"}, {}},
      {"清蒸鲈鱼", "dish", 1500, "半条", {"fish"}, {"low_salt"}, {}},
      {"家常豆腐", "dish", 700, "一份", {"soy"}, {"vegetarian"}, {}},
      {"山西刀削面", "dish", 800, "一碗", {"gluten"}, {}, {}},
      {"莜面栲栳栳", "dish", 900, "一笼", {"gluten"}, {"vegetarian"}, {}},
      {"紫菜蛋花汤", "dish", 300, "一碗", {"egg"}, {"soft", "low_salt"}, {}},
      {"早餐套餐",
       "set",
       500,
       "一粥一蛋一花卷",
       {"egg", "gluten"},
       {"soft"},
       {"小米南瓜粥", "蒸鸡蛋羹", "葱油花卷"}},
      {"长者营养套餐",
       "set",
       1200,
       "两菜一汤一饭",
       {"egg"},
       {"soft", "low_salt"},
       {"西红柿炒鸡蛋", "白菜炖粉条", "紫菜蛋花汤", "米饭"}},
  };
  return dishes;
}

// Each meal's dishes by name, one list a turn; day d of canteen c takes
// turn (d + c) of each meal.
const std::vector<std::vector<const char*>> kBreakfasts = {
    {"小米南瓜粥", "白面馒头", "蒸鸡蛋羹", "早餐套餐"},
    {"小米南瓜粥", "葱油花卷", "现磨豆浆", "早餐套餐"},
    {"现磨豆浆", "白面馒头", "蒸鸡蛋羹"},
};
const std::vector<std::vector<const char*>> kLunches = {
    {"长者营养套餐", "西红柿炒鸡蛋", "尖椒土豆丝", "红烧肉"},
    {"长者营养套餐", "肉末豆腐", "白菜炖粉条", "清蒸鲈鱼"},
    {"长者营养套餐", "番茄炖牛腩", "家常豆腐", "尖椒土豆丝"},
    {"长者营养套餐", "西红柿炒鸡蛋", "白菜炖粉条", "山西刀削面"},
};
const std::vector<std::vector<const char*>> kDinners = {
    {"山西刀削面", "尖椒土豆丝", "紫菜蛋花汤"},
    {"莜面栲栳栳", "西红柿炒鸡蛋", "小米南瓜粥"},
    {"家常豆腐", "白菜炖粉条", "紫菜蛋花汤", "白面馒头"},
};

constexpr int kDays = 7;
// Open Monday to Saturday only (lishi-facilities.json: "Mo-Sa …").
constexpr const char* kClosedSundays = "昌茂便民餐厅";

}  // namespace

Result<MenuSummary> create_menus(store::Database& db, accounts::AuditLog& audit,
                                 const facilities::FacilityService& facilities,
                                 const std::string& client_address, core::LocalDate today) {
  facilities::ListFilter filter;
  filter.kind = facilities::Kind::kCanteen;
  filter.limit = 100;
  Result<std::vector<facilities::Facility>> canteens = facilities.list(filter);
  if (!canteens.ok()) return canteens.status();
  canteens::MenuService service(db, audit);
  const canteens::Caller system{0, "admin", {}, client_address};
  MenuSummary summary;
  // Oldest first, so the turns follow the data file's order.
  for (size_t c = canteens->size(); c-- > 0;) {
    const facilities::Facility& canteen = (*canteens)[c];
    const size_t turn = summary.canteens++;
    std::map<std::string, int64_t> ids;
    for (const DemoDish& d : demo_dishes()) {
      canteens::Dish dish;
      dish.name = d.name;
      dish.kind = d.kind;
      dish.price_fen = d.price_fen;
      dish.portion = d.portion;
      dish.allergens = d.allergens;
      dish.tags = d.tags;
      dish.contents = d.contents;
      Result<canteens::Dish> saved = core::wait_for<canteens::Dish>([&](auto done) {
        service.add_dish(canteen.id, std::move(dish), system, std::move(done));
      });
      if (!saved.ok()) return saved.status();
      ids[saved->name] = saved->id;
      ++summary.dishes;
    }
    const int64_t first = core::days_from_civil(today);
    for (int day = 0; day < kDays; ++day) {
      const core::LocalDate date = core::civil_from_days(first + day);
      if (canteen.name == kClosedSundays && core::weekday(date) == 6) continue;
      for (const char* meal : {"breakfast", "lunch", "dinner"}) {
        const std::vector<std::vector<const char*>>& turns = meal[0] == 'b'   ? kBreakfasts
                                                             : meal[0] == 'l' ? kLunches
                                                                              : kDinners;
        std::vector<canteens::MenuLine> lines;
        for (const char* name : turns[(static_cast<size_t>(day) + turn) % turns.size()]) {
          lines.push_back({ids.at(name), std::nullopt});
        }
        Result<canteens::SavedMeal> saved = core::wait_for<canteens::SavedMeal>([&](auto done) {
          service.save_meal(canteen.id, date, meal, std::move(lines), system, std::move(done));
        });
        if (!saved.ok()) return saved.status();
        ++summary.meals;
      }
    }
  }
  return summary;
}

}  // namespace warmcity::demo
