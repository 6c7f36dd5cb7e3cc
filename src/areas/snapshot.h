// Snapshot: the immutable in-memory index locate() answers from.
//
// Per level (sub-district, community, grid) a Boost.Geometry R-tree of the
// areas' bounding boxes, bulk-loaded with the packing constructor, plus each
// area's polygons (holes and MultiPolygons kept) for the exact test. A point
// on a boundary (outer ring or hole) belongs to the area; where areas of one
// level overlap or share an edge, the lowest id wins.
//
// Coordinates are plain WGS-84 degrees on a cartesian plane (x = lon,
// y = lat), not local metres: GeoJSON (RFC 7946) defines a polygon's edges
// as straight lines in exactly that plane, and a local equirectangular
// projection is an affine map per axis, which changes no containment answer.
// Metres matter for nearest-neighbour distances; here there are none.
//
// Immutable once built; changed() returns a new snapshot sharing the
// unchanged areas' polygons. Thread-safe for any number of readers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "areas/areas.h"
#include "areas/geometry.h"

namespace warmcity::areas {

struct AreaShape {
  int64_t id = 0;
  Level level = Level::kSubdistrict;
  std::optional<int64_t> parent_id;
  std::string name;
  // nullopt in changed(): keep the polygons the snapshot already has for id.
  std::optional<Geometry> geometry;
};

class Snapshot {
 public:
  // REQUIRES: every shape has a geometry and a distinct id.
  static std::shared_ptr<const Snapshot> build(std::vector<AreaShape> shapes);
  ~Snapshot();

  // A new snapshot with `put` added or replacing the area of the same id and
  // the ids in `removed` dropped. A put without geometry for an id this
  // snapshot does not hold is ignored.
  std::shared_ptr<const Snapshot> changed(std::vector<AreaShape> put,
                                          const std::vector<int64_t>& removed) const;

  // WGS-84 degrees; REQUIRES valid_lat/valid_lon.
  Location locate(double lat, double lon) const;
  size_t size() const;

  struct Data;  // snapshot.cpp

 private:
  explicit Snapshot(std::unique_ptr<Data> d);
  std::unique_ptr<Data> d_;
};

}  // namespace warmcity::areas
