// Settlement (settlement.h, settlement_store.h, settlement_service.h,
// settlement_csv.h) on a scratch SQLite database: a month by tier with a
// status change mid-month, the 75th-birthday month, what counts as a meal,
// close refused (open delivery, month not over, twice) and accepted with its
// audit row, adjustments refused on an open month and accepted on a closed
// one, the CSV (BOM, header, a masked name, a formula defused), who may read
// and who may close, bad months, the dashboard's counts.
#include <gtest/gtest.h>

#include "accounts/audit.h"
#include "canteens/settlement_csv.h"
#include "canteens/settlement_test_world.h"

namespace warmcity::canteens {
namespace {

using eldercare::test_world::wait;

class SettlementTest : public SettlementWorld {
 protected:
  void SetUp() override { open_settlement("settlement.db"); }

  Result<SettlementSummary> close(const std::string& month, const Caller& by) {
    return wait<SettlementSummary>([&](auto d) { service_->close(canteen_, month, by, d); });
  }
  Result<NamedAdjustment> adjust(const std::string& month, AdjustmentInput in, const Caller& by) {
    return wait<NamedAdjustment>([&](auto d) { service_->adjust(canteen_, month, in, by, d); });
  }
  Result<SettlementLines> lines(const std::string& month, const Caller& by) {
    return wait<SettlementLines>([&](auto d) { service_->lines(canteen_, month, by, d); });
  }
  int64_t audit_rows(const std::string& action) {
    accounts::AuditQuery q;
    q.action = action;
    Result<std::vector<accounts::AuditRecord>> rows = accounts::query_audit(db_->reader(), q);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? static_cast<int64_t>(rows->size()) : -1;
  }
};

TEST(SettlementCount, WhatCountsAsAMeal) {
  std::vector<SettlementLine> lines(6);
  const char* statuses[] = {"served", "delivered", "cancelled_late",
                            "booked", "not_home",  "cancelled"};
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].status = statuses[i];
    lines[i].tier = "70-79岁";
    lines[i].subsidy_fen = lines[i].status == "cancelled_late" ? 0 : 300;
  }
  MonthTotals t = summarise(lines);
  EXPECT_EQ(t.meals, 3);
  EXPECT_EQ(t.subsidised_meals, 2);
  EXPECT_EQ(t.full_price_meals, 1);  // the late cancellation, charged in full
  EXPECT_EQ(t.subsidy_fen, 600);
  EXPECT_EQ(t.open_deliveries, 1);
  EXPECT_EQ(t.deliveries, 1);
  EXPECT_EQ(t.not_home, 1);
  ASSERT_EQ(t.tiers.size(), 1u);
  EXPECT_EQ(t.tiers[0].meals, 2);
}

TEST_F(SettlementTest, AMonthByTierWithAStatusChangeMidMonth) {
  // Until the 15th she is 70-79; from the 16th 特困 (the tier on each order row).
  add_orders(TestOrder::on("2026-11-03").subsidy(300, "70-79岁"), 3);
  add_orders(TestOrder::on("2026-11-20").subsidy(700, "特困/低保"), 2);
  add_orders(TestOrder::on("2026-11-21").subsidy(0, ""));  // second in slot: full price
  add_orders(TestOrder::on("2026-11-22").subsidy(700, "特困/低保").delivery("delivered", "code"));
  add_orders(TestOrder::on("2026-10-31"));  // another month
  add_orders(TestOrder::on("2026-11-03"), 1, other_canteen_);
  Result<SettlementSummary> s = service_->summary(canteen_, "2026-11", keeper_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->totals.meals, 7);
  EXPECT_EQ(s->totals.subsidised_meals, 6);
  EXPECT_EQ(s->totals.full_price_meals, 1);
  EXPECT_EQ(s->totals.subsidy_fen, 3 * 300 + 3 * 700);
  ASSERT_EQ(s->totals.tiers.size(), 2u);
  EXPECT_EQ(s->totals.tiers[0].tier, "70-79岁");
  EXPECT_EQ(s->totals.tiers[0].meals, 3);
  EXPECT_EQ(s->totals.tiers[1].tier, "特困/低保");
  EXPECT_EQ(s->totals.tiers[1].subsidy_fen, 2100);
  EXPECT_FALSE(s->closed);
  EXPECT_EQ(s->adjusted_subsidy_fen, 3000);
}

TEST_F(SettlementTest, The75thBirthdayMonthHasTwoTiers) {
  // Her 75th birthday on 2026-11-12: the orders before it carry one tier, after it the next.
  add_orders(TestOrder::on("2026-11-11").subsidy(200, "60-74岁"), 11);
  add_orders(TestOrder::on("2026-11-12").subsidy(400, "75岁以上"), 19);
  Result<SettlementSummary> s = service_->summary(canteen_, "2026-11", department_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->totals.tiers.size(), 2u);
  EXPECT_EQ(s->totals.tiers[0].tier, "60-74岁");
  EXPECT_EQ(s->totals.tiers[0].meals, 11);
  EXPECT_EQ(s->totals.tiers[1].tier, "75岁以上");
  EXPECT_EQ(s->totals.tiers[1].subsidy_fen, 19 * 400);
}

TEST_F(SettlementTest, CloseIsRefusedWhileDeliveriesAreOpenBeforeTheEndAndTwice) {
  add_orders(TestOrder::on("2026-11-30"));
  const int64_t booked = add_orders(TestOrder::on("2026-11-30").delivery("booked"));
  Result<SettlementSummary> open = close("2026-11", admin_);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().code(), Code::kConflict);
  EXPECT_NE(open.status().message().find("still open"), std::string::npos);
  ASSERT_TRUE(db_->write([booked](store::Connection& c) {
                   auto q =
                       c.prepare("UPDATE canteen_orders SET status = 'delivered' WHERE id = ?");
                   if (!q.ok()) return q.status();
                   q->bind(1, booked);
                   return q->step().status();
                 })
                  .ok());
  Result<SettlementSummary> early = close("2026-12", admin_);  // the clock is 12-10
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), Code::kConflict);
  EXPECT_NE(early.status().message().find("not ended"), std::string::npos);

  Result<SettlementSummary> closed = close("2026-11", admin_);
  ASSERT_TRUE(closed.ok()) << closed.status().message();
  ASSERT_TRUE(closed->closed);
  EXPECT_EQ(closed->closed->meals, 2);
  EXPECT_EQ(closed->closed->subsidy_fen, 600);
  EXPECT_EQ(closed->closed_by_name, "区民政局管理员");
  EXPECT_EQ(audit_rows("canteen_settlement.close"), 1);

  Result<SettlementSummary> twice = close("2026-11", admin_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), Code::kConflict);
  EXPECT_NE(twice.status().message().find("closed already"), std::string::npos);
  EXPECT_EQ(audit_rows("canteen_settlement.close"), 1);
}

TEST_F(SettlementTest, OnlyAdminsCloseAndAdjust) {
  Result<SettlementSummary> s = close("2026-11", keeper_);
  EXPECT_EQ(s.status().code(), Code::kPermissionDenied);
  Result<NamedAdjustment> a = adjust("2026-11", {std::nullopt, 100, "补录"}, department_);
  EXPECT_EQ(a.status().code(), Code::kPermissionDenied);
}

TEST_F(SettlementTest, AdjustmentsOnlyOnAClosedMonth) {
  const int64_t order = add_orders(TestOrder::on("2026-11-05"));
  Result<NamedAdjustment> open = adjust("2026-11", {order, -300, "重复刷卡"}, admin_);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().code(), Code::kConflict);
  ASSERT_TRUE(close("2026-11", admin_).ok());

  Result<NamedAdjustment> zero = adjust("2026-11", {order, 0, "无"}, admin_);
  EXPECT_EQ(zero.status().code(), Code::kUnprocessable);
  Result<NamedAdjustment> unknown = adjust("2026-11", {order + 100, 100, "补录"}, admin_);
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);

  Result<NamedAdjustment> a = adjust("2026-11", {order, -300, "重复刷卡"}, admin_);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->by_name, "区民政局管理员");
  ASSERT_TRUE(adjust("2026-11", {std::nullopt, 700, "补录纸质登记"}, admin_).ok());
  EXPECT_EQ(audit_rows("canteen_settlement.adjust"), 2);

  Result<SettlementSummary> s = service_->summary(canteen_, "2026-11", keeper_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->totals.subsidy_fen, 300);
  ASSERT_EQ(s->adjustments.size(), 2u);
  EXPECT_EQ(s->adjustments[0].adjustment.reason, "重复刷卡");
  EXPECT_EQ(s->adjusted_subsidy_fen, 300 - 300 + 700);
}

TEST_F(SettlementTest, TheCsvHasItsBomHeaderAndMaskedNamesAndIsAudited) {
  add_orders(TestOrder::on("2026-11-05").delivery("delivered", "photo"));
  add_orders(TestOrder::on("2026-11-06").delivery("not_home"));
  Result<SettlementLines> l = lines("2026-11", keeper_);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(audit_rows("personal_data.read"), 1);
  const std::string csv = settlement_csv(*l);
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF食堂,月份,日期,餐次", 0), 0u);
  EXPECT_NE(csv.find(",张**,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("张桂兰"), std::string::npos);
  EXPECT_NE(csv.find("红烧肉套餐 ×1"), std::string::npos);
  EXPECT_NE(csv.find(",照片,"), std::string::npos);
  EXPECT_NE(csv.find("15.00,3.00,12.00"), std::string::npos);
  EXPECT_EQ(csv.find("2026-11-06"), std::string::npos);  // not home: no meal
  EXPECT_NE(csv.find("调整编号"), std::string::npos);
}

TEST_F(SettlementTest, AFormulaInTheAdjustmentsReasonIsDefused) {
  add_orders(TestOrder::on("2026-11-05"));
  ASSERT_TRUE(close("2026-11", admin_).ok());
  ASSERT_TRUE(adjust("2026-11", {std::nullopt, 100, "=HYPERLINK(\"x\")"}, admin_).ok());
  Result<SettlementLines> l = lines("2026-11", admin_);
  ASSERT_TRUE(l.ok());
  EXPECT_NE(settlement_csv(*l).find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos);
}

TEST_F(SettlementTest, AnotherCanteensCashierIsRefused) {
  Result<SettlementSummary> s = service_->summary(canteen_, "2026-11", other_keeper_);
  EXPECT_EQ(s.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(lines("2026-11", other_keeper_).status().code(), Code::kPermissionDenied);
  Caller worker{4, "worker", {}, "127.0.0.1"};
  EXPECT_EQ(service_->summary(canteen_, "2026-11", worker).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(service_->summary(987654, "2026-11", admin_).status().code(), Code::kNotFound);
}

TEST_F(SettlementTest, BadMonthsAreUnprocessable) {
  for (const char* m : {"2026-13", "2026-1", "abc", "2026-00", "", "2026-11-01"}) {
    EXPECT_EQ(service_->summary(canteen_, m, admin_).status().code(), Code::kUnprocessable) << m;
    EXPECT_EQ(close(m, admin_).status().code(), Code::kUnprocessable) << m;
    EXPECT_EQ(service_->meal_counts(m, admin_).status().code(), Code::kUnprocessable) << m;
  }
}

TEST_F(SettlementTest, TheDashboardCountsEveryCanteen) {
  add_orders(TestOrder::on("2026-11-05"), 4);
  add_orders(TestOrder::on("2026-11-05").subsidy(0, ""));
  add_orders(TestOrder::on("2026-11-06").delivery("delivered", "code"), 2);
  add_orders(TestOrder::on("2026-11-07").delivery("not_home"));
  add_orders(TestOrder::on("2026-11-07"), 3, other_canteen_);
  Result<MealCounts> m = service_->meal_counts("2026-11", department_);
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->canteens.size(), 2u);
  const CanteenMonthCounts& ours = m->canteens[0].id == canteen_ ? m->canteens[0] : m->canteens[1];
  EXPECT_EQ(ours.totals.meals, 7);
  EXPECT_EQ(ours.totals.subsidised_meals, 6);
  EXPECT_EQ(ours.totals.subsidy_fen, 1800);
  EXPECT_EQ(ours.totals.deliveries, 2);
  EXPECT_EQ(ours.totals.not_home, 1);
  EXPECT_EQ(m->totals.meals, 10);
  EXPECT_EQ(m->totals.subsidy_fen, 2700);
  EXPECT_EQ(service_->meal_counts("2026-11", keeper_).status().code(), Code::kPermissionDenied);
  Result<MealCounts> empty = service_->meal_counts("2025-01", admin_);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->canteens.size(), 2u);
  EXPECT_EQ(empty->totals.meals, 0);
}

}  // namespace
}  // namespace warmcity::canteens
