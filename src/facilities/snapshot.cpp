#include "facilities/snapshot.h"

#include <algorithm>
#include <utility>

namespace warmcity::facilities {

namespace {

constexpr int64_t kNextChangeHorizon = 14 * 86400;
constexpr size_t kMemoSize = 64;  // distinct expressions remembered per query

// The opening hours evaluated once per distinct expression within one query:
// equal expressions share one object (layer.h), so the pointer is the key.
class HoursMemo {
 public:
  HoursMemo(const core::Calendar& calendar, int64_t at) : calendar_(calendar), at_(at) {}

  core::State state(const core::OpeningHours& h) {
    if (Seen* s = find(h)) return s->state;
    const core::State state = h.state_at(at_, calendar_);
    if (seen_.size() < kMemoSize) seen_.push_back({&h, state, false, std::nullopt});
    return state;
  }

  std::optional<int64_t> next_change(const core::OpeningHours& h) {
    Seen* s = find(h);
    if (s && s->next_known) return s->next;
    std::optional<int64_t> next = h.next_change(at_, calendar_, kNextChangeHorizon);
    if (s) *s = {&h, s->state, true, next};
    return next;
  }

 private:
  struct Seen {
    const core::OpeningHours* hours;
    core::State state;
    bool next_known;
    std::optional<int64_t> next;
  };
  Seen* find(const core::OpeningHours& h) {
    for (Seen& s : seen_) {
      if (s.hours == &h) return &s;
    }
    return nullptr;
  }

  const core::Calendar& calendar_;
  int64_t at_;
  std::vector<Seen> seen_;
};

// The kind is the tree's (layer.h); the columns are read only when the query
// or the layer needs them.
bool offered(const Layer& l, uint32_t row, const NearbyQuery& q) {
  return (q.required_flags == 0 || (l.flags(row) & q.required_flags) == q.required_flags) &&
         (!l.any_suspended() || q.at >= l.suspended_until(row));
}

// Rows to fetch at first: the limit, and room for the closed ones when only
// open facilities count (about half are closed at a given time).
size_t first_batch(const NearbyQuery& q) { return q.open_only ? 4 * q.limit : q.limit + 4; }

// The offered rows of one layer nearest first, leaving out those in `hidden`.
struct Stream {
  Stream(const Layer& layer, const NearbyQuery& q, const std::vector<uint32_t>& hidden)
      : layer(layer),
        cursor(
            layer, q.lat, q.lon, q.kind,
            [&layer, &q, &hidden](uint32_t row) {
              return offered(layer, row, q) &&
                     (hidden.empty() || !std::binary_search(hidden.begin(), hidden.end(), row));
            },
            first_batch(q)) {
    pull();
  }
  void pull() { more = cursor.next(row, distance_m); }

  const Layer& layer;
  Layer::Nearest cursor;
  bool more = false;
  uint32_t row = 0;
  double distance_m = 0;
};

}  // namespace

Snapshot::~Snapshot() = default;

std::shared_ptr<const Snapshot> Snapshot::build(std::vector<Entry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.id < b.id; });
  Layer::Builder base(entries.size());
  for (const Entry& e : entries) base.add(e);
  return of(base.finish());
}

std::shared_ptr<const Snapshot> Snapshot::of(std::shared_ptr<const Layer> base) {
  std::shared_ptr<Snapshot> s(new Snapshot());
  s->base_ = std::move(base);
  s->lay_over();
  return s;
}

void Snapshot::lay_over() {
  Layer::Builder overlay(changes_.size());
  hidden_.clear();
  for (const Change& c : changes_) {
    if (c.entry) overlay.add(*c.entry);
    if (std::optional<uint32_t> row = base_->find(c.id)) hidden_.push_back(*row);
  }
  overlay_ = overlay.finish();
  std::sort(hidden_.begin(), hidden_.end());
}

std::shared_ptr<const Snapshot> Snapshot::with(int64_t id, std::optional<Entry> entry) const {
  std::shared_ptr<Snapshot> next(new Snapshot(*this));
  auto at = std::lower_bound(next->changes_.begin(), next->changes_.end(), id,
                             [](const Change& c, int64_t v) { return c.id < v; });
  const bool known = (at != next->changes_.end() && at->id == id) || base_->find(id);
  if (!entry && !known) return next;  // nothing to remove
  Change change{id, ++next->changes_made_,
                entry ? std::make_shared<const Entry>(std::move(*entry)) : nullptr};
  if (at != next->changes_.end() && at->id == id) {
    *at = std::move(change);
  } else {
    next->changes_.insert(at, std::move(change));
  }
  next->lay_over();
  return next;
}

std::shared_ptr<const Snapshot> Snapshot::folded() const {
  Layer::Builder base(size());
  const Layer& old = *base_;
  const Layer& over = *overlay_;
  uint32_t i = 0;
  uint32_t j = 0;
  auto h = hidden_.begin();
  // Both layers are in ascending id order: merge them, leaving hidden rows out.
  while (i < old.size() || j < over.size()) {
    if (i < old.size() && h != hidden_.end() && *h == i) {
      ++i;
      ++h;
    } else if (j == over.size() || (i < old.size() && old.id(i) < over.id(j))) {
      base.add(old, i++);
    } else {
      base.add(over, j++);
    }
  }
  std::shared_ptr<Snapshot> s(new Snapshot());
  s->base_ = base.finish();
  s->changes_made_ = changes_made_;
  s->lay_over();
  return s;
}

std::shared_ptr<const Snapshot> Snapshot::rebased_onto(const Snapshot& folded,
                                                       uint64_t since) const {
  std::shared_ptr<Snapshot> s(new Snapshot());
  s->base_ = folded.base_;
  s->changes_made_ = changes_made_;
  for (const Change& c : changes_) {
    if (c.number > since) s->changes_.push_back(c);
  }
  s->lay_over();
  return s;
}

std::array<size_t, kKindCount> Snapshot::count_by_kind(int64_t at) const {
  std::array<size_t, kKindCount> out{};
  auto count = [&](const Layer& layer, const std::vector<uint32_t>& hidden) {
    auto next_hidden = hidden.begin();
    for (uint32_t row = 0; row < layer.size(); ++row) {
      if (next_hidden != hidden.end() && *next_hidden == row) {
        ++next_hidden;
        continue;
      }
      if (at >= layer.suspended_until(row)) ++out[static_cast<size_t>(layer.kind(row))];
    }
  };
  count(*base_, hidden_);
  count(*overlay_, {});
  return out;
}

size_t Snapshot::size() const { return base_->size() - hidden_.size() + overlay_->size(); }

size_t Snapshot::memory_bytes() const {
  return sizeof(Snapshot) + base_->memory_bytes() + overlay_->memory_bytes() +
         changes_.capacity() * (sizeof(Change) + sizeof(Entry)) +
         hidden_.capacity() * sizeof(uint32_t);
}

std::vector<Hit> Snapshot::nearby(const NearbyQuery& q, const core::Calendar& calendar) const {
  std::vector<Hit> out;
  if (q.limit == 0) return out;
  static const std::vector<uint32_t> kNone;
  Stream base(*base_, q, hidden_);
  Stream over(*overlay_, q, kNone);
  HoursMemo memo(calendar, q.at);
  while (base.more || over.more) {
    Stream& s = base.more && (!over.more || base.distance_m <= over.distance_m) ? base : over;
    const uint32_t row = s.row;
    const double distance = s.distance_m;
    s.pull();
    if (distance > q.radius_m) break;
    Hit hit{&s.layer, row, s.layer.id(row), distance, core::State::kUnknown, std::nullopt};
    const core::OpeningHours* hours = s.layer.hours(row);
    if (hours) hit.state = memo.state(*hours);
    if (q.open_only && hit.state != core::State::kOpen) continue;
    if (hours) hit.next_change = memo.next_change(*hours);
    out.push_back(hit);
    if (out.size() == q.limit) break;
  }
  return out;
}

}  // namespace warmcity::facilities
