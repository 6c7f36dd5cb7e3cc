// The JSON answer of GET /api/v1/facilities/nearby, written as text.
//
// Hand-written rather than built with nlohmann::json: the answer is the hot
// path (thousands per second), and everything in it is already stored as
// JSON text in the snapshot (escaped names and addresses, canonical
// amenities), so writing it is copying bytes and formatting a few numbers
// and times. The shape is documented in docs/facilities.md:
//   {"at": RFC 3339, "items": [{id, kind, name, address, lat, lon,
//    distance_m, state, next_change, amenities[, free_spaces,
//    free_spaces_at, free_spaces_age_s]}][,
//    "none_open": {"next_open": item or null, "instead": [item + offers]}]}
// Pure apart from reading the occupancy board; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "facilities/nearby_search.h"
#include "facilities/occupancy.h"
#include "facilities/snapshot.h"

namespace warmcity::facilities {

// REQUIRES: `hits` (and `none_open`'s) came from a snapshot that is still
// alive. Parking lots show their free spaces from `board` as of `now`.
// `none_open`, when given, is written as the member "none_open".
std::string nearby_answer(const std::vector<Hit>& hits, int64_t at, const OccupancyBoard& board,
                          int64_t now, const NoneOpen* none_open = nullptr);

}  // namespace warmcity::facilities
