// Deadlines of an appeal and the supervision clock (督办).
//
// Rules (docs/appeals.md):
//   response due    = submitted + the category's response_hours (clock hours:
//                     the hotline answers every day)
//   resolution due  = the category's resolution_days official working days
//                     after submission (core::Calendar::add_working_days: the
//                     same local time on the n-th working day after the start
//                     day, skipping public holidays and counting make-up
//                     working days); after a reopen (重办) counted again from
//                     the reopen.
// One clock runs at a time: the response clock while the appeal is
// submitted, the resolution clock from acceptance until the reply, none
// afterwards. It is "nearly due" once 80 % of its time has passed and
// "overdue" once due. Pure functions.
#pragma once

#include <cstdint>
#include <optional>

#include "appeals/workflow.h"
#include "core/calendar.h"

namespace warmcity::appeals {

struct Deadlines {
  int64_t response_due = 0;
  int64_t resolution_due = 0;
};

Deadlines deadlines_for(int response_hours, int resolution_days, int64_t submitted_at,
                        const core::Calendar& calendar);

struct Clock {
  int64_t start = 0;
  int64_t due = 0;
  int64_t nearly = 0;  // start + 80 % of (due - start), rounded up
};
Clock make_clock(int64_t start, int64_t due);

// The clock that runs in `state`, given the appeal's submission time and its
// two deadlines; nullopt when none runs (replied, callback, closed).
// `resolution_start` is the acceptance (or reopen) time.
std::optional<Clock> clock_for(State state, int64_t submitted_at, const Deadlines& d,
                               int64_t resolution_start);

enum class Urgency { kNone, kNearlyDue, kOverdue };
Urgency urgency_at(const Clock& clock, int64_t now);

}  // namespace warmcity::appeals
