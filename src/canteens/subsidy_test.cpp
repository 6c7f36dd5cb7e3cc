// The subsidy rules' store and service (subsidy_store.h, subsidy_service.h)
// on a scratch SQLite database: a version's round trip, past days refused,
// a version replaced only before its day, and the quote — her categories on
// the day from her history (a status change mid-month), the audit row of the
// read, another canteen's keeper and an unknown elder refused.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "accounts/accounts.h"
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

class SubsidyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : facilities::migrations()) all.push_back(std::move(m));
    for (auto& m : eldercare::migrations()) all.push_back(std::move(m));
    for (auto& m : subsidy_migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("subsidies.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->write([](store::Connection& c) {
                     return c.exec(
                         "INSERT INTO organisations (id, kind, name, created_at) VALUES "
                         "(7, 'keeper', '生态园食堂', 0), (8, 'keeper', '交通路食堂', 0)");
                   })
                    .ok());
    canteen_ = add_canteen("生态园长者食堂", 7);
    auto elders = eldercare::ElderService::open(*db_, eldercare::test_world::fake_locate,
                                                [this] { return clock_.load(); });
    ASSERT_TRUE(elders.ok());
    elders_ = std::move(*elders);
    service_ = std::make_unique<SubsidyService>(*db_, [this] { return clock_.load(); });
  }
  void TearDown() override { db_->stop(); }

  int64_t add_canteen(const char* name, int64_t org) {
    facilities::Facility f;
    f.kind = facilities::Kind::kCanteen;
    f.name = name;
    f.address = "离石区";
    f.lat = 37.52;
    f.lon = 111.14;
    f.keeper_org_id = org;
    Status s = db_->write([&f](store::Connection& c) { return facilities::insert_facility(c, f); });
    EXPECT_TRUE(s.ok()) << s.message();
    return f.id;
  }

  Result<SubsidyRules> create(SubsidyRules r) {
    return wait<SubsidyRules>([&](auto d) { service_->create(r, admin_, d); });
  }
  Result<ElderQuote> quote(std::optional<int64_t> elder, core::LocalDate day, Caller by) {
    QuoteRequest q;
    q.elder_id = elder;
    q.date = day;
    q.meal = Meal::kLunch;
    q.price_fen = 1500;
    return wait<ElderQuote>([&](auto d) { service_->quote(canteen_, q, by, d); });
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<eldercare::ElderService> elders_;
  std::unique_ptr<SubsidyService> service_;
  std::atomic<int64_t> clock_{kDec10};
  int64_t canteen_ = 0;
  Caller admin_{1, "admin", {}, "127.0.0.1"};
  Caller keeper_{5, "keeper", {7}, "127.0.0.1"};
};

TEST_F(SubsidyTest, AVersionRoundTrips) {
  Result<SubsidyRules> made = create(demo_rules({2026, 12, 10}));
  ASSERT_TRUE(made.ok()) << made.status().message();
  Result<SubsidyRules> back = get_subsidy_version(db_->reader(), made->id);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->effective_from, (core::LocalDate{2026, 12, 10}));
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
  Result<SubsidyVersions> all = service_->versions();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->in_force_id, made->id);
  Result<std::optional<SubsidyRules>> on = subsidy_version_on(db_->reader(), {2026, 12, 9});
  ASSERT_TRUE(on.ok());
  EXPECT_FALSE(on->has_value());
}

TEST_F(SubsidyTest, PastDaysNeverChange) {
  Result<SubsidyRules> past = create(demo_rules({2026, 12, 9}));
  EXPECT_EQ(past.status().code(), Code::kUnprocessable);
  ASSERT_TRUE(create(demo_rules({2026, 12, 10})).ok());
  EXPECT_EQ(create(demo_rules({2026, 12, 10})).status().code(), Code::kConflict);  // one a day
  Result<SubsidyRules> next = create(demo_rules({2027, 1, 1}));
  ASSERT_TRUE(next.ok());
  // A future version is replaced until its day arrives …
  SubsidyRules change = demo_rules({2027, 1, 1});
  change.tiers[0].amount_fen = 250;
  Result<SubsidyRules> replaced =
      wait<SubsidyRules>([&](auto d) { service_->replace(next->id, change, admin_, d); });
  ASSERT_TRUE(replaced.ok()) << replaced.status().message();
  EXPECT_EQ(get_subsidy_version(db_->reader(), next->id)->tiers[0].amount_fen, 250);
  // … but not to a past day, nor once in force.
  change.effective_from = {2026, 12, 1};
  EXPECT_EQ(wait<SubsidyRules>([&](auto d) { service_->replace(next->id, change, admin_, d); })
                .status()
                .code(),
            Code::kUnprocessable);
  clock_ = kDec10 + 22 * kDay;  // 2027-01-01
  change.effective_from = {2027, 1, 2};
  EXPECT_EQ(wait<SubsidyRules>([&](auto d) { service_->replace(next->id, change, admin_, d); })
                .status()
                .code(),
            Code::kConflict);
  EXPECT_EQ(wait<SubsidyRules>([&](auto d) { service_->replace(999, change, admin_, d); })
                .status()
                .code(),
            Code::kNotFound);
}

TEST_F(SubsidyTest, AStatusChangeMidMonthPricesMealsBeforeAndAfterDifferently) {
  ASSERT_TRUE(create(demo_rules({2026, 12, 10})).ok());
  eldercare::Caller admin{1, "admin", {}, "127.0.0.1"};
  eldercare::ElderInput in = eldercare::test_world::zhang_guilan();
  in.birth_date = "1951-12-20";  // 74 until her 75th birthday on the 20th
  in.categories = std::vector<std::string>{"living_alone"};
  Result<eldercare::ElderView> her =
      wait<eldercare::ElderView>([&](auto d) { elders_->create(in, admin, d); });
  ASSERT_TRUE(her.ok()) << her.status().message();
  const int64_t id = her->elder.id;
  // On the 15th (at 10:00) she is found 特困.
  clock_ = kDec10 + 5 * kDay;
  eldercare::ElderInput fix;
  fix.categories = std::vector<std::string>{"living_alone", "extreme_poverty"};
  ASSERT_TRUE(
      wait<eldercare::ElderView>([&](auto d) { elders_->correct(id, fix, admin, d); }).ok());
  clock_ = kDec10 + 10 * kDay;

  Result<ElderQuote> before = quote(id, {2026, 12, 14}, keeper_);
  ASSERT_TRUE(before.ok()) << before.status().message();
  EXPECT_EQ(before->quote.tier, "70-79岁");
  EXPECT_EQ(before->quote.subsidy_fen, 300);
  EXPECT_EQ(before->statuses, (std::vector<std::string>{"living_alone"}));
  EXPECT_EQ(before->elder_name_masked, "张**");
  Result<ElderQuote> on = quote(id, {2026, 12, 15}, keeper_);  // the day of the change
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

TEST_F(SubsidyTest, TheQuoteIsForItsCanteensStaffAndKnownElders) {
  ASSERT_TRUE(create(demo_rules({2026, 12, 10})).ok());
  EXPECT_EQ(quote(std::nullopt, {2026, 12, 10}, Caller{6, "keeper", {8}, ""}).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(quote(424242, {2026, 12, 10}, keeper_).status().code(), Code::kNotFound);
  Result<ElderQuote> stranger = quote(std::nullopt, {2026, 12, 10}, keeper_);
  ASSERT_TRUE(stranger.ok());
  EXPECT_EQ(stranger->quote.subsidy_fen, 0);
  EXPECT_EQ(stranger->quote.pays_fen, 1500);
  EXPECT_FALSE(stranger->elder_id.has_value());
}

}  // namespace
}  // namespace warmcity::canteens
