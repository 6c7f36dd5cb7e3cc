// Snapshot: the immutable in-memory index of active facilities behind the
// nearby query.
//
// Struct-of-arrays of what a nearby answer needs, the opening hours parsed
// once at build, and an R-tree of points in local metres
// (core::LocalProjection around the district centre, kCentreLat/kCentreLon),
// bulk-loaded with the packing constructor. Boost.Geometry stays inside
// snapshot.cpp.
//
// Thread-safety: immutable after build(); share it across threads through a
// shared_ptr<const Snapshot> (FacilityService swaps it atomically).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/opening_hours.h"
#include "core/status.h"
#include "facilities/amenities.h"
#include "facilities/facility.h"

namespace warmcity::facilities {

inline constexpr double kCentreLat = 37.52;  // Lishi District
inline constexpr double kCentreLon = 111.14;

// One facility as the snapshot keeps it.
struct Entry {
  int64_t id = 0;
  Kind kind = Kind::kServiceCentre;
  std::string name;
  std::string address;
  double lat = 0;
  double lon = 0;
  Amenities amenities;
  std::optional<core::OpeningHours> hours;  // nullopt: state unknown
};

// The entry of a stored facility. kInternal when its stored hours or
// amenities no longer validate (they are validated before every write).
Result<Entry> entry_of(const Facility& f);

struct NearbyQuery {
  double lat = 0;  // WGS-84
  double lon = 0;
  std::optional<Kind> kind;
  uint32_t required_flags = 0;  // every amenity bit set here must be set
  double radius_m = 3000;
  size_t limit = 10;
  int64_t at = 0;          // unix seconds: the instant for `state`
  bool open_only = false;  // only facilities open at `at`
};

struct Hit {
  size_t index = 0;  // into the snapshot's arrays
  double distance_m = 0;
  core::State state = core::State::kUnknown;
  std::optional<int64_t> next_change;  // when `state` ends, within two weeks
};

class Snapshot {
 public:
  static std::shared_ptr<const Snapshot> build(std::vector<Entry> entries);
  ~Snapshot();

  // A new snapshot without facility `id` and, when given, with `entry`.
  std::shared_ptr<const Snapshot> with(int64_t id, std::optional<Entry> entry) const;

  // Nearest first, at most q.limit, none beyond q.radius_m. Distances are
  // measured in the local projection (error below 0.1% within 50 km).
  std::vector<Hit> nearby(const NearbyQuery& q, const core::Calendar& calendar) const;

  size_t size() const { return ids_.size(); }
  Entry entry(size_t i) const;
  int64_t id(size_t i) const { return ids_[i]; }
  Kind kind(size_t i) const { return kinds_[i]; }
  const std::string& name(size_t i) const { return names_[i]; }
  const std::string& address(size_t i) const { return addresses_[i]; }
  double lat(size_t i) const { return lats_[i]; }
  double lon(size_t i) const { return lons_[i]; }
  const Amenities& amenities(size_t i) const { return amenities_[i]; }

  struct Index;  // the R-tree (snapshot.cpp)

 private:
  Snapshot();
  std::vector<int64_t> ids_;
  std::vector<Kind> kinds_;
  std::vector<std::string> names_;
  std::vector<std::string> addresses_;
  std::vector<double> lats_;
  std::vector<double> lons_;
  std::vector<Amenities> amenities_;
  std::vector<std::optional<core::OpeningHours>> hours_;
  std::unique_ptr<Index> index_;
};

}  // namespace warmcity::facilities
