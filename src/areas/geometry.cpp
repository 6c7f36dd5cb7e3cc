#include "areas/geometry.h"

#include <utility>

#include "areas/validity.h"
#include "core/geo.h"

namespace warmcity::areas {

namespace {

using nlohmann::json;

// Collects the first problem found while walking the coordinates.
class Reader {
 public:
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  void fail(const std::string& where, const std::string& message) {
    if (!failed()) error_ = where + ": " + message;
  }

  bool position(const json& v, const std::string& where, Position* out) {
    if (!v.is_array() || v.size() < 2 || v.size() > 3) {
      fail(where, "a position must be an array [longitude, latitude]");
      return false;
    }
    for (const json& n : v) {
      if (!n.is_number()) {
        fail(where, "coordinates must be numbers");
        return false;
      }
    }
    out->lon = v[0].get<double>();
    out->lat = v[1].get<double>();
    if (!core::valid_lon(out->lon)) fail(where, "longitude must be between -180 and 180");
    if (!core::valid_lat(out->lat)) fail(where, "latitude must be between -90 and 90");
    if (++positions_ > kMaxPositions) {
      fail(where, "a boundary may have at most " + std::to_string(kMaxPositions) + " positions");
    }
    return !failed();
  }

  bool ring(const json& v, const std::string& where, Ring* out) {
    if (!v.is_array()) {
      fail(where, "a ring must be an array of positions");
      return false;
    }
    if (v.size() < 4) {
      fail(where, "a ring needs at least 4 positions");
      return false;
    }
    out->reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
      Position p;
      if (!position(v[i], where + "[" + std::to_string(i) + "]", &p)) return false;
      out->push_back(p);
    }
    if (out->front().lon != out->back().lon || out->front().lat != out->back().lat) {
      fail(where, "a ring must be closed: its last position must equal its first");
    }
    return !failed();
  }

  bool polygon(const json& v, const std::string& where, Polygon* out) {
    if (!v.is_array() || v.empty()) {
      fail(where, "a polygon must be a non-empty array of rings");
      return false;
    }
    for (size_t i = 0; i < v.size(); ++i) {
      Ring r;
      if (!ring(v[i], where + "[" + std::to_string(i) + "]", &r)) return false;
      out->rings.push_back(std::move(r));
    }
    return true;
  }

 private:
  std::string error_;
  size_t positions_ = 0;
};

Status invalid(const std::string& field, std::string message) {
  return Status::Unprocessable("the boundary is not valid", {{field, std::move(message)}});
}

}  // namespace

Result<Geometry> read_geometry(const json& value, const std::string& field) {
  if (!value.is_object()) return invalid(field, "must be a GeoJSON geometry object");
  auto type = value.find("type");
  bool multi = false;
  if (type != value.end() && type->is_string() && *type == "MultiPolygon") {
    multi = true;
  } else if (type == value.end() || !type->is_string() || *type != "Polygon") {
    return invalid(field, "boundary must be a Polygon or MultiPolygon");
  }
  auto coords = value.find("coordinates");
  if (coords == value.end() || !coords->is_array() || coords->empty()) {
    return invalid(field, "coordinates must be a non-empty array");
  }
  Reader reader;
  Geometry out;
  if (multi) {
    for (size_t i = 0; i < coords->size() && !reader.failed(); ++i) {
      Polygon p;
      if (reader.polygon((*coords)[i], "coordinates[" + std::to_string(i) + "]", &p)) {
        out.polygons.push_back(std::move(p));
      }
    }
  } else {
    Polygon p;
    if (reader.polygon(*coords, "coordinates", &p)) out.polygons.push_back(std::move(p));
  }
  if (reader.failed()) return invalid(field, reader.error());
  if (std::optional<std::string> problem = boundary_problem(out)) return invalid(field, *problem);
  return out;
}

json geometry_json(const Geometry& g) {
  json polygons = json::array();
  for (const Polygon& p : g.polygons) {
    json rings = json::array();
    for (const Ring& r : p.rings) {
      json positions = json::array();
      for (const Position& pos : r) positions.push_back(json::array({pos.lon, pos.lat}));
      rings.push_back(std::move(positions));
    }
    polygons.push_back(std::move(rings));
  }
  if (polygons.size() == 1) return {{"type", "Polygon"}, {"coordinates", std::move(polygons[0])}};
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
}

Result<Geometry> parse_stored_geometry(const std::string& text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  Result<Geometry> g = read_geometry(doc, "boundary");
  if (!g.ok()) return Status::Internal("a stored boundary cannot be read back");
  return g;
}

}  // namespace warmcity::areas
