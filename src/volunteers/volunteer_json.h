// The volunteer view (docs/volunteers.md "Volunteers") as the caller may see
// it (volunteer_access.h Standing: the ID number whole to team staff only,
// the phones whole to team admins and the volunteer), and the volunteers'
// problems (http::coded_problem plus `code`, and `volunteer_id` for
// already_registered). Include only in route translation units.
#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "http/message.h"
#include "volunteers/volunteer.h"
#include "volunteers/volunteer_access.h"

namespace warmcity::volunteers {

nlohmann::ordered_json volunteer_json(const VolunteerRow& v, Standing standing,
                                      core::LocalDate today);

// A refusal: problem+json with `error` and `code` (the refusal's code) and,
// for a 409 already_registered, `volunteer_id`.
http::Response volunteer_problem(const Status& s,
                                 std::optional<int64_t> volunteer_id = std::nullopt);

http::Response volunteer_answer(const nlohmann::ordered_json& body, int status = 200);

}  // namespace warmcity::volunteers
