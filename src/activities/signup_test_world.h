// The sign-up tests' world (signup_test.cpp, signup_race_test.cpp): a
// scratch database with an organiser, an activity and its occurrence, the
// SignupService on it with a clock the tests move. Include only in those tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "activities/activities_test_db.h"
#include "activities/signup.h"
#include "core/phone.h"

namespace warmcity::activities {

using accounts::Caller;

constexpr int64_t kNow = 1'780'000'000;
constexpr int64_t kStart = kNow + 86'400;  // 2026-05-30 04:26:40 +08:00

class SignupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    const std::string where = scratch_.where("signups.db");
    auto db = open_activities_test_db(where);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    const std::string start = std::to_string(kStart);
    const std::string end = std::to_string(kStart + 3600);
    Status s = db_->write([&](store::Connection& c) -> Status {
      return c.exec(
          "INSERT INTO organisations (id, kind, name, created_at) VALUES "
          "(1, 'community', '凤山社区', 0), (2, 'community', '龙山社区', 0);"
          "INSERT INTO users (id, username, display_name, role, password_hash, phone, "
          "created_at, updated_at) VALUES "
          "(1, 'admin', '管理员', 'admin', 'x', NULL, 0, 0),"
          "(2, 'fengshan', '凤山社工', 'department', 'x', NULL, 0, 0),"
          "(3, 'longshan', '龙山社工', 'department', 'x', NULL, 0, 0),"
          "(10, 'r10', '张大爷', 'resident', 'x', '13900000010', 0, 0),"
          "(11, 'r11', '李阿姨', 'resident', 'x', '13900000011', 0, 0),"
          "(12, 'r12', '王奶奶', 'resident', 'x', '13900000012', 0, 0),"
          "(13, 'r13', '赵叔', 'resident', 'x', '13900000013', 0, 0),"
          "(14, 'r14', '没手机', 'resident', 'x', NULL, 0, 0);"
          "INSERT INTO memberships (user_id, organisation_id) VALUES (2, 1), (3, 2);"
          "INSERT INTO activities (id, title, organiser_org_id, address, capacity, age_min, "
          "offer_window_minutes, first_date, start_minute, duration_minutes, created_by, "
          "created_at, updated_at) VALUES "
          "(1, '太极拳', 1, '凤山广场', 2, NULL, 60, '2026-05-30', 266, 60, 1, 0, 0),"
          "(2, '老年合唱', 1, '凤山广场', 10, 60, 60, '2026-05-30', 266, 60, 1, 0, 0),"
          "(3, '广场舞', 1, '凤山广场', 20, NULL, 60, '2026-05-30', 266, 60, 1, 0, 0);"
          "INSERT INTO activity_occurrences (id, activity_id, seq, local_date, starts_at, ends_at, "
          "capacity, updated_at) VALUES "
          "(1, 1, 1, '2026-05-30', " +
          start + ", " + end +
          ", 2, 0),"
          "(2, 2, 1, '2026-05-30', " +
          start + ", " + end +
          ", 10, 0),"
          "(3, 3, 1, '2026-05-30', " +
          start + ", " + end + ", 20, 0)");
    });
    ASSERT_TRUE(s.ok()) << s.message();
    service_ = std::make_unique<SignupService>(*db_, [this] { return now_.load(); });
  }

  static Caller resident(int64_t id) { return Caller{id, "resident", {}, "127.0.0.1"}; }
  static Caller admin() { return Caller{1, "admin", {}, "127.0.0.1"}; }
  static Caller organiser() { return Caller{2, "department", {1}, "127.0.0.1"}; }
  static Caller other_staff() { return Caller{3, "department", {2}, "127.0.0.1"}; }

  template <class Start>
  static Result<SignupRecord> wait(Start start) {
    auto p = std::make_shared<std::promise<Result<SignupRecord>>>();
    std::future<Result<SignupRecord>> f = p->get_future();
    start([p](Result<SignupRecord> r) { p->set_value(std::move(r)); });
    return f.get();
  }

  Result<SignupRecord> join(int64_t occ, const Caller& by, SignupRequest in = {}) {
    return wait([&](SignupDone d) { service_->sign_up(occ, in, by, std::move(d)); });
  }
  Result<SignupRecord> staff_join(int64_t occ, const std::string& phone,
                                  const Caller& by = organiser()) {
    return join(occ, by, SignupRequest{"王阿姨", phone, std::nullopt});
  }
  Result<SignupRecord> cancel(int64_t id, const Caller& by) {
    return wait([&](SignupDone d) { service_->cancel(id, by, std::move(d)); });
  }
  Result<SignupRecord> accept(int64_t id, const Caller& by) {
    return wait([&](SignupDone d) { service_->accept(id, by, std::move(d)); });
  }
  Result<SignupRecord> decline(int64_t id, const Caller& by) {
    return wait([&](SignupDone d) { service_->decline(id, by, std::move(d)); });
  }
  Result<SignupRecord> check_in(int64_t occ, const std::string& code, const Caller& by) {
    return wait([&](SignupDone d) { service_->check_in(occ, code, by, std::move(d)); });
  }
  Result<SignupRecord> attendance(int64_t id, const std::string& a, const Caller& by) {
    return wait([&](SignupDone d) { service_->set_attendance(id, a, by, std::move(d)); });
  }
  std::vector<Offer> sweep(int64_t at) {
    auto p = std::make_shared<std::promise<Result<std::vector<Offer>>>>();
    auto f = p->get_future();
    service_->sweep(at, [p](Result<std::vector<Offer>> r) { p->set_value(std::move(r)); });
    Result<std::vector<Offer>> r = f.get();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(*r) : std::vector<Offer>{};
  }
  Result<DoorList> door(int64_t occ, const Caller& by) {
    auto p = std::make_shared<std::promise<Result<DoorList>>>();
    auto f = p->get_future();
    service_->door_list(occ, by, [p](Result<DoorList> r) { p->set_value(std::move(r)); });
    return f.get();
  }

  SignupRecord now_of(int64_t id) {
    Result<std::optional<SignupRecord>> r = get_signup(db_->reader(), id);
    EXPECT_TRUE(r.ok() && *r);
    return r.ok() && *r ? **r : SignupRecord{};
  }
  int64_t count(const std::string& sql) {
    auto q = db_->reader().prepare(sql);
    EXPECT_TRUE(q.ok()) << q.status().message();
    Result<bool> row = q->step();
    EXPECT_TRUE(row.ok() && *row);
    return q->column_int64(0);
  }
  std::vector<std::string> events_of(int64_t id) {
    auto q = db_->reader().prepare(
        "SELECT kind FROM activity_signup_events WHERE signup_id = ? ORDER BY id");
    EXPECT_TRUE(q.ok());
    q->bind(1, id);
    auto r = store::collect<std::string>(*q, [](store::Statement& s) { return s.column_text(0); });
    return r.ok() ? *r : std::vector<std::string>{};
  }
  int64_t taken(int64_t occ) {
    return count("SELECT taken FROM activity_occurrences WHERE id = " + std::to_string(occ));
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::atomic<int64_t> now_{kNow};
  std::unique_ptr<SignupService> service_;
};

#define ASSERT_OK_RESULT(r) ASSERT_TRUE((r).ok()) << (r).status().message()

}  // namespace warmcity::activities
