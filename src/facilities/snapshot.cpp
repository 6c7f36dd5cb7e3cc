#include "facilities/snapshot.h"

#include <algorithm>
#include <utility>

namespace warmcity::facilities {

namespace {

constexpr int64_t kNextChangeHorizon = 14 * 86400;

// The state of each distinct opening-hours expression of one layer at the
// query's instant, evaluated when first asked for: the open-only filter runs
// inside the tree walk (so closed rows never take a place among the k
// nearest) and asks about many rows that share few expressions.
//
// Indexed by the layer's hours slot. The arrays belong to the thread and
// outlive the query: an entry counts only if it carries the current stamp,
// so a query neither allocates nor clears anything. The stamp changes when
// the layer, the calendar or the instant (a second) does; the thread's next
// queries for the same second — most of them, at many requests a second —
// find the expressions already evaluated. Serials, not addresses, name the
// layer and the calendar: a new one may be built where an old one was.
class HoursStates {
 public:
  // `lane`: 0 or 1, one per layer walked at the same time.
  HoursStates(const Layer& layer, int lane, const core::Calendar& calendar, int64_t at)
      : layer_(layer), calendar_(calendar), at_(at), t_(tables()[lane]) {
    const Key key{layer.serial(), calendar.serial(), at};
    if (key == t_.key) return;
    t_.key = key;
    if (++t_.stamp == 0) {  // wrapped: forget every old stamp
      std::fill(t_.state_stamp.begin(), t_.state_stamp.end(), 0);
      std::fill(t_.next_stamp.begin(), t_.next_stamp.end(), 0);
      t_.stamp = 1;
    }
    if (t_.state.size() < layer.distinct_hours()) {
      const size_t n = layer.distinct_hours();
      t_.state_stamp.resize(n, 0);
      t_.state.resize(n);
      t_.next_stamp.resize(n, 0);
      t_.next.resize(n);
    }
  }

  core::State state(uint32_t row) { return state_in_slot(layer_.hours_slot(row)); }

  core::State state_in_slot(uint32_t slot) {
    if (slot == kNoHours) return core::State::kUnknown;
    if (t_.state_stamp[slot] != t_.stamp) {
      t_.state[slot] = layer_.hours_in_slot(slot).state_at(at_, calendar_);
      t_.state_stamp[slot] = t_.stamp;
    }
    return t_.state[slot];
  }

  std::optional<int64_t> next_change(uint32_t row) {
    const uint32_t slot = layer_.hours_slot(row);
    if (slot == kNoHours) return std::nullopt;
    if (t_.next_stamp[slot] != t_.stamp) {
      t_.next[slot] = layer_.hours_in_slot(slot).next_change(at_, calendar_, kNextChangeHorizon);
      t_.next_stamp[slot] = t_.stamp;
    }
    return t_.next[slot];
  }

 private:
  struct Key {
    uint64_t layer = 0;
    uint64_t calendar = 0;
    int64_t at = 0;
    bool operator==(const Key&) const = default;
  };
  struct Tables {
    Key key;  // what the stamped entries were evaluated for
    uint32_t stamp = 0;
    std::vector<uint32_t> state_stamp;
    std::vector<core::State> state;
    std::vector<uint32_t> next_stamp;
    std::vector<std::optional<int64_t>> next;
  };
  static std::array<Tables, 2>& tables() {
    thread_local std::array<Tables, 2> t;
    return t;
  }

  const Layer& layer_;
  const core::Calendar& calendar_;
  int64_t at_;
  Tables& t_;
};

// The kind is the tree's (layer.h); the columns are read only when the query
// or the layer needs them.
bool offered(const Layer& l, uint32_t row, const NearbyQuery& q) {
  return (q.required_flags == 0 || (l.flags(row) & q.required_flags) == q.required_flags) &&
         (!l.any_suspended() || q.at >= l.suspended_until(row));
}

// The offered rows of one layer nearest first (only the open ones when the
// query asks so), leaving out those in `hidden`.
struct Stream {
  Stream(const Layer& layer, const NearbyQuery& q, const std::vector<uint32_t>& hidden,
         HoursStates& hours)
      : layer(layer),
        hours(hours),
        cursor(
            layer, q.lat, q.lon, q.kind,
            [&layer, &q, &hidden, &hours](uint32_t row, uint32_t hours_slot) {
              return (!q.open_only || hours.state_in_slot(hours_slot) == core::State::kOpen) &&
                     offered(layer, row, q) &&
                     (hidden.empty() || !std::binary_search(hidden.begin(), hidden.end(), row));
            },
            q.limit + 1) {  // the limit and the head that is pulled after the last hit
    pull();
  }
  void pull() { more = cursor.next(row, distance_m); }

  const Layer& layer;
  HoursStates& hours;
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
  out.reserve(q.limit);
  static const std::vector<uint32_t> kNone;
  HoursStates base_hours(*base_, 0, calendar, q.at);
  HoursStates over_hours(*overlay_, 1, calendar, q.at);
  Stream base(*base_, q, hidden_, base_hours);
  Stream over(*overlay_, q, kNone, over_hours);
  while (base.more || over.more) {
    Stream& s = base.more && (!over.more || base.distance_m <= over.distance_m) ? base : over;
    const uint32_t row = s.row;
    const double distance = s.distance_m;
    s.pull();
    if (distance > q.radius_m) break;
    out.push_back(Hit{&s.layer, row, s.layer.id(row), distance, s.hours.state(row),
                      s.hours.next_change(row)});
    if (out.size() == q.limit) break;
  }
  return out;
}

}  // namespace warmcity::facilities
