// GeoJSON boundary geometry: reading and checking the `boundary` of an area.
//
// Accepts a GeoJSON geometry object (RFC 7946) of type Polygon or
// MultiPolygon in WGS-84 degrees ([lon, lat] or [lon, lat, alt]). Checks:
// the type; every polygon has at least one ring; every ring is an array of
// at least 4 positions whose first and last are equal (closed); every
// position holds numbers with a longitude in [-180, 180] and a latitude in
// [-90, 90]; at most kMaxPositions positions in the whole geometry.
// Then the shape itself (validity.h): no ring crossing itself or another,
// holes inside, MultiPolygon parts not overlapping. Orientation is not
// checked (the index corrects it). Altitudes are dropped.
//
// Include only in translation units that already use nlohmann/json.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace warmcity::areas {

inline constexpr size_t kMaxPositions = 100000;

struct Position {
  double lon = 0;
  double lat = 0;
};
using Ring = std::vector<Position>;
// rings[0] is the outer ring, the others are holes.
struct Polygon {
  std::vector<Ring> rings;
};
// A Polygon is read as a MultiPolygon of one.
struct Geometry {
  std::vector<Polygon> polygons;
};

// The geometry in `value`, or kUnprocessable whose single field error is
// `field` with a message naming the position (e.g. "coordinates[0][3]: ...").
Result<Geometry> read_geometry(const nlohmann::json& value, const std::string& field);

// The geometry as stored and answered: {"type","coordinates"} only, altitudes dropped.
nlohmann::json geometry_json(const Geometry& g);

// Reads a stored boundary text back (kInternal when it is not a valid geometry).
Result<Geometry> parse_stored_geometry(const std::string& text);

}  // namespace warmcity::areas
