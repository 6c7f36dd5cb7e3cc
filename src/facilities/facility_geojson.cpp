// Facilities as GeoJSON Features, both ways (see facility_formats.h).
#include "facilities/facility_formats.h"
#include "facilities/facility_json.h"
#include "http/json_input.h"

namespace warmcity::facilities {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// [lon, lat] (an altitude may follow); false with an error otherwise.
bool read_point(const json& geometry, RawRow& row) {
  if (!http::field_is(geometry, "type", "Point")) {
    row.errors.push_back({"geometry", "must be a GeoJSON Point (a facility is one place)"});
    return false;
  }
  auto coords = geometry.find("coordinates");
  if (coords == geometry.end() || !coords->is_array() || coords->size() < 2 || coords->size() > 3 ||
      !(*coords)[0].is_number() || !(*coords)[1].is_number()) {
    row.errors.push_back({"geometry.coordinates", "must be [lon, lat] in WGS-84"});
    return false;
  }
  row.object["lon"] = (*coords)[0];
  row.object["lat"] = (*coords)[1];
  return true;
}

}  // namespace

std::string geojson_field(const std::string& field) {
  if (field == "lat" || field == "lon") return "geometry.coordinates";
  return "properties." + field;
}

RawRow geojson_row(const json& feature, size_t index) {
  RawRow row;
  row.line = index;
  row.object = json::object();
  if (!http::field_is(feature, "type", "Feature")) {
    row.errors.push_back({"type", "must be a GeoJSON Feature"});
    return row;
  }
  auto props = feature.find("properties");
  if (props == feature.end() || !props->is_object()) {
    row.errors.push_back({"properties", "must be an object with the facility's fields"});
  } else {
    for (const auto& [key, value] : props->items()) {
      if (key == "lat" || key == "lon") {
        row.errors.push_back({"properties." + key, "is taken from the geometry; leave it out"});
      } else if (!read_only_field(key)) {
        row.object[key] = value;
      }
    }
  }
  auto geometry = feature.find("geometry");
  if (geometry == feature.end() || geometry->is_null()) {
    row.errors.push_back({"geometry", "is required: a Point [lon, lat]"});
  } else {
    read_point(*geometry, row);
  }
  return row;
}

ordered_json geojson_feature(const Facility& f) {
  ordered_json props = facility_json(f);
  props.erase("lat");
  props.erase("lon");
  return {{"type", "Feature"},
          {"geometry", {{"type", "Point"}, {"coordinates", {f.lon, f.lat}}}},
          {"properties", std::move(props)}};
}

}  // namespace warmcity::facilities
