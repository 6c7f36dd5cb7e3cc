// Facilities as CSV records, both ways (see facility_formats.h).
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "core/csv.h"
#include "core/json_text.h"
#include "core/text.h"
#include "facilities/facility_formats.h"
#include "facilities/facility_input.h"
#include "facilities/facility_json.h"

namespace warmcity::facilities {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// What an export adds to the create fields; an import ignores these.
constexpr std::array<std::string_view, 6> kReadOnly = {"id",      "subdistrict_id", "community_id",
                                                       "grid_id", "created_at",     "updated_at"};
constexpr std::array<std::string_view, 5> kRequired = {"kind", "name", "address", "lon", "lat"};
// The export's column order.
constexpr std::array<std::string_view, 18> kExportColumns = {"id",
                                                             "kind",
                                                             "name",
                                                             "address",
                                                             "lon",
                                                             "lat",
                                                             "subdistrict_id",
                                                             "community_id",
                                                             "grid_id",
                                                             "keeper_org_id",
                                                             "contact_phone",
                                                             "opening_hours",
                                                             "amenities",
                                                             "status",
                                                             "suspended_reason",
                                                             "suspended_until",
                                                             "created_at",
                                                             "updated_at"};

bool among(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A number when all of `cell` is one (an integer stays an integer), else
// the text, so the field check says what is wrong with it.
json number_or_text(std::string_view cell) {
  const char* end = cell.data() + cell.size();
  int64_t i = 0;
  if (auto [p, ec] = std::from_chars(cell.data(), end, i); ec == std::errc() && p == end) return i;
  double d = 0;
  if (auto [p, ec] = std::from_chars(cell.data(), end, d);
      ec == std::errc() && p == end && std::isfinite(d)) {
    return d;
  }
  return std::string(cell);
}

// A cell of the export: "" for null, text as it is (guarded), the rest as JSON.
std::string cell_of(const ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) {
    std::string text = v.get<std::string>();
    return core::csv_formula_like(text) ? "'" + text : text;
  }
  return v.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// A text cell as imported: without the apostrophe an export put before a formula.
std::string text_of(std::string_view cell) {
  if (cell.size() > 1 && cell.front() == '\'' && core::csv_formula_like(cell.substr(1)))
    cell.remove_prefix(1);
  return std::string(cell);
}

}  // namespace

bool read_only_field(std::string_view name) { return among(kReadOnly, name); }

Result<CsvLayout> csv_layout(const core::CsvRecord& header) {
  CsvLayout layout;
  std::vector<FieldError> errors;
  std::span<const std::string_view> inputs = input_fields();
  for (const std::string& raw : header.fields) {
    const std::string name(core::trim_blanks(raw));
    if (read_only_field(name)) {
      layout.fields.emplace_back();
      continue;
    }
    if (!among(inputs, name)) {
      errors.push_back({name, "is not a column of a facility"});
    } else if (std::find(layout.fields.begin(), layout.fields.end(), name) != layout.fields.end()) {
      errors.push_back({name, "is a column twice"});
    }
    layout.fields.push_back(name);
  }
  for (std::string_view required : kRequired) {
    if (std::find(layout.fields.begin(), layout.fields.end(), required) == layout.fields.end()) {
      errors.push_back({std::string(required), "is a required column"});
    }
  }
  if (!errors.empty()) return Status::Unprocessable("the CSV header is not usable", errors);
  return layout;
}

RawRow csv_row(const CsvLayout& layout, const core::CsvRecord& record) {
  RawRow row;
  row.line = record.line;
  row.object = json::object();
  if (record.fields.size() != layout.fields.size()) {
    row.errors.push_back({"row", "has " + std::to_string(record.fields.size()) +
                                     " fields; the header has " +
                                     std::to_string(layout.fields.size())});
    return row;
  }
  for (size_t i = 0; i < record.fields.size(); ++i) {
    const std::string& field = layout.fields[i];
    const std::string_view cell = core::trim_blanks(record.fields[i]);
    if (field.empty() || cell.empty()) continue;
    if (field == "lat" || field == "lon" || field == "keeper_org_id") {
      row.object[field] = number_or_text(cell);
    } else if (field == "amenities") {
      json value = core::json_nesting_exceeds(cell)
                       ? json(json::value_t::discarded)
                       : json::parse(cell, nullptr, /*allow_exceptions=*/false);
      if (value.is_discarded()) {
        row.errors.push_back(
            {"amenities", "must be a JSON object such as {\"hot_water\": true, \"seats\": 8}"});
      } else {
        row.object[field] = std::move(value);
      }
    } else {
      row.object[field] = text_of(cell);
    }
  }
  return row;
}

std::vector<std::string> csv_export_header() {
  return {kExportColumns.begin(), kExportColumns.end()};
}

std::vector<std::string> csv_export_record(const Facility& f) {
  const ordered_json shown = facility_json(f);
  std::vector<std::string> record;
  record.reserve(kExportColumns.size());
  for (std::string_view column : kExportColumns) {
    const std::string key(column);
    record.push_back(shown.contains(key) ? cell_of(shown[key]) : "");
  }
  return record;
}

}  // namespace warmcity::facilities
