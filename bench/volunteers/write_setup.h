// What the write benchmarks need made first, untimed: today's shifts of a
// team with volunteers signed up and checked in (each check-out timed then
// writes one ledger record), and volunteers to write records for.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "store/database.h"
#include "world.h"

namespace warmcity::volunteers::bench {

// `count` sign-ups checked in by the team's leader at 14:05 on kNow's day,
// on new shifts of a new activity the team organises, 14:00–17:30 (400
// sign-ups a shift, active volunteers), made in one write job; their ids.
Result<std::vector<int64_t>> checked_in_signups(store::Database& db, const Staffed& team,
                                                int count);

// The first `count` active volunteers' ids.
Result<std::vector<int64_t>> active_volunteers(store::Database& db, int count);

}  // namespace warmcity::volunteers::bench
