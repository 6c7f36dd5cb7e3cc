#include "facilities/nearby_search.h"

#include <algorithm>
#include <array>

#include "facilities/amenities.h"

namespace warmcity::facilities {

namespace {

// Places of kind `instead` whose boolean amenity `amenity` is true serve
// someone looking for a place of kind `asked`.
struct Substitute {
  Kind asked;
  Kind instead;
  std::string_view amenity;
};
constexpr std::array<Substitute, 1> kSubstitutes = {{
    {Kind::kToilet, Kind::kLoveStation, "toilet"},
}};

// How many of the nearest asked places are looked at for the next opening.
constexpr size_t kNextOpenAmong = 10;

NearbyQuery of_kind(NearbyQuery q, const KindFilter& k) {
  q.kind = k.kind;
  q.required_flags = k.required_flags;
  return q;
}

// Each kind's answer, merged nearest first, at most q.limit.
std::vector<Hit> merged(const Snapshot& snapshot, const NearbyQuery& q,
                        const std::vector<KindFilter>& kinds, const core::Calendar& calendar) {
  std::vector<Hit> out;
  for (const KindFilter& k : kinds) {
    std::vector<Hit> hits = snapshot.nearby(of_kind(q, k), calendar);
    std::vector<Hit> both;
    both.reserve(std::min(out.size() + hits.size(), q.limit));
    std::merge(out.begin(), out.end(), hits.begin(), hits.end(), std::back_inserter(both),
               [](const Hit& a, const Hit& b) { return a.distance_m < b.distance_m; });
    if (both.size() > q.limit) both.resize(q.limit);
    out = std::move(both);
  }
  return out;
}

bool asked(const NearbySearch& s, Kind kind) {
  return s.kinds.empty() || std::any_of(s.kinds.begin(), s.kinds.end(),
                                        [kind](const KindFilter& k) { return k.kind == kind; });
}

}  // namespace

std::vector<Hit> search_nearby(const Snapshot& snapshot, const NearbySearch& s,
                               const core::Calendar& calendar) {
  if (s.kinds.empty()) {
    NearbyQuery q = s.query;
    q.kind.reset();
    q.required_flags = 0;
    return snapshot.nearby(q, calendar);
  }
  if (s.kinds.size() == 1) return snapshot.nearby(of_kind(s.query, s.kinds[0]), calendar);
  return merged(snapshot, s.query, s.kinds, calendar);
}

NoneOpen when_none_open(const Snapshot& snapshot, const NearbySearch& s,
                        const core::Calendar& calendar) {
  NoneOpen out;
  NearbySearch later = s;
  later.query.open_only = false;
  later.query.limit = kNextOpenAmong;
  for (const Hit& h : search_nearby(snapshot, later, calendar)) {
    if (h.state == core::State::kClosed && h.next_change) {
      out.next_open = h;
      break;
    }
  }

  NearbyQuery open = s.query;
  open.limit = kMaxInstead;
  for (const Substitute& sub : kSubstitutes) {
    if (s.kinds.empty() || asked(s, sub.instead)) continue;
    auto wanted = std::find_if(s.kinds.begin(), s.kinds.end(),
                               [&sub](const KindFilter& k) { return k.kind == sub.asked; });
    if (wanted == s.kinds.end() || wanted->required_flags != 0) continue;
    std::optional<uint32_t> flag = amenity_flag(sub.instead, sub.amenity);
    if (!flag) continue;  // never: nearby_search_test finds each table entry's places
    for (const Hit& h : snapshot.nearby(of_kind(open, {sub.instead, *flag}), calendar)) {
      out.instead.push_back({h, sub.amenity});
    }
  }
  std::stable_sort(out.instead.begin(), out.instead.end(), [](const Instead& a, const Instead& b) {
    return a.hit.distance_m < b.hit.distance_m;
  });
  if (out.instead.size() > kMaxInstead) out.instead.resize(kMaxInstead);
  return out;
}

}  // namespace warmcity::facilities
