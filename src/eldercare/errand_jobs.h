// Internal to ErrandService: the pieces its write jobs share
// (errand_service.cpp, errand_family.cpp). Each runs on the writer's
// connection inside a job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "eldercare/errand_service.h"
#include "store/connection.h"

namespace warmcity::eldercare {

// The errand's team (nullopt when it has none).
Result<std::optional<Team>> errand_team_of(store::Connection& c, const std::optional<int64_t>& id);

// The errand's event and its audit entry errand.<step> (the audit log gets
// the ids and the new state, never the names the event may hold).
Status record_errand_step(store::Connection& c, const Caller& by, const Errand& e,
                          const std::string& step, const std::string& detail, int64_t at);

// What an errand keeps in tables of its own (errand.h): whether family asked
// for it, its receipt photo (each looked for only when the service keeps them).
Status fill_errand_extras(store::Connection& c, Errand& e, const ErrandOptions& o);

// The team a new or unassigned errand goes to, from who is on duty for her
// (assigned, with the reason; or left received when no team is).
void assign_errand_on_duty(Errand& e, const OnDuty& duty, int64_t at);

// A new errand for `elder` received from `by` at `at`, due `due_seconds`
// later, assigned to the team on duty for her (or left received).
Errand new_errand(const Elder& elder, const ErrandInput& in, const Caller& by, int64_t at,
                  int64_t due_seconds, const OnDuty& duty);

}  // namespace warmcity::eldercare
