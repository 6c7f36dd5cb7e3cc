// Test-only: an AppealService on a scratch database with two departments
// (7 区住建局 with an active department user 70, 8 区城管局 with nobody),
// one grid, and the callers the tests act as. Shared by steps_test.cpp and
// category_targets_test.cpp.
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>

#include "accounts/accounts.h"
#include "appeals/appeal_service.h"
#include "appeals/appeals.h"
#include "store/test_util.h"

namespace warmcity::appeals::testing {

template <class T, class Call>
Result<T> wait_for(Call call) {
  std::promise<Result<T>> p;
  call([&p](Result<T> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

class AppealsWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : areas::migrations()) all.push_back(std::move(m));
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("appeals.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(
        sql("INSERT INTO organisations (id, kind, name, created_at) VALUES "
            "(7, 'department', '区住建局', 0), (8, 'department', '区城管局', 0);"
            "INSERT INTO users (id, username, display_name, role, password_hash, "
            "created_at, updated_at) VALUES (70, 'zhujian', '住建', 'department', 'x', 0, 0);"
            "INSERT INTO memberships (user_id, organisation_id) VALUES (70, 7)")
            .ok());
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    Config config;
    config.photo_dir = dir_.file("photos");
    config.sweep_interval_s = 0;
    auto s = AppealService::open(*db_, *audit_, config, nullptr, nullptr);
    ASSERT_TRUE(s.ok()) << s.status().message();
    service_ = std::move(*s);
  }
  void TearDown() override {
    service_->stop();
    db_->stop();
  }

  Status sql(const std::string& text) {
    return db_->write([text](store::Connection& c) { return c.exec(text); });
  }
  Result<Category> create(const std::string& code, std::optional<int64_t> org) {
    Category c;
    c.code = code;
    c.name_zh = "道路";
    c.name_en = "Roads";
    c.department_org_id = org;
    return wait_for<Category>([&](auto d) { service_->create_category(c, admin_, d); });
  }
  // An appeal about `description` in category `code`, raised by resident_.
  Result<Appeal> submit(const std::string& code, const std::string& description) {
    NewAppeal in;
    in.category_code = code;
    in.description = description;
    in.lat = 37.52;
    in.lon = 111.14;
    in.contact = Contact{"王阿姨", "13812345678"};
    return wait_for<Appeal>([&](auto d) { service_->submit(std::move(in), resident_, d); });
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<AppealService> service_;
  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller worker_{2, "worker", {}, "127.0.0.1"};
  const Caller dept_{70, "department", {7}, "127.0.0.1"};
  const Caller resident_{5, "resident", {}, "127.0.0.1"};
};

}  // namespace warmcity::appeals::testing
