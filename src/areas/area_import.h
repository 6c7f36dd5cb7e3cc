// Planning a GeoJSON import of areas: checks EVERY feature before anything
// is written, so a file with errors can be refused whole (422 listing each
// error) or imported without its bad features (skip_invalid).
//
// Input: a FeatureCollection whose features carry properties
//   {level: "subdistrict"|"community"|"grid", name, code?, parent_code?}
// and a Polygon or MultiPolygon geometry (geometry.h). A feature's parent is
// an EARLIER feature of the file with that code, else an existing area with
// it; its level must be the one above. Codes are unique in the file and must
// not exist yet. A feature whose parent feature is invalid is invalid too,
// so skipping never leaves an orphan. Errors name the place:
//   {field: "features[3].geometry", message: "coordinates[0]: ..."}.
// Other properties are ignored. Pure apart from `existing`; thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "areas/areas.h"
#include "areas/geometry.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::areas {

inline constexpr size_t kMaxReportedErrors = 500;
inline constexpr size_t kMaxNameLength = 64;
inline constexpr size_t kMaxCodeLength = 64;

// The level of the existing area with `code`, nullopt when there is none.
using CodeLookup = std::function<Result<std::optional<Level>>(const std::string& code)>;

// The lookup of the areas stored on `reader` (the calling thread's reader
// connection; REQUIRES it to outlive the lookup).
CodeLookup stored_codes(store::Connection& reader);

struct ImportFeature {
  size_t index = 0;  // in the file's features array
  Level level = Level::kSubdistrict;
  std::string name;
  std::optional<std::string> code;
  std::optional<std::string> parent_code;
  Geometry geometry;
};

struct SkippedFeature {
  size_t index = 0;
  std::vector<FieldError> errors;
};

struct ImportPlan {
  std::vector<ImportFeature> features;  // the valid ones, in file order
  std::vector<SkippedFeature> invalid;
};

// kInvalidArgument (400) when `body` is not a JSON object; kUnprocessable
// when it is not a FeatureCollection with a features array; the lookup's
// own error when it fails. Otherwise the plan, valid or not.
Result<ImportPlan> plan_import(std::string_view body, const CodeLookup& existing);

// The 422 refusing a plan with invalid features: every error (up to
// kMaxReportedErrors), in file order. REQUIRES: !plan.invalid.empty().
Status import_problem(const ImportPlan& plan);

}  // namespace warmcity::areas
