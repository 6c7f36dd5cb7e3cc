// The programmes' JSON (docs/afterschool.md "Programmes"): the programme
// view, a session day, a staff list entry, a day's staffing, and the problem
// of a refusal with the contract's members (`error`, a 422's `field`).
// Include only in route translation units (it pulls in nlohmann/json).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "afterschool/duty_store.h"
#include "afterschool/programme_service.h"
#include "core/status.h"
#include "http/message.h"

namespace warmcity::afterschool {

// {id, name, organiser: {id, name}, site: {id, name, address}, community_id,
// weekdays: [1..7], start_time, end_time, capacity, enrolled, places_left,
// term_start, term_end, on_makeup_days, staffing: {min_adults,
// base_children, per_extra_children}, status, created_at} (+ my_part when
// set).
nlohmann::ordered_json programme_json(const ProgrammeView& v);
// {date, open, reason: null | "…", holiday_name (with a holiday)}
nlohmann::ordered_json day_json(const DayView& d);
// {user_id, display_name, role, background_checked_on, recheck_due_on,
// recheck_due}
nlohmann::ordered_json staff_json(const StaffView& s);
// {children, required, on_duty, met}
nlohmann::ordered_json staffing_json(const DayStaffing& s);
// {programme_id, date, minutes, adults, volunteers, confirmed_by,
// confirmed_by_name, confirmed_at}
nlohmann::ordered_json duty_confirmation_json(const DutyConfirmation& d);

// problem(s) with `error` (the refusal's code: "no_session", … or "invalid")
// and a 422's first `field`.
http::Response programme_problem(const Status& s);
// A JSON answer (invalid UTF-8 replaced).
http::Response programme_answer(const nlohmann::ordered_json& body, int status = 200);

}  // namespace warmcity::afterschool
