// The dashboard's clinic figures (docs/clinics.md "Counts"):
// GET /api/v1/clinic-counts?month=YYYY-MM for department users and admins
// (the roles of /api/v1/activity-counts). Counts only, no personal data (not
// audited).
#pragma once

#include <cstdint>

#include "core/local_month.h"
#include "core/status.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::clinics {

struct ClinicCounts {
  int64_t sessions = 0;       // the sessions the slots below belong to
  int64_t slots = 0;          // clinic slots scheduled and started in the month by `now`
  int64_t places = 0;         // their capacities
  int64_t places_used = 0;    // their confirmed sign-ups
  int64_t attended = 0;       // … of those, marked attended
  int64_t used_permille = 0;  // places_used × 1000 ÷ places (floor; 0 without places)
};

// The month's figures as of `now`: a slot counts once it has started
// (starts_at <= now), so a month in progress counts what was held so far.
Result<ClinicCounts> clinic_counts(store::Connection& c, const core::Month& month, int64_t now);

// GET /api/v1/clinic-counts (month defaults to the current district month;
// another shape is 422 naming `month`), read on the handler's reader.
void register_clinic_counts_routes(http::Router& router, store::Database& db);

}  // namespace warmcity::clinics
