// Occupancy: the free spaces of parking lots as their keepers report them.
//
// Owns table facility_occupancy (migration module "facilities", version 2):
// one row per lot, the latest report only (facility_id, free_spaces,
// reported_at unix seconds, reported_by user id). Reports are not audited
// (a lot may report every minute).
//
// The read path never touches SQLite: OccupancyBoard keeps the latest report
// per lot in memory, loaded from the table at start and updated after every
// committed report (FacilityService::report_free_spaces).
//
// Staleness: a report older than kFreeSpacesFreshFor seconds no longer
// counts; free_spaces() then shows the value as unknown but still says when
// it was reported and how old it is. Pure functions take `now` so tests
// inject the clock.
//
// Thread-safety: the free functions are pure or run on the connection they
// are given; OccupancyBoard may be used from any thread (a shared_mutex:
// readers share it, set() holds it exclusively for one map insert).
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "facilities/facility.h"
#include "store/connection.h"

namespace warmcity::facilities {

inline constexpr int64_t kFreeSpacesFreshFor = 15 * 60;  // seconds

// The latest report of one lot.
struct Occupancy {
  int64_t facility_id = 0;
  int64_t free_spaces = 0;
  int64_t reported_at = 0;  // unix seconds
  int64_t reported_by = 0;  // user id
};

// What an answer shows about a parking lot's free spaces; all nullopt when
// nothing was reported.
struct FreeSpaces {
  std::optional<int64_t> free_spaces;  // nullopt when unknown or stale
  std::optional<int64_t> at;           // when reported, unix seconds
  std::optional<int64_t> age_s;        // now - at, never negative
};

// The staleness rule: the value counts while age_s <= kFreeSpacesFreshFor.
// A report from the future (clock skew) has age 0.
FreeSpaces free_spaces_at(const std::optional<Occupancy>& latest, int64_t now);

// Whether `free_spaces` may be reported for `f`: kConflict unless f is a
// parking lot; kUnprocessable (field free_spaces) below 0 or above the lot's
// amenities.capacity; kInternal when its stored amenities do not validate.
Status check_free_spaces(const Facility& f, int64_t free_spaces);

// SQL (prepared statements) on the connection given.
Status upsert_occupancy(store::Connection& c, const Occupancy& o);
Result<std::vector<Occupancy>> load_occupancy(store::Connection& c);

class OccupancyBoard {
 public:
  OccupancyBoard() = default;
  explicit OccupancyBoard(const std::vector<Occupancy>& rows);
  OccupancyBoard(const OccupancyBoard&) = delete;
  OccupancyBoard& operator=(const OccupancyBoard&) = delete;

  std::optional<Occupancy> get(int64_t facility_id) const;
  void set(const Occupancy& o);

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, Occupancy> latest_;
};

}  // namespace warmcity::facilities
