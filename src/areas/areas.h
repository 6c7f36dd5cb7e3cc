// Areas: sub-districts (街道) contain communities (社区) contain grids (网格).
//
// Owns: tables of areas and their boundary polygons (WGS-84), their GeoJSON
// import, admin CRUD routes under /api/v1/areas, and the point lookup every
// other module routes by ("which grid holds this appeal?").
//
// locate() reads an immutable in-memory snapshot (bounding-box R-tree plus
// point-in-polygon), swapped atomically after every committed change, so it
// never waits on a writer and a committed change is visible to the next call.
// Every write is audited (accounts::AuditLog) in the same write job.
// Calls: store, http, core (geo), accounts (audit log). Called by: app,
// facilities; later appeals and eldercare. Details: README.md beside this file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::areas {

enum class Level { kSubdistrict, kCommunity, kGrid };

// "subdistrict" | "community" | "grid", as in the API and the database.
std::string_view level_name(Level level);
std::optional<Level> parse_level(std::string_view name);

struct AreaRef {
  int64_t id = 0;
  std::string name;
};

// The areas holding a point, innermost known level filled; empty when the
// point lies outside every imported boundary.
class AreaService;

struct Location {
  std::optional<AreaRef> subdistrict;
  std::optional<AreaRef> community;
  std::optional<AreaRef> grid;
};

std::vector<store::Migration> migrations();  // module "areas"

class Areas {
 public:
  // Loads the snapshot from the database. REQUIRES: migrations applied.
  static Result<std::unique_ptr<Areas>> open(store::Database& db);
  ~Areas();

  // Thread-safe, lock-free; WGS-84 degrees.
  Location locate(double lat, double lon) const;

  // REQUIRES: *this outlives the router.
  void register_routes(http::Router& router);

  // The writes (area_service.h), for callers outside HTTP such as `warmcity demo`.
  AreaService& service();

  struct Impl;

 private:
  explicit Areas(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace warmcity::areas
