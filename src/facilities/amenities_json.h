// Reading amenities from a JSON request body (see amenities.h for the rules).
// Include only in route and JSON translation units (it pulls in nlohmann/json).
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "facilities/amenities.h"

namespace warmcity::facilities {

// Validates `value` as the amenities of `kind`. Each problem is appended to
// `errors` with field "amenities" (not an object) or "amenities.<name>";
// nullopt when there was any.
std::optional<Amenities> read_amenities(Kind kind, const nlohmann::json& value,
                                        std::vector<FieldError>& errors);

}  // namespace warmcity::facilities
