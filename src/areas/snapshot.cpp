// The index (see snapshot.h); Boost.Geometry types come from bg_shapes.h.
#include "areas/snapshot.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

#include <boost/geometry/index/rtree.hpp>

#include "areas/bg_shapes.h"

namespace warmcity::areas {

namespace bgi = boost::geometry::index;

namespace {

struct Entry {
  int64_t id = 0;
  Level level = Level::kSubdistrict;
  std::optional<int64_t> parent_id;
  std::string name;
  std::shared_ptr<const MultiPolygon> shape;
  Box box;
};

using Value = std::pair<Box, const Entry*>;
using Tree = bgi::rtree<Value, bgi::quadratic<16>>;

size_t level_index(Level l) { return static_cast<size_t>(l); }

}  // namespace

struct Snapshot::Data {
  std::unordered_map<int64_t, std::shared_ptr<const Entry>> by_id;
  std::array<Tree, 3> trees;

  void index() {
    std::array<std::vector<Value>, 3> values;
    for (const auto& [id, e] : by_id) values[level_index(e->level)].emplace_back(e->box, e.get());
    for (size_t i = 0; i < values.size(); ++i) trees[i] = Tree(values[i]);  // packing
  }

  // The lowest-id area of `level` covering p (boundary included).
  const Entry* find(Level level, const Point& p) const {
    const Entry* best = nullptr;
    const Tree& tree = trees[level_index(level)];
    for (auto it = tree.qbegin(bgi::intersects(p)); it != tree.qend(); ++it) {
      const Entry* e = it->second;
      if ((!best || e->id < best->id) && bg::covered_by(p, *e->shape)) best = e;
    }
    return best;
  }

  const Entry* get(std::optional<int64_t> id) const {
    if (!id) return nullptr;
    auto it = by_id.find(*id);
    return it == by_id.end() ? nullptr : it->second.get();
  }
};

namespace {

// The bounding box of the outer rings (bg::envelope trips GCC 12's
// -Wmaybe-uninitialized inside Boost 1.74).
Box bounds(const MultiPolygon& mp) {
  double min_x = 180, min_y = 90, max_x = -180, max_y = -90;
  for (const BgPolygon& p : mp) {
    for (const Point& q : p.outer()) {
      min_x = std::min(min_x, q.x());
      min_y = std::min(min_y, q.y());
      max_x = std::max(max_x, q.x());
      max_y = std::max(max_y, q.y());
    }
  }
  return Box(Point(min_x, min_y), Point(max_x, max_y));
}

std::shared_ptr<const Entry> make_entry(AreaShape s, std::shared_ptr<const MultiPolygon> shape) {
  auto e = std::make_shared<Entry>();
  e->id = s.id;
  e->level = s.level;
  e->parent_id = s.parent_id;
  e->name = std::move(s.name);
  e->shape = std::move(shape);
  e->box = bounds(*e->shape);
  return e;
}

std::optional<AreaRef> ref(const Entry* e) {
  if (!e) return std::nullopt;
  return AreaRef{e->id, e->name};
}

}  // namespace

Snapshot::Snapshot(std::unique_ptr<Data> d) : d_(std::move(d)) {}
Snapshot::~Snapshot() = default;

std::shared_ptr<const Snapshot> Snapshot::build(std::vector<AreaShape> shapes) {
  auto d = std::make_unique<Data>();
  for (AreaShape& s : shapes) {
    if (!s.geometry) continue;
    auto shape = std::make_shared<const MultiPolygon>(to_multipolygon(*s.geometry));
    int64_t id = s.id;
    d->by_id[id] = make_entry(std::move(s), std::move(shape));
  }
  d->index();
  return std::shared_ptr<const Snapshot>(new Snapshot(std::move(d)));
}

std::shared_ptr<const Snapshot> Snapshot::changed(std::vector<AreaShape> put,
                                                  const std::vector<int64_t>& removed) const {
  auto d = std::make_unique<Data>();
  d->by_id = d_->by_id;
  for (int64_t id : removed) d->by_id.erase(id);
  for (AreaShape& s : put) {
    std::shared_ptr<const MultiPolygon> shape;
    if (s.geometry) {
      shape = std::make_shared<const MultiPolygon>(to_multipolygon(*s.geometry));
    } else if (const Entry* old = d->get(s.id)) {
      shape = old->shape;
    } else {
      continue;
    }
    int64_t id = s.id;
    d->by_id[id] = make_entry(std::move(s), std::move(shape));
  }
  d->index();
  return std::shared_ptr<const Snapshot>(new Snapshot(std::move(d)));
}

Location Snapshot::locate(double lat, double lon) const {
  const Point p(lon, lat);
  Location out;
  const Entry* grid = d_->find(Level::kGrid, p);
  const Entry* community = grid ? d_->get(grid->parent_id) : d_->find(Level::kCommunity, p);
  const Entry* subdistrict =
      community ? d_->get(community->parent_id) : d_->find(Level::kSubdistrict, p);
  out.grid = ref(grid);
  out.community = ref(community);
  out.subdistrict = ref(subdistrict);
  return out;
}

size_t Snapshot::size() const { return d_->by_id.size(); }

}  // namespace warmcity::areas
