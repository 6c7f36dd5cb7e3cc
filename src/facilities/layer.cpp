#include "facilities/layer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include "core/geo.h"
#include "core/json_text.h"

namespace warmcity::facilities {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
// The point, its row and the row's hours slot: the slot rides in the padding
// of {point, row}, so a filter on opening hours reads no column.
struct Value {
  Point point;
  uint32_t row;
  uint32_t hours_slot;
};
struct PointOf {
  using result_type = const Point&;
  const Point& operator()(const Value& v) const { return v.point; }
};
struct SameRow {
  bool operator()(const Value& a, const Value& b) const { return a.row == b.row; }
};
using Tree = bgi::rtree<Value, bgi::rstar<16>, PointOf, SameRow>;

const core::LocalProjection& projection() {
  static const core::LocalProjection p(kCentreLat, kCentreLon);
  return p;
}

Point project(double lat, double lon) {
  auto [x, y] = projection().to_xy(lat, lon);
  return Point(x, y);
}

template <class T>
size_t bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

// One tree per kind: a kind query walks only the points of its kind.
struct Layer::Index {
  std::array<Tree, kKindCount> trees;
};

Layer::Layer() {
  static std::atomic<uint64_t> last{0};
  serial_ = last.fetch_add(1, std::memory_order_relaxed) + 1;
}
Layer::~Layer() = default;

std::optional<uint32_t> Layer::find(int64_t id) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), id,
                             [](const Row& r, int64_t v) { return r.id < v; });
  if (it == rows_.end() || it->id != id) return std::nullopt;
  return static_cast<uint32_t>(it - rows_.begin());
}

size_t Layer::memory_bytes() const {
  size_t n = sizeof(Layer) + bytes(rows_) + text_.capacity() + amenities_text_.capacity() +
             bytes(amenities_at_) + bytes(hours_);
  // The packed trees: every value once in a leaf of up to 16, plus the inner
  // nodes (a box and a pointer per child), about one sixteenth more.
  const size_t leaves = (size() + 15) / 16;
  n += leaves * (sizeof(Value) * 17 + 16) + leaves * (sizeof(double) * 4 + 8) * 17 / 16;
  return n;
}

Layer::Builder::Builder(size_t expected_rows) : layer_(new Layer()) {
  layer_->rows_.reserve(expected_rows);
}

Layer::Builder::~Builder() = default;

uint32_t Layer::Builder::amenities_ref(std::string_view json) {
  auto it = amenity_refs_.find(json);
  if (it != amenity_refs_.end()) return it->second;
  Layer& l = *layer_;
  const auto ref = static_cast<uint32_t>(l.amenities_at_.size() - 1);
  l.amenities_text_ += json;
  l.amenities_at_.push_back(static_cast<uint32_t>(l.amenities_text_.size()));
  amenity_refs_.emplace(std::string(json), ref);
  return ref;
}

uint32_t Layer::Builder::hours_ref(const core::OpeningHours* hours) {
  if (!hours) return kNoHours;
  auto it = hours_refs_.find(hours->source());
  if (it != hours_refs_.end()) return it->second;
  const auto ref = static_cast<uint32_t>(layer_->hours_.size());
  layer_->hours_.push_back(*hours);
  hours_refs_.emplace(hours->source(), ref);
  return ref;
}

void Layer::Builder::add_row(int64_t id, Kind kind, double lat, double lon, uint32_t flags,
                             int64_t suspended_until, std::string_view amenities,
                             const core::OpeningHours* hours, size_t text_at, size_t name_end,
                             size_t address_end) {
  Layer& l = *layer_;
  l.any_suspended_ = l.any_suspended_ || suspended_until != 0;
  l.rows_.push_back(Row{id, lat, lon, suspended_until, static_cast<uint32_t>(text_at),
                        amenities_ref(amenities), hours_ref(hours), flags,
                        static_cast<uint32_t>(name_end - text_at),
                        static_cast<uint32_t>(address_end - name_end), kind,
                        static_cast<uint16_t>(l.text_.size() - address_end)});
}

void Layer::Builder::add(const Entry& e) {
  std::string& text = layer_->text_;
  const size_t text_at = text.size();
  core::append_json_escaped(text, e.name);
  const size_t name_end = text.size();
  core::append_json_escaped(text, e.address);
  const size_t address_end = text.size();
  core::append_json_escaped(text, e.phone);
  add_row(e.id, e.kind, e.lat, e.lon, e.amenities.flags, e.suspended_until, e.amenities.json,
          e.hours ? &*e.hours : nullptr, text_at, name_end, address_end);
}

void Layer::Builder::add(const Layer& from, uint32_t i) {
  std::string& text = layer_->text_;
  const size_t text_at = text.size();
  text += from.name_json(i);
  const size_t name_end = text.size();
  text += from.address_json(i);
  const size_t address_end = text.size();
  text += from.phone_json(i);
  add_row(from.id(i), from.kind(i), from.lat(i), from.lon(i), from.flags(i),
          from.suspended_until(i), from.amenities_json(i), from.hours(i), text_at, name_end,
          address_end);
}

std::shared_ptr<const Layer> Layer::Builder::finish() {
  Layer& l = *layer_;
  std::array<std::vector<Value>, kKindCount> points;
  for (uint32_t i = 0; i < l.size(); ++i) {
    const Row& r = l.rows_[i];
    points[static_cast<size_t>(r.kind)].push_back(Value{project(r.lat, r.lon), i, r.hours_of});
  }
  l.index_ = std::make_unique<Index>();
  for (size_t k = 0; k < kKindCount; ++k) {
    // The range constructor bulk-loads with the packing algorithm.
    l.index_->trees[k] = Tree(points[k].begin(), points[k].end());
  }
  l.rows_.shrink_to_fit();
  l.text_.shrink_to_fit();
  return std::shared_ptr<const Layer>(layer_.release());
}

// Boost's incremental nearest query (qbegin) sorts as it goes and costs far
// more than the plain k-nearest query, so the cursor asks each tree it reads
// for the k nearest rows that pass its filter (checked inside the tree walk)
// and sorts them by distance. With several trees, only rows up to the
// smallest k-th distance among the trees that may hold more are certain.
// When it has given all certain rows and there may be more, it asks again
// for four times as many and skips the ones it has already given (rows at
// exactly equal distances may then swap; callers order by distance only).
struct Layer::Nearest::Cursor {
  Cursor(const Layer& layer, std::vector<const Tree*> trees, Point origin, RowFilter keep,
         size_t first)
      : layer(layer), trees(std::move(trees)), origin(origin), keep(std::move(keep)) {
    query(std::max<size_t>(first, 1));
  }
  void query(size_t k) {
    k_ = k;
    found.clear();
    found.reserve(k * trees.size());
    more = false;
    double bound = INFINITY;
    auto wanted = [this](const Value& v) { return keep(v.row, v.hours_slot); };
    for (const Tree* tree : trees) {
      const size_t n = std::min(k, tree->size());
      const size_t before = found.size();
      double farthest = 0;
      tree->query(bgi::nearest(origin, static_cast<unsigned>(n)) && bgi::satisfies(wanted),
                  boost::make_function_output_iterator([&](const Value& v) {
                    const double d = bg::comparable_distance(origin, v.point);
                    farthest = std::max(farthest, d);
                    found.emplace_back(d, v.row);
                  }));
      if (found.size() - before == n && n < tree->size()) {  // the tree may hold more
        more = true;
        bound = std::min(bound, farthest);
      }
    }
    std::sort(found.begin(), found.end());
    if (more) {
      auto beyond = std::upper_bound(found.begin(), found.end(), std::make_pair(bound, UINT32_MAX));
      found.erase(beyond, found.end());
    }
    for (size_t i = given; i < found.size(); ++i) layer.prefetch(found[i].second);
    at = given;
  }
  bool next(uint32_t& row, double& distance_m) {
    if (at >= found.size()) {
      if (!more) return false;
      query(k_ * 4);
      if (at >= found.size()) return false;
    }
    row = found[at].second;
    distance_m = std::sqrt(found[at].first);
    ++at;
    ++given;
    return true;
  }

  const Layer& layer;
  std::vector<const Tree*> trees;
  Point origin;
  RowFilter keep;
  size_t k_ = 0;
  bool more = false;  // rows beyond `found` may pass the filter
  size_t given = 0;
  size_t at = 0;
  std::vector<std::pair<double, uint32_t>> found;  // squared distance, row
};

Layer::Nearest::Nearest(const Layer& layer, double lat, double lon, std::optional<Kind> only,
                        RowFilter keep, size_t first) {
  std::vector<const Tree*> trees;
  for (size_t k = 0; k < kKindCount; ++k) {
    const Tree& tree = layer.index_->trees[k];
    if (!tree.empty() && (!only || static_cast<size_t>(*only) == k)) trees.push_back(&tree);
  }
  if (trees.empty()) return;
  cursor_ =
      std::make_unique<Cursor>(layer, std::move(trees), project(lat, lon), std::move(keep), first);
}

Layer::Nearest::~Nearest() = default;

bool Layer::Nearest::next(uint32_t& row, double& distance_m) {
  return cursor_ && cursor_->next(row, distance_m);
}

}  // namespace warmcity::facilities
