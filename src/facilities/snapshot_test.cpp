#include "facilities/snapshot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/geo.h"
#include "core/time.h"
#include "facilities/live_index.h"

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

std::vector<int64_t> ids(const std::vector<Hit>& hits) {
  std::vector<int64_t> out;
  for (const Hit& h : hits) out.push_back(h.id);
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
  EXPECT_EQ(ids(hits), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_NEAR(hits[0].distance_m, 100, 0.5);
  EXPECT_EQ(hits[0].state, core::State::kUnknown);
  EXPECT_FALSE(hits[0].next_change);
}

TEST_F(SnapshotTest, LimitAndRadius) {
  auto s = Snapshot::build({station(1, 100, "{}", nullptr), station(2, 400, "{}", nullptr),
                            station(3, 3100, "{}", nullptr)});
  NearbyQuery q = query();
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{1, 2}));  // 3000 m default
  q.radius_m = 399;
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{1}));
  q.radius_m = 5000;
  q.limit = 2;
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{1, 2}));
}

TEST_F(SnapshotTest, KindAndAmenityFilters) {
  auto s = Snapshot::build({station(1, 100, "{}", nullptr, Kind::kToilet),
                            station(2, 200, R"({"hot_water":true})", nullptr),
                            station(3, 300, R"({"heating":true,"hot_water":true})", nullptr)});
  NearbyQuery q = query();
  q.kind = Kind::kLoveStation;
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{2, 3}));
  q.required_flags =
      *amenity_flag(Kind::kLoveStation, "heating") | *amenity_flag(Kind::kLoveStation, "hot_water");
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{3}));
}

TEST_F(SnapshotTest, OpenAtTimeIncludingOvernightRanges) {
  auto s =
      Snapshot::build({station(1, 100, "{}", "Mo-Su 08:00-18:00"),
                       station(2, 200, "{}", "Mo-Su 20:00-02:00"), station(3, 300, "{}", "24/7")});
  NearbyQuery q = query();
  q.open_only = true;
  std::vector<Hit> hits = s->nearby(q, calendar_);
  EXPECT_EQ(ids(hits), (std::vector<int64_t>{2, 3}));
  ASSERT_TRUE(hits[0].next_change);
  EXPECT_EQ(core::format_rfc3339(*hits[0].next_change), "2026-01-15T02:00:00+08:00");
  q.at = at("2026-01-15T01:30:00+08:00");  // after midnight, still inside 20:00-02:00
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{2, 3}));
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
  // A calendar that knows 2026 without that holiday: an ordinary Thursday.
  auto ordinary = core::Calendar::parse("year 2026\n");
  ASSERT_TRUE(ordinary.ok());
  EXPECT_EQ(s->nearby(q, *ordinary).size(), 1u);
  // A calendar that does not know 2026 cannot say: not counted as open.
  EXPECT_TRUE(s->nearby(q, calendar_).empty());
}

// Hours states are remembered per thread for a layer, a calendar and an
// instant (snapshot.cpp): a new layer or calendar at the same instant must
// not see the old answers, even where it reuses the old one's memory.
TEST_F(SnapshotTest, RememberedStatesBelongToTheirLayerAndCalendar) {
  NearbyQuery q = query();
  q.open_only = true;
  {
    auto open = Snapshot::build({station(1, 100, "{}", "24/7")});
    EXPECT_EQ(open->nearby(q, calendar_).size(), 1u);
  }
  auto closed = Snapshot::build({station(1, 100, "{}", "off")});
  EXPECT_TRUE(closed->nearby(q, calendar_).empty());
  core::Calendar copy = calendar_;
  EXPECT_EQ(copy.serial(), calendar_.serial());
  EXPECT_NE(core::Calendar().serial(), calendar_.serial());
}

TEST_F(SnapshotTest, WithReplacesOrRemovesOneFacility) {
  auto s = Snapshot::build({station(1, 100, "{}", nullptr), station(2, 200, "{}", nullptr)});
  auto moved = s->with(1, station(1, 300, "{}", nullptr));
  EXPECT_EQ(ids(moved->nearby(query(), calendar_)), (std::vector<int64_t>{2, 1}));
  auto removed = moved->with(2, std::nullopt);
  EXPECT_EQ(ids(removed->nearby(query(), calendar_)), (std::vector<int64_t>{1}));
  EXPECT_EQ(s->size(), 2u);  // the old snapshot is unchanged
  EXPECT_TRUE(Snapshot::build({})->nearby(query(), calendar_).empty());
}

TEST_F(SnapshotTest, OverlayAddsReplacesAndRemovesAndFoldingKeepsTheAnswer) {
  std::vector<Entry> base;
  for (int64_t id = 1; id <= 20; ++id) base.push_back(station(id, 100.0 * id, "{}", nullptr));
  auto s = Snapshot::build(std::move(base));
  NearbyQuery q = query();
  q.limit = 50;
  auto changed = s->with(21, station(21, 150, "{}", nullptr))    // created
                     ->with(2, station(2, 2500, "{}", nullptr))  // moved away
                     ->with(5, std::nullopt)                     // suspended or gone
                     ->with(21, station(21, 50, "{}", nullptr))  // changed again
                     ->with(99, std::nullopt);                   // never indexed
  EXPECT_EQ(changed->overlay_size(), 3u);
  EXPECT_EQ(changed->size(), 20u);
  const std::vector<int64_t> expected = {21, 1,  3,  4,  6,  7,  8,  9,  10, 11,
                                         12, 13, 14, 15, 16, 17, 18, 19, 20, 2};
  EXPECT_EQ(ids(changed->nearby(q, calendar_)), expected);
  auto folded = changed->folded();
  EXPECT_EQ(folded->overlay_size(), 0u);
  EXPECT_EQ(folded->changes(), changed->changes());
  EXPECT_EQ(ids(folded->nearby(q, calendar_)), expected);
  // Changes made while a fold ran are laid over the folded base.
  auto later = changed->with(3, std::nullopt)->with(22, station(22, 10, "{}", nullptr));
  auto rebased = later->rebased_onto(*folded, changed->changes());
  EXPECT_EQ(rebased->overlay_size(), 2u);
  std::vector<int64_t> now = ids(later->nearby(q, calendar_));
  EXPECT_EQ(ids(rebased->nearby(q, calendar_)), now);
  EXPECT_EQ(now.front(), 22);
  EXPECT_EQ(std::count(now.begin(), now.end(), 3), 0);
}

TEST_F(SnapshotTest, WithoutAKindTheTreesOfAllKindsMergeNearestFirst) {
  const Kind kinds[] = {Kind::kToilet, Kind::kLoveStation, Kind::kParking, Kind::kVenue};
  std::vector<Entry> entries;
  std::vector<int64_t> expected;
  for (int64_t id = 1; id <= 90; ++id) {
    // Toilets near, then every kind interleaved: more than one first batch.
    const Kind kind = id <= 30 ? Kind::kToilet : kinds[id % 4];
    const char* amenities = kind == Kind::kParking ? R"({"capacity":10})" : "{}";
    entries.push_back(station(id, 7.0 * id, amenities, nullptr, kind));
    expected.push_back(id);
  }
  auto s = Snapshot::build(std::move(entries));
  NearbyQuery q = query();
  q.limit = 50;
  std::vector<int64_t> first50(expected.begin(), expected.begin() + 50);
  EXPECT_EQ(ids(s->nearby(q, calendar_)), first50);
  q.kind = Kind::kParking;
  std::vector<Hit> lots = s->nearby(q, calendar_);
  ASSERT_EQ(lots.size(), 15u);
  EXPECT_EQ(lots[0].id, 34);
  EXPECT_EQ(lots[14].id, 90);
}

TEST_F(SnapshotTest, ASuspensionEndsByItselfAndIsJudgedAtTheAskedTime) {
  Entry suspended = station(1, 100, "{}", "24/7");
  suspended.suspended_until = at("2026-01-15T08:00:00+08:00");
  auto s = Snapshot::build({std::move(suspended), station(2, 200, "{}", "24/7")});
  NearbyQuery q = query();  // 2026-01-14 22:00
  q.open_only = true;
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{2}));
  q.at = at("2026-01-15T07:59:59+08:00");
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{2}));
  q.at = at("2026-01-15T08:00:00+08:00");  // offered again, nobody edited it
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{1, 2}));
  q.open_only = false;
  q.at = at("2026-01-14T22:00:00+08:00");
  EXPECT_EQ(ids(s->nearby(q, calendar_)), (std::vector<int64_t>{2}));
}

TEST_F(SnapshotTest, RowsKeepEscapedTextAndSharedHours) {
  Entry quoted = station(1, 100, R"({"heating":true})", "Mo-Su 08:00-18:00");
  quoted.name = "老\"城\" 驿站";
  quoted.address = "line\nbreak";
  auto s = Snapshot::build({std::move(quoted), station(2, 200, "{}", "Mo-Su 08:00-18:00")});
  std::vector<Hit> hits = s->nearby(query(), calendar_);
  ASSERT_EQ(hits.size(), 2u);
  const Layer& l = *hits[0].layer;
  EXPECT_EQ(l.name_json(hits[0].row), "老\\\"城\\\" 驿站");
  EXPECT_EQ(l.address_json(hits[0].row), "line\\nbreak");
  EXPECT_EQ(l.amenities_json(hits[0].row).substr(0, 41),
            R"({"drinking_water":false,"hot_water":false)");
  EXPECT_EQ(l.hours(hits[0].row), hits[1].layer->hours(hits[1].row));  // one program
}

TEST_F(SnapshotTest, ReadersDuringSwapsAndFoldsSeeWholeSnapshots) {
  std::vector<Entry> base;
  for (int64_t id = 1; id <= 200; ++id) base.push_back(station(id, 10.0 * id, "{}", nullptr));
  LiveIndex index(Snapshot::build(std::move(base)), /*fold_at=*/16);
  std::atomic<bool> stop = false;
  std::atomic<int> bad = 0;
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      NearbyQuery q = query();
      q.limit = 50;
      while (!stop) {
        std::shared_ptr<const Snapshot> s = index.current();
        std::vector<int64_t> got = ids(s->nearby(q, calendar_));
        // Every facility is in the index, at one place: 50 distinct ids.
        std::sort(got.begin(), got.end());
        if (got.size() != 50 || std::adjacent_find(got.begin(), got.end()) != got.end()) ++bad;
      }
    });
  }
  for (int round = 0; round < 400; ++round) {
    const int64_t id = 1 + round % 200;
    index.put(id, station(id, 10.0 * id + (round % 2 ? 1 : -1), "{}", nullptr));
  }
  index.put(7, std::nullopt);
  index.wait_for_fold();
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(bad, 0);
  EXPECT_LT(index.current()->overlay_size(), 400u);  // folded at least once
  EXPECT_EQ(index.current()->size(), 199u);
  NearbyQuery q = query();
  q.limit = 3;
  EXPECT_EQ(ids(index.current()->nearby(q, calendar_)), (std::vector<int64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace warmcity::facilities
