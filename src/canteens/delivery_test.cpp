// Meal delivery (delivery.h, delivery_service.h): the route order, the diet
// flags and the handover code as pure rules; then on a scratch SQLite
// database the day's stops in the saved route's order kept between days,
// the handover by code (right, wrong and audited, too many tries) and by
// photo, not-home handed to the visits' escalation (seen in the due list),
// and the refusals: another canteen's keeper, an order not booked, a closed
// month, not-home on another day, bad input.
#include <gtest/gtest.h>

#include "canteens/delivery.h"
#include "canteens/delivery_json.h"
#include "canteens/delivery_test_world.h"
#include "canteens/menu.h"

namespace warmcity::canteens {
namespace {

using eldercare::test_world::wait;

TEST(DeliveryRulesTest, TheRouteFirstByPositionThenTheRestByName) {
  const std::vector<StopKey> stops = {{1, 10, "王秀英"},
                                      {2, 11, "李桂兰"},
                                      {3, 12, "张桂兰"},
                                      {4, 13, "赵淑珍"},
                                      {5, 11, "李桂兰"}};
  // Saved: 12, then 11; 10 and 13 are not on it; elder 99 has no order today.
  const std::vector<size_t> order = route_order({12, 99, 11}, stops);
  std::vector<int64_t> ids;
  for (size_t i : order) ids.push_back(stops[i].order_id);
  const std::vector<int64_t> want = {3, 2, 5, 1, 4};  // 王 < 赵 in UTF-8 order
  EXPECT_EQ(ids, want);
  EXPECT_EQ(route_order({}, {}).size(), 0u);
}

TEST(DeliveryRulesTest, FlagsAreTheUnionInTheClosedListsOrder) {
  EXPECT_EQ(merged_codes({{"low_salt"}, {"soft", "low_salt"}, {}}, tag_names()),
            (std::vector<std::string>{"soft", "low_salt"}));
  EXPECT_EQ(merged_codes({{"milk", "egg"}}, allergen_names()),
            (std::vector<std::string>{"egg", "milk"}));
  EXPECT_TRUE(merged_codes({}, tag_names()).empty());
}

TEST(DeliveryRulesTest, TheCodeIsTheCardsFirstFourDigitsWhichNoMaskShows) {
  EXPECT_EQ(handover_code("1412345678"), "1412");
  EXPECT_FALSE(handover_code("1234567").has_value());  // would share a digit with the last 4
  EXPECT_TRUE(code_matches("5678", " 5678 "));
  EXPECT_FALSE(code_matches("5678", "5679"));
  EXPECT_FALSE(code_matches("", ""));
  EXPECT_EQ(route_ids_error({1, 2, 3}), "");
  EXPECT_NE(route_ids_error({1, 2, 1}), "");
  EXPECT_NE(route_ids_error({0}), "");
  EXPECT_NE(route_ids_error(std::vector<int64_t>(501, 1)), "");
}

TEST(DeliveryJsonTest, BadBodiesAreRefusedWithTheField) {
  EXPECT_EQ(read_route_body("{", "lunch").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(read_route_body(R"({"elder_ids": "1,2"})", "lunch").status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(read_route_body(R"({"elder_ids": [1, "2"]})", "lunch").status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(read_route_body(R"({"elder_ids": [1], "x": 1})", "lunch").status().code(),
            Code::kUnprocessable);
  ASSERT_TRUE(read_route_body(R"({"elder_ids": []})", "lunch").ok());
  EXPECT_EQ(read_handover_body(R"({"proof": "signature"})").status().code(), Code::kUnprocessable);
  EXPECT_EQ(read_handover_body(R"({"proof": "code"})").status().code(), Code::kUnprocessable);
  EXPECT_EQ(
      read_handover_body(R"({"proof": "photo", "photo": "bm90IGEgcGljdHVyZQ=="})").status().code(),
      Code::kUnprocessable);
  EXPECT_EQ(read_handover_body(R"({"proof": "code", "code": 1234})").status().code(),
            Code::kUnprocessable);
  EXPECT_EQ(read_handover_body("[]").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(read_not_home_body(R"({"note": 5})").status().code(), Code::kUnprocessable);
  EXPECT_EQ(*read_not_home_body("{}"), "");
}

class DeliveryTest : public DeliveryWorld {};

TEST_F(DeliveryTest, StopsFollowTheSavedRouteOnEveryDayAndTheRestComeAfterByName) {
  auto [zhang, zhang_card] = carded_elder("张桂兰");
  auto [li, li_card] = carded_elder("李秀英");
  auto [wang, wang_card] = carded_elder("王淑珍");
  ASSERT_TRUE(set_route({li, zhang}, keeper_).ok());
  for (const char* date : {"2026-12-10", "2026-12-11"}) {
    book(wang, date);
    book(zhang, date);
    book(li, date);
  }
  for (const char* date : {"2026-12-10", "2026-12-11"}) {
    Result<DeliveryDay> d = day(date, keeper_);
    ASSERT_TRUE(d.ok()) << d.status().message();
    ASSERT_EQ(d->stops.size(), 3u);
    EXPECT_EQ(d->stops[0].elder.elder_id, li);
    EXPECT_EQ(d->stops[1].elder.elder_id, zhang);
    EXPECT_EQ(d->stops[2].elder.elder_id, wang);  // not on the route: after it
    EXPECT_EQ(d->stops[2].position, 3);
    EXPECT_EQ(d->stops[0].elder.address, "交通路 12 号");
    EXPECT_EQ(d->stops[0].elder.phone, "13812345678");
    EXPECT_EQ(d->stops[0].diet, (std::vector<std::string>{"soft", "low_salt"}));
    EXPECT_EQ(d->stops[0].allergens, (std::vector<std::string>{"egg"}));
    EXPECT_FALSE(d->stops[0].handover.has_value());
  }
  // Each read of the stops is audited with its purpose.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "subject_type = 'canteen' AND detail LIKE '%canteen_delivery%'"),
            2);
  Result<DeliveryRoute> r = service_->route(canteen_, "lunch", keeper_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->elder_ids, (std::vector<int64_t>{li, zhang}));
  // A cancelled order is left out.
  ASSERT_TRUE(db_->write([](store::Connection& c) {
                   return c.exec(
                       "UPDATE canteen_orders SET status = 'cancelled' WHERE served_on = "
                       "'2026-12-11'");
                 })
                  .ok());
  EXPECT_TRUE(day("2026-12-11", keeper_)->stops.empty());
}

TEST_F(DeliveryTest, TheRouteRefusesUnknownEldersRepeatsAndOtherCanteens) {
  auto [zhang, card] = carded_elder("张桂兰");
  EXPECT_EQ(set_route({zhang, 9999}, keeper_).status().code(), Code::kUnprocessable);
  EXPECT_EQ(set_route({zhang, zhang}, keeper_).status().code(), Code::kUnprocessable);
  EXPECT_EQ(set_route({zhang}, other_keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(service_->route(canteen_, "supper", keeper_).status().code(), Code::kUnprocessable);
  EXPECT_EQ(service_->route(canteen_, "lunch", other_keeper_).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(day("2026-12-10", other_keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(day("2026-13-10", keeper_).status().code(), Code::kUnprocessable);
  ASSERT_TRUE(set_route({zhang}, keeper_).ok());
  ASSERT_TRUE(set_route({}, keeper_).ok());  // cleared
  EXPECT_TRUE(service_->route(canteen_, "lunch", keeper_)->elder_ids.empty());
}

TEST_F(DeliveryTest, HandoverByTheRightCodeDeliversOnce) {
  auto [zhang, card] = carded_elder("张桂兰");
  const int64_t order = book(zhang, "2026-12-10");
  // The digits the counter's masked card shows (its last 4) are not the code.
  if (card.substr(card.size() - 4) != card.substr(0, 4)) {
    EXPECT_EQ(by_code(order, card.substr(card.size() - 4), keeper_).status().code(),
              Code::kUnprocessable);
  }
  Result<Order> done = by_code(order, card.substr(0, 4), keeper_);
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->status, "delivered");
  EXPECT_EQ(done->elder_name_masked, "张**");
  EXPECT_EQ(count("SELECT COUNT(*) FROM canteen_order_events WHERE kind = 'delivered' AND "
                  "proof = 'code'"),
            1);
  EXPECT_EQ(by_code(order, card.substr(0, 4), keeper_).status().code(), Code::kConflict);
  Result<DeliveryDay> d = day("2026-12-10", keeper_);
  ASSERT_TRUE(d.ok());
  ASSERT_TRUE(d->stops[0].handover.has_value());
  EXPECT_EQ(d->stops[0].handover->proof, "code");
  EXPECT_EQ(d->stops[0].order.status, "delivered");
}

TEST_F(DeliveryTest, WrongCodesAreAuditedAndTheSixthTryWithinTenMinutesIsThrottled) {
  auto [zhang, card] = carded_elder("张桂兰");
  const int64_t order = book(zhang, "2026-12-10");
  const std::string right = card.substr(0, 4);
  const std::string wrong = right == "0000" ? "1111" : "0000";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(by_code(order, wrong, keeper_).status().code(), Code::kUnprocessable);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'canteen.delivery_code_wrong'"),
            5);
  EXPECT_EQ(by_code(order, right, keeper_).status().code(), Code::kResourceExhausted);
  EXPECT_EQ(count("SELECT COUNT(*) FROM canteen_orders WHERE status = 'booked'"), 1);
  clock_ += kWrongCodeWindow + 1;
  EXPECT_TRUE(by_code(order, right, keeper_).ok());
}

TEST_F(DeliveryTest, HandoverByPhotoKeepsThePhotosName) {
  auto [zhang, card] = carded_elder("张桂兰");
  const int64_t order = book(zhang, "2026-12-10");
  HandoverInput in{"photo", "", photos::CheckedPhoto{photos::ImageType::kPng, "picture"}};
  Result<Order> r =
      wait<Order>([&](auto d) { service_->handover(canteen_, order, std::move(in), keeper_, d); });
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, "delivered");
  EXPECT_EQ(count("SELECT COUNT(*) FROM canteen_order_events WHERE proof = 'photo' AND photo = '" +
                  photos::sha256_hex("picture") + ".png'"),
            1);
}

TEST_F(DeliveryTest, NotHomeOpensTheVisitEscalationHerTeamSees) {
  auto [zhang, card] = carded_elder("张桂兰");
  ASSERT_TRUE(db_->write([zhang](store::Connection& c) {
                   return c.exec(
                       "INSERT INTO elder_teams (id, grid_id, community_id, name, "
                       "worker_user_id, volunteer_user_id, phone, rota, created_at, created_by) "
                       "VALUES (40, 30, 20, '生态园一组', 60, 61, '13903580001', 'Mo-Su "
                       "08:00-20:00', 0, 1); UPDATE elders SET team_id = 40 WHERE id = " +
                       std::to_string(zhang));
                 })
                  .ok());
  const int64_t order = book(zhang, "2026-12-10");
  Result<NotHomeAnswer> r = not_home(order, keeper_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->order.status, "not_home");
  Result<eldercare::Visit> v = eldercare::get_visit(db_->reader(), r->visit_id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->outcome, "nobody_answers");
  EXPECT_EQ(v->escalation, "open");
  EXPECT_EQ(v->elder_id, zhang);
  EXPECT_NE(v->findings.find("长者食堂送餐"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM canteen_order_events WHERE kind = 'not_home' AND "
                  "visit_id = " +
                  std::to_string(r->visit_id)),
            1);
  // Her team's due list shows the open escalation (the volunteer of team 40, which she is paired
  // with).
  eldercare::DueQuery q;
  q.scope.team_id = 40;
  eldercare::Caller volunteer{61, "volunteer", {}, "127.0.0.1"};
  Result<eldercare::DueList> due =
      wait<eldercare::DueList>([&](auto d) { visits_->due(q, volunteer, d); });
  ASSERT_TRUE(due.ok()) << due.status().message();
  bool seen = false;
  for (const eldercare::DueItem& i : due->items) seen |= i.visit_id == r->visit_id;
  EXPECT_TRUE(seen);
  // Once recorded, the order is no longer booked.
  EXPECT_EQ(not_home(order, keeper_).status().code(), Code::kConflict);
  EXPECT_EQ(by_code(order, card.substr(0, 4), keeper_).status().code(), Code::kConflict);
}

TEST_F(DeliveryTest, AMealIsHandedOverOnItsDayOnly) {
  auto [zhang, card] = carded_elder("张桂兰");
  const int64_t ahead = book(zhang, "2026-12-20");
  EXPECT_EQ(by_code(ahead, card.substr(0, 4), keeper_).status().code(), Code::kConflict);
  HandoverInput in{"photo", "", photos::CheckedPhoto{photos::ImageType::kPng, "picture"}};
  Result<Order> photo =
      wait<Order>([&](auto d) { service_->handover(canteen_, ahead, std::move(in), keeper_, d); });
  EXPECT_EQ(photo.status().code(), Code::kConflict);
  const int64_t past = book(zhang, "2026-12-09");
  EXPECT_EQ(by_code(past, card.substr(0, 4), keeper_).status().code(), Code::kConflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM canteen_orders WHERE status = 'booked'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM canteen_order_events"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'canteen.delivery_%'"), 0);
  // On its day it is handed over.
  clock_ += 10 * 86400;  // 2026-12-20 10:00
  EXPECT_TRUE(by_code(ahead, card.substr(0, 4), keeper_).ok());
}

TEST_F(DeliveryTest, RefusalsLeaveNothingWritten) {
  auto [zhang, card] = carded_elder("张桂兰");
  const int64_t tomorrow = book(zhang, "2026-12-11");
  EXPECT_EQ(not_home(tomorrow, keeper_).status().code(), Code::kConflict);  // not today
  const int64_t today = book(zhang, "2026-12-10");
  EXPECT_EQ(not_home(today, other_keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(by_code(today, "1234", other_keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(by_code(99999, "1234", keeper_).status().code(), Code::kNotFound);
  const int64_t elsewhere = book(zhang, "2026-12-10", "dinner", other_);  // her slot is one each
  EXPECT_EQ(by_code(elsewhere, "1234", keeper_).status().code(), Code::kNotFound);
  ASSERT_TRUE(db_->write([this](store::Connection& c) {
                   return c.exec(
                       "INSERT INTO canteen_month_closures (canteen_id, month, meals, "
                       "subsidy_fen, closed_at, closed_by) VALUES (" +
                       std::to_string(canteen_) + ", '2026-12', 0, 0, 0, 1)");
                 })
                  .ok());
  EXPECT_EQ(by_code(today, card.substr(0, 4), admin_).status().code(), Code::kConflict);
  EXPECT_EQ(not_home(today, admin_).status().code(), Code::kConflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM canteen_order_events"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM visits"), 0);
}

}  // namespace
}  // namespace warmcity::canteens
