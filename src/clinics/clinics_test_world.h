// The free clinics' unit tests' world (clinic_service_test.cpp,
// booking_test.cpp, clinic_counts_test.cpp): a scratch database with the
// accounts', areas', facilities', activities' and clinics' migrations, on
// SQLite or, with WARMCITY_TEST_ENGINE=postgres (clinics_pg_tests), a fresh
// PostgreSQL database; a health department with its clinic staff, another
// organiser's staff, an admin, residents, a venue with hours; the services
// on one clock the tests move. Include only in those tests.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "accounts/accounts.h"
#include "activities/activity_service.h"
#include "activities/activity_tables.h"
#include "activities/signup_service.h"
#include "areas/areas.h"
#include "clinics/booking_service.h"
#include "clinics/clinic_service.h"
#include "clinics/clinic_tables.h"
#include "facilities/facilities.h"
#include "store/database.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::clinics {

inline Result<std::unique_ptr<store::Database>> open_clinics_test_db(const std::string& where) {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : facilities::migrations()) all.push_back(std::move(m));
  for (auto& m : activities::activity_migrations()) all.push_back(std::move(m));
  for (auto& m : clinic_migrations()) all.push_back(std::move(m));
  return store::Database::open({where}, all);
}

using store::pg_testing::ScratchWhere;

inline core::LocalDate clinic_day(const char* text) { return *core::parse_date(text); }

// 2026-05-29 (a Friday) 04:26:40 district time.
constexpr int64_t kClinicNow = 1'780'000'000;

class ClinicWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_clinics_test_db(scratch_.where("clinics.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    Status s = db_->write([](store::Connection& c) -> Status {
      return c.exec(
          "INSERT INTO organisations (id, kind, name, created_at) VALUES "
          "(1, 'department', '离石区卫生健康局（义诊）', 0), (2, 'community', '龙山社区', 0);"
          "INSERT INTO users (id, username, display_name, role, password_hash, phone, "
          "created_at, updated_at) VALUES "
          "(1, 'admin', '管理员', 'admin', 'x', NULL, 0, 0),"
          "(2, 'weijian', '卫健义诊', 'department', 'x', NULL, 0, 0),"
          "(3, 'longshan', '龙山社工', 'worker', 'x', NULL, 0, 0),"
          "(10, 'r10', '张桂兰', 'resident', 'x', '13900000010', 0, 0),"
          "(11, 'r11', '李阿姨', 'resident', 'x', '13900000011', 0, 0),"
          "(14, 'r14', '没手机', 'resident', 'x', NULL, 0, 0);"
          "INSERT INTO memberships (user_id, organisation_id) VALUES (2, 1), (3, 2);"
          "INSERT INTO areas (id, level, parent_id, name, boundary, created_at, updated_at) "
          "VALUES (100, 'subdistrict', NULL, '凤山街道', '{}', 0, 0), "
          "(101, 'community', 100, '凤山社区', '{}', 0, 0), "
          "(102, 'community', 100, '龙山社区', '{}', 0, 0);"
          "INSERT INTO facilities (id, kind, name, address, lat, lon, community_id, "
          "opening_hours, created_at, updated_at) VALUES "
          "(501, 'venue', '凤山社区服务中心', '凤山路1号', 37.52, 111.14, 101, "
          "'Mo-Fr 08:00-21:00', 0, 0), "
          "(502, 'toilet', '公厕', '凤山路2号', 37.52, 111.14, 101, NULL, 0, 0)");
    });
    ASSERT_TRUE(s.ok()) << s.message();
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    auto clock = [this] { return now_.load(); };
    clinics_ = std::make_unique<ClinicService>(*db_, *audit_, nullptr, clock);
    bookings_ = std::make_unique<BookingService>(*db_, clock);
    activities_ = std::make_unique<activities::ActivityService>(*db_, *audit_, nullptr, clock);
    signups_ = std::make_unique<activities::SignupService>(*db_, clock);
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  static Caller admin() { return {1, "admin", {}, "127.0.0.1"}; }
  static Caller clinic_staff() { return {2, "department", {1}, "127.0.0.1"}; }
  static Caller other_staff() { return {3, "worker", {2}, "127.0.0.1"}; }
  static Caller resident(int64_t id = 10) { return {id, "resident", {}, "127.0.0.1"}; }

  // A session at the venue on Monday 2026-06-01: `slots` slots of 30
  // minutes from `start` (HH:MM as minutes), `places` each, three doctors.
  static ClinicFields session(int slots = 4, int start = 9 * 60, int64_t places = 2) {
    ClinicFields f;
    activities::ActivityFields& a = f.activity;
    a.title = "社区义诊：中医、口腔、眼科";
    a.venue_id = 501;
    a.capacity = places;
    a.first_date = clinic_day("2026-06-01");
    a.start_minute = start;
    a.duration_minutes = 30 * slots;
    a.series = {a.first_date, "none", std::nullopt, std::nullopt};
    f.filing_number = "吕卫义诊备〔2026〕18号";
    f.slot_minutes = 30;
    f.slots = slots;
    f.doctors = {{"中医科", "王建国", "主任医师", "110141100000123"},
                 {"口腔科", "李红", "主治医师", "A-2019-77881"},
                 {"中医科", "赵明", "医师", "140100-2020-9"}};
    return f;
  }

  using Written = std::pair<Status, ClinicWritten>;
  Written create(ClinicFields f, const Caller& by) {
    std::promise<Written> p;
    clinics_->create(std::move(f), by, [&p](Status s, ClinicWritten w) {
      p.set_value({s, std::move(w)});
    });
    return p.get_future().get();
  }
  Written update(int64_t id, ClinicPatch patch, const Caller& by) {
    std::promise<Written> p;
    clinics_->update(id, std::move(patch), by, [&p](Status s, ClinicWritten w) {
      p.set_value({s, std::move(w)});
    });
    return p.get_future().get();
  }
  // A session made by its staff; its slots' occurrence ids.
  std::vector<int64_t> made(ClinicFields f = session()) {
    Written w = create(std::move(f), clinic_staff());
    EXPECT_TRUE(w.first.ok()) << w.first.message();
    std::vector<int64_t> ids;
    for (const activities::OccurrenceRecord& o : w.second.session.slots) ids.push_back(o.id);
    session_id_ = w.second.session.activity.id;
    return ids;
  }

  Result<Booking> book(int64_t slot, const Caller& by, BookingRequest in = {}) {
    std::promise<Result<Booking>> p;
    bookings_->book(slot, std::move(in), by,
                    [&p](Result<Booking> b) { p.set_value(std::move(b)); });
    return p.get_future().get();
  }
  static BookingRequest noted(std::string note) {
    BookingRequest b;
    b.health_note = std::move(note);
    return b;
  }
  static BookingRequest caller(std::string phone, std::optional<std::string> note = {}) {
    BookingRequest b;
    b.signup.name = "王大爷";
    b.signup.phone = std::move(phone);
    b.health_note = std::move(note);
    return b;
  }
  Result<ClinicDoorList> door(int64_t slot, const Caller& by) {
    std::promise<Result<ClinicDoorList>> p;
    bookings_->door_list(slot, by, [&p](Result<ClinicDoorList> d) { p.set_value(std::move(d)); });
    return p.get_future().get();
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

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::atomic<int64_t> now_{kClinicNow};
  std::unique_ptr<ClinicService> clinics_;
  std::unique_ptr<BookingService> bookings_;
  std::unique_ptr<activities::ActivityService> activities_;
  std::unique_ptr<activities::SignupService> signups_;
  int64_t session_id_ = 0;
};

}  // namespace warmcity::clinics
