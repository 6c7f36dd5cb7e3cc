#include "eldercare/elder_access.h"

#include <algorithm>

namespace warmcity::eldercare {

bool holds_area(const std::vector<int64_t>& ids, std::optional<int64_t> id) {
  return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

View view_of(const Elder& e, const Caller& by) {
  if (by.role == "admin") return View::kFull;
  const bool on_team =
      std::find(e.team_members.begin(), e.team_members.end(), by.user_id) != e.team_members.end();
  if (on_team && (by.role == "worker" || by.role == "volunteer")) return View::kFull;
  if (by.role != "worker") return View::kNone;
  if (holds_area(by.area_ids, e.grid_id) || holds_area(by.area_ids, e.community_id))
    return View::kFull;
  if (by.area_ids.empty() || holds_area(by.area_ids, e.subdistrict_id)) return View::kMasked;
  return View::kNone;
}

bool may_change(const Elder& e, const Caller& by) {
  if (by.role == "admin") return true;
  return by.role == "worker" &&
         (holds_area(by.area_ids, e.grid_id) || holds_area(by.area_ids, e.community_id));
}

std::optional<std::vector<int64_t>> listable_areas(const Caller& by) {
  if (by.role == "admin") return std::nullopt;
  if (by.role != "worker") return std::vector<int64_t>{};
  if (by.area_ids.empty()) return std::nullopt;
  return by.area_ids;
}

}  // namespace warmcity::eldercare
