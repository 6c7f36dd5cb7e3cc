// The body of `PUT /api/v1/calendar/{year}`: one year of China's official
// calendar as an admin types it in, read and checked before anything is
// stored.
//
//   {"days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}, …]}
//
// Rules, each broken one reported with its own field ("days[3].date"):
//   days      required list of at most kMaxDaysPerYear entries (may be empty:
//             a year with no declared days);
//   date      "YYYY-MM-DD" inside `year`; no date listed twice;
//   kind      "holiday" | "workday"; a workday (调休上班) only on Sat/Sun;
//   name      1..kMaxDayNameLength characters, no control characters, no
//             leading or trailing spaces (the stored text format is
//             line-based, see core/calendar.h);
//   no other fields, at the top or in a day.
//
// REQUIRES: nothing. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"

namespace warmcity::calendar {

inline constexpr size_t kMaxDaysPerYear = 60;
inline constexpr size_t kMaxDayNameLength = 40;

// kInvalidArgument (HTTP 400) when `body` is not a JSON object;
// kUnprocessable (422) with errors[] when it breaks a rule above. On success
// the days in the order given.
Result<std::vector<core::OfficialDay>> read_year_days(int year, std::string_view body);

}  // namespace warmcity::calendar
