// A facility as JSON. Include only in route and JSON translation units (it
// pulls in nlohmann/json).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "facilities/facility.h"

namespace warmcity::facilities {

// A facility as the API shows it; contact_phone masked unless `full_phone`.
nlohmann::ordered_json facility_json(const Facility& f, bool full_phone);
// JSON stored as text (amenities, change fields) as a value; {} if broken.
nlohmann::ordered_json stored_json(const std::string& text);

}  // namespace warmcity::facilities
