// Who works at which canteen (canteen.h): a keeper of its organisation and
// admins; a cashier of another canteen, a worker or a resident is refused;
// a facility of another kind is no canteen.
#include "canteens/canteen.h"

#include <gtest/gtest.h>

#include "accounts/accounts.h"
#include "facilities/facilities.h"
#include "facilities/facility_store.h"
#include "store/test_util.h"

namespace warmcity::canteens {
namespace {

class CanteenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : facilities::migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("canteens.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->write([](store::Connection& c) {
                     return c.exec(
                         "INSERT INTO organisations (id, kind, name, created_at) VALUES "
                         "(7, 'keeper', '生态园食堂', 0), (8, 'keeper', '交通路食堂', 0)");
                   })
                    .ok());
    canteen_ = add(facilities::Kind::kCanteen, "生态园长者食堂", 7);
    other_ = add(facilities::Kind::kCanteen, "交通路长者食堂", 8);
    toilet_ = add(facilities::Kind::kToilet, "凤山公厕", 7);
  }
  void TearDown() override { db_->stop(); }

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
  int64_t canteen_ = 0, other_ = 0, toilet_ = 0;
};

Caller keeper_of(int64_t org) { return Caller{5, "keeper", {org}, "127.0.0.1"}; }

TEST_F(CanteenTest, FindsACanteenAndNothingElse) {
  Result<Canteen> c = find_canteen(db_->reader(), canteen_);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->name, "生态园长者食堂");
  EXPECT_EQ(c->keeper_org_id, 7);
  EXPECT_EQ(find_canteen(db_->reader(), toilet_).status().code(), Code::kNotFound);
  EXPECT_EQ(find_canteen(db_->reader(), 999999).status().code(), Code::kNotFound);
}

TEST_F(CanteenTest, OnlyItsKeepersAndAdminsWorkThere) {
  Result<Canteen> c = find_canteen(db_->reader(), canteen_);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(works_at(*c, keeper_of(7)));
  EXPECT_TRUE(works_at(*c, Caller{1, "admin", {}, ""}));
  EXPECT_FALSE(works_at(*c, keeper_of(8)));                  // the other canteen's cashier
  EXPECT_FALSE(works_at(*c, Caller{6, "worker", {7}, ""}));  // a member, but not a keeper
  EXPECT_FALSE(works_at(*c, Caller{9, "resident", {}, ""}));
  EXPECT_FALSE(works_at(*c, Caller{}));
}

TEST_F(CanteenTest, StaffLookupSaysWhy) {
  EXPECT_TRUE(canteen_for_staff(db_->reader(), other_, keeper_of(8)).ok());
  EXPECT_EQ(canteen_for_staff(db_->reader(), other_, keeper_of(7)).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(canteen_for_staff(db_->reader(), toilet_, keeper_of(7)).status().code(),
            Code::kNotFound);
}

}  // namespace
}  // namespace warmcity::canteens
