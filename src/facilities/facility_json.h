// A facility as JSON. Include only in route and JSON translation units (it
// pulls in nlohmann/json).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "facilities/facility.h"
#include "facilities/occupancy.h"

namespace warmcity::facilities {

// A facility as the API shows it at `now`. contact_phone is whole for every
// reader: a facility's phone is a public business number (a person's phone
// is personal data and masked, core/phone.h). The status is judged at `now`
// (suspended_at): once a suspension has lapsed it shows "active" with a null
// reason and until.
nlohmann::ordered_json facility_json(const Facility& f, int64_t now);
// As `now`: before every time, so the status shows as stored (change records).
inline constexpr int64_t kAsStored = INT64_MIN;
nlohmann::ordered_json facility_json(const Facility& f);  // at now_unix()
// Appends free_spaces, free_spaces_at (RFC 3339) and free_spaces_age_s, each
// null when unknown, to a parking lot's object.
void add_free_spaces(nlohmann::ordered_json& lot, const FreeSpaces& v);
// JSON stored as text (amenities, change fields) as a value; {} if broken.
nlohmann::ordered_json stored_json(const std::string& text);

}  // namespace warmcity::facilities
