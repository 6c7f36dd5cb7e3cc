// The volunteer number (docs/volunteers.md "Volunteers"): `V` + 8 digits,
// made by the server, unique and never reused. Random (not from the id, so a
// number tells nothing of how many registered before), drawn again while it
// is taken: inside the writer's job, so the check holds for the insert.
// Also: who has a number (a sign-up by number).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

// A number no volunteer has (kUnavailable after 20 taken draws, which at
// 10^8 numbers means the table is full).
Result<std::string> new_volunteer_no(store::Connection& c);

// True for `V` followed by exactly 8 ASCII digits.
bool is_volunteer_no(std::string_view text);

// The volunteer who has the number, if any.
Result<std::optional<int64_t>> volunteer_by_no(store::Connection& c, const std::string& number);

}  // namespace warmcity::volunteers
