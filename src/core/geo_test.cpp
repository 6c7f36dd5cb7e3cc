#include "core/geo.h"

#include <gtest/gtest.h>

#include <cmath>

namespace warmcity::core {
namespace {

TEST(GeoTest, Validation) {
  EXPECT_TRUE(valid_lat(37.5));
  EXPECT_TRUE(valid_lat(-90));
  EXPECT_FALSE(valid_lat(90.0001));
  EXPECT_FALSE(valid_lat(std::nan("")));
  EXPECT_TRUE(valid_lon(111.14));
  EXPECT_FALSE(valid_lon(-180.5));
  EXPECT_FALSE(valid_lon(INFINITY));
}

TEST(GeoTest, WgsToGcjMatchesGcoord) {
  // Tiananmen; gcoord 1.0.7 gives 116.40374357265176, 39.91010349934476.
  const LatLon gcj = wgs84_to_gcj02({39.9087, 116.3975});
  EXPECT_NEAR(gcj.lat, 39.91010349934476, 1e-12);
  EXPECT_NEAR(gcj.lon, 116.40374357265176, 1e-12);
}

TEST(GeoTest, InversesRoundTripBelow1e7Degrees) {
  for (double lat = 18.5; lat < 53; lat += 1.37) {
    for (double lon = 74; lon < 134.5; lon += 1.91) {
      const LatLon p{lat, lon};
      const LatLon back = gcj02_to_wgs84(wgs84_to_gcj02(p));
      EXPECT_NEAR(back.lat, lat, 1e-7);
      EXPECT_NEAR(back.lon, lon, 1e-7);
      const LatLon bd_back = bd09_to_gcj02(gcj02_to_bd09(p));
      EXPECT_NEAR(bd_back.lat, lat, 1e-7);
      EXPECT_NEAR(bd_back.lon, lon, 1e-7);
      const LatLon all_back = bd09_to_wgs84(wgs84_to_bd09(p));
      EXPECT_NEAR(all_back.lat, lat, 1e-7);
      EXPECT_NEAR(all_back.lon, lon, 1e-7);
    }
  }
}

TEST(GeoTest, OutsideChinaPassesThrough) {
  const LatLon paris{48.8566, 2.3522};
  EXPECT_EQ(wgs84_to_gcj02(paris).lat, paris.lat);
  EXPECT_EQ(gcj02_to_wgs84(paris).lon, paris.lon);
  EXPECT_FALSE(in_china_bbox(paris));
  EXPECT_TRUE(in_china_bbox({37.52, 111.14}));  // Lishi, Lüliang
}

TEST(GeoTest, Distance) {
  EXPECT_DOUBLE_EQ(distance_m({37.5, 111.1}, {37.5, 111.1}), 0);
  // Beijing - Shanghai, about 1067 km.
  EXPECT_NEAR(distance_m({39.9042, 116.4074}, {31.2304, 121.4737}), 1067e3, 3e3);
  // One degree of latitude on the mean sphere.
  EXPECT_NEAR(distance_m({0, 0}, {1, 0}), kEarthRadiusMeters * M_PI / 180, 1e-6);
}

TEST(GeoTest, LocalProjectionAgreesWithHaversineNearby) {
  const LatLon ref{37.52, 111.14};
  LocalProjection proj(ref.lat, ref.lon);
  auto [x0, y0] = proj.to_xy(ref.lat, ref.lon);
  EXPECT_DOUBLE_EQ(x0, 0);
  EXPECT_DOUBLE_EQ(y0, 0);
  for (const LatLon p : {LatLon{37.53, 111.15}, LatLon{37.50, 111.10}, LatLon{37.60, 111.30}}) {
    auto [x, y] = proj.to_xy(p.lat, p.lon);
    const double d = distance_m(ref, p);
    EXPECT_NEAR(std::hypot(x, y), d, d * 1e-3);
    const LatLon back = proj.to_latlon(x, y);
    EXPECT_NEAR(back.lat, p.lat, 1e-12);
    EXPECT_NEAR(back.lon, p.lon, 1e-12);
  }
  auto [xe, ye] = proj.to_xy(ref.lat, ref.lon + 0.01);
  EXPECT_GT(xe, 0);  // east is +x
  EXPECT_NEAR(ye, 0, 1e-9);
}

}  // namespace
}  // namespace warmcity::core
