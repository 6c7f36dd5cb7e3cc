// Meal delivery's pure rules (delivery.h).
#include "canteens/delivery.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace warmcity::canteens {

std::vector<size_t> route_order(const std::vector<int64_t>& route,
                                const std::vector<StopKey>& stops) {
  std::unordered_map<int64_t, size_t> position;
  for (size_t i = 0; i < route.size(); ++i) position.emplace(route[i], i);
  auto pos_of = [&](const StopKey& s) -> size_t {
    auto it = position.find(s.elder_id);
    return it == position.end() ? route.size() : it->second;
  };
  std::vector<size_t> out(stops.size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = i;
  std::stable_sort(out.begin(), out.end(), [&](size_t a, size_t b) {
    const StopKey& x = stops[a];
    const StopKey& y = stops[b];
    const size_t px = pos_of(x), py = pos_of(y);
    if (px != py) return px < py;
    if (x.name != y.name) return x.name < y.name;
    return x.order_id < y.order_id;
  });
  return out;
}

std::vector<std::string> merged_codes(const std::vector<std::vector<std::string>>& lists,
                                      const std::vector<std::string_view>& names) {
  std::set<std::string_view> seen;
  for (const auto& list : lists) seen.insert(list.begin(), list.end());
  std::vector<std::string> out;
  for (std::string_view n : names) {
    if (seen.count(n)) out.emplace_back(n);
  }
  return out;
}

std::optional<std::string> handover_code(std::string_view card_number) {
  if (card_number.size() < kHandoverCodeDigits + kCardDigitsShown) return std::nullopt;
  return std::string(card_number.substr(0, kHandoverCodeDigits));
}

bool code_matches(std::string_view expected, std::string_view given) {
  while (!given.empty() && given.front() == ' ') given.remove_prefix(1);
  while (!given.empty() && given.back() == ' ') given.remove_suffix(1);
  return !expected.empty() && given == expected;
}

std::string route_ids_error(const std::vector<int64_t>& elder_ids) {
  if (elder_ids.size() > kMaxRouteStops) return "at most 500 stops";
  std::set<int64_t> seen;
  for (int64_t id : elder_ids) {
    if (id < 1) return "elder ids are positive integers";
    if (!seen.insert(id).second) return "elder " + std::to_string(id) + " is on the route twice";
  }
  return "";
}

}  // namespace warmcity::canteens
