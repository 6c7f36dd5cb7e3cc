// The day's JSON (docs/afterschool.md "The day"): the check-in and
// check-out bodies, read and checked (each refusal a 422 naming its field,
// unknown fields and another method's fields refused), and the attendance
// view. Include only in route and JSON translation units (nlohmann/json).
#pragma once

#include <nlohmann/json.hpp>

#include "afterschool/day.h"
#include "afterschool/day_service.h"
#include "core/status.h"

namespace warmcity::afterschool {

// {child_id, brought_by: from_school | adult, adult_name (1–30, with adult
// and only then)}
Result<CheckInRequest> read_check_in(const nlohmann::json& body);
// {child_id, method: code | phone | proxy, code (6 digits) | phone (a valid
// phone) + visual_check: true | proxy_id}
Result<CheckOutRequest> read_check_out(const nlohmann::json& body);

// null before the check-out, else {name, relation, method,
// pickup_adult_id, pickup_proxy_id} (the adult's or the proxy's name and
// relation; the id of the one who took the child, the other null).
nlohmann::ordered_json picked_up_by_json(const Attendance& a);
// {id, programme_id, child_id, date, state, checked_in_at, checked_in_by,
// brought_by, brought_by_name, checked_out_at, checked_out_by, picked_up_by,
// late} (moments RFC 3339, district time).
nlohmann::ordered_json attendance_json(const Attendance& a);

}  // namespace warmcity::afterschool
