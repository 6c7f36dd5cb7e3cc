// The meal orders (order.h, order_service.h) on a scratch SQLite database:
// a counter meal priced by the engine, the one-subsidised-meal-per-slot rule,
// the delivery cut-off for booking and cancelling, a closed month, lines off
// the day's menu, another canteen's keeper, the diner lookup and its audit
// rows, and a 75th birthday moving her to the next tier through an order.
#include <gtest/gtest.h>

#include <atomic>

#include "canteens/canteen_test_world.h"
#include "canteens/menu_store.h"
#include "canteens/menus.h"
#include "canteens/order_service.h"
#include "canteens/order_tables.h"
#include "canteens/subsidy_service.h"
#include "canteens/subsidy_store.h"
#include "eldercare/elder_service.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"

namespace warmcity::canteens {
namespace {

using eldercare::test_world::wait;

constexpr int64_t kDec10 = 1796868000;  // 2026-12-10 10:00 +08:00
constexpr int64_t kHour = 3600;
constexpr core::LocalDate kToday{2026, 12, 10};
constexpr core::LocalDate kTomorrow{2026, 12, 11};

class OrderTest : public CanteenWorld {
 protected:
  void SetUp() override {
    std::vector<store::Migration> extra = eldercare::migrations();
    for (auto& m : menu_migrations()) extra.push_back(std::move(m));
    for (auto& m : subsidy_migrations()) extra.push_back(std::move(m));
    for (auto& m : order_migrations()) extra.push_back(std::move(m));
    open("orders.db", std::move(extra));
    canteen_ = add(facilities::Kind::kCanteen, "生态园长者食堂", 7);
    other_ = add(facilities::Kind::kCanteen, "交通路长者食堂", 8);
    auto elders = eldercare::ElderService::open(*db_, eldercare::test_world::fake_locate,
                                                [this] { return clock_.load(); });
    ASSERT_TRUE(elders.ok());
    elders_ = std::move(*elders);
    service_ = std::make_unique<OrderService>(*db_, [this] { return clock_.load(); });
    rules_in_force();
    noodles_ = dish("番茄鸡蛋面", 1500);
    rice_ = dish("米饭", 100);
    const int64_t porridge = dish("小米粥", 300);
    for (int d = 0; d < 4; ++d) {
      const core::LocalDate day = core::civil_from_days(core::days_from_civil(kToday) + d);
      publish(day, "lunch", {noodles_, rice_});
    }
    publish(kToday, "breakfast", {porridge});
  }

  // 60-74: ¥2, 75 and over: ¥5, lunch and dinner, in force from 1 December.
  void rules_in_force() {
    SubsidyRules r;
    r.effective_from = {2026, 12, 1};
    auto tier = [](std::string name, int lo, std::optional<int> hi, int64_t fen) {
      SubsidyTier t;
      t.name = std::move(name);
      t.age_min = lo;
      t.age_max = hi;
      t.amount_fen = fen;
      t.meals = {Meal::kLunch, Meal::kDinner};
      return t;
    };
    r.tiers = {tier("60-74岁", 60, 74, 200), tier("75岁以上", 75, std::nullopt, 500)};
    ASSERT_TRUE(
        db_->write([&r](store::Connection& c) { return insert_subsidy_version(c, r); }).ok());
  }
  int64_t dish(const char* name, int64_t fen) {
    Dish d;
    d.canteen_id = canteen_;
    d.name = name;
    d.price_fen = fen;
    EXPECT_TRUE(db_->write([&d](store::Connection& c) { return insert_dish(c, d); }).ok());
    return d.id;
  }
  void publish(core::LocalDate day, const char* meal, std::vector<int64_t> dishes) {
    Status s = db_->write([&](store::Connection& c) {
      Result<std::vector<Dish>> all = list_dishes(c, canteen_);
      if (!all.ok()) return all.status();
      std::vector<MenuItem> items;
      for (int64_t id : dishes) {
        for (const Dish& d : *all) {
          if (d.id == id) items.push_back({d, d.price_fen});
        }
      }
      return replace_meal(c, canteen_, day, meal, items);
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }
  // 张桂兰 born `birth`, with a card: her id and card number.
  std::pair<int64_t, std::string> elder(const char* birth, const char* name = "张桂兰",
                                        const char* phone = "13812345678") {
    eldercare::ElderInput in = eldercare::test_world::zhang_guilan();
    in.birth_date = birth;
    in.name = name;
    in.phones = std::vector<std::string>{phone};
    Result<eldercare::ElderView> her =
        wait<eldercare::ElderView>([&](auto d) { elders_->create(in, elder_admin_, d); });
    EXPECT_TRUE(her.ok()) << her.status().message();
    if (!her.ok()) return {0, ""};
    Result<eldercare::Card> card = wait<eldercare::Card>([&](auto d) {
      elders_->issue_card(her->elder.id, {"0358-8221234", "13903580001"}, elder_admin_, d);
    });
    EXPECT_TRUE(card.ok()) << card.status().message();
    return {her->elder.id, card.ok() ? card->number : ""};
  }
  OrderRequest request(const char* kind, core::LocalDate day, std::optional<std::string> card,
                       std::vector<LineRequest> lines = {}) {
    OrderRequest r;
    r.kind = kind;
    r.date = day;
    r.meal = "lunch";
    r.diner.card = std::move(card);
    r.lines = lines.empty() ? std::vector<LineRequest>{{noodles_, 1}} : std::move(lines);
    return r;
  }
  Result<Order> create(OrderRequest r, Caller by = {5, "keeper", {7}, "127.0.0.1"}) {
    return wait<Order>([&](auto d) { service_->create(canteen_, r, by, d); });
  }
  Result<Order> cancel(int64_t id) {
    return wait<Order>([&](auto d) { service_->cancel(canteen_, id, "打错了", keeper_, d); });
  }
  int64_t audit_rows(const char* action) {
    auto q = db_->reader().prepare("SELECT COUNT(*) FROM audit_log WHERE action = ?");
    EXPECT_TRUE(q.ok());
    q->bind(1, action);
    EXPECT_TRUE(*q->step());
    return q->column_int64(0);
  }

  std::unique_ptr<eldercare::ElderService> elders_;
  std::unique_ptr<OrderService> service_;
  std::atomic<int64_t> clock_{kDec10};
  int64_t canteen_ = 0, other_ = 0, noodles_ = 0, rice_ = 0;
  Caller keeper_{5, "keeper", {7}, "127.0.0.1"};
  eldercare::Caller elder_admin_{1, "admin", {}, "127.0.0.1"};
};

TEST_F(OrderTest, ACounterMealIsSubsidisedOncePerSlot) {
  auto [id, card] = elder("1941-03-08");
  Result<Order> first = create(request("counter", kToday, card, {{noodles_, 1}, {rice_, 2}}));
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->status, "served");
  EXPECT_EQ(first->elder_id, id);
  EXPECT_EQ(first->elder_name_masked, "张**");
  EXPECT_EQ(first->price_fen, 1700);
  EXPECT_EQ(first->subsidy_fen, 500);
  EXPECT_EQ(first->pays_fen, 1200);
  EXPECT_EQ(first->tier, "75岁以上");
  EXPECT_EQ(first->flag, "");
  ASSERT_EQ(first->lines.size(), 2u);
  EXPECT_EQ(first->lines[1].name, "米饭");
  EXPECT_FALSE(cancel_free_until(*first).has_value());
  // The second meal of the slot: full price, flagged.
  Result<Order> second = create(request("counter", kToday, card));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->subsidy_fen, 0);
  EXPECT_EQ(second->pays_fen, 1500);
  EXPECT_EQ(second->flag, "second_in_slot");
  // A till mistake cancelled the same day frees the slot.
  ASSERT_EQ(cancel(first->id)->status, "cancelled");
  Result<Order> third = create(request("counter", kToday, card));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->subsidy_fen, 500);
  // The next day a counter meal of the 10th is no longer cancelled.
  clock_ = kDec10 + 24 * kHour;
  EXPECT_EQ(cancel(third->id).status().code(), Code::kConflict);
  EXPECT_EQ(cancel(third->id + 100).status().code(), Code::kNotFound);
  // Every order and cancellation left its audit row; the stored order reads back.
  EXPECT_EQ(audit_rows("canteen_order.create"), 3);
  EXPECT_EQ(audit_rows("canteen_order.cancel"), 1);
  Result<std::vector<Order>> day = wait<std::vector<Order>>([&](auto d) {
    service_->list(canteen_, OrderFilter{0, kToday, std::string("lunch"), std::nullopt}, keeper_,
                   d);
  });
  ASSERT_TRUE(day.ok());
  ASSERT_EQ(day->size(), 3u);
  EXPECT_EQ(day->front().id, third->id);  // newest first
  EXPECT_EQ(day->back().status, "cancelled");
  EXPECT_EQ(day->back().lines.size(), 2u);
}

TEST_F(OrderTest, ANonElderPaysFullPriceAndACounterMealIsToday) {
  Result<Order> o = create(request("counter", kToday, std::nullopt));
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->elder_id.has_value());
  EXPECT_EQ(o->pays_fen, 1500);
  Result<Order> later = create(request("counter", kTomorrow, std::nullopt));
  ASSERT_EQ(later.status().code(), Code::kUnprocessable);
  EXPECT_EQ(later.status().field_errors().front().field, "date");
  // A delivery is only for an elder.
  Result<Order> nobody = create(request("delivery", kTomorrow, std::nullopt));
  ASSERT_EQ(nobody.status().code(), Code::kUnprocessable);
  EXPECT_EQ(nobody.status().field_errors().front().field, "diner");
}

TEST_F(OrderTest, ADeliveryIsBookedAndCancelledFreeBeforeTheCutOff) {
  auto [id, card] = elder("1955-06-01");
  Result<Order> booked = create(request("delivery", kTomorrow, card));
  ASSERT_TRUE(booked.ok()) << booked.status().message();
  EXPECT_EQ(booked->status, "booked");
  EXPECT_EQ(booked->subsidy_fen, 200);
  EXPECT_EQ(cancel_free_until(*booked), kDec10 + 10 * kHour);  // 20:00 the day before
  Result<Order> two_days = create(request("delivery", {2026, 12, 12}, card));
  ASSERT_TRUE(two_days.ok());
  Result<Order> free = cancel(two_days->id);
  ASSERT_TRUE(free.ok());
  EXPECT_EQ(free->status, "cancelled");
  EXPECT_EQ(free->subsidy_fen, 200);  // never charged
  // At 20:00 the 11th is past its cut-off: no booking, and a cancellation is late.
  clock_ = kDec10 + 10 * kHour;
  Result<Order> late = create(request("delivery", kTomorrow, card));
  ASSERT_EQ(late.status().code(), Code::kUnprocessable);
  EXPECT_EQ(late.status().field_errors().front().field, "date");
  Result<Order> charged = cancel(booked->id);
  ASSERT_TRUE(charged.ok());
  EXPECT_EQ(charged->status, "cancelled_late");
  EXPECT_EQ(charged->subsidy_fen, 0);
  EXPECT_EQ(charged->pays_fen, 1500);
  EXPECT_EQ(cancel(booked->id).status().code(), Code::kConflict);
  // More than 14 days ahead.
  EXPECT_EQ(create(request("delivery", {2026, 12, 26}, card)).status().code(),
            Code::kUnprocessable);
}

TEST_F(OrderTest, AClosedMonthTakesNoMeals) {
  auto [id, card] = elder("1941-03-08");
  Result<Order> o = create(request("counter", kToday, card));
  ASSERT_TRUE(o.ok());
  ASSERT_TRUE(db_->write([this](store::Connection& c) {
                   return c.exec(
                       "INSERT INTO canteen_month_closures (canteen_id, month, meals, "
                       "subsidy_fen, closed_at, closed_by) VALUES (" +
                       std::to_string(canteen_) + ", '2026-12', 1, 500, 0, 1)");
                 })
                  .ok());
  EXPECT_EQ(create(request("counter", kToday, card)).status().code(), Code::kConflict);
  EXPECT_EQ(cancel(o->id).status().code(), Code::kConflict);
}

TEST_F(OrderTest, LinesMustBeOnTheDaysMenuForThatMeal) {
  const int64_t porridge = noodles_ + 2;
  Result<Order> r =
      create(request("counter", kToday, std::nullopt, {{noodles_, 1}, {porridge, 1}}));
  ASSERT_EQ(r.status().code(), Code::kUnprocessable);
  EXPECT_EQ(r.status().field_errors().front().field, "lines[1].dish_id");  // a breakfast dish
  r = create(request("counter", kToday, std::nullopt, {{999, 1}}));
  ASSERT_EQ(r.status().code(), Code::kUnprocessable);
  EXPECT_EQ(r.status().field_errors().front().field, "lines[0].dish_id");
  r = create(request("counter", kToday, std::nullopt, {{noodles_, 1}, {noodles_, 2}}));
  EXPECT_EQ(r.status().code(), Code::kUnprocessable);  // listed twice
}

TEST_F(OrderTest, AnotherCanteensKeeperAndUnknownDinersAreRefused) {
  EXPECT_EQ(create(request("counter", kToday, std::nullopt), {6, "keeper", {8}, "127.0.0.1"})
                .status()
                .code(),
            Code::kPermissionDenied);
  EXPECT_EQ(create(request("counter", kToday, std::nullopt), {9, "worker", {7}, "127.0.0.1"})
                .status()
                .code(),
            Code::kPermissionDenied);
  EXPECT_EQ(create(request("counter", kToday, std::string("1234567897"))).status().code(),
            Code::kNotFound);
  OrderRequest by_id = request("counter", kToday, std::nullopt);
  by_id.diner.elder_id = 4242;
  EXPECT_EQ(create(by_id).status().code(), Code::kNotFound);
}

TEST_F(OrderTest, HerSeventyFifthBirthdayMovesHerToTheNextTier) {
  auto [id, card] = elder("1951-12-11");
  Result<Order> today = create(request("counter", kToday, card));
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(today->tier, "60-74岁");
  EXPECT_EQ(today->subsidy_fen, 200);
  Result<Order> birthday = create(request("delivery", kTomorrow, card));
  ASSERT_TRUE(birthday.ok());
  EXPECT_EQ(birthday->tier, "75岁以上");
  EXPECT_EQ(birthday->subsidy_fen, 500);
}

TEST_F(OrderTest, APreviewStoresNothingButItsAuditRow) {
  auto [id, card] = elder("1941-03-08");
  Result<Order> p = wait<Order>(
      [&](auto d) { service_->preview(canteen_, request("counter", kToday, card), keeper_, d); });
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->id, 0);
  EXPECT_EQ(p->subsidy_fen, 500);
  EXPECT_EQ(audit_rows("canteen_order.create"), 0);
  auto q = db_->reader().prepare(
      "SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND detail LIKE ?");
  ASSERT_TRUE(q.ok());
  q->bind(1, "%canteen_order_preview%");
  ASSERT_TRUE(*q->step());
  EXPECT_EQ(q->column_int64(0), 1);
}

TEST_F(OrderTest, TheDinerLookupFindsByCardPhoneOrFullNameMaskedAndAudited) {
  auto [id, card] = elder("1941-03-08");
  elder("1944-01-02", "张桂兰", "13900001111");
  auto find = [&](DinerQuery q) {
    return wait<std::vector<DinerView>>([&](auto d) { service_->diners(canteen_, q, keeper_, d); });
  };
  Result<std::vector<DinerView>> by_card = find({card, std::nullopt, std::nullopt});
  ASSERT_TRUE(by_card.ok());
  ASSERT_EQ(by_card->size(), 1u);
  EXPECT_EQ(by_card->front().elder_id, id);
  EXPECT_EQ(by_card->front().name_masked, "张**");
  EXPECT_EQ(by_card->front().phone_masked, "138****5678");
  EXPECT_EQ(by_card->front().card_masked, "******" + card.substr(6));
  EXPECT_EQ(find({std::nullopt, std::string("138-1234-5678"), std::nullopt})->size(), 1u);
  EXPECT_EQ(find({std::nullopt, std::nullopt, std::string("张桂兰")})->size(), 2u);
  EXPECT_EQ(find({std::nullopt, std::nullopt, std::string("张桂")})->size(), 0u);  // exact only
  EXPECT_EQ(find({std::nullopt, std::string("12"), std::nullopt}).status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(audit_rows("personal_data.read"), 4);  // 1 + 1 + 2; none for no one found
  Result<std::vector<DinerView>> refused = wait<std::vector<DinerView>>([&](auto d) {
    service_->diners(canteen_, {card, std::nullopt, std::nullopt}, {6, "keeper", {8}, ""}, d);
  });
  EXPECT_EQ(refused.status().code(), Code::kPermissionDenied);
}

TEST_F(OrderTest, TheQuoteCountsHerOrdersSubsidySoFar) {
  auto [id, card] = elder("1941-03-08");
  ASSERT_TRUE(create(request("counter", kToday, card)).ok());
  SubsidyService subsidies(*db_, [this] { return clock_.load(); });
  QuoteRequest q;
  q.card = card;
  q.date = kToday;
  q.meal = Meal::kDinner;
  q.price_fen = 1500;
  Result<ElderQuote> quoted =
      wait<ElderQuote>([&](auto d) { subsidies.quote(canteen_, q, keeper_, d); });
  ASSERT_TRUE(quoted.ok()) << quoted.status().message();
  EXPECT_EQ(quoted->subsidised_today_fen, 500);
  EXPECT_EQ(quoted->subsidised_month_fen, 500);
}

TEST_F(OrderTest, ANotHomeMealGivesHerSlotAndSubsidyBack) {
  auto [id, card] = elder("1941-03-08");
  Result<Order> booked = create(request("delivery", kTomorrow, card));
  ASSERT_TRUE(booked.ok()) << booked.status().message();
  EXPECT_EQ(booked->subsidy_fen, 500);
  // On the 11th nobody answered (delivery_store.cpp sets the status; subsidy_fen stays).
  clock_ = kDec10 + 24 * kHour;
  ASSERT_TRUE(db_->write([&](store::Connection& c) {
                   return c.exec("UPDATE canteen_orders SET status = 'not_home' WHERE id = " +
                                 std::to_string(booked->id));
                 })
                  .ok());
  Result<SubsidySoFar> so_far = subsidy_so_far(db_->reader(), id, kTomorrow);
  ASSERT_TRUE(so_far.ok());
  EXPECT_EQ(so_far->day_fen, 0);
  EXPECT_EQ(so_far->month_fen, 0);
  // Her counter lunch that day is the slot's first meal, subsidised.
  Result<Order> counter = create(request("counter", kTomorrow, card));
  ASSERT_TRUE(counter.ok()) << counter.status().message();
  EXPECT_EQ(counter->flag, "");
  EXPECT_EQ(counter->subsidy_fen, 500);
}

TEST_F(OrderTest, ADinerByIdMustBeKnownToThisCanteen) {
  auto [id, card] = elder("1941-03-08");
  OrderRequest by_id = request("delivery", kTomorrow, std::nullopt);
  by_id.diner.elder_id = id;
  auto preview = [&](const OrderRequest& r) {
    return wait<Order>([&](auto d) { service_->preview(canteen_, r, keeper_, d); });
  };
  // No order, route stop or lookup here: the same 404 as an unknown id, for the preview too.
  EXPECT_EQ(create(by_id).status().code(), Code::kNotFound);
  EXPECT_EQ(preview(by_id).status().code(), Code::kNotFound);
  // A lookup at another canteen does not count.
  Caller other_keeper{6, "keeper", {8}, "127.0.0.1"};
  ASSERT_TRUE(wait<std::vector<DinerView>>([&](auto d) {
                service_->diners(other_, {card, std::nullopt, std::nullopt}, other_keeper, d);
              }).ok());
  EXPECT_EQ(create(by_id).status().code(), Code::kNotFound);
  // A lookup here that found her does.
  ASSERT_TRUE(
      wait<std::vector<DinerView>>([&](auto d) {
        service_->diners(canteen_, {std::nullopt, std::nullopt, std::string("张桂兰")}, keeper_, d);
      }).ok());
  EXPECT_TRUE(preview(by_id).ok());
  EXPECT_TRUE(create(by_id).ok());
  // Another elder, unknown here: refused to the keeper; an admin may book her by id.
  auto [id2, card2] = elder("1944-01-02", "王淑珍", "13900001111");
  by_id.diner.elder_id = id2;
  EXPECT_EQ(create(by_id).status().code(), Code::kNotFound);
  EXPECT_TRUE(create(by_id, {1, "admin", {}, "127.0.0.1"}).ok());
  // Her order here is a link from now on.
  EXPECT_TRUE(create(by_id).ok());
}

}  // namespace
}  // namespace warmcity::canteens
