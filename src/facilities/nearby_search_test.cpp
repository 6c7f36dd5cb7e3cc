#include "facilities/nearby_search.h"

#include <gtest/gtest.h>

#include "core/geo.h"
#include "core/time.h"

namespace warmcity::facilities {
namespace {

// Kind `kind` `metres` east of the district centre.
Entry place(int64_t id, Kind kind, double metres, std::string_view amenities, const char* hours) {
  core::LatLon p = core::LocalProjection(kCentreLat, kCentreLon).to_latlon(metres, 0);
  Entry e;
  e.id = id;
  e.kind = kind;
  e.name = "place " + std::to_string(id);
  e.lat = p.lat;
  e.lon = p.lon;
  e.amenities = *amenities_from_text(kind, amenities);
  if (hours) e.hours = *core::OpeningHours::parse(hours);
  return e;
}

std::vector<int64_t> ids(const std::vector<Hit>& hits) {
  std::vector<int64_t> out;
  for (const Hit& h : hits) out.push_back(h.id);
  return out;
}

constexpr Kind kToilet = Kind::kToilet;
constexpr Kind kStation = Kind::kLoveStation;

class NearbySearchTest : public ::testing::Test {
 protected:
  // 06:30 on a Wednesday in winter: the day toilets (06:00-22:00 below) are
  // open, the late ones (08:00-) not yet.
  NearbySearch search(std::vector<KindFilter> kinds, bool open_only = false) {
    NearbySearch s;
    s.query.lat = kCentreLat;
    s.query.lon = kCentreLon;
    s.query.at = *core::parse_rfc3339("2026-01-14T06:30:00+08:00");
    s.query.open_only = open_only;
    s.kinds = std::move(kinds);
    return s;
  }
  uint32_t flag(Kind kind, std::string_view name) { return *amenity_flag(kind, name); }
  core::Calendar calendar_;
};

TEST_F(NearbySearchTest, SeveralKindsMergedNearestFirstWithinTheLimit) {
  auto snap = Snapshot::build({
      place(1, kToilet, 100, "{}", nullptr),
      place(2, kStation, 150, "{}", nullptr),
      place(3, kToilet, 300, "{}", nullptr),
      place(4, Kind::kParking, 50, R"({"capacity":10})", nullptr),
      place(5, kStation, 250, "{}", nullptr),
  });
  EXPECT_EQ(ids(search_nearby(*snap, search({{kToilet, 0}, {kStation, 0}}), calendar_)),
            (std::vector<int64_t>{1, 2, 5, 3}));
  NearbySearch three = search({{kStation, 0}, {kToilet, 0}});
  three.query.limit = 3;
  EXPECT_EQ(ids(search_nearby(*snap, three, calendar_)), (std::vector<int64_t>{1, 2, 5}));
  EXPECT_EQ(ids(search_nearby(*snap, search({}), calendar_)),
            (std::vector<int64_t>{4, 1, 2, 5, 3}));
  EXPECT_EQ(ids(search_nearby(*snap, search({{kToilet, 0}}), calendar_)),
            (std::vector<int64_t>{1, 3}));
}

TEST_F(NearbySearchTest, EachKindKeepsItsOwnAmenityBits) {
  auto snap = Snapshot::build({
      place(1, kToilet, 100, "{}", nullptr),
      place(2, kToilet, 200, R"({"wheelchair":true})", nullptr),
      place(3, kStation, 150, "{}", nullptr),
      place(4, kStation, 250, R"({"toilet":true})", nullptr),
  });
  NearbySearch s = search({{kToilet, flag(kToilet, "wheelchair")}, {kStation, 0}});
  EXPECT_EQ(ids(search_nearby(*snap, s, calendar_)), (std::vector<int64_t>{3, 2, 4}));
  s.kinds[1].required_flags = flag(kStation, "toilet");
  EXPECT_EQ(ids(search_nearby(*snap, s, calendar_)), (std::vector<int64_t>{2, 4}));
}

TEST_F(NearbySearchTest, NoneOpenSaysWhenTheNearestOpensAndOffersAStationWithAToilet) {
  auto snap = Snapshot::build({
      place(1, kToilet, 100, "{}", "Mo-Su 08:00-22:00"),  // the nearest: opens at 08:00
      place(2, kToilet, 200, "{}", "Mo-Su 07:00-22:00"),
      place(3, kToilet, 50, "{}", nullptr),                                // hours unknown
      place(4, kStation, 150, R"({"hot_water":true})", "24/7"),            // no toilet
      place(5, kStation, 400, R"({"toilet":true})", "24/7"),               // serves
      place(6, kStation, 300, R"({"toilet":true})", "Mo-Su 09:00-17:00"),  // closed now
      place(7, kStation, 5000, R"({"toilet":true})", "24/7"),              // beyond 3 km
  });
  NearbySearch s = search({{kToilet, 0}}, true);
  ASSERT_TRUE(search_nearby(*snap, s, calendar_).empty());
  NoneOpen none = when_none_open(*snap, s, calendar_);
  ASSERT_TRUE(none.next_open);
  EXPECT_EQ(none.next_open->id, 1);
  EXPECT_EQ(none.next_open->state, core::State::kClosed);
  EXPECT_EQ(core::format_rfc3339(*none.next_open->next_change), "2026-01-14T08:00:00+08:00");
  ASSERT_EQ(none.instead.size(), 1u);
  EXPECT_EQ(none.instead[0].hit.id, 5);
  EXPECT_EQ(none.instead[0].offers, "toilet");
  EXPECT_EQ(none.instead[0].hit.state, core::State::kOpen);
}

TEST_F(NearbySearchTest, InsteadIsBoundedAndNearestFirst) {
  std::vector<Entry> entries;
  for (int i = 0; i < 5; ++i) {
    entries.push_back(place(10 + i, kStation, 900 - 100.0 * i, R"({"toilet":true})", "24/7"));
  }
  auto snap = Snapshot::build(std::move(entries));
  NoneOpen none = when_none_open(*snap, search({{kToilet, 0}}, true), calendar_);
  EXPECT_FALSE(none.next_open);  // no toilet at all
  ASSERT_EQ(none.instead.size(), kMaxInstead);
  EXPECT_EQ(none.instead[0].hit.id, 14);
  EXPECT_EQ(none.instead[1].hit.id, 13);
  EXPECT_EQ(none.instead[2].hit.id, 12);
}

TEST_F(NearbySearchTest, NoSubstituteWhenItsKindWasAskedOrTheAskedKindHasAnAmenityFilter) {
  auto snap = Snapshot::build({
      place(1, kToilet, 100, R"({"baby_change":true})", "Mo-Su 08:00-22:00"),
      place(2, kStation, 400, R"({"toilet":true})", "Mo-Su 09:00-17:00"),
      place(3, kStation, 500, R"({"toilet":true})", "24/7"),
  });
  // Asked for both kinds: the station found open would have been an item.
  NearbySearch both = search({{kToilet, 0}, {kStation, flag(kStation, "heating")}}, true);
  ASSERT_TRUE(search_nearby(*snap, both, calendar_).empty());
  NoneOpen none = when_none_open(*snap, both, calendar_);
  EXPECT_TRUE(none.instead.empty());
  ASSERT_TRUE(none.next_open);
  EXPECT_EQ(none.next_open->id, 1);
  // A baby change table: a station's toilet is not known to have one.
  NearbySearch baby = search({{kToilet, flag(kToilet, "baby_change")}}, true);
  EXPECT_TRUE(when_none_open(*snap, baby, calendar_).instead.empty());
  // Every kind asked: nothing else to offer; the nearest that opens still is.
  auto toilets = Snapshot::build({place(1, kToilet, 100, "{}", "Mo-Su 08:00-22:00")});
  NoneOpen any = when_none_open(*toilets, search({}, true), calendar_);
  EXPECT_TRUE(any.instead.empty());
  ASSERT_TRUE(any.next_open);
  EXPECT_EQ(any.next_open->id, 1);
}

TEST_F(NearbySearchTest, NextOpenLooksAtTheAskedRadiusOnly) {
  auto snap = Snapshot::build({place(1, kToilet, 2000, "{}", "Mo-Su 08:00-22:00")});
  NearbySearch s = search({{kToilet, 0}}, true);
  s.query.radius_m = 1000;
  EXPECT_FALSE(when_none_open(*snap, s, calendar_).next_open);
  s.query.radius_m = 3000;
  EXPECT_EQ(when_none_open(*snap, s, calendar_).next_open->id, 1);
}

}  // namespace
}  // namespace warmcity::facilities
