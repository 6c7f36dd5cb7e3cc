// For the areas unit tests: small GeoJSON polygons built from numbers.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace warmcity::areas::testing_util {

using nlohmann::json;

// A closed square ring [[x0,y0],…] from (x0, y0) to (x1, y1), lon = x, lat = y.
inline json square_ring(double x0, double y0, double x1, double y1) {
  return json::array({json::array({x0, y0}), json::array({x1, y0}), json::array({x1, y1}),
                      json::array({x0, y1}), json::array({x0, y0})});
}

inline json square(double x0, double y0, double x1, double y1) {
  return {{"type", "Polygon"}, {"coordinates", json::array({square_ring(x0, y0, x1, y1)})}};
}

inline json feature(const std::string& level, const std::string& name, const std::string& code,
                    const std::string& parent_code, json geometry) {
  json props = {{"level", level}, {"name", name}, {"code", code}};
  if (!parent_code.empty()) props["parent_code"] = parent_code;
  return {{"type", "Feature"}, {"properties", props}, {"geometry", std::move(geometry)}};
}

inline json collection(json features) {
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

}  // namespace warmcity::areas::testing_util
