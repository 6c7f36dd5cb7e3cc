// Planning an import of facilities from a GeoJSON FeatureCollection or a CSV
// file (formats: facility_formats.h, docs/facilities.md): decodes the text,
// reads every row and checks it with the create API's own rules
// (facility_input.h) and that its keeper organisation exists — all before
// anything is written, so a file with errors can be refused whole (422
// listing each error with its line) or imported without its bad rows
// (skip_invalid). Writing the plan is FacilityService::import().
//
// Lines: a CSV error names the physical line its record starts on (the
// header is line 1); a GeoJSON error names the feature's index in
// `features` (from 0). Fields are named as in the file ("opening_hours",
// "amenities.seats"; GeoJSON "properties.name", "geometry.coordinates").
// Pure apart from `missing`; thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/text_encoding.h"
#include "facilities/facility.h"

namespace warmcity::facilities {

inline constexpr size_t kMaxReportedImportErrors = 500;

enum class ImportFormat { kGeoJson, kCsv };
std::optional<ImportFormat> parse_import_format(std::string_view name);  // "geojson" | "csv"
std::string_view import_format_name(ImportFormat f);

struct RowError {
  size_t line = 0;
  std::string field;
  std::string message;
};

struct ImportOptions {
  ImportFormat format = ImportFormat::kCsv;
  std::optional<core::TextEncoding> encoding;  // CSV: nullopt detects (text_encoding.h)
  bool gcj02 = false;                          // coordinates are GCJ-02
  // Called every 1000 rows checked and at the end (once with checked == total
  // when total is a multiple of 1000).
  std::function<void(size_t checked, size_t total)> progress;
};

// The ids among `ids` that name no organisation.
using MissingOrganisations =
    std::function<Result<std::vector<int64_t>>(const std::vector<int64_t>& ids)>;

struct ImportRow {
  size_t line = 0;
  Facility facility;  // validated; area, times and id not set yet
};

struct ImportPlan {
  ImportFormat format = ImportFormat::kCsv;
  std::optional<core::TextEncoding> encoding;  // CSV: what the text was read as
  size_t rows = 0;                             // data rows (features) in the file
  std::vector<ImportRow> valid;                // in file order
  size_t invalid_rows = 0;
  std::vector<RowError> errors;  // in line order; at most kMaxReportedImportErrors
  size_t error_count = 0;        // all of them
  // The file itself cannot be read (encoding, CSV quoting, header): nothing
  // can be imported from it, skip_invalid or not.
  bool unreadable = false;
};

// kInvalidArgument when a GeoJSON body is not a JSON object; kUnprocessable
// when it is not a FeatureCollection; the lookup's own error when it fails.
// Otherwise the plan, valid or not.
Result<ImportPlan> plan_import(std::string_view body, const ImportOptions& options,
                               const MissingOrganisations& missing);

// "2 of 10 rows are not valid; nothing was imported" and the like.
std::string import_problem_detail(const ImportPlan& plan);

}  // namespace warmcity::facilities
