// The canteens' unit tests' ground: a scratch database with the accounts and
// facilities migrations (and the part's own), keeper organisations 7
// (生态园食堂) and 8 (交通路食堂), and facilities added by kind.
// Include only in the canteens' unit tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "accounts/accounts.h"
#include "facilities/facilities.h"
#include "facilities/facility_store.h"
#include "store/test_util.h"

namespace warmcity::canteens {

class CanteenWorld : public ::testing::Test {
 protected:
  // Opens `file` in the scratch directory with `extra` after the ground's migrations.
  void open(const char* file, std::vector<store::Migration> extra) {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : facilities::migrations()) all.push_back(std::move(m));
    for (auto& m : extra) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file(file)}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->write([](store::Connection& c) {
                     return c.exec(
                         "INSERT INTO organisations (id, kind, name, created_at) VALUES "
                         "(7, 'keeper', '生态园食堂', 0), (8, 'keeper', '交通路食堂', 0)");
                   })
                    .ok());
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  // A facility of `kind` kept by organisation `org`: its id (0 and a failure when refused).
  int64_t add(facilities::Kind kind, const char* name, int64_t org) {
    facilities::Facility f;
    f.kind = kind;
    f.name = name;
    f.address = "离石区";
    f.lat = 37.52;
    f.lon = 111.14;
    f.keeper_org_id = org;
    Status s = db_->write([&f](store::Connection& c) { return facilities::insert_facility(c, f); });
    EXPECT_TRUE(s.ok()) << s.message();
    return f.id;
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace warmcity::canteens
