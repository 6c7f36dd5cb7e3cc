// Internal to src/areas: the Boost.Geometry types of an area boundary and
// the conversion from the GeoJSON reading (geometry.h). Included only by the
// two translation units that need Boost.Geometry (slow to compile):
// snapshot.cpp (the index) and validity.cpp (the simple-feature check).
#pragma once

#include <cstddef>
#include <utility>

#include <boost/geometry.hpp>

#include "areas/geometry.h"

namespace warmcity::areas {

namespace bg = boost::geometry;

using Point = bg::model::d2::point_xy<double>;  // x = lon, y = lat
using Box = bg::model::box<Point>;
using BgPolygon = bg::model::polygon<Point>;
using MultiPolygon = bg::model::multi_polygon<BgPolygon>;

// The boundary as a Boost multi-polygon, rings oriented as Boost expects
// (GeoJSON files vary; RFC 7946 asks parsers not to reject either way).
inline MultiPolygon to_multipolygon(const Geometry& g) {
  MultiPolygon out;
  for (const Polygon& p : g.polygons) {
    BgPolygon poly;
    for (size_t i = 0; i < p.rings.size(); ++i) {
      auto& ring = i == 0 ? poly.outer() : poly.inners().emplace_back();
      for (const Position& pos : p.rings[i]) ring.push_back(Point(pos.lon, pos.lat));
    }
    out.push_back(std::move(poly));
  }
  bg::correct(out);
  return out;
}

}  // namespace warmcity::areas
