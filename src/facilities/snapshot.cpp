#include "facilities/snapshot.h"

#include <cmath>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "core/geo.h"

namespace warmcity::facilities {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Value = std::pair<Point, uint32_t>;

constexpr int64_t kNextChangeHorizon = 14 * 86400;

const core::LocalProjection& projection() {
  static const core::LocalProjection p(kCentreLat, kCentreLon);
  return p;
}

Point project(double lat, double lon) {
  auto [x, y] = projection().to_xy(lat, lon);
  return Point(x, y);
}

}  // namespace

struct Snapshot::Index {
  bgi::rtree<Value, bgi::rstar<16>> tree;
};

Snapshot::Snapshot() = default;
Snapshot::~Snapshot() = default;

Result<Entry> entry_of(const Facility& f) {
  Result<Amenities> amenities = amenities_from_text(f.kind, f.amenities_json);
  if (!amenities.ok()) return amenities.status();
  Entry e{f.id, f.kind, f.name, f.address, f.lat, f.lon, std::move(*amenities), std::nullopt};
  if (f.opening_hours) {
    Result<core::OpeningHours> hours = core::OpeningHours::parse(*f.opening_hours);
    if (!hours.ok()) return Status::Internal("stored opening hours do not parse: " + f.name);
    e.hours = std::move(*hours);
  }
  return e;
}

std::shared_ptr<const Snapshot> Snapshot::build(std::vector<Entry> entries) {
  std::shared_ptr<Snapshot> s(new Snapshot());
  const size_t n = entries.size();
  s->ids_.reserve(n);
  s->kinds_.reserve(n);
  s->names_.reserve(n);
  s->addresses_.reserve(n);
  s->lats_.reserve(n);
  s->lons_.reserve(n);
  s->amenities_.reserve(n);
  s->hours_.reserve(n);
  std::vector<Value> points;
  points.reserve(n);
  for (Entry& e : entries) {
    points.emplace_back(project(e.lat, e.lon), static_cast<uint32_t>(s->ids_.size()));
    s->ids_.push_back(e.id);
    s->kinds_.push_back(e.kind);
    s->names_.push_back(std::move(e.name));
    s->addresses_.push_back(std::move(e.address));
    s->lats_.push_back(e.lat);
    s->lons_.push_back(e.lon);
    s->amenities_.push_back(std::move(e.amenities));
    s->hours_.push_back(std::move(e.hours));
  }
  // The range constructor bulk-loads with the packing algorithm.
  s->index_ = std::make_unique<Index>(Index{{points.begin(), points.end()}});
  return s;
}

Entry Snapshot::entry(size_t i) const {
  return Entry{ids_[i],  kinds_[i], names_[i],     addresses_[i],
               lats_[i], lons_[i],  amenities_[i], hours_[i]};
}

std::shared_ptr<const Snapshot> Snapshot::with(int64_t id, std::optional<Entry> entry) const {
  std::vector<Entry> entries;
  entries.reserve(size() + 1);
  for (size_t i = 0; i < size(); ++i) {
    if (ids_[i] != id) entries.push_back(this->entry(i));
  }
  if (entry) entries.push_back(std::move(*entry));
  return build(std::move(entries));
}

std::vector<Hit> Snapshot::nearby(const NearbyQuery& q, const core::Calendar& calendar) const {
  std::vector<Hit> out;
  if (q.limit == 0 || size() == 0) return out;
  const Point origin = project(q.lat, q.lon);
  // Nearest first, one at a time: stop at the limit or beyond the radius.
  for (auto it = index_->tree.qbegin(bgi::nearest(origin, static_cast<unsigned>(size())));
       it != index_->tree.qend(); ++it) {
    const double distance = bg::distance(origin, it->first);
    if (distance > q.radius_m) break;
    const uint32_t i = it->second;
    if (q.kind && kinds_[i] != *q.kind) continue;
    if ((amenities_[i].flags & q.required_flags) != q.required_flags) continue;
    Hit hit{i, distance, core::State::kUnknown, std::nullopt};
    if (hours_[i]) hit.state = hours_[i]->state_at(q.at, calendar);
    if (q.open_only && hit.state != core::State::kOpen) continue;
    if (hours_[i]) hit.next_change = hours_[i]->next_change(q.at, calendar, kNextChangeHorizon);
    out.push_back(hit);
    if (out.size() == q.limit) break;
  }
  return out;
}

}  // namespace warmcity::facilities
