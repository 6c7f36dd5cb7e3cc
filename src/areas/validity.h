// Whether a boundary is a valid area: the OGC simple-features rules as
// Boost.Geometry's is_valid checks them — no ring crossing itself or another
// ring, no ring without area, holes inside their polygon and not nested, the
// polygons of a MultiPolygon not overlapping. Repeated consecutive positions
// and either ring orientation are accepted (GeoJSON files vary). We use
// Boost's check rather than our own: it finds crossings by sweeping
// monotonic sections, so a 100,000-position boundary is checked in
// milliseconds, not the hours a pairwise test of every segment would take.
//
// Pure, thread-safe.
#pragma once

#include <optional>
#include <string>

#include "areas/geometry.h"

namespace warmcity::areas {

// nullopt when valid; otherwise what is wrong, in English, naming the
// position of a crossing when Boost reports one.
std::optional<std::string> boundary_problem(const Geometry& g);

}  // namespace warmcity::areas
