// Visits as JSON: a visit with its escalation, an elder's due visit, a due
// list's row and a month's visit rate. Include only in .cpp files (it pulls
// in nlohmann/json).
#pragma once

#include <nlohmann/json.hpp>

#include "eldercare/visit_service.h"

namespace warmcity::eldercare {

// Masked: findings and step notes null.
nlohmann::ordered_json visit_json(const VisitView& v);
// {"due_from", "deadline", "reason", "state": not_yet|today|overdue} at `now`.
nlohmann::ordered_json due_json(const Due& d, int64_t now);
// The elder (name masked in a masked view, no other personal field) and her due visit.
nlohmann::ordered_json due_item_json(const DueItem& i, int64_t now);
// {"community_id", "elders", "visited", "rate"}: rate = visited / elders, 4 decimals.
nlohmann::ordered_json rate_json(const MonthRate& r);

}  // namespace warmcity::eldercare
