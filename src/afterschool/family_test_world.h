// The families' unit tests' world (child_service_test.cpp,
// pickup_service_test.cpp): a scratch database with the accounts', areas',
// facilities', activities' and after-school migrations, on SQLite or, with
// WARMCITY_TEST_ENGINE=postgres (afterschool_pg_tests), a fresh PostgreSQL
// database; a photo store in the scratch directory. Written straight in SQL:
//   organisations 1 (凤山社区居委会: organiser staff 2) and 2 (龙山);
//   programme 1 (org 1, Mo–Fr, capacity 2, staff 3), programme 2 (org 2,
//   capacity 5, staff 4), programme 3 (org 1, closed);
//   residents 10 (张妈妈), 11 (张爸爸), 12 (刘妈妈), 13 (no children), 14
//   (disabled); admin 1.
// Children, guardians, enrolments and pickup adults are made through the
// services. The clock starts on Monday 2026-09-14 at 16:40 district time;
// 2026-10-01 is a holiday in the calendar. Include only in those tests.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "afterschool/afterschool_test_db.h"
#include "afterschool/child_service.h"
#include "afterschool/pickup_service.h"
#include "store/database.h"

namespace warmcity::afterschool {

// Monday 2026-09-14, 16:40 district time.
constexpr int64_t kFamilyNow = 1'789'375'200;
constexpr int64_t kFamilyDay = 86400;

// Waits for a service's answer.
template <class T, class Call>
Result<T> family_wait(Call call) {
  std::promise<Result<T>> p;
  call([&p](Result<T> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

inline std::string first_field(const Status& s) {
  return s.field_errors().empty() ? "" : s.field_errors().front().field;
}

class FamilyWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_afterschool_test_db(scratch_.where("families.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status s = db_->write([](store::Connection& c) -> Status { return seed(c); });
    ASSERT_TRUE(s.ok()) << s.message();
    auto cal = core::Calendar::parse("year 2026\n2026-10-01 holiday 国庆节\n");
    ASSERT_TRUE(cal.ok()) << cal.status().message();
    calendar_ = std::make_shared<const core::Calendar>(*cal);
    auto photos = photos::PhotoStore::open(scratch_.dir().file("photos"));
    ASSERT_TRUE(photos.ok()) << photos.status().message();
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    auto clock = [this] { return now_.load(); };
    children_ = std::make_unique<ChildService>(
        *db_, *audit_, *photos, [this] { return calendar_; }, clock);
    pickups_ = std::make_unique<PickupService>(*db_, *audit_, *photos, clock);
  }
  void TearDown() override {
    pickups_.reset();
    children_.reset();
    if (db_) db_->stop();
  }

  static Status seed(store::Connection& c) {
    return c.exec(
        "INSERT INTO organisations (id, kind, name, created_at) VALUES "
        "(1, 'community', '凤山社区居委会', 0), (2, 'community', '龙山社区居委会', 0);"
        "INSERT INTO users (id, username, display_name, role, password_hash, phone, disabled, "
        "created_at, updated_at) VALUES "
        "(1, 'admin', '管理员', 'admin', 'x', NULL, 0, 0, 0),"
        "(2, 'fengshan', '凤山社工', 'worker', 'x', NULL, 0, 0, 0),"
        "(3, 'teacher3', '王老师', 'worker', 'x', NULL, 0, 0, 0),"
        "(4, 'teacher4', '李老师', 'worker', 'x', NULL, 0, 0, 0),"
        "(10, 'r10', '张妈妈', 'resident', 'x', '13900000010', 0, 0, 0),"
        "(11, 'r11', '张爸爸', 'resident', 'x', '13900000011', 0, 0, 0),"
        "(12, 'r12', '刘妈妈', 'resident', 'x', '13900000012', 0, 0, 0),"
        "(13, 'r13', '孙阿姨', 'resident', 'x', '13900000013', 0, 0, 0),"
        "(14, 'r14', '停用', 'resident', 'x', '13900000014', 1, 0, 0);"
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
        "(1, 1, 501, '凤山四点半课堂', '12345', '16:30', '18:30', 2, '2026-09-01', "
        "'2027-01-20', 0, 2, 25, 20, 'active', 2, 0, 0),"
        "(2, 2, 501, '龙山四点半课堂', '12345', '16:30', '18:30', 5, '2026-09-01', "
        "'2027-01-20', 0, 2, 25, 20, 'active', 2, 0, 0),"
        "(3, 1, 501, '暑期班', '12345', '09:00', '11:00', 5, '2026-07-01', "
        "'2026-08-31', 0, 2, 25, 20, 'closed', 2, 0, 0);"
        "INSERT INTO afterschool_staff (programme_id, user_id, role, background_checked_on, "
        "added_by, added_at) VALUES (1, 3, 'staff', '2026-08-01', 2, 0), "
        "(2, 4, 'staff', '2026-08-01', 2, 0)");
  }

  static Caller admin() { return {1, "admin", {}, "127.0.0.1"}; }
  static Caller organiser() { return {2, "worker", {1}, "127.0.0.1"}; }
  static Caller staff1() { return {3, "worker", {}, "127.0.0.1"}; }
  static Caller staff2() { return {4, "worker", {}, "127.0.0.1"}; }
  static Caller resident(int64_t id) { return {id, "resident", {}, "127.0.0.1"}; }
  static Caller mother() { return resident(10); }
  static Caller father() { return resident(11); }
  static Caller other_mother() { return resident(12); }
  static Caller anonymous() { return {}; }

  static ChildFields child(std::string name = "张小明", const char* birth = "2017-03-01") {
    ChildFields f;
    f.name = std::move(name);
    f.school = "凤山小学";
    f.grade = "三年级";
    f.birth_date = *core::parse_date(birth);
    f.health_notes = "花生过敏";
    f.relation = "母亲";
    return f;
  }

  Result<ChildRecord> add_child(const Caller& by, ChildFields f = child()) {
    return family_wait<ChildRecord>(
        [&](auto d) { children_->create(std::move(f), by, std::move(d)); });
  }
  // A child of `by` (asserted made); its id.
  int64_t made_child(const Caller& by = mother(), ChildFields f = child()) {
    Result<ChildRecord> r = add_child(by, std::move(f));
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->child.id : 0;
  }
  Result<ChildRecord> read_child(int64_t id, const Caller& by) {
    return family_wait<ChildRecord>([&](auto d) { children_->read(id, by, std::move(d)); });
  }
  Result<EnrolmentRow> enrol(int64_t child, int64_t programme, const Caller& by = mother()) {
    return family_wait<EnrolmentRow>(
        [&](auto d) { children_->enrol(child, programme, by, std::move(d)); });
  }
  Result<EnrolmentRow> withdraw(int64_t enrolment, const Caller& by) {
    return family_wait<EnrolmentRow>(
        [&](auto d) { children_->withdraw(enrolment, by, std::move(d)); });
  }

  static PickupAdultFields adult(std::vector<int64_t> child_ids, std::string name = "张奶奶") {
    PickupAdultFields f;
    f.name = std::move(name);
    f.relation = "奶奶";
    f.phone = "13800000001";
    f.birth_date = core::LocalDate{1958, 4, 2};
    f.child_ids = std::move(child_ids);
    return f;
  }
  Result<AdultWithCode> add_adult(const Caller& by, PickupAdultFields f) {
    return family_wait<AdultWithCode>(
        [&](auto d) { pickups_->create(std::move(f), by, std::move(d)); });
  }

  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }
  std::string text(const std::string& sql) {
    auto q = db_->reader().prepare(sql);
    EXPECT_TRUE(q.ok()) << q.status().message();
    if (!q.ok()) return "";
    Result<bool> row = q->step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return row.ok() && *row ? q->column_text(0) : "";
  }
  Status exec(const std::string& sql) {
    return db_->write([sql](store::Connection& c) { return c.exec(sql); });
  }

  store::pg_testing::ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::shared_ptr<const core::Calendar> calendar_;
  std::atomic<int64_t> now_{kFamilyNow};
  std::unique_ptr<ChildService> children_;
  std::unique_ptr<PickupService> pickups_;
};

}  // namespace warmcity::afterschool
