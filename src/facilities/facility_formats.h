// The two file formats of facilities (docs/facilities.md, "Import and
// export"), one row at a time: a CSV record or a GeoJSON Feature read into
// the JSON object the create API takes (so facility_input checks it, and
// nothing else does), and a facility written back out.
//
// CSV columns: the create fields (facility_input.h), `lon`/`lat` in
// WGS-84, `amenities` as a JSON object in one cell; the read-only columns
// an export adds (id, the area ids, created_at, updated_at) are ignored on
// import. An empty cell is an absent field. Text that a spreadsheet would
// run as a formula (starting with = + - @) is exported after an apostrophe,
// which an import removes.
// GeoJSON: a Feature with a Point geometry [lon, lat] and the create
// fields (without lat/lon) as properties; an export's read-only properties
// are ignored the same way.
// Internal to facility_import.cpp and facility_export.cpp (nlohmann/json).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/status.h"
#include "facilities/facility.h"

namespace warmcity::facilities {

// One row read from a file, before it is checked.
struct RawRow {
  size_t line = 0;                 // CSV physical line; GeoJSON feature index
  nlohmann::json object;           // a create body
  std::vector<FieldError> errors;  // what the format itself got wrong
};

// The fields an export adds (id, the area ids, created_at, updated_at),
// which an import ignores.
bool read_only_field(std::string_view name);

// ---- CSV ----

// Which create field each column holds ("" for a column that is ignored).
struct CsvLayout {
  std::vector<std::string> fields;
};

// Reads the header record. kUnprocessable with an error per column (the
// field is the column's name) that is unknown, repeated or missing.
Result<CsvLayout> csv_layout(const core::CsvRecord& header);
// A record whose field count differs from the header's has an error "row".
RawRow csv_row(const CsvLayout& layout, const core::CsvRecord& record);

// The export's header and one facility's record (its phone whole: public).
std::vector<std::string> csv_export_header();
std::vector<std::string> csv_export_record(const Facility& f);

// ---- GeoJSON ----

// Feature `index` of a FeatureCollection. Format errors are named as in the
// file: "geometry", "properties.lat"; see geojson_field().
RawRow geojson_row(const nlohmann::json& feature, size_t index);
// Where a create field is in a Feature: lat/lon → "geometry", others →
// "properties.<field>".
std::string geojson_field(const std::string& field);

nlohmann::ordered_json geojson_feature(const Facility& f);

}  // namespace warmcity::facilities
