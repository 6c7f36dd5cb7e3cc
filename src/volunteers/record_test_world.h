// The hours ledger's unit tests' world (record_test.cpp, dispute_test.cpp):
// a scratch database on the engine the test runs on (volunteers_test_db.h)
// with a community organisation 凤山社区 (its staff member), another
// organiser 文明办 (its staff member), a team 夕阳红志愿队 (its leader), a
// volunteer of that team with a user account, another volunteer, an admin
// and a resident; the ledger's services on a fixed clock. Include only in
// tests.
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "volunteers/dispute_service.h"
#include "volunteers/record_service.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers::ledger_testing {

// Calls `start` with a callback and waits for its answer.
template <class T, class Start>
Result<T> wait_for(Start start) {
  auto p = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> f = p->get_future();
  start([p](Result<T> r) { p->set_value(std::move(r)); });
  return f.get();
}

class LedgerWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("ledger.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    area_ = seed_community(*db_, "凤山社区");
    community_ = seed_organisation(*db_, "community", "凤山社区居委会", area_);
    other_org_ = seed_organisation(*db_, "department", "区文明办");
    team_ = seed_team(*db_, "夕阳红志愿队", area_);
    const int64_t staff = seed_user(*db_, "worker", "社区干部");
    seed_membership(*db_, staff, community_);
    staff_ = caller_as(staff, "worker", {community_});
    const int64_t other = seed_user(*db_, "department", "文明办干事");
    seed_membership(*db_, other, other_org_);
    other_staff_ = caller_as(other, "department", {other_org_});
    const int64_t leader = seed_user(*db_, "volunteer", "队长");
    seed_membership(*db_, leader, team_);
    leader_ = caller_as(leader, "volunteer", {team_});
    admin_ = caller_as(seed_user(*db_, "admin", "管理员"), "admin");
    resident_ = caller_as(seed_user(*db_, "resident", "居民"), "resident");
    const int64_t me = seed_user(*db_, "resident", "张志愿", std::string("13912345678"));
    me_ = caller_as(me, "resident");
    volunteer_ =
        seed_volunteer(*db_, SeedVolunteer{.name = "张志愿", .user_id = me, .team_id = team_});
    stranger_volunteer_ = seed_volunteer(*db_, SeedVolunteer{.name = "李四"});
    records_ = std::make_unique<RecordService>(*db_, [this] { return now_; });
    disputes_ = std::make_unique<DisputeService>(*db_, [this] { return now_; });
  }
  static accounts::Caller anonymous() { return anonymous_caller(); }
  void TearDown() override {
    if (db_) db_->stop();
  }

  RecordInput manual(int64_t minutes = 120, std::string date = "2026-05-30") const {
    return RecordInput{volunteer_, community_, std::move(date), "凤山路", "清理小广告", minutes};
  }
  Result<Record> create(RecordInput in, const accounts::Caller& by) {
    return wait_for<Record>([&](auto d) { records_->create(std::move(in), by, d); });
  }
  Result<Record> confirm(int64_t id, const accounts::Caller& by) {
    return wait_for<Record>([&](auto d) { records_->confirm(id, by, d); });
  }
  Result<Record> correct(int64_t id, int64_t minutes, const accounts::Caller& by,
                         std::string reason = "签退时间记错") {
    return wait_for<Record>([&](auto d) {
      records_->correct(id, CorrectionInput{minutes, reason}, by, d);
    });
  }
  // A manual record made and confirmed by the community's staff.
  Record confirmed(int64_t minutes = 120) {
    Result<Record> r = create(manual(minutes), staff_);
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (!r.ok()) return {};
    Result<Record> c = confirm(r->id, staff_);
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? *c : Record{};
  }
  Result<VolunteerRecords> of_volunteer(int64_t id, const accounts::Caller& by, Period p = {}) {
    return wait_for<VolunteerRecords>(
        [&](auto d) { records_->volunteer_records(id, std::move(p), by, d); });
  }
  Result<VolunteerRecords> mine(const accounts::Caller& by, Period p = {}) {
    return wait_for<VolunteerRecords>([&](auto d) { records_->my_records(std::move(p), by, d); });
  }
  Result<std::vector<Record>> of_organiser(std::optional<int64_t> org, const accounts::Caller& by,
                                           std::string state = "") {
    return wait_for<std::vector<Record>>(
        [&](auto d) { records_->organiser_records(org, std::move(state), by, d); });
  }
  int64_t audits(const std::string& action) {
    return count_of(*db_, "SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }
  std::string last_audit_detail(const std::string& action) {
    Result<store::Statement> q = db_->reader().prepare(
        "SELECT detail FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1");
    if (!q.ok()) return "";
    q->bind(1, action);
    Result<bool> row = q->step();
    return row.ok() && *row ? q->column_text(0) : "";
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<RecordService> records_;
  std::unique_ptr<DisputeService> disputes_;
  int64_t now_ = 1'780'300'000;  // 2026-06-01 in the district
  int64_t area_ = 0, community_ = 0, other_org_ = 0, team_ = 0;
  int64_t volunteer_ = 0, stranger_volunteer_ = 0;
  accounts::Caller staff_, other_staff_, leader_, admin_, resident_, me_;
};

}  // namespace warmcity::volunteers::ledger_testing
