// The subsidy rules' store and service (subsidy_store.h, subsidy_service.h)
// on a scratch SQLite database: a version's round trip, today and past days
// refused, a version replaced only before its day, and the quote by card —
// her categories on the day from her history (a status change mid-month),
// the audit row of the read, another canteen's keeper, an unknown or revoked
// card and a day outside today..14 days ahead refused.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "accounts/accounts.h"
#include "canteens/canteen_test_world.h"
#include "canteens/menus.h"
#include "canteens/order_tables.h"
#include "canteens/subsidy_service.h"
#include "canteens/subsidy_store.h"
#include "eldercare/elder_service.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"
#include "facilities/facilities.h"
#include "facilities/facility_store.h"
#include "store/test_util.h"

namespace warmcity::canteens {
namespace {

using eldercare::test_world::wait;

// 2026-12-10 10:00 +08:00.
constexpr int64_t kDec10 = 1796868000;
constexpr int64_t kDay = 86400;

SubsidyRules demo_rules(core::LocalDate from) {
  SubsidyRules r;
  r.effective_from = from;
  r.cap_per_day_fen = 1000;
  r.note = "区民政局 2026 年第 7 号";
  auto tier = [](std::string name, std::optional<int> lo, std::optional<int> hi, int64_t fen,
                 std::vector<std::string> statuses) {
    SubsidyTier t;
    t.name = std::move(name);
    t.age_min = lo;
    t.age_max = hi;
    t.amount_fen = fen;
    t.statuses = std::move(statuses);
    t.meals = {Meal::kLunch, Meal::kDinner};
    return t;
  };
  r.tiers = {tier("60-69岁", 60, 69, 200, {}), tier("70-79岁", 70, 79, 300, {}),
             tier("80岁以上", 80, std::nullopt, 500, {}),
             tier("特困/低保", std::nullopt, std::nullopt, 700,
                  {"extreme_poverty", "subsistence_allowance"})};
  return r;
}

class SubsidyTest : public CanteenWorld {
 protected:
  void SetUp() override {
    std::vector<store::Migration> extra = eldercare::migrations();
    for (auto& m : subsidy_migrations()) extra.push_back(std::move(m));
    // The quote sums her orders' subsidy (canteen_orders, over the menus' dishes).
    for (auto& m : menu_migrations()) extra.push_back(std::move(m));
    for (auto& m : order_migrations()) extra.push_back(std::move(m));
    open("subsidies.db", std::move(extra));
    canteen_ = add(facilities::Kind::kCanteen, "生态园长者食堂", 7);
    auto elders = eldercare::ElderService::open(*db_, eldercare::test_world::fake_locate,
                                                [this] { return clock_.load(); });
    ASSERT_TRUE(elders.ok());
    elders_ = std::move(*elders);
    service_ = std::make_unique<SubsidyService>(*db_, [this] { return clock_.load(); });
  }

  Result<SubsidyRules> create(SubsidyRules r) {
    return wait<SubsidyRules>([&](auto d) { service_->create(r, admin_, d); });
  }
  // A version made the day before its day, the clock then put back.
  void create_in_force(core::LocalDate from) {
    const int64_t now = clock_.load();
    clock_ = core::local_midnight_unix(from) - 1;
    Result<SubsidyRules> made = create(demo_rules(from));
    clock_ = now;
    ASSERT_TRUE(made.ok()) << made.status().message();
  }
  // An elder (张桂兰, born `birth`) with a red proxy card: her id and number.
  std::pair<int64_t, std::string> carded_elder(const char* birth,
                                               std::vector<std::string> categories) {
    eldercare::ElderInput in = eldercare::test_world::zhang_guilan();
    in.birth_date = birth;
    in.categories = std::move(categories);
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
  Result<ElderQuote> quote(std::optional<std::string> card, core::LocalDate day, Caller by) {
    QuoteRequest q;
    q.card = std::move(card);
    q.date = day;
    q.meal = Meal::kLunch;
    q.price_fen = 1500;
    return wait<ElderQuote>([&](auto d) { service_->quote(canteen_, q, by, d); });
  }

  std::unique_ptr<eldercare::ElderService> elders_;
  std::unique_ptr<SubsidyService> service_;
  std::atomic<int64_t> clock_{kDec10};
  int64_t canteen_ = 0;
  Caller admin_{1, "admin", {}, "127.0.0.1"};
  Caller keeper_{5, "keeper", {7}, "127.0.0.1"};
  eldercare::Caller elder_admin_{1, "admin", {}, "127.0.0.1"};
};

TEST_F(SubsidyTest, AVersionRoundTrips) {
  Result<SubsidyRules> made = create(demo_rules({2026, 12, 11}));
  ASSERT_TRUE(made.ok()) << made.status().message();
  Result<SubsidyRules> back = get_subsidy_version(db_->reader(), made->id);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->effective_from, (core::LocalDate{2026, 12, 11}));
  EXPECT_EQ(back->cap_per_day_fen, 1000);
  EXPECT_FALSE(back->cap_per_month_fen.has_value());
  EXPECT_EQ(back->note, "区民政局 2026 年第 7 号");
  EXPECT_EQ(back->created_by, 1);
  ASSERT_EQ(back->tiers.size(), 4u);
  EXPECT_EQ(back->tiers[2].name, "80岁以上");
  EXPECT_EQ(back->tiers[2].age_min, 80);
  EXPECT_FALSE(back->tiers[2].age_max.has_value());
  EXPECT_EQ(back->tiers[3].statuses,
            (std::vector<std::string>{"extreme_poverty", "subsistence_allowance"}));
  EXPECT_EQ(back->tiers[3].meals, (std::vector<Meal>{Meal::kLunch, Meal::kDinner}));
  EXPECT_EQ(back->tiers[3].amount_fen, 700);
  EXPECT_FALSE(service_->versions()->in_force_id.has_value());  // from tomorrow
  clock_ = kDec10 + kDay;
  Result<SubsidyVersions> all = service_->versions();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->in_force_id, made->id);
  Result<std::optional<SubsidyRules>> on = subsidy_version_on(db_->reader(), {2026, 12, 10});
  ASSERT_TRUE(on.ok());
  EXPECT_FALSE(on->has_value());
}

TEST_F(SubsidyTest, ADaysPricesNeverChangeOnceItHasBegun) {
  EXPECT_EQ(create(demo_rules({2026, 12, 9})).status().code(), Code::kUnprocessable);
  // Today: this morning's meals are sold.
  Result<SubsidyRules> today = create(demo_rules({2026, 12, 10}));
  EXPECT_EQ(today.status().code(), Code::kUnprocessable);
  ASSERT_FALSE(today.status().field_errors().empty());
  EXPECT_EQ(today.status().field_errors().front().field, "effective_from");
  ASSERT_TRUE(create(demo_rules({2026, 12, 11})).ok());
  EXPECT_EQ(create(demo_rules({2026, 12, 11})).status().code(), Code::kConflict);  // one a day
  Result<SubsidyRules> next = create(demo_rules({2027, 1, 1}));
  ASSERT_TRUE(next.ok());
  auto replace = [&](int64_t id, const SubsidyRules& r) {
    return wait<SubsidyRules>([&](auto d) { service_->replace(id, r, admin_, d); });
  };
  // A future version is replaced until its day arrives …
  SubsidyRules change = demo_rules({2027, 1, 1});
  change.tiers[0].amount_fen = 250;
  Result<SubsidyRules> replaced = replace(next->id, change);
  ASSERT_TRUE(replaced.ok()) << replaced.status().message();
  EXPECT_EQ(get_subsidy_version(db_->reader(), next->id)->tiers[0].amount_fen, 250);
  // … but not moved to today or a past day, nor changed once in force.
  change.effective_from = {2026, 12, 10};
  EXPECT_EQ(replace(next->id, change).status().code(), Code::kUnprocessable);
  change.effective_from = {2026, 12, 1};
  EXPECT_EQ(replace(next->id, change).status().code(), Code::kUnprocessable);
  clock_ = kDec10 + 22 * kDay;  // 2027-01-01
  change.effective_from = {2027, 1, 2};
  EXPECT_EQ(replace(next->id, change).status().code(), Code::kConflict);
  EXPECT_EQ(replace(999, change).status().code(), Code::kNotFound);
}

TEST_F(SubsidyTest, ASeedTakesItsOwnTodayAndKeepsTheRealTime) {
  // The demo's way: the rules' checks take the 9th as today, the row keeps the clock.
  SubsidyService seed(
      *db_, [this] { return clock_.load(); }, core::LocalDate{2026, 12, 9});
  Result<SubsidyRules> made = wait<SubsidyRules>([&](auto d) {
    seed.create(demo_rules({2026, 12, 10}), admin_, d);
  });
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ(get_subsidy_version(db_->reader(), made->id)->created_at, kDec10);
  EXPECT_EQ(service_->versions()->in_force_id, made->id);
}

TEST_F(SubsidyTest, AStatusChangeMidMonthPricesMealsBeforeAndAfterDifferently) {
  create_in_force({2026, 12, 10});
  // 74 until her 75th birthday on the 20th.
  const auto [id, card] = carded_elder("1951-12-20", {"living_alone"});
  ASSERT_FALSE(card.empty());
  clock_ = kDec10 + 4 * kDay;  // the 14th
  Result<ElderQuote> before = quote(card, {2026, 12, 14}, keeper_);
  ASSERT_TRUE(before.ok()) << before.status().message();
  EXPECT_EQ(before->quote.tier, "70-79岁");
  EXPECT_EQ(before->quote.subsidy_fen, 300);
  EXPECT_EQ(before->elder_name_masked, "张**");
  EXPECT_EQ(before->elder_id, id);
  // On the 15th (at 10:00) she is found 特困: that day's meals are priced so.
  clock_ = kDec10 + 5 * kDay;
  eldercare::ElderInput fix;
  fix.categories = std::vector<std::string>{"living_alone", "extreme_poverty"};
  ASSERT_TRUE(
      wait<eldercare::ElderView>([&](auto d) { elders_->correct(id, fix, elder_admin_, d); }).ok());
  Result<ElderQuote> on = quote(card, {2026, 12, 15}, keeper_);
  ASSERT_TRUE(on.ok());
  EXPECT_EQ(on->quote.tier, "特困/低保");
  EXPECT_EQ(on->quote.subsidy_fen, 700);
  EXPECT_EQ(on->quote.pays_fen, 800);
  EXPECT_EQ(on->quote.reason, "特困/低保 每餐补贴¥7（2026-12-10起）");

  // Each quote of her is audited as a read of personal data.
  Result<std::vector<accounts::AuditRecord>> rows = accounts::query_audit(
      db_->reader(), accounts::AuditQuery{5, std::string("personal_data.read"), {}, {}, {}, 50});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->front().subject_type, "elder");
  EXPECT_EQ(rows->front().subject_id, std::to_string(id));
  EXPECT_NE(rows->front().detail_json.find("subsidy_quote"), std::string::npos);
}

TEST_F(SubsidyTest, TheQuoteIsForItsCanteensStaffAKnownCardAndTheNextTwoWeeks) {
  create_in_force({2026, 12, 10});
  const auto [id, card] = carded_elder("1941-03-08", {"living_alone"});
  ASSERT_FALSE(card.empty());
  EXPECT_EQ(quote(card, {2026, 12, 10}, Caller{6, "keeper", {8}, ""}).status().code(),
            Code::kPermissionDenied);
  // Today to 14 days ahead; not yesterday, not 15 days ahead.
  EXPECT_TRUE(quote(card, {2026, 12, 24}, keeper_).ok());
  for (core::LocalDate day : {core::LocalDate{2026, 12, 9}, core::LocalDate{2026, 12, 25}}) {
    Result<ElderQuote> far = quote(card, day, keeper_);
    EXPECT_EQ(far.status().code(), Code::kUnprocessable);
    ASSERT_FALSE(far.status().field_errors().empty());
    EXPECT_EQ(far.status().field_errors().front().field, "date");
  }
  // An unknown number and a revoked card: the same answer, nothing audited.
  Result<ElderQuote> unknown = quote(std::string("5729430185"), {2026, 12, 10}, keeper_);
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  ASSERT_TRUE(wait<eldercare::Card>([&, id = id](auto d) {
                elders_->revoke_card(id, "lost", elder_admin_, d);
              }).ok());
  Result<ElderQuote> revoked = quote(card, {2026, 12, 10}, keeper_);
  EXPECT_EQ(revoked.status().code(), Code::kNotFound);
  EXPECT_EQ(revoked.status().message(), unknown.status().message());
  Result<std::vector<accounts::AuditRecord>> rows = accounts::query_audit(
      db_->reader(), accounts::AuditQuery{5, std::string("personal_data.read"), {}, {}, {}, 50});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 1u);  // the quote for the 24th
  Result<ElderQuote> stranger = quote(std::nullopt, {2026, 12, 10}, keeper_);
  ASSERT_TRUE(stranger.ok());
  EXPECT_EQ(stranger->quote.subsidy_fen, 0);
  EXPECT_EQ(stranger->quote.pays_fen, 1500);
  EXPECT_FALSE(stranger->elder_id.has_value());
}

}  // namespace
}  // namespace warmcity::canteens
