#include "facilities/occupancy.h"

#include <gtest/gtest.h>

#include "facilities/service_test_fixture.h"

namespace warmcity::facilities {
namespace {

Facility lot(int64_t capacity) {
  Facility f;
  f.kind = Kind::kParking;
  f.name = "区政府停车场";
  f.address = "龙凤大街 1 号";
  f.lat = 37.52;
  f.lon = 111.14;
  f.keeper_org_id = 7;
  f.amenities_json = "{\"capacity\":" + std::to_string(capacity) + "}";
  return f;
}

TEST(FreeSpaces, FreshForFifteenMinutesThenUnknownButStillDated) {
  const Occupancy report{1, 12, 1000, 2};
  FreeSpaces none = free_spaces_at(std::nullopt, 5000);
  EXPECT_FALSE(none.free_spaces || none.at || none.age_s);

  FreeSpaces now = free_spaces_at(report, 1000);
  EXPECT_EQ(now.free_spaces, 12);
  EXPECT_EQ(now.at, 1000);
  EXPECT_EQ(now.age_s, 0);

  FreeSpaces edge = free_spaces_at(report, 1000 + kFreeSpacesFreshFor);
  EXPECT_EQ(edge.free_spaces, 12);
  EXPECT_EQ(edge.age_s, 900);

  FreeSpaces stale = free_spaces_at(report, 1000 + kFreeSpacesFreshFor + 1);
  EXPECT_FALSE(stale.free_spaces);
  EXPECT_EQ(stale.at, 1000);
  EXPECT_EQ(stale.age_s, 901);

  FreeSpaces skewed = free_spaces_at(report, 990);  // clock went back
  EXPECT_EQ(skewed.free_spaces, 12);
  EXPECT_EQ(skewed.age_s, 0);
}

TEST(FreeSpaces, CheckedAgainstTheLotsCapacity) {
  EXPECT_TRUE(check_free_spaces(lot(40), 0).ok());
  EXPECT_TRUE(check_free_spaces(lot(40), 40).ok());
  Status over = check_free_spaces(lot(40), 41);
  ASSERT_EQ(over.code(), Code::kUnprocessable);
  EXPECT_EQ(over.field_errors().at(0).field, "free_spaces");
  EXPECT_EQ(check_free_spaces(lot(40), -1).code(), Code::kUnprocessable);
  Facility station = lot(40);
  station.kind = Kind::kLoveStation;
  station.amenities_json = "{}";
  EXPECT_EQ(check_free_spaces(station, 1).code(), Code::kConflict);
}

TEST(FreeSpaces, BoardKeepsTheLatestPerLot) {
  OccupancyBoard board({{1, 5, 100, 2}, {2, 7, 100, 2}});
  board.set({1, 6, 200, 3});
  ASSERT_TRUE(board.get(1));
  EXPECT_EQ(board.get(1)->free_spaces, 6);
  EXPECT_EQ(board.get(2)->free_spaces, 7);
  EXPECT_FALSE(board.get(3));
}

class OccupancyServiceTest : public ServiceTest {
 protected:
  Result<Occupancy> report(int64_t id, int64_t free_spaces, const Editor& by) {
    std::promise<Result<Occupancy>> done;
    service_->report_free_spaces(id, free_spaces, by,
                                 [&done](Result<Occupancy> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }
};

TEST_F(OccupancyServiceTest, KeeperReportsAreDurableUnauditedAndReachTheBoard) {
  const int64_t id = create(lot(40));
  Result<Occupancy> r = report(id, 12, keeper_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->reported_by, 2);
  EXPECT_GT(r->reported_at, 0);
  ASSERT_TRUE(service_->occupancy().get(id));
  EXPECT_EQ(service_->occupancy().get(id)->free_spaces, 12);
  EXPECT_TRUE(report(id, 9, admin_).ok());
  EXPECT_EQ(
      store::testing_util::query_int(db_->reader(), "SELECT COUNT(*) FROM facility_occupancy"), 1);
  EXPECT_EQ(store::testing_util::query_int(
                db_->reader(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'facility.%'"),
            1);  // the create only
  reopen();
  ASSERT_TRUE(service_->occupancy().get(id));
  EXPECT_EQ(service_->occupancy().get(id)->free_spaces, 9);
}

TEST_F(OccupancyServiceTest, RefusedReportsChangeNothing) {
  const int64_t id = create(lot(40));
  EXPECT_EQ(report(id, 5, other_keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(report(id, 41, keeper_).status().code(), Code::kUnprocessable);
  EXPECT_EQ(report(999, 1, admin_).status().code(), Code::kNotFound);
  Facility station = lot(1);
  station.kind = Kind::kToilet;
  station.amenities_json =
      "{\"wheelchair\":false,\"baby_change\":false,\"sections\":\"men_women\"}";
  EXPECT_EQ(report(create(station), 1, admin_).status().code(), Code::kConflict);
  EXPECT_FALSE(service_->occupancy().get(id));
}

}  // namespace
}  // namespace warmcity::facilities
