// The nearby route's search over a snapshot, beyond one Snapshot::nearby():
//  - several kinds at once (kind=toilet,love_station): each kind is asked on
//    its own, with its own amenity bits (a bit means a different amenity in
//    each kind), and the answers are merged nearest first. One kind is one
//    Snapshot::nearby() call, as before: nothing is added to that path.
//  - when an open-only search finds nothing (when_none_open): the nearest
//    place of the asked kinds that opens later, with when, and the nearest
//    open places of another kind that serve the same need — a love station
//    whose amenities include a toilet, for someone looking for a toilet
//    (the table kSubstitutes in nearby_search.cpp). It runs only for an
//    empty open-only answer, so a search that finds something costs no more.
//
// Pure over an immutable snapshot; thread-safe. REQUIRES for every Hit
// returned: the snapshot it came from is kept alive while it is used.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "facilities/facility.h"
#include "facilities/snapshot.h"

namespace warmcity::facilities {

// One asked kind and the amenity bits (amenity_flag of that kind) that must be set.
struct KindFilter {
  Kind kind = Kind::kToilet;
  uint32_t required_flags = 0;
};

struct NearbySearch {
  NearbyQuery query;              // its kind and required_flags are not read
  std::vector<KindFilter> kinds;  // distinct kinds; empty: every kind, no amenity filter
};

// Nearest first, at most query.limit, over the asked kinds.
std::vector<Hit> search_nearby(const Snapshot& snapshot, const NearbySearch& s,
                               const core::Calendar& calendar);

// A hit of another kind that serves the asked need, and the amenity of it
// that does ("toilet").
struct Instead {
  Hit hit;
  std::string_view offers;
};

struct NoneOpen {
  // Among the ten nearest of the asked kinds within the radius, the nearest
  // one closed at `at` that opens again within two weeks (its next_change is
  // when); nullopt when none of them does.
  std::optional<Hit> next_open;
  // At most kMaxInstead open places of a substitute kind within the radius,
  // nearest first; none when a substitute kind was itself asked or the asked
  // kind carries an amenity filter (a love station's toilet is not known to
  // have, say, a baby change table).
  std::vector<Instead> instead;
};
inline constexpr size_t kMaxInstead = 3;

// What to offer when search_nearby found nothing open.
// REQUIRES: s.query.open_only.
NoneOpen when_none_open(const Snapshot& snapshot, const NearbySearch& s,
                        const core::Calendar& calendar);

}  // namespace warmcity::facilities
