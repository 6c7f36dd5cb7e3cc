#include "areas/snapshot.h"

#include <gtest/gtest.h>

#include "areas/test_shapes.h"

namespace warmcity::areas {
namespace {

using nlohmann::json;
using testing_util::square;
using testing_util::square_ring;

Geometry geometry(const json& g) {
  Result<Geometry> r = read_geometry(g, "boundary");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Geometry{};
}

AreaShape shape(int64_t id, Level level, std::optional<int64_t> parent, std::string name,
                const json& g) {
  return AreaShape{id, level, parent, std::move(name), geometry(g)};
}

int64_t id_or_0(const std::optional<AreaRef>& r) { return r ? r->id : 0; }

TEST(Snapshot, APointInAHoleIsOutside) {
  json ring_with_hole = {
      {"type", "Polygon"},
      {"coordinates", json::array({square_ring(0, 0, 10, 10), square_ring(4, 4, 6, 6)})}};
  auto snap = Snapshot::build({shape(1, Level::kSubdistrict, {}, "滨河", ring_with_hole)});
  EXPECT_EQ(id_or_0(snap->locate(2, 2).subdistrict), 1);
  EXPECT_EQ(snap->locate(2, 2).subdistrict->name, "滨河");
  EXPECT_FALSE(snap->locate(5, 5).subdistrict);             // in the hole
  EXPECT_FALSE(snap->locate(11, 5).subdistrict);            // outside
  EXPECT_EQ(id_or_0(snap->locate(0, 5).subdistrict), 1);    // on the outer edge (lat 0)
  EXPECT_EQ(id_or_0(snap->locate(4, 5).subdistrict), 1);    // on the hole's edge
  EXPECT_EQ(id_or_0(snap->locate(10, 10).subdistrict), 1);  // a corner
}

TEST(Snapshot, FindsEitherPartOfAMultiPolygon) {
  json multi = {{"type", "MultiPolygon"},
                {"coordinates", json::array({json::array({square_ring(0, 0, 1, 1)}),
                                             json::array({square_ring(5, 5, 6, 6)})})}};
  auto snap = Snapshot::build({shape(7, Level::kCommunity, 1, "高家沟", multi)});
  EXPECT_EQ(id_or_0(snap->locate(0.5, 0.5).community), 7);
  EXPECT_EQ(id_or_0(snap->locate(5.5, 5.5).community), 7);
  EXPECT_FALSE(snap->locate(3, 3).community);
}

TEST(Snapshot, AcceptsClockwiseRings) {
  json cw = {{"type", "Polygon"}, {"coordinates", {{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}}};
  auto snap = Snapshot::build({shape(3, Level::kSubdistrict, {}, "凤山", cw)});
  EXPECT_EQ(id_or_0(snap->locate(0.5, 0.5).subdistrict), 3);
}

class NestedSnapshot : public ::testing::Test {
 protected:
  std::shared_ptr<const Snapshot> snap = Snapshot::build({
      shape(1, Level::kSubdistrict, {}, "滨河", square(0, 0, 10, 10)),
      shape(2, Level::kCommunity, 1, "生态园", square(0, 0, 5, 5)),
      shape(3, Level::kGrid, 2, "生态园一网格", square(0, 0, 2, 2)),
      shape(4, Level::kSubdistrict, {}, "凤山", square(20, 0, 30, 10)),
  });
};

TEST_F(NestedSnapshot, FillsTheInnermostLevelsFoundAndTheirParents) {
  Location all = snap->locate(1, 1);
  EXPECT_EQ(id_or_0(all.grid), 3);
  EXPECT_EQ(id_or_0(all.community), 2);
  EXPECT_EQ(id_or_0(all.subdistrict), 1);

  Location no_grid = snap->locate(4, 4);
  EXPECT_FALSE(no_grid.grid);
  EXPECT_EQ(id_or_0(no_grid.community), 2);
  EXPECT_EQ(id_or_0(no_grid.subdistrict), 1);

  Location only_sub = snap->locate(5, 25);
  EXPECT_FALSE(only_sub.community);
  EXPECT_EQ(id_or_0(only_sub.subdistrict), 4);

  Location none = snap->locate(50, 50);
  EXPECT_FALSE(none.subdistrict || none.community || none.grid);
  EXPECT_EQ(snap->size(), 4u);
}

TEST_F(NestedSnapshot, ChangedReplacesRenamesAndRemoves) {
  // Grid 3 moves to (3..4); community 2 is renamed without a new geometry.
  auto next = snap->changed({shape(3, Level::kGrid, 2, "一网格", square(3, 3, 4, 4)),
                             AreaShape{2, Level::kCommunity, 1, "生态园社区", std::nullopt}},
                            {4});
  EXPECT_FALSE(next->locate(1, 1).grid);
  EXPECT_EQ(id_or_0(next->locate(3.5, 3.5).grid), 3);
  EXPECT_EQ(next->locate(3.5, 3.5).community->name, "生态园社区");
  EXPECT_FALSE(next->locate(5, 25).subdistrict);
  EXPECT_EQ(next->size(), 3u);
  EXPECT_EQ(id_or_0(snap->locate(1, 1).grid), 3);  // the old snapshot is untouched
}

TEST(Snapshot, OverlappingAreasOfOneLevelGiveTheLowestId) {
  auto snap = Snapshot::build({shape(9, Level::kSubdistrict, {}, "b", square(0, 0, 2, 2)),
                               shape(5, Level::kSubdistrict, {}, "a", square(1, 1, 3, 3))});
  EXPECT_EQ(id_or_0(snap->locate(1.5, 1.5).subdistrict), 5);
  EXPECT_EQ(id_or_0(snap->locate(0.5, 0.5).subdistrict), 9);
}

}  // namespace
}  // namespace warmcity::areas
