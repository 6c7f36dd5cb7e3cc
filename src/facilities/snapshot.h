// Snapshot: the immutable in-memory index of offered facilities behind the
// nearby query — a large bulk-loaded base layer plus a small overlay.
//
// Why two layers: rebuilding one index of a million facilities on every save
// costs about a second. Here a save makes a new snapshot that shares the base
// and rebuilds only the overlay — the facilities changed since the base was
// built (a new row, or none when the facility left the index) — and hides
// their base rows (`hidden_`, sorted row numbers). Cost per save: O(overlay).
// A query walks both layers nearest first and merges the two streams. When
// the overlay grows, folded() builds a new base with every change in it
// (LiveIndex does that on a background thread and rebases the changes made
// meanwhile with rebased_onto()). Per-kind trees were the other candidate;
// they would speed up kind queries a little but not make saves cheap.
//
// Suspension: a facility suspended until T is kept with T and offered only to
// queries whose instant (`at`, now or open_at) is at or after T, so it comes
// back by itself. One suspended without an end is not in the index.
//
// Answers parse nothing: names, addresses and amenities are kept as JSON
// text (layer.h). Each distinct opening-hours expression is evaluated once
// per thread, layer, calendar and second (snapshot.cpp), and the open-only
// filter runs inside the tree walk, so closed rows cost no second walk.
//
// Thread-safety: immutable once made; share it as shared_ptr<const Snapshot>.
// A Hit points into the snapshot that produced it: keep that alive.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/opening_hours.h"
#include "facilities/entry.h"
#include "facilities/layer.h"

namespace warmcity::facilities {

struct NearbyQuery {
  double lat = 0;  // WGS-84
  double lon = 0;
  std::optional<Kind> kind;
  uint32_t required_flags = 0;  // every amenity bit set here must be set
  double radius_m = 3000;
  size_t limit = 10;
  int64_t at = 0;          // unix seconds: the instant for `state` and suspensions
  bool open_only = false;  // only facilities open at `at`
};

struct Hit {
  const Layer* layer = nullptr;  // the row's layer, inside the snapshot
  uint32_t row = 0;
  int64_t id = 0;
  double distance_m = 0;
  core::State state = core::State::kUnknown;
  std::optional<int64_t> next_change;  // when `state` ends, within two weeks
};

class Snapshot {
 public:
  // A snapshot of `entries` (any order) in one base layer.
  static std::shared_ptr<const Snapshot> build(std::vector<Entry> entries);
  // A snapshot of one base layer.
  static std::shared_ptr<const Snapshot> of(std::shared_ptr<const Layer> base);
  ~Snapshot();

  // A new snapshot with facility `id` replaced by `entry`, or removed when
  // nullopt. Shares the base. O(overlay).
  std::shared_ptr<const Snapshot> with(int64_t id, std::optional<Entry> entry) const;
  // The same facilities in one new base with an empty overlay. O(size).
  std::shared_ptr<const Snapshot> folded() const;
  // This snapshot's changes numbered above `since` laid over `folded`'s base.
  // REQUIRES: `folded` was made by folded() from an earlier snapshot of this
  // line whose changes() was `since`.
  std::shared_ptr<const Snapshot> rebased_onto(const Snapshot& folded, uint64_t since) const;

  // Nearest first, at most q.limit, none beyond q.radius_m, none suspended at
  // q.at. Distances are measured in the local projection (error below 0.1%
  // within 50 km).
  std::vector<Hit> nearby(const NearbyQuery& q, const core::Calendar& calendar) const;

  // The facilities offered at `at` (not suspended then), by kind.
  std::array<size_t, kKindCount> count_by_kind(int64_t at) const;

  size_t size() const;                                     // facilities offered or suspended
  size_t overlay_size() const { return changes_.size(); }  // changed since the base
  uint64_t changes() const { return changes_made_; }       // with() calls in this line
  size_t memory_bytes() const;

 private:
  struct Change {
    int64_t id = 0;
    uint64_t number = 0;                 // changes() after it
    std::shared_ptr<const Entry> entry;  // null: removed
  };
  Snapshot() = default;
  // Sets overlay_ and hidden_ from base_ and changes_.
  void lay_over();

  std::shared_ptr<const Layer> base_;
  std::shared_ptr<const Layer> overlay_;
  std::vector<Change> changes_;   // ascending id
  std::vector<uint32_t> hidden_;  // base rows replaced or removed, ascending
  uint64_t changes_made_ = 0;
};

}  // namespace warmcity::facilities
