// The JSON answer of GET /api/v1/facilities/nearby, written as text.
//
// Hand-written rather than built with nlohmann::json: the answer is the hot
// path (thousands per second), and everything in it is already stored as
// JSON text in the snapshot (escaped names and addresses, canonical
// amenities), so writing it is copying bytes and formatting a few numbers
// and times. The shape is documented in docs/facilities.md:
//   {"at": RFC 3339, "items": [{id, kind, name, address, lat, lon,
//    distance_m, state, next_change, amenities[, free_spaces,
//    free_spaces_at, free_spaces_age_s]}]}
// Pure apart from reading the occupancy board; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "facilities/occupancy.h"
#include "facilities/snapshot.h"

namespace warmcity::facilities {

// REQUIRES: `hits` came from `snapshot` (which is still alive). Parking lots
// show their free spaces from `board` as of `now`.
std::string nearby_answer(const std::vector<Hit>& hits, int64_t at, const OccupancyBoard& board,
                          int64_t now);

}  // namespace warmcity::facilities
