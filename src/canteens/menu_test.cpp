// The dishes and menus (menu.h, menu_store.h, menu_service.h): the rules of
// a dish, the menu's date window and lines, a store round trip, the price a
// menu defaults to, who may change them and the audit entries they leave.
#include <gtest/gtest.h>

#include "accounts/accounts.h"
#include "canteens/canteen_test_world.h"
#include "canteens/menu.h"
#include "canteens/menu_service.h"
#include "canteens/menu_store.h"
#include "canteens/menus.h"
#include "core/wait_for.h"
#include "facilities/facilities.h"
#include "facilities/facility_store.h"

namespace warmcity::canteens {
namespace {

core::LocalDate day(const char* text) { return *core::parse_date(text); }

Dish dish(const char* name, int64_t price) {
  Dish d;
  d.name = name;
  d.price_fen = price;
  d.portion = "一份";
  return d;
}

bool has_error(const Status& s, const std::string& field) {
  for (const FieldError& e : s.field_errors()) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(DishRules, ChecksEachFieldAndSortsTheLists) {
  Dish d = dish("西红柿炒鸡蛋", 800);
  d.allergens = {"soy", "egg"};
  d.tags = {"vegetarian", "soft"};
  ASSERT_TRUE(check_dish(d).ok());
  EXPECT_EQ(d.allergens, (std::vector<std::string>{"egg", "soy"}));  // GB 7718's order
  EXPECT_EQ(d.tags, (std::vector<std::string>{"soft", "vegetarian"}));

  Dish bad = dish("", -1);
  bad.kind = "soup";
  bad.allergens = {"sesame"};
  bad.tags = {"soft", "soft"};
  Status s = check_dish(bad);
  EXPECT_EQ(s.code(), Code::kUnprocessable);
  for (const char* f : {"name", "kind", "price_fen", "allergens", "tags"}) {
    EXPECT_TRUE(has_error(s, f)) << f;
  }
}

TEST(DishRules, ASetMealNamesItsDishesAndADishHasNone) {
  Dish set = dish("营养套餐", 1200);
  set.kind = "set";
  EXPECT_TRUE(has_error(check_dish(set), "contents"));
  set.contents = {"西红柿炒鸡蛋", "米饭"};
  EXPECT_TRUE(check_dish(set).ok());
  Dish single = dish("米饭", 100);
  single.contents = {"米饭"};
  EXPECT_TRUE(has_error(check_dish(single), "contents"));
}

TEST(MenuRules, SavesFromTodayToSixtyDaysAhead) {
  const core::LocalDate today = day("2026-12-05");
  EXPECT_TRUE(check_menu_date(today, today).ok());
  EXPECT_TRUE(check_menu_date(day("2027-02-03"), today).ok());  // + 60
  EXPECT_TRUE(has_error(check_menu_date(day("2027-02-04"), today), "date"));
  EXPECT_TRUE(has_error(check_menu_date(day("2026-12-04"), today), "date"));
}

TEST(MenuRules, LinesNameServableDishesAndDefaultToTheirPrice) {
  Dish egg = dish("西红柿炒鸡蛋", 800);
  egg.id = 3;
  Dish old = dish("红烧肉", 1500);
  old.id = 4;
  old.active = false;
  Result<std::vector<MenuItem>> items = menu_items({{3, std::nullopt}}, {egg, old});
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->at(0).price_fen, 800);
  items = menu_items({{3, 600}}, {egg});
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->at(0).price_fen, 600);
  Status s =
      menu_items({{3, std::nullopt}, {4, std::nullopt}, {9, std::nullopt}, {3, 700}}, {egg, old})
          .status();
  EXPECT_EQ(s.code(), Code::kUnprocessable);
  EXPECT_FALSE(has_error(s, "items[0].dish_id"));
  EXPECT_TRUE(has_error(s, "items[1].dish_id"));  // withdrawn
  EXPECT_TRUE(has_error(s, "items[2].dish_id"));  // none of this canteen's
  EXPECT_TRUE(has_error(s, "items[3].dish_id"));  // listed twice
}

class MenuStoreTest : public CanteenWorld {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open("menus.db", menu_migrations()));
    canteen_ = add(facilities::Kind::kCanteen, "生态园长者食堂", 7);
    other_ = add(facilities::Kind::kCanteen, "交通路长者食堂", 8);
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    // 2026-12-05 10:00 district time.
    service_ = std::make_unique<MenuService>(*db_, *audit_, [] { return int64_t{1796436000}; });
  }
  Result<Dish> add_dish(int64_t canteen, Dish d, const Caller& by) {
    return core::wait_for<Dish>(
        [&](auto done) { service_->add_dish(canteen, std::move(d), by, std::move(done)); });
  }
  Result<SavedMeal> save(int64_t canteen, const char* date, const char* meal,
                         std::vector<MenuLine> lines, const Caller& by) {
    return core::wait_for<SavedMeal>([&](auto done) {
      service_->save_meal(canteen, day(date), meal, std::move(lines), by, std::move(done));
    });
  }
  int64_t audits(const char* action) {
    auto s = db_->reader().prepare("SELECT COUNT(*) FROM audit_log WHERE action = ?");
    s->bind(1, action);
    EXPECT_TRUE(*s->step());
    return s->column_int64(0);
  }

  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<MenuService> service_;
  int64_t canteen_ = 0, other_ = 0;
  const Caller keeper_{5, "keeper", {7}, "127.0.0.1"};
  const Caller other_keeper_{6, "keeper", {8}, "127.0.0.1"};
};

TEST_F(MenuStoreTest, ADishRoundTrips) {
  Dish set = dish("营养套餐, 两荤一素", 1200);
  set.kind = "set";
  set.contents = {"红烧肉, 小份", "尖椒土豆丝"};
  set.allergens = {"soy"};
  set.tags = {"soft", "low_salt"};
  Result<Dish> saved = add_dish(canteen_, set, keeper_);
  ASSERT_TRUE(saved.ok()) << saved.status().message();
  Result<Dish> read = get_dish(db_->reader(), canteen_, saved->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->name, set.name);
  EXPECT_EQ(read->kind, "set");
  EXPECT_EQ(read->contents, set.contents);
  EXPECT_EQ(read->allergens, set.allergens);
  EXPECT_EQ(read->tags, (std::vector<std::string>{"soft", "low_salt"}));
  EXPECT_TRUE(read->active);
  EXPECT_EQ(get_dish(db_->reader(), other_, saved->id).status().code(), Code::kNotFound);
  EXPECT_EQ(add_dish(canteen_, set, keeper_).status().code(), Code::kConflict);  // same name
  EXPECT_EQ(audits("canteen.dish_create"), 1);
}

TEST_F(MenuStoreTest, OnlyTheCanteensStaffChangeIt) {
  EXPECT_EQ(add_dish(canteen_, dish("米饭", 100), other_keeper_).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(add_dish(999, dish("米饭", 100), keeper_).status().code(), Code::kNotFound);
  Result<Dish> rice = add_dish(other_, dish("米饭", 100), other_keeper_);
  ASSERT_TRUE(rice.ok());
  // Another canteen's dish is none of this one's.
  Result<SavedMeal> r = save(canteen_, "2026-12-05", "lunch", {{rice->id, std::nullopt}}, keeper_);
  EXPECT_TRUE(has_error(r.status(), "items[0].dish_id"));
  EXPECT_EQ(save(canteen_, "2026-12-05", "lunch", {}, other_keeper_).status().code(),
            Code::kPermissionDenied);
}

TEST_F(MenuStoreTest, AMealDefaultsToTheDishPriceAndReadsBackInOrder) {
  Result<Dish> egg = add_dish(canteen_, dish("西红柿炒鸡蛋", 800), keeper_);
  Result<Dish> congee = add_dish(canteen_, dish("小米南瓜粥", 300), keeper_);
  ASSERT_TRUE(egg.ok() && congee.ok());
  Result<SavedMeal> lunch =
      save(canteen_, "2026-12-06", "lunch", {{egg->id, std::nullopt}, {congee->id, 200}}, keeper_);
  ASSERT_TRUE(lunch.ok()) << lunch.status().message();
  EXPECT_EQ(lunch->meal.items.at(0).price_fen, 800);
  EXPECT_EQ(lunch->meal.items.at(1).price_fen, 200);
  ASSERT_TRUE(
      save(canteen_, "2026-12-06", "breakfast", {{congee->id, std::nullopt}}, keeper_).ok());
  EXPECT_TRUE(has_error(save(canteen_, "2026-12-04", "lunch", {}, keeper_).status(), "date"));

  Result<CanteenMenu> menu = service_->menu(canteen_, {day("2026-12-05"), 3});
  ASSERT_TRUE(menu.ok());
  ASSERT_EQ(menu->days.size(), 3u);
  EXPECT_TRUE(menu->days[0].meals.empty());
  ASSERT_EQ(menu->days[1].meals.size(), 2u);
  EXPECT_EQ(menu->days[1].meals[0].meal, "breakfast");
  EXPECT_EQ(menu->days[1].meals[1].meal, "lunch");
  EXPECT_EQ(menu->days[1].meals[1].items[0].dish.name, "西红柿炒鸡蛋");
  EXPECT_EQ(menu->days[1].meals[1].items[1].price_fen, 200);

  // A later price change leaves the published day's price; withdrawing the
  // dish takes it off the menus shown.
  DishPatch p;
  p.price_fen = 900;
  p.active = false;
  ASSERT_TRUE(core::wait_for<Dish>([&](auto done) {
                service_->change_dish(canteen_, egg->id, p, keeper_, std::move(done));
              }).ok());
  menu = service_->menu(canteen_, {day("2026-12-06"), 1});
  ASSERT_TRUE(menu.ok());
  ASSERT_EQ(menu->days[0].meals[1].items.size(), 1u);
  EXPECT_EQ(menu->days[0].meals[1].items[0].dish.name, "小米南瓜粥");
  EXPECT_TRUE(
      has_error(save(canteen_, "2026-12-07", "dinner", {{egg->id, std::nullopt}}, keeper_).status(),
                "items[0].dish_id"));

  // No items: the meal is gone.
  ASSERT_TRUE(save(canteen_, "2026-12-06", "breakfast", {}, keeper_).ok());
  menu = service_->menu(canteen_, {day("2026-12-06"), 1});
  ASSERT_EQ(menu->days[0].meals.size(), 1u);
  EXPECT_EQ(audits("canteen.menu_publish"), 3);
  EXPECT_EQ(audits("canteen.dish_update"), 1);
}

// What an order is priced by: the meal's dishes in the menu's order, each at
// that day's price, as the whole day's menu lists them; none for another
// meal, day or canteen; a withdrawn dish is off it.
TEST_F(MenuStoreTest, AMealsPricesAreTheMenusItems) {
  Result<Dish> egg = add_dish(canteen_, dish("西红柿炒鸡蛋", 800), keeper_);
  Result<Dish> congee = add_dish(canteen_, dish("小米南瓜粥", 300), keeper_);
  ASSERT_TRUE(egg.ok() && congee.ok());
  ASSERT_TRUE(
      save(canteen_, "2026-12-06", "lunch", {{congee->id, 200}, {egg->id, std::nullopt}}, keeper_)
          .ok());
  ASSERT_TRUE(
      save(canteen_, "2026-12-06", "breakfast", {{congee->id, std::nullopt}}, keeper_).ok());
  Result<std::vector<MealPrice>> lunch =
      meal_prices(db_->reader(), canteen_, day("2026-12-06"), "lunch");
  ASSERT_TRUE(lunch.ok()) << lunch.status().message();
  Result<std::vector<DayMenu>> whole = read_menus(db_->reader(), canteen_, {day("2026-12-06"), 1});
  ASSERT_TRUE(whole.ok());
  const MealMenu& shown = whole->at(0).meals.at(1);
  ASSERT_EQ(shown.meal, "lunch");
  ASSERT_EQ(lunch->size(), shown.items.size());
  for (size_t i = 0; i < lunch->size(); ++i) {
    EXPECT_EQ((*lunch)[i].dish_id, shown.items[i].dish.id);
    EXPECT_EQ((*lunch)[i].name, shown.items[i].dish.name);
    EXPECT_EQ((*lunch)[i].price_fen, shown.items[i].price_fen);
  }
  EXPECT_EQ(lunch->at(0).price_fen, 200);
  EXPECT_EQ(lunch->at(1).name, "西红柿炒鸡蛋");
  EXPECT_TRUE(meal_prices(db_->reader(), canteen_, day("2026-12-06"), "dinner")->empty());
  EXPECT_TRUE(meal_prices(db_->reader(), canteen_, day("2026-12-07"), "lunch")->empty());
  EXPECT_TRUE(meal_prices(db_->reader(), other_, day("2026-12-06"), "lunch")->empty());

  DishPatch withdrawn;
  withdrawn.active = false;
  ASSERT_TRUE(core::wait_for<Dish>([&](auto done) {
                service_->change_dish(canteen_, egg->id, withdrawn, keeper_, std::move(done));
              }).ok());
  lunch = meal_prices(db_->reader(), canteen_, day("2026-12-06"), "lunch");
  ASSERT_TRUE(lunch.ok());
  ASSERT_EQ(lunch->size(), 1u);
  EXPECT_EQ(lunch->at(0).dish_id, congee->id);
}

}  // namespace
}  // namespace warmcity::canteens
