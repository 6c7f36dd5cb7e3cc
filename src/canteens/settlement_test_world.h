// Settlement's unit tests' ground: CanteenWorld (canteen_test_world.h) with
// the elders, menus, subsidy and meals' tables, one elder (张桂兰), a dish,
// and orders written straight into canteen_orders / canteen_order_lines /
// canteen_order_events as the orders and delivery parts would leave them.
// Include only in settlement's tests and bench.
#pragma once

#include <atomic>
#include <string>

#include "canteens/canteen_test_world.h"
#include "canteens/menus.h"
#include "canteens/order_tables.h"
#include "canteens/settlement_service.h"
#include "canteens/subsidy_service.h"
#include "eldercare/elder_service.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"

namespace warmcity::canteens {

// One order as the test writes it.
struct TestOrder {
  std::string served_on = "2026-11-10";
  std::string meal = "lunch";
  std::string kind = "counter";
  std::string status = "served";
  bool elder = true;
  int64_t price_fen = 1500;
  int64_t subsidy_fen = 300;
  std::string tier = "70-79岁";
  std::string proof;  // "code" | "photo": a delivered event with it

  // A counter meal served on `day`, subsidised 300 fen at tier 70-79岁.
  static TestOrder on(std::string day) {
    TestOrder o;
    o.served_on = std::move(day);
    return o;
  }
  TestOrder& subsidy(int64_t fen, std::string t) {
    subsidy_fen = fen;
    tier = std::move(t);
    return *this;
  }
  // A delivery in `s`; delivered ones with their handover's proof `p`.
  TestOrder& delivery(std::string s, std::string p = "") {
    kind = "delivery";
    status = std::move(s);
    proof = std::move(p);
    return *this;
  }
};

class SettlementWorld : public CanteenWorld {
 protected:
  void open_settlement(const char* file) {
    std::vector<store::Migration> extra = eldercare::migrations();
    for (auto& m : menu_migrations()) extra.push_back(std::move(m));
    for (auto& m : subsidy_migrations()) extra.push_back(std::move(m));
    for (auto& m : order_migrations()) extra.push_back(std::move(m));
    open(file, std::move(extra));
    canteen_ = add(facilities::Kind::kCanteen, "生态园长者食堂", 7);
    other_canteen_ = add(facilities::Kind::kCanteen, "交通路长者食堂", 8);
    auto elders = eldercare::ElderService::open(*db_, eldercare::test_world::fake_locate,
                                                [this] { return clock_.load(); });
    ASSERT_TRUE(elders.ok()) << elders.status().message();
    Result<eldercare::ElderView> her = eldercare::test_world::wait<eldercare::ElderView>(
        [&](auto d) { (*elders)->create(eldercare::test_world::zhang_guilan(), elder_admin_, d); });
    ASSERT_TRUE(her.ok()) << her.status().message();
    elder_id_ = her->elder.id;
    ASSERT_TRUE(db_->write([this](store::Connection& c) {
                     auto q = c.prepare(
                         "INSERT INTO canteen_dishes (canteen_id, name, kind, price_fen, "
                         "created_at, updated_at) VALUES (?, '红烧肉套餐', 'set', 1500, 0, 0) "
                         "RETURNING id");
                     if (!q.ok()) return q.status();
                     q->bind(1, canteen_);
                     Result<int64_t> id = q->returning_id();
                     if (!id.ok()) return id.status();
                     dish_id_ = *id;
                     return Status::Ok();
                   })
                    .ok());
    service_ = std::make_unique<SettlementService>(
        *db_,
        [](store::Connection&, int64_t id) -> Result<std::string> {
          return id == 1 ? std::string("区民政局管理员") : "用户" + std::to_string(id);
        },
        [this] { return clock_.load(); });
  }

  // Writes `n` orders like `o` at `canteen` (default: the world's) in one
  // transaction; the last one's id.
  int64_t add_orders(const TestOrder& o, int n = 1, int64_t canteen = 0) {
    if (canteen == 0) canteen = canteen_;
    int64_t last = 0;
    Status s = db_->write([&](store::Connection& c) {
      for (int i = 0; i < n; ++i) {
        auto q = c.prepare(
            "INSERT INTO canteen_orders (canteen_id, kind, served_on, month, meal, elder_id, "
            "price_fen, subsidy_fen, pays_fen, tier, status, created_at, created_by, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1) RETURNING id");
        if (!q.ok()) return q.status();
        q->bind(1, canteen).bind(2, o.kind).bind(3, o.served_on).bind(4, o.served_on.substr(0, 7));
        q->bind(5, o.meal).bind(6, o.elder ? std::optional<int64_t>(elder_id_) : std::nullopt);
        q->bind(7, o.price_fen).bind(8, o.subsidy_fen).bind(9, o.price_fen - o.subsidy_fen);
        q->bind(10, o.tier).bind(11, o.status);
        Result<int64_t> id = q->returning_id();
        if (!id.ok()) return id.status();
        last = *id;
        auto l = c.prepare(
            "INSERT INTO canteen_order_lines (order_id, seq, dish_id, dish_name, unit_fen, qty) "
            "VALUES (?, 0, ?, '红烧肉套餐', ?, 1)");
        if (!l.ok()) return l.status();
        l->bind(1, last).bind(2, dish_id_).bind(3, o.price_fen);
        if (Result<bool> r = l->step(); !r.ok()) return r.status();
        if (o.proof.empty()) continue;
        auto e = c.prepare(
            "INSERT INTO canteen_order_events (order_id, kind, at, by_user, proof) "
            "VALUES (?, 'delivered', 1, 1, ?)");
        if (!e.ok()) return e.status();
        e->bind(1, last).bind(2, o.proof);
        if (Result<bool> r = e->step(); !r.ok()) return r.status();
      }
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return last;
  }

  std::atomic<int64_t> clock_{1796868000};  // 2026-12-10 10:00 +08:00
  std::unique_ptr<SettlementService> service_;
  int64_t canteen_ = 0;
  int64_t other_canteen_ = 0;
  int64_t elder_id_ = 0;
  int64_t dish_id_ = 0;
  Caller admin_{1, "admin", {}, "127.0.0.1"};
  Caller keeper_{5, "keeper", {7}, "127.0.0.1"};
  Caller other_keeper_{6, "keeper", {8}, "127.0.0.1"};
  Caller department_{9, "department", {}, "127.0.0.1"};
  eldercare::Caller elder_admin_{1, "admin", {}, "127.0.0.1"};
};

}  // namespace warmcity::canteens
