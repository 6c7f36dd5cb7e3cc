// The families' JSON (docs/afterschool.md "Children and guardians"): the
// child view, the guardians, an enrolment, a guardian's my-children entry;
// and the answer and the problem of the families' routes. Include only in
// route translation units (it pulls in nlohmann/json).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "afterschool/child_service.h"
#include "core/status.h"
#include "core/time.h"
#include "http/message.h"

namespace warmcity::afterschool {

// {id, name, school, grade, birth_date, age (on `today`), health_notes,
// has_photo, guardians, created_at}
nlohmann::ordered_json child_json(const ChildRecord& r, core::LocalDate today);
// [{user_id, display_name, relation, phone}]
nlohmann::ordered_json guardians_json(const std::vector<GuardianRow>& g);
// {id, programme_id, programme_name, child_id, status, created_at, withdrawn_at}
nlohmann::ordered_json enrolment_json(const EnrolmentRow& e);
// The child view plus pickup_adults, enrolments, today
// ([{programme_id, state, checked_in_at, brought_by, checked_out_at,
// picked_up_by: {name, relation, method} | null, late_alert}]) and
// late_pickups_this_month.
nlohmann::ordered_json my_child_json(const MyChild& m, core::LocalDate today);

// problem(s) with `error` (the refusal's code: "full", "no_account", … or
// "invalid" for a 422) and a 422's first `field`.
http::Response family_problem(const Status& s);
// A JSON answer (invalid UTF-8 replaced).
http::Response family_answer(const nlohmann::ordered_json& body, int status = 200);

}  // namespace warmcity::afterschool
