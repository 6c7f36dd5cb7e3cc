// The volunteers' request bodies (docs/volunteers.md "Volunteers"): each
// refusal a 422 naming its field (a nested one as `guardian_consent.relation`,
// `trainings[1].completed_on`), unknown fields refused.
//
//   name 1–40, phone (core::is_valid_phone), id_type resident_id | passport
//   | other, id_number 1–40 (a resident ID: 17 digits and a digit or X; a
//   lower-case x is taken as X), birth_date (a date, not after today),
//   gender female | male | null, skills (0–20 strings of 1–20), availability
//   0–200, trainings (0–20 {name 1–40, completed_on date}), insurance_until
//   (a date or null), public_name (bool), user_id (an id or null),
//   guardian_consent ({guardian_name 1–40, guardian_phone, relation 1–10} or
//   null); a registration adds team_id; an edit status active | left and no
//   team_id or volunteer_no. The age rules are the service's (they need the
//   registration day): volunteer.h check_age.
#pragma once

#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "core/status.h"
#include "core/time.h"
#include "volunteers/volunteer.h"

namespace warmcity::volunteers {

// POST /api/v1/volunteers.
Result<VolunteerFields> read_volunteer(const nlohmann::json& body, core::LocalDate today);
// PUT /api/v1/volunteers/{id}.
Result<VolunteerPatch> read_volunteer_patch(const nlohmann::json& body, core::LocalDate today);
// POST /api/v1/volunteers/{id}/teams: {team_id}.
Result<int64_t> read_team_join(const nlohmann::json& body);

}  // namespace warmcity::volunteers
