#include "areas/geometry.h"

#include <gtest/gtest.h>

#include <cmath>

#include "areas/test_shapes.h"

namespace warmcity::areas {
namespace {

using nlohmann::json;
using testing_util::square;
using testing_util::square_ring;

std::string error_of(const json& g) {
  Result<Geometry> r = read_geometry(g, "boundary");
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), Code::kUnprocessable);
  EXPECT_EQ(r.status().field_errors().size(), 1u);
  EXPECT_EQ(r.status().field_errors()[0].field, "boundary");
  return r.status().field_errors()[0].message;
}

TEST(Geometry, ReadsAPolygonWithAHole) {
  json g = {{"type", "Polygon"},
            {"coordinates", json::array({square_ring(0, 0, 10, 10), square_ring(4, 4, 6, 6)})}};
  Result<Geometry> r = read_geometry(g, "boundary");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->polygons.size(), 1u);
  EXPECT_EQ(r->polygons[0].rings.size(), 2u);
  EXPECT_EQ(r->polygons[0].rings[1][1].lon, 6);
}

TEST(Geometry, ReadsAMultiPolygonAndWritesItBackWithoutAltitudes) {
  json a = json::array({square_ring(0, 0, 1, 1)});
  a[0][0] = json::array({0, 0, 812.5});
  a[0][4] = json::array({0, 0, 812.5});
  json g = {{"type", "MultiPolygon"},
            {"coordinates", json::array({a, json::array({square_ring(2, 2, 3, 3)})})},
            {"bbox", json::array({0, 0, 3, 3})}};
  Result<Geometry> r = read_geometry(g, "boundary");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->polygons.size(), 2u);
  json back = geometry_json(*r);
  EXPECT_EQ(back["type"], "MultiPolygon");
  EXPECT_EQ(back["coordinates"][0][0][0], json::array({0.0, 0.0}));
  EXPECT_FALSE(back.contains("bbox"));
  EXPECT_EQ(geometry_json(*read_geometry(square(0, 0, 1, 1), "b"))["type"], "Polygon");
}

TEST(Geometry, RefusesOtherTypes) {
  EXPECT_EQ(error_of({{"type", "Point"}, {"coordinates", {111.14, 37.52}}}),
            "boundary must be a Polygon or MultiPolygon");
  EXPECT_EQ(error_of({{"type", "LineString"}, {"coordinates", {{0, 0}, {1, 1}}}}),
            "boundary must be a Polygon or MultiPolygon");
  EXPECT_EQ(error_of(json("Polygon")), "must be a GeoJSON geometry object");
  EXPECT_EQ(error_of({{"coordinates", json::array({square_ring(0, 0, 1, 1)})}}),
            "boundary must be a Polygon or MultiPolygon");
}

TEST(Geometry, RefusesBadRingsAndPositions) {
  json open_ring = square(0, 0, 1, 1);
  open_ring["coordinates"][0][4] = json::array({0.5, 0.5});
  EXPECT_NE(error_of(open_ring).find("must be closed"), std::string::npos);

  json short_ring = {{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1, 0}, {0, 0}}}}};
  EXPECT_EQ(error_of(short_ring), "coordinates[0]: a ring needs at least 4 positions");

  json text = square(0, 0, 1, 1);
  text["coordinates"][0][2] = json::array({"1", 1});
  EXPECT_EQ(error_of(text), "coordinates[0][2]: coordinates must be numbers");

  json lon = square(0, 0, 1, 1);
  lon["coordinates"][0][1] = json::array({181, 0});
  EXPECT_EQ(error_of(lon), "coordinates[0][1]: longitude must be between -180 and 180");

  json lat = square(0, 0, 1, 1);
  lat["coordinates"][0][3] = json::array({0, -91});
  EXPECT_EQ(error_of(lat), "coordinates[0][3]: latitude must be between -90 and 90");

  EXPECT_EQ(error_of({{"type", "Polygon"}, {"coordinates", json::array()}}),
            "coordinates must be a non-empty array");
  EXPECT_NE(error_of({{"type", "MultiPolygon"}, {"coordinates", {json::array()}}})
                .find("coordinates[0]: a polygon must be a non-empty array of rings"),
            std::string::npos);
}

TEST(Geometry, RefusesMoreThanTheMaximumPositions) {
  json ring = json::array();
  for (size_t i = 0; i < kMaxPositions; ++i) {  // a circle: simple, so only the count fails
    double a = 2 * 3.141592653589793 * static_cast<double>(i) / kMaxPositions;
    ring.push_back(json::array({111.14 + 0.01 * std::cos(a), 37.52 + 0.01 * std::sin(a)}));
  }
  ring.push_back(ring[0]);
  json g = {{"type", "Polygon"}, {"coordinates", json::array({ring})}};
  EXPECT_NE(error_of(g).find("at most 100000 positions"), std::string::npos);
  ring.erase(ring.end() - 2);
  g["coordinates"][0] = ring;
  EXPECT_TRUE(read_geometry(g, "boundary").ok());
}

TEST(Geometry, RefusesABowTieRingAndNamesIt) {
  // (0,0) → (2,2) → (2,0) → (0,2) → (0,0): the edges cross at (1, 1).
  json ring = json::array({json::array({0, 0}), json::array({2, 2}), json::array({2, 0}),
                           json::array({0, 2}), json::array({0, 0})});
  std::string message = error_of({{"type", "Polygon"}, {"coordinates", json::array({ring})}});
  EXPECT_EQ(message, "coordinates[0] crosses itself");
}

TEST(Geometry, RefusesAHoleOutsideItsPolygonAndOverlappingParts) {
  json outside = {{"type", "Polygon"},
                  {"coordinates", json::array({square_ring(0, 0, 1, 1), square_ring(5, 5, 6, 6)})}};
  EXPECT_NE(error_of(outside).find("not a simple area"), std::string::npos);
  json overlapping = {{"type", "MultiPolygon"},
                      {"coordinates", json::array({json::array({square_ring(0, 0, 2, 2)}),
                                                   json::array({square_ring(1, 1, 3, 3)})})}};
  EXPECT_NE(error_of(overlapping).find("not a simple area"), std::string::npos);
  json flat = {
      {"type", "Polygon"},
      {"coordinates", json::array({json::array({json::array({0, 0}), json::array({1, 1}),
                                                json::array({2, 2}), json::array({0, 0})})})}};
  EXPECT_NE(error_of(flat).find("not a simple area"), std::string::npos);
}

TEST(Geometry, AcceptsEitherOrientationAndRepeatedPositions) {
  json clockwise = json::array({json::array({0, 0}), json::array({0, 1}), json::array({0, 1}),
                                json::array({1, 1}), json::array({1, 0}), json::array({0, 0})});
  Result<Geometry> r =
      read_geometry({{"type", "Polygon"}, {"coordinates", json::array({clockwise})}}, "b");
  EXPECT_TRUE(r.ok()) << r.status().message();
  // Parts may touch at a corner; sharing an edge is an overlap in OGC's rules.
  json corner = {{"type", "MultiPolygon"},
                 {"coordinates", json::array({json::array({square_ring(0, 0, 1, 1)}),
                                              json::array({square_ring(1, 1, 2, 2)})})}};
  EXPECT_TRUE(read_geometry(corner, "b").ok());
}

}  // namespace
}  // namespace warmcity::areas
