// The day's unit tests' world (day_service_test.cpp, proxy_test.cpp,
// roster_test.cpp, alert_test.cpp): a scratch database with the accounts',
// areas', facilities', activities' and after-school migrations, on SQLite
// or, with WARMCITY_TEST_ENGINE=postgres (afterschool_pg_tests), a fresh
// PostgreSQL database. Rows written straight in SQL (the programmes' and the
// families' services are theirs to test):
//   programme 1 (凤山四点半课堂, Mo–Fr 16:30–18:30) with staff 3 and
//   volunteer 5; programme 2 (龙山, the same hours) with staff 4;
//   children 101 小明 (guardians 10 and 11) and 102 小红 (guardian 10) in
//   programme 1, 103 小刚 (guardian 12) in programme 2;
//   pickup adults of 小明: 201 奶奶 (code 123456, a photo; also 小红's),
//   202 revoked (222222), 203 expired (333333), 204 without a photo
//   (444444).
// The clock starts on Monday 2026-09-14 at 16:40 district time; 2026-10-01
// is a holiday (国庆节) in the calendar. Include only in those tests.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "afterschool/afterschool_test_db.h"
#include "afterschool/alert_service.h"
#include "afterschool/day_routes.h"
#include "afterschool/day_service.h"
#include "afterschool/pickup_adult.h"
#include "afterschool/proxy_service.h"
#include "afterschool/roster_service.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::afterschool {

// Monday 2026-09-14, 16:40 district time.
constexpr int64_t kDayNow = 1'789'375'200;
constexpr int64_t kMinute = 60;
constexpr int64_t kDay = 86400;

class DayWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_afterschool_test_db(scratch_.where("day.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status s = db_->write([](store::Connection& c) -> Status { return seed(c); });
    ASSERT_TRUE(s.ok()) << s.message();
    auto cal = core::Calendar::parse("year 2026\n2026-10-01 holiday 国庆节\n");
    ASSERT_TRUE(cal.ok()) << cal.status().message();
    calendar_ = std::make_shared<const core::Calendar>(*cal);
    DayClock clock{[this] { return calendar_; }, [this] { return now_.load(); }};
    day_ = std::make_shared<DayService>(*db_, clock);
    proxies_ = std::make_shared<ProxyService>(*db_, clock);
    rosters_ = std::make_shared<RosterService>(*db_, clock);
    router_.set_authenticator(
        [](const http::Request& req) -> Result<std::optional<http::Principal>> {
          for (const auto& [k, v] : req.headers)
            if (k == "x-test-user") return std::optional<http::Principal>(principal(std::stoll(v)));
          return std::optional<http::Principal>();
        });
    register_day_routes(router_, day_);
    register_proxy_routes(router_, proxies_);
    register_roster_routes(router_, rosters_);
    alerts_ = std::make_unique<AlertService>(
        *db_,
        [this](const std::string& phone, const std::string& text) {
          std::lock_guard<std::mutex> lock(sent_mu_);
          sent_.push_back({phone, text});
        },
        [this] { return now_.load(); });
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  static Status seed(store::Connection& c) {
    Status s = c.exec(
        "INSERT INTO organisations (id, kind, name, created_at) VALUES "
        "(1, 'community', '凤山社区居委会', 0), (2, 'community', '龙山社区居委会', 0);"
        "INSERT INTO users (id, username, display_name, role, password_hash, phone, "
        "created_at, updated_at) VALUES "
        "(1, 'admin', '管理员', 'admin', 'x', NULL, 0, 0),"
        "(2, 'fengshan', '凤山社工', 'worker', 'x', NULL, 0, 0),"
        "(3, 'teacher3', '王老师', 'worker', 'x', NULL, 0, 0),"
        "(4, 'teacher4', '李老师', 'worker', 'x', NULL, 0, 0),"
        "(5, 'vol5', '赵志愿', 'volunteer', 'x', NULL, 0, 0),"
        "(10, 'r10', '张妈妈', 'resident', 'x', '13900000010', 0, 0),"
        "(11, 'r11', '张爸爸', 'resident', 'x', '13900000011', 0, 0),"
        "(12, 'r12', '刘妈妈', 'resident', 'x', '13900000012', 0, 0);"
        "INSERT INTO memberships (user_id, organisation_id) VALUES (2, 1);"
        "INSERT INTO areas (id, level, parent_id, name, boundary, created_at, updated_at) "
        "VALUES (100, 'subdistrict', NULL, '凤山街道', '{}', 0, 0), "
        "(101, 'community', 100, '凤山社区', '{}', 0, 0);"
        "INSERT INTO facilities (id, kind, name, address, lat, lon, community_id, "
        "opening_hours, created_at, updated_at) VALUES "
        "(501, 'afterschool_site', '凤山社区四点半课堂', '凤山路1号', 37.52, 111.14, 101, "
        "NULL, 0, 0);"
        "INSERT INTO afterschool_programmes (id, organiser_org_id, site_id, name, weekdays, "
        "start_time, end_time, capacity, term_start, term_end, on_makeup_days, min_adults, "
        "base_children, per_extra_children, status, created_by, created_at, updated_at) VALUES "
        "(1, 1, 501, '凤山四点半课堂', '12345', '16:30', '18:30', 40, '2026-09-01', "
        "'2027-01-20', 0, 2, 25, 20, 'active', 2, 0, 0),"
        "(2, 2, 501, '龙山四点半课堂', '12345', '16:30', '18:30', 40, '2026-09-01', "
        "'2027-01-20', 0, 2, 25, 20, 'active', 2, 0, 0);"
        "INSERT INTO afterschool_staff (programme_id, user_id, role, background_checked_on, "
        "added_by, added_at) VALUES (1, 3, 'staff', '2026-08-01', 2, 0), "
        "(1, 5, 'volunteer', '2026-08-01', 2, 0), (2, 4, 'staff', '2026-08-01', 2, 0);"
        "INSERT INTO children (id, name, school, grade, birth_date, health_notes, consent_at, "
        "consent_by, consent_version, created_at, updated_at) VALUES "
        "(101, '张小明', '凤山小学', '三年级', '2017-03-01', '花生过敏', 0, 10, "
        "'afterschool-children-v1', 0, 0),"
        "(102, '张小红', '凤山小学', '一年级', '2019-05-01', NULL, 0, 10, "
        "'afterschool-children-v1', 0, 0),"
        "(103, '刘小刚', '龙山小学', '二年级', '2018-01-01', NULL, 0, 12, "
        "'afterschool-children-v1', 0, 0);"
        "INSERT INTO child_guardians (child_id, user_id, relation, added_by, added_at) VALUES "
        "(101, 10, '母亲', 10, 0), (101, 11, '父亲', 10, 1), (102, 10, '母亲', 10, 0), "
        "(103, 12, '母亲', 12, 0);"
        "INSERT INTO afterschool_enrolments (id, child_id, programme_id, status, consent_at, "
        "consent_by, consent_version, created_at) VALUES "
        "(1, 101, 1, 'active', 0, 10, 'afterschool-enrolment-v1', 0),"
        "(2, 102, 1, 'active', 0, 10, 'afterschool-enrolment-v1', 0),"
        "(3, 103, 2, 'active', 0, 12, 'afterschool-enrolment-v1', 0)");
    if (!s.ok()) return s;
    struct A {
      int64_t id;
      const char* name;
      const char* phone;
      const char* photo;
      const char* valid_until;
      bool revoked;
      const char* code;
    };
    const A adults[] = {{201, "王奶奶", "13800000201", "sha-201", nullptr, false, "123456"},
                        {202, "邻居老李", "13800000202", "sha-202", nullptr, true, "222222"},
                        {203, "表姑", "13800000203", "sha-203", "2026-09-01", false, "333333"},
                        {204, "张爷爷", "13800000204", nullptr, nullptr, false, "444444"}};
    for (const A& a : adults) {
      auto q = c.prepare(
          "INSERT INTO pickup_adults (id, owner_user_id, name, relation, phone, birth_date, "
          "photo_sha, valid_until, code_salt, code_hash, code_set_at, revoked_at, created_at, "
          "updated_at) VALUES (?, 10, ?, '亲属', ?, '1960-01-01', ?, ?, ?, ?, 0, ?, 0, 0)");
      if (!q.ok()) return q.status();
      const std::string salt = "salt" + std::to_string(a.id);
      q->bind(1, a.id).bind(2, a.name).bind(3, a.phone);
      a.photo ? q->bind(4, a.photo) : q->bind_null(4);
      a.valid_until ? q->bind(5, a.valid_until) : q->bind_null(5);
      q->bind(6, salt).bind(7, pickup_code_hash(salt, a.id, a.code));
      a.revoked ? q->bind(8, int64_t{100}) : q->bind_null(8);
      if (Status r = q->run(); !r.ok()) return r;
    }
    return c.exec(
        "INSERT INTO child_pickup_adults (child_id, adult_id) VALUES "
        "(101, 201), (101, 202), (101, 203), (101, 204), (102, 201)");
  }

  // The world's users as the router sees them (unknown ids: residents).
  static http::Principal principal(int64_t id) {
    static const std::map<int64_t, std::pair<http::Role, std::vector<int64_t>>> who = {
        {1, {http::Role::kAdmin, {}}},
        {2, {http::Role::kWorker, {1}}},
        {3, {http::Role::kWorker, {}}},
        {4, {http::Role::kWorker, {}}},
        {5, {http::Role::kVolunteer, {}}}};
    http::Principal p;
    p.user_id = id;
    p.username = "u" + std::to_string(id);
    if (auto it = who.find(id); it != who.end()) {
      p.role = it->second.first;
      p.organisation_ids = it->second.second;
    }
    return p;
  }
  // A request through the router; `user` 0 is anonymous.
  http::Response call(http::Method m, const std::string& target, int64_t user,
                      const std::string& body = "") {
    http::Request req;
    req.method = m;
    req.target = target;
    const size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = body;
    req.client_address = "192.0.2.1";
    if (user != 0) req.headers.emplace_back("x-test-user", std::to_string(user));
    if (m == http::Method::kPost) req.headers.emplace_back("content-type", "application/json");
    auto promise = std::make_shared<std::promise<http::Response>>();
    auto future = promise->get_future();
    router_.dispatch(
        req, [promise](http::Response r) { promise->set_value(std::move(r)); }, nullptr);
    EXPECT_EQ(future.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    return future.get();
  }

  static Caller admin() { return {1, "admin", {}, "127.0.0.1"}; }
  static Caller organiser() { return {2, "worker", {1}, "127.0.0.1"}; }
  static Caller staff() { return {3, "worker", {}, "127.0.0.1"}; }
  static Caller other_staff() { return {4, "worker", {}, "127.0.0.1"}; }
  static Caller volunteer() { return {5, "volunteer", {}, "127.0.0.1"}; }
  static Caller guardian(int64_t id = 10) { return {id, "resident", {}, "127.0.0.1"}; }
  static Caller anonymous() { return {}; }

  Result<Attendance> check_in(int64_t programme, int64_t child, const Caller& by = staff(),
                              std::string brought_by = "from_school",
                              std::optional<std::string> adult_name = std::nullopt) {
    CheckInRequest in{child, std::move(brought_by), std::move(adult_name)};
    std::promise<Result<Attendance>> p;
    day_->check_in(programme, std::move(in), by,
                   [&p](Result<Attendance> a) { p.set_value(std::move(a)); });
    return p.get_future().get();
  }
  Result<Attendance> check_out(int64_t programme, CheckOutRequest in, const Caller& by = staff()) {
    std::promise<Result<Attendance>> p;
    day_->check_out(programme, std::move(in), by,
                    [&p](Result<Attendance> a) { p.set_value(std::move(a)); });
    return p.get_future().get();
  }
  static CheckOutRequest by_code(int64_t child, std::string code) {
    CheckOutRequest r;
    r.child_id = child;
    r.method = PickupMethod::kCode;
    r.code = std::move(code);
    return r;
  }
  static CheckOutRequest by_phone(int64_t child, std::string phone) {
    CheckOutRequest r;
    r.child_id = child;
    r.method = PickupMethod::kPhone;
    r.phone = std::move(phone);
    r.visual_check = true;
    return r;
  }
  static CheckOutRequest by_proxy(int64_t child, int64_t proxy_id) {
    CheckOutRequest r;
    r.child_id = child;
    r.method = PickupMethod::kProxy;
    r.proxy_id = proxy_id;
    return r;
  }

  Result<Proxy> new_proxy(int64_t child, const Caller& by,
                          std::optional<core::LocalDate> date = std::nullopt) {
    NewProxy in{"邻居周阿姨", "13700000001", "邻居", date};
    std::promise<Result<Proxy>> p;
    proxies_->create(child, std::move(in), by,
                     [&p](Result<Proxy> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }
  Result<Proxy> confirm(int64_t proxy, const Caller& by, ProxyConfirmation in = {}) {
    std::promise<Result<Proxy>> p;
    proxies_->confirm(proxy, std::move(in), by,
                      [&p](Result<Proxy> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }
  Result<std::vector<Proxy>> list_proxies(int64_t child, const Caller& by) {
    std::promise<Result<std::vector<Proxy>>> p;
    proxies_->list(child, by, [&p](Result<std::vector<Proxy>> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  Result<Roster> roster(int64_t programme, const Caller& by = staff(),
                        std::optional<core::LocalDate> date = std::nullopt,
                        RosterFormat format = RosterFormat::kJson) {
    std::promise<Result<Roster>> p;
    rosters_->roster(programme, date, format, by,
                     [&p](Result<Roster> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  Result<int64_t> sweep() {
    std::promise<Result<int64_t>> p;
    alerts_->sweep([&p](Result<int64_t> n) { p.set_value(std::move(n)); });
    return p.get_future().get();
  }
  std::vector<std::pair<std::string, std::string>> sent() {
    std::lock_guard<std::mutex> lock(sent_mu_);
    return sent_;
  }

  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }
  Status exec(const std::string& sql) {
    return db_->write([sql](store::Connection& c) { return c.exec(sql); });
  }
  // Moves the clock to `hh_mm` minutes after midnight of the start's day.
  void at_minute(int minute, int64_t days_later = 0) {
    now_ = kDayNow - (16 * 60 + 40) * kMinute + days_later * kDay + minute * kMinute;
  }

  store::pg_testing::ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::shared_ptr<const core::Calendar> calendar_;
  std::atomic<int64_t> now_{kDayNow};
  std::shared_ptr<DayService> day_;
  std::shared_ptr<ProxyService> proxies_;
  std::shared_ptr<RosterService> rosters_;
  http::Router router_;
  std::unique_ptr<AlertService> alerts_;
  std::mutex sent_mu_;
  std::vector<std::pair<std::string, std::string>> sent_;
};

}  // namespace warmcity::afterschool
