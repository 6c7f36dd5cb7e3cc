#include "appeals/deadlines.h"

namespace warmcity::appeals {

Deadlines deadlines_for(int response_hours, int resolution_days, int64_t submitted_at,
                        const core::Calendar& calendar) {
  return {submitted_at + static_cast<int64_t>(response_hours) * 3600,
          calendar.add_working_days(submitted_at, resolution_days)};
}

Clock make_clock(int64_t start, int64_t due) {
  const int64_t span = due > start ? due - start : 0;
  return {start, due, start + (span * 4 + 4) / 5};
}

std::optional<Clock> clock_for(State state, int64_t submitted_at, const Deadlines& d,
                               int64_t resolution_start) {
  switch (state) {
    case State::kSubmitted:
      return make_clock(submitted_at, d.response_due);
    case State::kAccepted:
    case State::kDispatched:
    case State::kReturned:
    case State::kInProgress:
      return make_clock(resolution_start, d.resolution_due);
    case State::kReplied:
    case State::kCalledBack:
    case State::kClosed:
      return std::nullopt;
  }
  return std::nullopt;
}

Urgency urgency_at(const Clock& clock, int64_t now) {
  if (now >= clock.due) return Urgency::kOverdue;
  if (now >= clock.nearly) return Urgency::kNearlyDue;
  return Urgency::kNone;
}

}  // namespace warmcity::appeals
