// Opening hours, internal: evaluation of compiled rules at an instant.
//
// Owns: a port of the reference implementation's state function
// (opening_hours.js getStatePair): which rules' date selectors match the day,
// how a later rule overrides earlier ones for the days it selects, how the
// after-midnight part of an overnight range (the "wrapped" rule) is kept or
// dropped, fallback (||) and additional (,) rules, open ends, comments; and
// the next candidate change instant the reference's iterator would step to.
// Keeping the port literal is what makes the differential test agree.
//
// Time is measured in local minutes: day * 1440 + minute, in the district
// zone. Evaluation allocates nothing unless the rule count exceeds 64.
//
// Not in the reference: a program that uses the calendar (PH, WD, OD) is
// `unknown` on a day whose year the Calendar does not know, and in the first
// hours of a known year while an overnight rule may spill over from an
// unknown 31 December; `unloaded_year` then names the missing year, and the
// change is where the calendar picks up again. On a known day the change is
// at most the next midnight into an unknown year, so intervals split there.
//
// REQUIRES: the Calendar outlives the returned comment pointer.
#pragma once

#include <cstdint>
#include <string>

#include "core/calendar.h"
#include "core/opening_hours_rules.h"

namespace warmcity::core::oh_detail {

// The instant being evaluated, split the way the reference sees it.
struct Moment {
  int64_t day = 0;                 // days since 1970-01-01, local
  int minute = 0;                  // 0..1439
  bool on_minute_boundary = true;  // seconds within the minute are zero
};

Moment moment_of(int64_t unix_seconds);
int64_t unix_of_local_minute(int64_t local_minute);

struct Evaluation {
  bool open = false;
  bool unknown = false;
  int64_t change = kNever;               // local minute of the next candidate change
  const std::string* comment = nullptr;  // into the rules, the Calendar, or static
  int unloaded_year = 0;                 // != 0: unknown because the calendar lacks this year
};

// want_change=false skips computing `change` (a little faster).
Evaluation evaluate(const Program& program, Moment at, const Calendar& calendar, bool want_change);

}  // namespace warmcity::core::oh_detail
