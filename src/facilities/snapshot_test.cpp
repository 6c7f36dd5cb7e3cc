#include "facilities/snapshot.h"

#include <gtest/gtest.h>

#include "core/geo.h"
#include "core/time.h"

namespace warmcity::facilities {
namespace {

// A point `metres` east of the district centre.
core::LatLon east(double metres) {
  return core::LocalProjection(kCentreLat, kCentreLon).to_latlon(metres, 0);
}

Entry station(int64_t id, double metres, std::string_view amenities, const char* hours,
              Kind kind = Kind::kLoveStation) {
  core::LatLon p = east(metres);
  Entry e;
  e.id = id;
  e.kind = kind;
  e.name = "station " + std::to_string(id);
  e.lat = p.lat;
  e.lon = p.lon;
  e.amenities = *amenities_from_text(kind, amenities);
  if (hours) e.hours = *core::OpeningHours::parse(hours);
  return e;
}

int64_t at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }

std::vector<int64_t> ids(const Snapshot& s, const std::vector<Hit>& hits) {
  std::vector<int64_t> out;
  for (const Hit& h : hits) out.push_back(s.id(h.index));
  return out;
}

class SnapshotTest : public ::testing::Test {
 protected:
  NearbyQuery query() {
    NearbyQuery q;
    q.lat = kCentreLat;
    q.lon = kCentreLon;
    q.at = at("2026-01-14T22:00:00+08:00");  // a Wednesday night in winter
    return q;
  }
  core::Calendar calendar_;
};

TEST_F(SnapshotTest, NearestFirstWithDistances) {
  auto s = Snapshot::build({station(3, 900, "{}", nullptr), station(1, 100, "{}", nullptr),
                            station(2, 400, "{}", nullptr)});
  std::vector<Hit> hits = s->nearby(query(), calendar_);
  EXPECT_EQ(ids(*s, hits), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_NEAR(hits[0].distance_m, 100, 0.5);
  EXPECT_EQ(hits[0].state, core::State::kUnknown);
  EXPECT_FALSE(hits[0].next_change);
}

TEST_F(SnapshotTest, LimitAndRadius) {
  auto s = Snapshot::build({station(1, 100, "{}", nullptr), station(2, 400, "{}", nullptr),
                            station(3, 3100, "{}", nullptr)});
  NearbyQuery q = query();
  EXPECT_EQ(ids(*s, s->nearby(q, calendar_)), (std::vector<int64_t>{1, 2}));  // 3000 m default
  q.radius_m = 399;
  EXPECT_EQ(ids(*s, s->nearby(q, calendar_)), (std::vector<int64_t>{1}));
  q.radius_m = 5000;
  q.limit = 2;
  EXPECT_EQ(ids(*s, s->nearby(q, calendar_)), (std::vector<int64_t>{1, 2}));
}

TEST_F(SnapshotTest, KindAndAmenityFilters) {
  auto s = Snapshot::build({station(1, 100, "{}", nullptr, Kind::kToilet),
                            station(2, 200, R"({"hot_water":true})", nullptr),
                            station(3, 300, R"({"heating":true,"hot_water":true})", nullptr)});
  NearbyQuery q = query();
  q.kind = Kind::kLoveStation;
  EXPECT_EQ(ids(*s, s->nearby(q, calendar_)), (std::vector<int64_t>{2, 3}));
  q.required_flags =
      *amenity_flag(Kind::kLoveStation, "heating") | *amenity_flag(Kind::kLoveStation, "hot_water");
  EXPECT_EQ(ids(*s, s->nearby(q, calendar_)), (std::vector<int64_t>{3}));
}

TEST_F(SnapshotTest, OpenAtTimeIncludingOvernightRanges) {
  auto s =
      Snapshot::build({station(1, 100, "{}", "Mo-Su 08:00-18:00"),
                       station(2, 200, "{}", "Mo-Su 20:00-02:00"), station(3, 300, "{}", "24/7")});
  NearbyQuery q = query();
  q.open_only = true;
  std::vector<Hit> hits = s->nearby(q, calendar_);
  EXPECT_EQ(ids(*s, hits), (std::vector<int64_t>{2, 3}));
  ASSERT_TRUE(hits[0].next_change);
  EXPECT_EQ(core::format_rfc3339(*hits[0].next_change), "2026-01-15T02:00:00+08:00");
  q.at = at("2026-01-15T01:30:00+08:00");  // after midnight, still inside 20:00-02:00
  EXPECT_EQ(ids(*s, s->nearby(q, calendar_)), (std::vector<int64_t>{2, 3}));
  q.open_only = false;
  hits = s->nearby(q, calendar_);
  EXPECT_EQ(hits[0].state, core::State::kClosed);
  EXPECT_EQ(core::format_rfc3339(*hits[0].next_change), "2026-01-15T08:00:00+08:00");
}

TEST_F(SnapshotTest, PublicHolidayFromTheOfficialCalendar) {
  auto holiday = core::Calendar::parse("year 2026\n2026-10-01 holiday 国庆节\n");
  ASSERT_TRUE(holiday.ok()) << holiday.status().message();
  auto s = Snapshot::build({station(1, 100, "{}", "Mo-Fr 09:00-17:00; PH off")});
  NearbyQuery q = query();
  q.open_only = true;
  q.at = at("2026-10-01T10:00:00+08:00");  // a Thursday, but 国庆节
  EXPECT_TRUE(s->nearby(q, *holiday).empty());
  EXPECT_EQ(s->nearby(q, calendar_).size(), 1u);  // without the calendar: a Thursday
}

TEST_F(SnapshotTest, WithReplacesOrRemovesOneFacility) {
  auto s = Snapshot::build({station(1, 100, "{}", nullptr), station(2, 200, "{}", nullptr)});
  auto moved = s->with(1, station(1, 300, "{}", nullptr));
  EXPECT_EQ(ids(*moved, moved->nearby(query(), calendar_)), (std::vector<int64_t>{2, 1}));
  auto removed = moved->with(2, std::nullopt);
  EXPECT_EQ(ids(*removed, removed->nearby(query(), calendar_)), (std::vector<int64_t>{1}));
  EXPECT_EQ(s->size(), 2u);  // the old snapshot is unchanged
  EXPECT_TRUE(Snapshot::build({})->nearby(query(), calendar_).empty());
}

}  // namespace
}  // namespace warmcity::facilities
