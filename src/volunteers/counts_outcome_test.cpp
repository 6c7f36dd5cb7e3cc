// Outcomes (outcome_service.h, outcome_json.h) and the month's counts
// (counts_store.h) on both engines: tenths and their refusals, minutes by
// the teams a volunteer was in on the service date, outcomes by team and
// community, shared ranks.
#include <gtest/gtest.h>

#include <future>

#include "volunteers/counts_store.h"
#include "volunteers/ledger_write.h"
#include "volunteers/outcome_json.h"
#include "volunteers/outcome_service.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

using accounts::Caller;

const int64_t kMay = core::local_midnight_unix({2026, 5, 1});
constexpr int64_t kDay = 86400;

class CountsOutcomeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("counts.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    service_ = std::make_unique<OutcomeService>(*db_, *audit_, [] { return kMay; });
    fengshan_ = seed_community(*db_, "凤山社区");
    hewan_ = seed_community(*db_, "河湾社区");
    organiser_ = seed_organisation(*db_, "community", "凤山社区居委会", fengshan_);
    sunset_ = seed_team(*db_, "夕阳红", fengshan_);
    dandelion_ = seed_team(*db_, "蒲公英", hewan_);
    staff_ = seed_user(*db_, "worker", "干部");
    seed_membership(*db_, staff_, organiser_);
  }

  void record(int64_t volunteer, const std::string& date, int64_t minutes,
              const std::string& state = "confirmed") {
    Status s = db_->write([&](store::Connection& c) -> Status {
      NewRecord r;
      r.volunteer_id = volunteer;
      r.organiser_org_id = organiser_;
      r.organiser_name = "凤山社区居委会";
      r.service_date = date;
      r.content = "清理小广告";
      r.minutes = minutes;
      r.source = "manual";
      r.state = state;
      r.created_at = kMay;
      return insert_record(c, r).status();
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }

  Result<std::vector<OutcomeLine>> replace(int64_t occurrence, const std::string& body,
                                           const Caller& by) {
    Result<std::vector<OutcomeInput>> items = read_outcome_items(nlohmann::json::parse(body));
    if (!items.ok()) return items.status();
    std::promise<Result<std::vector<OutcomeLine>>> p;
    service_->replace(occurrence, std::move(*items), by,
                      [&p](Result<std::vector<OutcomeLine>> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  Caller staff() const { return caller_as(staff_, "worker", {organiser_}); }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<OutcomeService> service_;
  int64_t fengshan_ = 0, hewan_ = 0, organiser_ = 0, sunset_ = 0, dandelion_ = 0, staff_ = 0;
};

TEST_F(CountsOutcomeTest, OutcomesInTenthsWithTheirKindsDecimals) {
  const int64_t occ = seed_occurrence(*db_, organiser_, "2026-05-10").occurrence_id;
  const std::string body = R"({"items":[{"kind":"ads_removed","quantity":100,"team_id":)" +
                           std::to_string(sunset_) + R"(},{"kind":"rubbish_m3","quantity":10.5}]})";
  Result<std::vector<OutcomeLine>> lines = replace(occ, body, staff());
  ASSERT_TRUE(lines.ok()) << lines.status().message();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].tenths, 1000);
  EXPECT_EQ((*lines)[1].tenths, 105);
  EXPECT_EQ(quantity_json(105), 10.5);
  EXPECT_EQ(quantity_json(1000), 100);

  Result<std::vector<OutcomeLine>> negative =
      replace(occ, R"({"items":[{"kind":"ads_removed","quantity":-1}]})", staff());
  ASSERT_EQ(negative.status().code(), Code::kUnprocessable);
  EXPECT_EQ(negative.status().field_errors()[0].field, "items[0].quantity");
  Result<std::vector<OutcomeLine>> fine =
      replace(occ, R"({"items":[{"kind":"rubbish_m3","quantity":1.25}]})", staff());
  EXPECT_EQ(fine.status().field_errors()[0].field, "items[0].quantity");
  Result<std::vector<OutcomeLine>> whole =
      replace(occ,
              R"({"items":[{"kind":"rubbish_m3","quantity":1},{"kind":"ads_removed",)"
              R"("quantity":2.5}]})",
              staff());
  EXPECT_EQ(whole.status().field_errors()[0].field, "items[1].quantity");
  Result<std::vector<OutcomeLine>> unknown =
      replace(occ, R"({"items":[{"kind":"no_such","quantity":1}]})", staff());
  EXPECT_EQ(unknown.status().field_errors()[0].field, "items[0].kind");
  EXPECT_EQ(replace(occ, R"({"items":[]})", caller_as(staff_ + 1000, "worker")).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(replace(987654, R"({"items":[]})", staff()).status().code(), Code::kNotFound);
  Result<std::vector<OutcomeLine>> kept = service_->outcomes(occ);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->size(), 2u);  // the refused replacements changed nothing
}

TEST_F(CountsOutcomeTest, MinutesByTheTeamsOnTheServiceDateOutcomesAndRanks) {
  // Both teams from the start; the second volunteer joins 蒲公英 on 10 May.
  const int64_t a = seed_volunteer(*db_, SeedVolunteer{.name = "甲", .team_id = sunset_});
  const int64_t b = seed_volunteer(*db_, SeedVolunteer{.name = "乙", .team_id = sunset_});
  seed_team_member(*db_, a, dandelion_, 0);
  seed_team_member(*db_, b, dandelion_, kMay + 9 * kDay + 15 * 3600);
  record(a, "2026-05-02", 60);
  record(b, "2026-05-05", 30);                // 夕阳红 only
  record(b, "2026-05-10", 45);                // both: joined that afternoon
  record(b, "2026-05-11", 500, "submitted");  // not confirmed
  record(a, "2026-04-30", 100);               // another month
  const int64_t occ = seed_occurrence(*db_, organiser_, "2026-05-20").occurrence_id;
  ASSERT_TRUE(replace(occ,
                      R"({"items":[{"kind":"ads_removed","quantity":7,"team_id":)" +
                          std::to_string(dandelion_) +
                          R"(},{"kind":"rubbish_m3","quantity":2.5}]})",
                      staff())
                  .ok());

  Result<MonthCounts> m = month_counts(db_->reader(), {2026, 5, 1});
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->month, "2026-05");
  ASSERT_EQ(m->teams.size(), 2u);
  EXPECT_EQ(m->teams[0].name, "夕阳红");
  EXPECT_EQ(m->teams[0].minutes, 135);
  EXPECT_EQ(m->teams[0].rank, 1);
  EXPECT_EQ(m->teams[0].volunteers, 2);
  EXPECT_EQ(m->teams[1].minutes, 105);
  EXPECT_EQ(m->teams[1].rank, 2);
  EXPECT_EQ(m->teams[1].outcomes.at("ads_removed"), 70);
  EXPECT_TRUE(m->teams[0].outcomes.empty());
  ASSERT_EQ(m->communities.size(), 2u);
  const CommunityCount& hewan =
      m->communities[0].id == hewan_ ? m->communities[0] : m->communities[1];
  const CommunityCount& fengshan =
      m->communities[0].id == fengshan_ ? m->communities[0] : m->communities[1];
  EXPECT_EQ(fengshan.minutes, 135);
  EXPECT_EQ(hewan.minutes, 105);
  EXPECT_EQ(hewan.outcomes.at("ads_removed"), 70);
  EXPECT_EQ(fengshan.outcomes.at("rubbish_m3"), 25);  // no team: the activity's community
  EXPECT_EQ(m->kinds.size(), 4u);

  Result<MonthCounts> june = month_counts(db_->reader(), {2026, 6, 1});
  ASSERT_TRUE(june.ok());
  EXPECT_EQ(june->teams[0].rank, 1);
  EXPECT_EQ(june->teams[1].rank, 1);  // 0 and 0 share the first place
}

}  // namespace
}  // namespace warmcity::volunteers
