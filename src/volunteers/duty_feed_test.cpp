// After-school duty's records in the hours ledger (duty_feed.h) on both
// engines: one confirmed record per volunteer of a confirmed day, written
// once; the ledger's source 'duty' (volunteers v4) and its unique index.
#include "volunteers/duty_feed.h"

#include <gtest/gtest.h>

#include "volunteers/ledger_write.h"
#include "volunteers/record_store.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

class DutyFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("duty.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    const int64_t area = seed_community(*db_, "龙凤社区");
    organiser_ = seed_organisation(*db_, "community", "龙凤社区居委会", area);
    liu_ = seed_user(*db_, "volunteer", "刘老师", std::string("13912345678"));
    chen_ = seed_user(*db_, "volunteer", "陈同学");
    worker_ = seed_user(*db_, "worker", "龙凤社工");
  }
  void TearDown() override { db_->stop(); }

  DutyCompletion day(int64_t confirmation_id, std::vector<int64_t> users) const {
    DutyCompletion d;
    d.confirmation_id = confirmation_id;
    d.volunteer_user_ids = std::move(users);
    d.programme_name = "龙凤社区四点半课堂";
    d.organiser_org_id = organiser_;
    d.place = "龙凤社区四点半课堂（龙凤路8号）";
    d.service_date = "2026-09-14";
    d.minutes = 120;
    d.confirmed_by = worker_;
    d.confirmed_at = 1'789'382'000;
    return d;
  }
  Status feed(const DutyCompletion& d) {
    return db_->write([&](store::Connection& c) { return record_confirmed_duty(c, d); });
  }
  Record record(int64_t id) {
    Result<std::optional<Record>> r = get_record(db_->reader(), id);
    EXPECT_TRUE(r.ok() && *r);
    return r.ok() && *r ? **r : Record{};
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  int64_t organiser_ = 0, liu_ = 0, chen_ = 0, worker_ = 0;
};

TEST_F(DutyFeedTest, EachVolunteerOnTheDayGetsOneConfirmedRecord) {
  const int64_t chen = seed_volunteer(*db_, SeedVolunteer{.name = "陈同学", .user_id = chen_});
  ASSERT_TRUE(feed(day(5, {liu_, chen_})).ok());
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 2);
  const Record first = record(count_of(*db_, "SELECT MIN(id) FROM volunteer_records"));
  EXPECT_EQ(first.source, "duty");
  EXPECT_EQ(first.source_id, 5);
  EXPECT_EQ(first.state, "confirmed");
  EXPECT_EQ(first.minutes, 120);
  EXPECT_EQ(first.content, "课后托管值守：龙凤社区四点半课堂");
  EXPECT_EQ(first.place, "龙凤社区四点半课堂（龙凤路8号）");
  EXPECT_EQ(first.service_date, "2026-09-14");
  EXPECT_EQ(first.organiser_org_id, organiser_);
  EXPECT_EQ(first.organiser_name, "龙凤社区居委会");
  EXPECT_EQ(first.confirmed_by, worker_);
  EXPECT_EQ(first.confirmed_at, 1'789'382'000);
  EXPECT_FALSE(first.created_by);  // the platform
  // 刘老师 had no volunteer: made from the account; 陈同学's is credited.
  EXPECT_EQ(
      count_of(*db_, "SELECT COUNT(*) FROM volunteers WHERE user_id = " + std::to_string(liu_) +
                         " AND id = " + std::to_string(first.volunteer_id)),
      1);
  EXPECT_EQ(record(count_of(*db_, "SELECT MAX(id) FROM volunteer_records")).volunteer_id, chen);

  // Once per day and volunteer; another day is another record.
  ASSERT_TRUE(feed(day(5, {liu_, chen_})).ok());
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 2);
  ASSERT_TRUE(feed(day(6, {liu_})).ok());
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records WHERE source = 'duty'"), 3);
}

TEST_F(DutyFeedTest, TheLedgerKeepsOneDutyRecordPerVolunteerAndDay) {
  ASSERT_TRUE(feed(day(9, {liu_})).ok());
  const Record r = record(count_of(*db_, "SELECT MAX(id) FROM volunteer_records"));
  NewRecord again;
  again.volunteer_id = r.volunteer_id;
  again.organiser_name = "龙凤社区居委会";
  again.service_date = "2026-09-14";
  again.content = "课后托管值守";
  again.minutes = 120;
  again.source = "duty";
  again.source_id = 9;
  again.state = "confirmed";
  again.created_at = 1'789'382'000;
  Status s = db_->write([&](store::Connection& c) -> Status {
    Result<int64_t> id = insert_record(c, again);
    return id.ok() ? Status::Ok() : id.status();
  });
  EXPECT_EQ(s.code(), Code::kConflict) << s.message();
  // A source the ledger does not know is refused by its CHECK.
  again.source = "party";
  again.source_id = 10;
  s = db_->write([&](store::Connection& c) -> Status {
    Result<int64_t> id = insert_record(c, again);
    return id.ok() ? Status::Ok() : id.status();
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 1);
}

TEST_F(DutyFeedTest, LongNamesAreCutAndAnUnknownUserWritesNothing) {
  DutyCompletion d = day(11, {liu_});
  d.programme_name = std::string(300, 'x');
  d.place = std::string(250, 'y');
  d.minutes = 2000;
  ASSERT_TRUE(feed(d).ok());
  const Record r = record(count_of(*db_, "SELECT MAX(id) FROM volunteer_records"));
  EXPECT_EQ(r.content, "课后托管值守：" + std::string(193, 'x'));  // 200 characters
  EXPECT_EQ(r.place.size(), 200u);
  EXPECT_EQ(r.minutes, 1440);

  Status s = feed(day(12, {chen_, 999'999}));
  EXPECT_EQ(s.code(), Code::kNotFound) << s.message();
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records WHERE source_id = 12"), 0);
  EXPECT_EQ(
      count_of(*db_, "SELECT COUNT(*) FROM volunteers WHERE user_id = " + std::to_string(chen_)),
      0);  // the job rolled back as a whole
}

// volunteers v4 on a ledger that has records, a correction and a dispute
// (the SQLite table is rebuilt under the disputes' foreign keys): all kept,
// the keys still hold, and the new source is taken.
TEST(DutyFeedUpgrade, V4KeepsTheLedgerItFinds) {
  ScratchWhere scratch;
  ASSERT_TRUE(scratch.ok());
  const std::string where = scratch.where("upgrade.db");
  std::vector<store::Migration> before = accounts::migrations();
  for (auto& m : areas::migrations()) before.push_back(std::move(m));
  for (auto& m : facilities::migrations()) before.push_back(std::move(m));
  for (auto& m : activities::activity_migrations()) before.push_back(std::move(m));
  for (auto& m : volunteer_migrations())
    if (m.version <= 3) before.push_back(std::move(m));
  int64_t volunteer = 0, record = 0, correction = 0;
  {
    auto db = store::Database::open({where}, before);
    ASSERT_TRUE(db.ok()) << db.status().message();
    volunteer = seed_volunteer(**db, SeedVolunteer{.name = "王队员"});
    Status s = (*db)->write([&](store::Connection& c) -> Status {
      NewRecord r;
      r.volunteer_id = volunteer;
      r.organiser_name = "社区";
      r.service_date = "2026-05-30";
      r.content = "清理小广告";
      r.minutes = 90;
      r.source = "manual";
      r.state = "confirmed";
      r.created_at = 1'780'000'000;
      Result<int64_t> id = insert_record(c, r);
      if (!id.ok()) return id.status();
      record = *id;
      r.source = "correction";
      r.minutes = -30;
      r.corrects_id = record;
      r.reason = "签退晚记了半小时";
      id = insert_record(c, r);
      if (!id.ok()) return id.status();
      correction = *id;
      Result<store::Statement> d = c.prepare(
          "INSERT INTO volunteer_disputes (record_id, volunteer_id, text, raised_by, raised_at, "
          "state, answer, answered_by, answered_at, correction_id) VALUES (?, ?, '少记了', 1, 1, "
          "'answered', '已更正', 1, 2, ?)");
      if (!d.ok()) return d.status();
      d->bind(1, record).bind(2, volunteer).bind(3, correction);
      return d->run();
    });
    ASSERT_TRUE(s.ok()) << s.message();
    (*db)->stop();
  }
  auto db = open_volunteers_test_db(where);
  ASSERT_TRUE(db.ok()) << db.status().message();
  store::Database& d = **db;
  EXPECT_EQ(count_of(d, "SELECT COUNT(*) FROM volunteer_records"), 2);
  EXPECT_EQ(count_of(d, "SELECT corrects_id FROM volunteer_records WHERE id = " +
                            std::to_string(correction)),
            record);
  EXPECT_EQ(count_of(d, "SELECT SUM(minutes) FROM volunteer_records"), 60);
  EXPECT_EQ(count_of(d, "SELECT correction_id FROM volunteer_disputes WHERE record_id = " +
                            std::to_string(record)),
            correction);
  // The keys hold: a dispute of no record is refused; the new source is taken once.
  Status orphan = d.write([&](store::Connection& c) {
    return c.exec(
        "INSERT INTO volunteer_disputes (record_id, volunteer_id, text, raised_by, "
        "raised_at, state) VALUES (987654, " +
        std::to_string(volunteer) + ", 'x', 1, 1, 'open')");
  });
  EXPECT_FALSE(orphan.ok());
  const int64_t user = seed_user(d, "volunteer", "刘老师");
  const int64_t org =
      seed_organisation(d, "community", "龙凤社区居委会", seed_community(d, "龙凤社区"));
  DutyCompletion duty{3,   {user}, "龙凤社区四点半课堂", org, "", "2026-09-14",
                      120, 1,      1'789'382'000};
  ASSERT_TRUE(d.write([&](store::Connection& c) { return record_confirmed_duty(c, duty); }).ok());
  EXPECT_EQ(count_of(d, "SELECT MAX(id) FROM volunteer_records"), correction + 1);  // ids go on
  d.stop();
}

}  // namespace
}  // namespace warmcity::volunteers
