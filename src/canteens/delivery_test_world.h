// Meal delivery's unit tests' world: the canteens' ground (canteen_test_world.h)
// with the elders, their visits, the menus and the meals' tables; two elders
// with red proxy cards, a dish, and delivery orders put straight into
// canteen_orders (the orders' own service is another part's). The clock is
// fixed at 2026-12-10 10:00 +08:00 and may be moved.
// Include only in the delivery tests.
#pragma once

#include <atomic>
#include <string>
#include <utility>

#include "canteens/canteen_test_world.h"
#include "canteens/delivery_service.h"
#include "canteens/menu_store.h"
#include "canteens/menus.h"
#include "canteens/order_tables.h"
#include "canteens/subsidy_service.h"
#include "eldercare/elder_service.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"
#include "eldercare/visit_service.h"

namespace warmcity::canteens {

inline constexpr int64_t kDec10 = 1796868000;  // 2026-12-10 10:00 +08:00

class DeliveryWorld : public CanteenWorld {
 protected:
  void SetUp() override {
    std::vector<store::Migration> extra = eldercare::migrations();
    for (auto& m : eldercare::visit_migrations()) extra.push_back(std::move(m));
    for (auto& m : menu_migrations()) extra.push_back(std::move(m));
    for (auto& m : subsidy_migrations()) extra.push_back(std::move(m));
    for (auto& m : order_migrations()) extra.push_back(std::move(m));
    open("delivery.db", std::move(extra));
    ASSERT_TRUE(db_);
    canteen_ = add(facilities::Kind::kCanteen, "生态园长者食堂", 7);
    other_ = add(facilities::Kind::kCanteen, "交通路长者食堂", 8);
    auto elders = eldercare::ElderService::open(*db_, eldercare::test_world::fake_locate,
                                                [this] { return clock_.load(); });
    ASSERT_TRUE(elders.ok());
    elders_ = std::move(*elders);
    auto visits = eldercare::VisitService::open(*db_, {}, [this] { return clock_.load(); });
    ASSERT_TRUE(visits.ok());
    visits_ = std::move(*visits);
    auto photos = photos::PhotoStore::open(dir_.file("photos"));
    ASSERT_TRUE(photos.ok());
    service_ = std::make_unique<DeliveryService>(*db_, std::move(*photos), eldercare::VisitRules{},
                                                 [this] { return clock_.load(); });
    Dish d;
    d.canteen_id = canteen_;
    d.name = "肉末蒸蛋";
    d.price_fen = 1200;
    d.allergens = {"egg"};
    d.tags = {"soft", "low_salt"};
    ASSERT_TRUE(db_->write([&d](store::Connection& c) { return insert_dish(c, d); }).ok());
    dish_ = d.id;
  }

  // An elder named `name` with a red proxy card: her id and card number.
  std::pair<int64_t, std::string> carded_elder(const char* name) {
    eldercare::ElderInput in = eldercare::test_world::zhang_guilan();
    in.name = name;
    auto her = eldercare::test_world::wait<eldercare::ElderView>(
        [&](auto d) { elders_->create(in, elder_admin_, d); });
    EXPECT_TRUE(her.ok()) << her.status().message();
    if (!her.ok()) return {0, ""};
    auto card = eldercare::test_world::wait<eldercare::Card>([&](auto d) {
      elders_->issue_card(her->elder.id, {"0358-8221234", "13903580001"}, elder_admin_, d);
    });
    EXPECT_TRUE(card.ok()) << card.status().message();
    return {her->elder.id, card.ok() ? card->number : ""};
  }

  // A booked delivery order of one dish for the elder: its id.
  int64_t book(int64_t elder_id, const std::string& date, const char* meal = "lunch",
               int64_t canteen = 0) {
    if (canteen == 0) canteen = canteen_;
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& c) -> Status {
      auto q = c.prepare(
          "INSERT INTO canteen_orders (canteen_id, kind, served_on, month, meal, elder_id, "
          "price_fen, subsidy_fen, pays_fen, tier, reason, status, created_at, created_by, "
          "updated_at) VALUES (?, 'delivery', ?, ?, ?, ?, 1200, 300, 900, '70-79岁', "
          "'70-79岁 补贴 3.00 元', 'booked', ?, 1, ?) RETURNING id");
      if (!q.ok()) return q.status();
      q->bind(1, canteen).bind(2, date).bind(3, date.substr(0, 7)).bind(4, meal);
      q->bind(5, elder_id).bind(6, clock_.load()).bind(7, clock_.load());
      Result<int64_t> made = q->returning_id();
      if (!made.ok()) return made.status();
      id = *made;
      auto l = c.prepare(
          "INSERT INTO canteen_order_lines (order_id, seq, dish_id, dish_name, unit_fen, qty) "
          "VALUES (?, 0, ?, '肉末蒸蛋', 1200, 1)");
      if (!l.ok()) return l.status();
      l->bind(1, id).bind(2, dish_);
      return l->run();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }

  int64_t count(const std::string& sql) {
    auto q = db_->reader().prepare(sql);
    EXPECT_TRUE(q.ok());
    if (!q.ok()) return -1;
    Result<bool> row = q->step();
    return row.ok() && *row ? q->column_int64(0) : -1;
  }

  Result<DeliveryDay> day(const std::string& date, Caller by) {
    return eldercare::test_world::wait<DeliveryDay>(
        [&](auto d) { service_->deliveries(canteen_, date, "lunch", by, d); });
  }
  Result<DeliveryRoute> set_route(std::vector<int64_t> ids, Caller by) {
    return eldercare::test_world::wait<DeliveryRoute>([&](auto d) {
      service_->set_route(canteen_, {"lunch", std::move(ids)}, by, d);
    });
  }
  Result<Order> by_code(int64_t order, std::string code, Caller by) {
    HandoverInput in{"code", std::move(code), std::nullopt};
    return eldercare::test_world::wait<Order>(
        [&](auto d) { service_->handover(canteen_, order, std::move(in), by, d); });
  }
  Result<NotHomeAnswer> not_home(int64_t order, Caller by) {
    return eldercare::test_world::wait<NotHomeAnswer>(
        [&](auto d) { service_->not_home(canteen_, order, "敲门无人应", by, d); });
  }

  std::atomic<int64_t> clock_{kDec10};
  int64_t canteen_ = 0, other_ = 0, dish_ = 0;
  std::unique_ptr<eldercare::ElderService> elders_;
  std::unique_ptr<eldercare::VisitService> visits_;
  std::unique_ptr<DeliveryService> service_;
  Caller admin_{1, "admin", {}, "127.0.0.1"};
  Caller keeper_{5, "keeper", {7}, "127.0.0.1"};
  Caller other_keeper_{6, "keeper", {8}, "127.0.0.1"};
  eldercare::Caller elder_admin_{1, "admin", {}, "127.0.0.1"};
};

}  // namespace warmcity::canteens
