// Geo: coordinate systems used in China, distances, a local metric projection.
//
// Owns: conversions between WGS-84 (GPS, what warmcity stores), GCJ-02 (the
// national "Mars" datum Chinese map SDKs such as AMap and Tencent produce)
// and BD-09 (Baidu), great-circle distance, and an equirectangular projection
// to local metres for spatial indexes. Written here because the published
// GCJ-02 formulas are a few dozen lines and no Debian package ships them.
//
// Forward conversions use the published formulas (identical to npm gcoord).
// Inverses are solved iteratively to better than 1e-9 degrees. A point
// outside gcoord's China bounding box (lon 72.004..137.8347, lat
// 0.8293..55.8271) passes through WGS-84 ⇄ GCJ-02 unchanged, as in gcoord,
// so both sides agree at the border. BD-09 ⇄ GCJ-02 applies everywhere.
//
// REQUIRES: finite inputs; check user input with valid_lat / valid_lon first.
// Pure functions, no state, thread-safe.
#pragma once

#include <utility>

namespace warmcity::core {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

bool valid_lat(double lat);  // finite and within [-90, 90]
bool valid_lon(double lon);  // finite and within [-180, 180]

// gcoord's test: inside the rough bounding box of China.
bool in_china_bbox(LatLon p);

LatLon wgs84_to_gcj02(LatLon wgs);
LatLon gcj02_to_wgs84(LatLon gcj);
LatLon gcj02_to_bd09(LatLon gcj);
LatLon bd09_to_gcj02(LatLon bd);
LatLon wgs84_to_bd09(LatLon wgs);
LatLon bd09_to_wgs84(LatLon bd);

constexpr double kEarthRadiusMeters = 6371008.8;  // IUGG mean radius

// Great-circle distance in metres (haversine on the mean-radius sphere).
double distance_m(LatLon a, LatLon b);

// A position as warmcity publishes it to anyone (Open311 lists, distances
// shown to callers who may not read the record): each coordinate rounded to
// 4 decimals, about 11 m north-south. Everything public derives from this
// one point, so no answer narrows a place down further than Open311 does.
double public_coordinate(double degrees);
LatLon public_position(LatLon p);

// Equirectangular projection around a reference point: x metres east, y
// metres north. Error stays below 0.1% within ~50 km of the reference at
// China's latitudes, plenty for ranking nearby facilities.
class LocalProjection {
 public:
  explicit LocalProjection(double ref_lat, double ref_lon);
  std::pair<double, double> to_xy(double lat, double lon) const;
  LatLon to_latlon(double x, double y) const;

 private:
  double ref_lat_;
  double ref_lon_;
  double metres_per_deg_lat_;
  double metres_per_deg_lon_;
};

}  // namespace warmcity::core
