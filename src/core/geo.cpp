#include "core/geo.h"

#include <cmath>

namespace warmcity::core {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Krasovsky 1940 ellipsoid, as in the GCJ-02 formulas.
constexpr double kA = 6378245.0;
constexpr double kEe = 0.006693421622965823;
constexpr double kBaiduFactor = kPi * 3000.0 / 180.0;
constexpr double kInverseTolerance = 1e-10;  // degrees
constexpr int kMaxIterations = 50;

double transform_lat(double x, double y) {
  double ret = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
  ret += ((20 * std::sin(6 * x * kPi) + 20 * std::sin(2 * x * kPi)) * 2) / 3;
  ret += ((20 * std::sin(y * kPi) + 40 * std::sin((y / 3) * kPi)) * 2) / 3;
  ret += ((160 * std::sin((y / 12) * kPi) + 320 * std::sin((y * kPi) / 30)) * 2) / 3;
  return ret;
}

double transform_lon(double x, double y) {
  double ret = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
  ret += ((20 * std::sin(6 * x * kPi) + 20 * std::sin(2 * x * kPi)) * 2) / 3;
  ret += ((20 * std::sin(x * kPi) + 40 * std::sin((x / 3) * kPi)) * 2) / 3;
  ret += ((150 * std::sin((x / 12) * kPi) + 300 * std::sin((x / 30) * kPi)) * 2) / 3;
  return ret;
}

// The GCJ-02 offset at a WGS-84 point, in degrees.
LatLon gcj_offset(LatLon wgs) {
  double d_lon = transform_lon(wgs.lon - 105, wgs.lat - 35);
  double d_lat = transform_lat(wgs.lon - 105, wgs.lat - 35);
  const double rad_lat = wgs.lat / 180 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1 - kEe * magic * magic;
  const double sqrt_magic = std::sqrt(magic);
  d_lon = (d_lon * 180) / ((kA / sqrt_magic) * std::cos(rad_lat) * kPi);
  d_lat = (d_lat * 180) / (((kA * (1 - kEe)) / (magic * sqrt_magic)) * kPi);
  return {d_lat, d_lon};
}

// Solves forward(x) == target for x, starting from `guess`, by fixed-point
// correction (both transforms are near-identity, so this converges fast).
template <class Forward>
LatLon solve_inverse(LatLon target, LatLon guess, Forward forward) {
  LatLon x = guess;
  for (int i = 0; i < kMaxIterations; ++i) {
    const LatLon f = forward(x);
    const double d_lat = f.lat - target.lat;
    const double d_lon = f.lon - target.lon;
    if (std::abs(d_lat) < kInverseTolerance && std::abs(d_lon) < kInverseTolerance) break;
    x.lat -= d_lat;
    x.lon -= d_lon;
  }
  return x;
}

LatLon gcj_from_wgs_in_box(LatLon wgs) {
  const LatLon d = gcj_offset(wgs);
  return {wgs.lat + d.lat, wgs.lon + d.lon};
}

}  // namespace

bool valid_lat(double lat) { return std::isfinite(lat) && lat >= -90 && lat <= 90; }
bool valid_lon(double lon) { return std::isfinite(lon) && lon >= -180 && lon <= 180; }

bool in_china_bbox(LatLon p) {
  return p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

LatLon wgs84_to_gcj02(LatLon wgs) {
  if (!in_china_bbox(wgs)) return wgs;
  return gcj_from_wgs_in_box(wgs);
}

LatLon gcj02_to_wgs84(LatLon gcj) {
  if (!in_china_bbox(gcj)) return gcj;
  return solve_inverse(gcj, gcj, gcj_from_wgs_in_box);
}

LatLon gcj02_to_bd09(LatLon gcj) {
  const double x = gcj.lon;
  const double y = gcj.lat;
  const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kBaiduFactor);
  const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kBaiduFactor);
  return {z * std::sin(theta) + 0.006, z * std::cos(theta) + 0.0065};
}

LatLon bd09_to_gcj02(LatLon bd) {
  // The usual closed-form approximation as the starting point, then refined.
  const double x = bd.lon - 0.0065;
  const double y = bd.lat - 0.006;
  const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBaiduFactor);
  const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBaiduFactor);
  const LatLon guess{z * std::sin(theta), z * std::cos(theta)};
  return solve_inverse(bd, guess, gcj02_to_bd09);
}

LatLon wgs84_to_bd09(LatLon wgs) { return gcj02_to_bd09(wgs84_to_gcj02(wgs)); }
LatLon bd09_to_wgs84(LatLon bd) { return gcj02_to_wgs84(bd09_to_gcj02(bd)); }

double public_coordinate(double degrees) { return std::round(degrees * 1e4) / 1e4; }

LatLon public_position(LatLon p) { return {public_coordinate(p.lat), public_coordinate(p.lon)}; }

double distance_m(LatLon a, LatLon b) {
  const double to_rad = kPi / 180;
  const double d_lat = (b.lat - a.lat) * to_rad;
  const double d_lon = (b.lon - a.lon) * to_rad;
  const double s_lat = std::sin(d_lat / 2);
  const double s_lon = std::sin(d_lon / 2);
  const double h =
      s_lat * s_lat + std::cos(a.lat * to_rad) * std::cos(b.lat * to_rad) * s_lon * s_lon;
  return 2 * kEarthRadiusMeters * std::asin(std::sqrt(std::fmin(1.0, h)));
}

LocalProjection::LocalProjection(double ref_lat, double ref_lon)
    : ref_lat_(ref_lat),
      ref_lon_(ref_lon),
      metres_per_deg_lat_(kEarthRadiusMeters * kPi / 180),
      metres_per_deg_lon_(kEarthRadiusMeters * kPi / 180 * std::cos(ref_lat * kPi / 180)) {}

std::pair<double, double> LocalProjection::to_xy(double lat, double lon) const {
  double d_lon = lon - ref_lon_;
  if (d_lon > 180) d_lon -= 360;
  if (d_lon < -180) d_lon += 360;
  return {d_lon * metres_per_deg_lon_, (lat - ref_lat_) * metres_per_deg_lat_};
}

LatLon LocalProjection::to_latlon(double x, double y) const {
  double lon = ref_lon_ + (metres_per_deg_lon_ != 0 ? x / metres_per_deg_lon_ : 0);
  if (lon > 180) lon -= 360;
  if (lon < -180) lon += 360;
  return {ref_lat_ + y / metres_per_deg_lat_, lon};
}

}  // namespace warmcity::core
