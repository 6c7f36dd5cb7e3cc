// The errands' records in the hours ledger (errand_feed.h) on both engines.
#include "volunteers/errand_feed.h"

#include <gtest/gtest.h>

#include "volunteers/record_store.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

class ErrandFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("feed.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    area_ = seed_community(*db_, "凤山社区");
    member_ = seed_user(*db_, "volunteer", "王队员", std::string("13912345678"));
    worker_ = seed_user(*db_, "worker", "网格员");
  }
  void TearDown() override { db_->stop(); }

  ErrandCompletion completion(int64_t errand_id, int64_t minutes = 45) const {
    return ErrandCompletion{errand_id, member_, minutes,      "2026-05-30",
                            area_,     worker_, 1'780'000'000};
  }
  Status feed(const ErrandCompletion& e) {
    return db_->write([&](store::Connection& c) { return record_completed_errand(c, e); });
  }
  Record only_record() {
    const int64_t id = count_of(*db_, "SELECT MAX(id) FROM volunteer_records");
    Result<std::optional<Record>> r = get_record(db_->reader(), id);
    EXPECT_TRUE(r.ok() && *r);
    return r.ok() && *r ? **r : Record{};
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  int64_t area_ = 0, member_ = 0, worker_ = 0;
};

TEST_F(ErrandFeedTest, TheTeamsVolunteerGetsOneConfirmedRecordFromTheCommunity) {
  seed_organisation(*db_, "grid", "第一网格", area_);  // not a community organisation
  const int64_t community = seed_organisation(*db_, "community", "凤山社区居委会", area_);
  seed_organisation(*db_, "community", "凤山社区党群服务中心", area_);  // a later one
  ASSERT_TRUE(feed(completion(7)).ok());
  const Record r = only_record();
  EXPECT_EQ(r.source, "errand");
  EXPECT_EQ(r.source_id, 7);
  EXPECT_EQ(r.state, "confirmed");
  EXPECT_EQ(r.minutes, 45);
  EXPECT_EQ(r.content, "代购/代办服务");
  EXPECT_EQ(r.service_date, "2026-05-30");
  EXPECT_EQ(r.organiser_org_id, community);
  EXPECT_EQ(r.organiser_name, "凤山社区居委会");
  EXPECT_EQ(r.confirmed_by, worker_);
  EXPECT_EQ(r.confirmed_at, 1'780'000'000);
  EXPECT_FALSE(r.created_by);  // the platform
  // The volunteer was made from the account.
  EXPECT_EQ(
      count_of(*db_, "SELECT COUNT(*) FROM volunteers WHERE user_id = " + std::to_string(member_) +
                         " AND id = " + std::to_string(r.volunteer_id)),
      1);
  // Once per errand.
  ASSERT_TRUE(feed(completion(7)).ok());
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 1);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteers"), 1);
  ASSERT_TRUE(feed(completion(8, 30)).ok());
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 2);
}

TEST_F(ErrandFeedTest, AnExistingVolunteerIsCreditedAndNoMinutesWriteNothing) {
  const int64_t v = seed_volunteer(*db_, SeedVolunteer{.name = "王队员", .user_id = member_});
  ASSERT_TRUE(feed(completion(3, 0)).ok());
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 0);
  ASSERT_TRUE(feed(completion(3, 2000)).ok());
  const Record r = only_record();
  EXPECT_EQ(r.volunteer_id, v);
  EXPECT_EQ(r.minutes, 1440);  // the ledger's limit
}

TEST_F(ErrandFeedTest, WithoutACommunityOrganisationTheRecordHasNoOrganiser) {
  ASSERT_TRUE(feed(completion(5)).ok());
  Record r = only_record();
  EXPECT_FALSE(r.organiser_org_id);
  EXPECT_EQ(r.organiser_name, "社区");
  ErrandCompletion nowhere = completion(6);
  nowhere.community_id.reset();
  ASSERT_TRUE(feed(nowhere).ok());
  r = only_record();
  EXPECT_EQ(r.source_id, 6);
  EXPECT_FALSE(r.organiser_org_id);
}

TEST_F(ErrandFeedTest, AnUnknownUserFailsTheJob) {
  ErrandCompletion e = completion(9);
  e.volunteer_user_id = 9999;
  EXPECT_EQ(feed(e).code(), Code::kNotFound);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 0);
}

}  // namespace
}  // namespace warmcity::volunteers
