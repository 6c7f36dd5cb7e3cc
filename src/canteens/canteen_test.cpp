// Who works at which canteen (canteen.h): a keeper of its organisation and
// admins; a cashier of another canteen, a worker or a resident is refused;
// a facility of another kind is no canteen.
#include "canteens/canteen.h"

#include <gtest/gtest.h>

#include "accounts/accounts.h"
#include "canteens/canteen_test_world.h"
#include "facilities/facilities.h"
#include "facilities/facility_store.h"

namespace warmcity::canteens {
namespace {

class CanteenTest : public CanteenWorld {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(open("canteens.db", {}));
    canteen_ = add(facilities::Kind::kCanteen, "生态园长者食堂", 7);
    other_ = add(facilities::Kind::kCanteen, "交通路长者食堂", 8);
    toilet_ = add(facilities::Kind::kToilet, "凤山公厕", 7);
  }

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
