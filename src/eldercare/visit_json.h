// Visits as JSON: a visit with its escalation, an elder's due visit, a due
// list's row and a month's visit rate. Include only in .cpp files (it pulls
// in nlohmann/json).
#pragma once

#include <nlohmann/json.hpp>

#include "eldercare/visit_service.h"

namespace warmcity::eldercare {

// What a visit raised: {"kind": errand|appeal, "id", "href", "visit_id",
// "raised_by", "raised_at"}; raised_json: an array of them, oldest first.
nlohmann::ordered_json raise_json(const VisitRaise& r);
nlohmann::ordered_json raised_json(const std::vector<VisitRaise>& raised);
// Masked: findings and step notes null; "raised" as raised_json.
nlohmann::ordered_json visit_json(const VisitView& v);
// {"due_from", "deadline", "reason", "state": not_yet|today|overdue} at `now`.
nlohmann::ordered_json due_json(const Due& d, int64_t now);
// The elder (name masked in a masked view, no other personal field) and her due visit.
nlohmann::ordered_json due_item_json(const DueItem& i, int64_t now);
// {"community_id", "elders", "visited", "rate"}: rate = visited / elders, 4 decimals.
nlohmann::ordered_json rate_json(const MonthRate& r);

}  // namespace warmcity::eldercare
