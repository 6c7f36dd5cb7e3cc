// Synthetic facilities for the benchmarks: the same data for warmcity and for
// its peers (PostGIS, nginx), from one generator and one seed.
//
// Points spread uniformly over Lishi's urban area (37.500–37.550 N,
// 111.110–111.170 E, about 5.5 × 5.3 km); kinds in realistic shares (toilets
// and parking most, after-school sites fewest); opening hours drawn from a
// short list of expressions keepers really write (office hours with a lunch
// break, off-peak parking, 24/7 love stations, canteen meal times, winter and
// summer hours, PH/WD days); typed amenities per kind in canonical form.
// Deterministic for a given seed and count (std::mt19937_64).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/geo.h"
#include "facilities/facility.h"

namespace warmcity::bench {

inline constexpr uint64_t kSeed = 20260526;

// `count` facilities with ids 1..count, as stored (status active).
std::vector<facilities::Facility> synthetic_facilities(size_t count, uint64_t seed = kSeed);
// `count` query points inside the same area.
std::vector<core::LatLon> synthetic_points(size_t count, uint64_t seed = kSeed + 1);

}  // namespace warmcity::bench
