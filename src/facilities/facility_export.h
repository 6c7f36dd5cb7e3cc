// Exporting every facility (active and suspended), oldest first, as a
// GeoJSON FeatureCollection or as CSV (UTF-8 with a byte-order mark, so
// Excel and WPS show Chinese right), in the formats an import reads
// (facility_formats.h, docs/facilities.md): an export imports again, except
// for a masked contact_phone. Reads on the connection it is given.
#pragma once

#include <functional>
#include <string>

#include "core/status.h"
#include "facilities/facility.h"
#include "facilities/facility_import.h"
#include "store/connection.h"

namespace warmcity::facilities {

// Whether the reader sees facility `f`'s contact_phone whole (else masked).
using ShowsPhone = std::function<bool(const Facility& f)>;

Result<std::string> export_facilities(store::Connection& c, ImportFormat format,
                                      const ShowsPhone& full_phone);

// The Content-Type of an export: application/geo+json or text/csv.
std::string export_content_type(ImportFormat format);

}  // namespace warmcity::facilities
