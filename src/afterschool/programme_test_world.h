// The programmes' unit tests' world (programme_test.cpp,
// programme_service_test.cpp, afterschool_counts_test.cpp): a scratch
// database with the accounts', areas', facilities', activities' and
// after-school migrations, on SQLite or, with WARMCITY_TEST_ENGINE=postgres
// (afterschool_pg_tests), a fresh PostgreSQL database; a community that
// organises, another organiser's staff, would-be programme staff, a
// department user, an admin, residents; two after-school sites and a venue;
// an official calendar for autumn 2026 (National Day, two make-up days); the
// service and the routes (behind a Router whose test authenticator reads
// the caller from an `x-test-user` header) on one clock the tests move.
// Include only in those tests.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "afterschool/afterschool_counts.h"
#include "afterschool/afterschool_test_db.h"
#include "afterschool/programme_routes.h"
#include "afterschool/programme_service.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::afterschool {

inline core::LocalDate programme_day(const char* text) { return *core::parse_date(text); }

// Autumn 2026: National Day 10-01..10-07 (holidays), make-up school days on
// Sunday 09-27 and Saturday 10-10.
inline constexpr char kProgrammeCalendarText[] =
    "year 2026\n"
    "2026-10-01 holiday 国庆节\n"
    "2026-10-02 holiday 国庆节\n"
    "2026-10-03 holiday 国庆节\n"
    "2026-10-04 holiday 国庆节\n"
    "2026-10-05 holiday 国庆节\n"
    "2026-10-06 holiday 国庆节\n"
    "2026-10-07 holiday 国庆节\n"
    "2026-09-27 workday 国庆节调休\n"
    "2026-10-10 workday 国庆节调休\n";

// Monday 2026-09-14, 09:00 district time.
inline constexpr int64_t kProgrammeNow = 1'789'347'600;

class ProgrammeWorld : public ::testing::Test {
 protected:
  // Users: 1 admin; 2 community worker (organiser staff of 1); 3 worker of
  // the volunteer team (organiser staff of 2); 4 and 5 would-be programme
  // staff (volunteer, worker; no organiser); 6 department user (org 3); 7 a
  // disabled worker; 8 staff of both organisers; 10, 11 residents.
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_afterschool_test_db(scratch_.where("programmes.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status s = db_->write([](store::Connection& c) -> Status {
      return c.exec(
          "INSERT INTO organisations (id, kind, name, created_at) VALUES "
          "(1, 'community', '龙凤社区居委会', 0), (2, 'volunteer_team', '青年志愿者队', 0), "
          "(3, 'department', '区教育局', 0);"
          "INSERT INTO users (id, username, display_name, role, password_hash, phone, disabled, "
          "created_at, updated_at) VALUES "
          "(1, 'admin', '管理员', 'admin', 'x', NULL, 0, 0, 0),"
          "(2, 'longfeng', '龙凤社工', 'worker', 'x', NULL, 0, 0, 0),"
          "(3, 'team', '志愿队长', 'worker', 'x', NULL, 0, 0, 0),"
          "(4, 'vol4', '刘老师', 'volunteer', 'x', NULL, 0, 0, 0),"
          "(5, 'wk5', '陈老师', 'worker', 'x', NULL, 0, 0, 0),"
          "(6, 'edu', '教育局', 'department', 'x', NULL, 0, 0, 0),"
          "(7, 'gone', '已停用', 'worker', 'x', NULL, 1, 0, 0),"
          "(8, 'both', '两边都管', 'worker', 'x', NULL, 0, 0, 0),"
          "(10, 'r10', '张妈妈', 'resident', 'x', '13900000010', 0, 0, 0),"
          "(11, 'r11', '李爸爸', 'resident', 'x', '13900000011', 0, 0, 0);"
          "INSERT INTO memberships (user_id, organisation_id) VALUES (2, 1), (3, 2), (6, 3), "
          "(8, 1), (8, 2);"
          "INSERT INTO areas (id, level, parent_id, name, boundary, created_at, updated_at) "
          "VALUES (100, 'subdistrict', NULL, '凤山街道', '{}', 0, 0), "
          "(101, 'community', 100, '龙凤社区', '{}', 0, 0), "
          "(102, 'community', 100, '龙山社区', '{}', 0, 0);"
          "INSERT INTO facilities (id, kind, name, address, lat, lon, community_id, "
          "created_at, updated_at) VALUES "
          "(601, 'afterschool_site', '龙凤社区四点半课堂', '龙凤路8号', 37.52, 111.14, 101, 0, 0), "
          "(602, 'venue', '龙凤社区活动室', '龙凤路9号', 37.52, 111.14, 101, 0, 0), "
          "(603, 'afterschool_site', '龙山社区四点半课堂', '龙山路1号', 37.53, 111.15, 102, 0, 0)");
    });
    ASSERT_TRUE(s.ok()) << s.message();
    Result<core::Calendar> cal = core::Calendar::parse(kProgrammeCalendarText);
    ASSERT_TRUE(cal.ok()) << cal.status().message();
    calendar_ = std::make_shared<const core::Calendar>(std::move(*cal));
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    auto clock = [this] { return now_.load(); };
    auto calendar = [this] { return calendar_; };
    service_ = std::make_unique<ProgrammeService>(*db_, *audit_, calendar, clock);
    router_.set_authenticator(
        [](const http::Request& req) -> Result<std::optional<http::Principal>> {
          for (const auto& [k, v] : req.headers) {
            if (k != "x-test-user") continue;
            return std::optional<http::Principal>(programme_principal(std::stoll(v)));
          }
          return std::optional<http::Principal>();
        });
    register_programme_routes(router_, *db_, *audit_, calendar, clock);
    register_afterschool_counts_routes(router_, *db_);
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  static Caller caller(int64_t id) {
    const http::Principal p = programme_principal(id);
    return {id, std::string(http::role_name(p.role)), p.organisation_ids, "127.0.0.1"};
  }
  static Caller admin() { return caller(1); }
  static Caller organiser() { return caller(2); }
  static Caller other_organiser() { return caller(3); }
  static Caller resident() { return caller(10); }
  static Caller anonymous() { return {}; }

  static http::Principal programme_principal(int64_t id) {
    static const std::map<int64_t, std::pair<http::Role, std::vector<int64_t>>> who = {
        {1, {http::Role::kAdmin, {}}},     {2, {http::Role::kWorker, {1}}},
        {3, {http::Role::kWorker, {2}}},   {4, {http::Role::kVolunteer, {}}},
        {5, {http::Role::kWorker, {}}},    {6, {http::Role::kDepartment, {3}}},
        {7, {http::Role::kWorker, {}}},    {8, {http::Role::kWorker, {1, 2}}},
        {10, {http::Role::kResident, {}}}, {11, {http::Role::kResident, {}}}};
    http::Principal p;
    p.user_id = id;
    p.username = "u" + std::to_string(id);
    auto it = who.find(id);
    if (it != who.end()) {
      p.role = it->second.first;
      p.organisation_ids = it->second.second;
    }
    return p;
  }

  // A valid programme at site 601: Monday to Friday 16:30–18:30, 40
  // children, the autumn term.
  static ProgrammeFields fields() {
    ProgrammeFields f;
    f.site_id = 601;
    f.name = "龙凤社区四点半课堂";
    f.weekdays = "12345";
    f.start_time = "16:30";
    f.end_time = "18:30";
    f.capacity = 40;
    f.term_start = "2026-09-01";
    f.term_end = "2027-01-22";
    return f;
  }
  static nlohmann::json body() {
    return {{"name", "龙凤社区四点半课堂"}, {"site_id", 601},
            {"weekdays", {1, 2, 3, 4, 5}},  {"start_time", "16:30"},
            {"end_time", "18:30"},          {"capacity", 40},
            {"term_start", "2026-09-01"},   {"term_end", "2027-01-22"}};
  }

  using Made = std::pair<Status, ProgrammeView>;
  Made create(ProgrammeFields f, const Caller& by) {
    std::promise<Made> p;
    service_->create(std::move(f), by, [&p](Status s, ProgrammeView v) {
      p.set_value({s, std::move(v)});
    });
    return p.get_future().get();
  }
  Made update(int64_t id, ProgrammePatch patch, const Caller& by) {
    std::promise<Made> p;
    service_->update(id, std::move(patch), by, [&p](Status s, ProgrammeView v) {
      p.set_value({s, std::move(v)});
    });
    return p.get_future().get();
  }
  // A programme made by the community's worker; its id.
  int64_t made(ProgrammeFields f = fields()) {
    Made m = create(std::move(f), organiser());
    EXPECT_TRUE(m.first.ok()) << m.first.message();
    return m.second.programme.id;
  }
  using StaffSet = std::pair<Status, std::vector<StaffView>>;
  StaffSet set_staff(int64_t id, std::vector<StaffEntry> staff, const Caller& by) {
    std::promise<StaffSet> p;
    service_->set_staff(id, std::move(staff), by, [&p](Status s, std::vector<StaffView> v) {
      p.set_value({s, std::move(v)});
    });
    return p.get_future().get();
  }
  using Duty = std::pair<Status, DayStaffing>;
  Duty set_duty(int64_t id, const char* date, std::vector<int64_t> users, const Caller& by) {
    std::promise<Duty> p;
    service_->set_duty(id, programme_day(date), std::move(users), by,
                       [&p](Status s, DayStaffing d) {
                         p.set_value({s, d});
                       });
    return p.get_future().get();
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
    if (!body.empty()) req.headers.emplace_back("content-type", "application/json");
    auto promise = std::make_shared<std::promise<http::Response>>();
    auto future = promise->get_future();
    router_.dispatch(
        req, [promise](http::Response r) { promise->set_value(std::move(r)); }, nullptr);
    EXPECT_EQ(future.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    return future.get();
  }
  static nlohmann::json json_of(const http::Response& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  // n new children, each actively enrolled in the programme; their ids.
  std::vector<int64_t> enrol_children(int64_t programme_id, int n) {
    std::vector<int64_t> ids;
    for (int i = 0; i < n; ++i) {
      int64_t id = 0;
      Status s = db_->write([&](store::Connection& c) -> Status {
        auto q = c.prepare(
            "INSERT INTO children (name, school, grade, birth_date, health_notes, consent_at, "
            "consent_by, consent_version, created_at, updated_at) VALUES (?, '龙凤小学', "
            "'三年级', '2017-05-01', NULL, 0, 10, 'afterschool-children-v1', 0, 0) RETURNING id");
        if (!q.ok()) return q.status();
        q->bind(1, "孩子" + std::to_string(i));
        Result<int64_t> made = q->returning_id();
        if (!made.ok()) return made.status();
        id = *made;
        auto e = c.prepare(
            "INSERT INTO afterschool_enrolments (child_id, programme_id, status, consent_at, "
            "consent_by, consent_version, created_at) VALUES (?, ?, 'active', 0, 10, "
            "'afterschool-enrolment-v1', 0)");
        if (!e.ok()) return e.status();
        e->bind(1, id).bind(2, programme_id);
        return e->run();
      });
      EXPECT_TRUE(s.ok()) << s.message();
      ids.push_back(id);
    }
    return ids;
  }
  // The child checked in on the day (and out, late or not, when `out`).
  void attend(int64_t programme_id, int64_t child_id, const std::string& day, bool out = false,
              bool late = false) {
    Status s = db_->write([&](store::Connection& c) -> Status {
      auto q = c.prepare(
          "INSERT INTO afterschool_attendance (programme_id, child_id, day, checked_in_at, "
          "checked_in_by, brought_by, checked_out_at, late) VALUES (?, ?, ?, 0, 4, "
          "'from_school', ?, ?)");
      if (!q.ok()) return q.status();
      q->bind(1, programme_id).bind(2, child_id).bind(3, day);
      if (out) {
        q->bind(4, int64_t{1});
      } else {
        q->bind_null(4);
      }
      q->bind(5, int64_t{late ? 1 : 0});
      return q->run();
    });
    EXPECT_TRUE(s.ok()) << s.message();
  }

  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }
  Status exec(const std::string& sql) {
    return db_->write([sql](store::Connection& c) { return c.exec(sql); });
  }

  store::pg_testing::ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::shared_ptr<const core::Calendar> calendar_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::atomic<int64_t> now_{kProgrammeNow};
  std::unique_ptr<ProgrammeService> service_;
  http::Router router_;
};

}  // namespace warmcity::afterschool
