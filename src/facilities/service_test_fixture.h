// A FacilityService on a scratch database with the accounts and facilities
// migrations, organisations 7 and 8, an admin and a keeper of each, and
// helpers that wait for a write's answer.
// Include only in facilities_tests.
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <vector>

#include "accounts/accounts.h"
#include "facilities/facilities.h"
#include "facilities/facility_service.h"
#include "store/test_util.h"

namespace warmcity::facilities {

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("facilities.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->write([](store::Connection& c) {
                     return c.exec(
                         "INSERT INTO organisations (id, kind, name, created_at) VALUES "
                         "(7, 'keeper', '区机关事务中心', 0), (8, 'keeper', '区医院', 0)");
                   })
                    .ok());
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    reopen();
  }
  void TearDown() override { db_->stop(); }
  // The service's Locator; none by default.
  virtual Locator locator() const { return nullptr; }

  void reopen() {
    auto service = FacilityService::open(*db_, *audit_, locator());
    ASSERT_TRUE(service.ok()) << service.status().message();
    service_ = std::move(*service);
  }
  Result<Facility> create(Facility f, const Editor& by) {
    std::promise<Result<Facility>> done;
    service_->create(std::move(f), by,
                     [&done](Result<Facility> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }
  // Created by the admin; 0 (and a test failure) when refused.
  int64_t create(Facility f) {
    Result<Facility> saved = create(std::move(f), admin_);
    EXPECT_TRUE(saved.ok()) << saved.status().message();
    return saved.ok() ? saved->id : 0;
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<FacilityService> service_;
  const Editor admin_{1, true, {}, "127.0.0.1"};
  const Editor keeper_{2, false, {7}, "127.0.0.1"};
  const Editor other_keeper_{3, false, {8}, "127.0.0.1"};
};

}  // namespace warmcity::facilities
