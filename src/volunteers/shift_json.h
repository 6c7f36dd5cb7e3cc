// The shifts' JSON (docs/volunteers.md "Shifts"): the bodies the routes read
// (shape and ranges; the rules that need the database are the service's) and
// the views they answer. Include only in route and test translation units.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/message.h"
#include "volunteers/shift_service.h"

namespace warmcity::volunteers {

// {title, starts_at, ends_at, capacity, min_age?, risky?, training?,
// team_id?}: 422 naming each bad field, unknown fields refused.
Result<NewShift> read_new_shift(const nlohmann::json& body);
// {}, {volunteer_id} or {volunteer_no} (V + 8 digits; both: 422
// volunteer_no).
Result<SignupFor> read_signup_body(const nlohmann::json& body);
// {} , {code} (six digits) or {at} (RFC 3339); code and at together: 422 at.
Result<Attendance> read_attendance(const nlohmann::json& body);
// {reason}: 1–200 characters, not blank (trimmed); 422 reason.
Result<std::string> read_shift_cancel(const nlohmann::json& body);

// The public line: {id, title, starts_at, ends_at, capacity, places_left
// (0 when cancelled), min_age, risky, training}.
nlohmann::ordered_json shift_public_json(const ShiftRow& s);
// The staff's line, no names: the public line with occurrence_id,
// activity_id, organiser_org_id, date, team_id, status, signed_up,
// checked_in, cancel_reason, cancelled_by, cancelled_at and code (null
// unless `with_code`).
nlohmann::ordered_json shift_line_json(const ShiftRow& s, bool with_code);
// The staff's view: the staff's line with the code and signups.
nlohmann::ordered_json shift_view_json(const ShiftView& v);
// A cancellation's answer: the staff's line with the code and
// signups_cancelled.
nlohmann::ordered_json shift_cancelled_json(const ShiftCancelled& c);
// {id, shift_id, volunteer: {id, volunteer_no, name}, status, signed_at,
// checked_in_at, checked_out_at, minutes, record_id}.
nlohmann::ordered_json signup_json(const SignupRow& g);

// The answer of a refusal (http::coded_problem) and of a success.
http::Response shift_problem(const Status& s);
http::Response shift_answer(const nlohmann::ordered_json& body, int status = 200);

}  // namespace warmcity::volunteers
