// Exporting every facility (active and suspended), oldest first, as a
// GeoJSON FeatureCollection or as CSV (UTF-8 with a byte-order mark, so
// Excel and WPS show Chinese right), in the formats an import reads
// (facility_formats.h, docs/facilities.md): an export imports again. Phones
// are whole (a facility's phone is public). Reads on the connection it is given.
#pragma once

#include <string>

#include "core/status.h"
#include "facilities/facility.h"
#include "facilities/facility_import.h"
#include "store/connection.h"

namespace warmcity::facilities {

Result<std::string> export_facilities(store::Connection& c, ImportFormat format);

// The Content-Type of an export: application/geo+json or text/csv.
std::string export_content_type(ImportFormat format);

}  // namespace warmcity::facilities
