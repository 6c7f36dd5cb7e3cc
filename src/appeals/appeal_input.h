// Reading the JSON bodies of the appeal routes into service requests.
// Include only in route translation units (it pulls in nlohmann/json).
//
// A new appeal:
//   {"category": "roads", "description": "…", "channel": "web",
//    "attributes": {"count": 3, "blocks": ["fire_lane"]},
//    "lat": 37.52, "lon": 111.14, "address": "…",
//    "photos": ["<base64>" | "data:image/jpeg;base64,<base64>", …],
//    "anonymous": false, "contact": {"name": "…", "phone": "138…"}}
// (?coord=gcj02 converts lat/lon from GCJ-02.) A step:
//   {"step": "dispatch", "note": "…", "public": true, "org_id": 7 | "area_id": 3,
//    "outcome": "solved", "contacted": true, "solved": true,
//    "satisfaction": "satisfied", "into_id": 12}
// A category: {"code", "name_zh", "name_en", "group", "department_org_id",
//   "response_hours", "resolution_days", "attributes": [...]}.
#pragma once

#include <nlohmann/json.hpp>

#include "appeals/appeal_service.h"
#include "core/status.h"

namespace warmcity::appeals {

// kInvalidArgument (400) for malformed JSON; kUnprocessable with field
// errors; kTooLarge for a photo over 5 MB (decoded). Photo contents are
// checked later by the service.
Result<NewAppeal> read_new_appeal(std::string_view body, bool gcj02);
Result<StepRequest> read_step(std::string_view body);
// `with_code`: POST (the code is in the body) rather than PUT /{code}.
Result<Category> read_category(std::string_view body, bool with_code);

}  // namespace warmcity::appeals
