// The dashboard's activity figures (docs/activities.md "Counts"):
// GET /api/v1/activity-counts?month=YYYY-MM for department users and admins
// (the roles of GET /api/v1/job-counts). Counts only, no personal data (not
// audited).
#pragma once

#include <cstdint>

#include "core/local_month.h"
#include "core/status.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::activities {

struct ActivityCounts {
  int64_t occurrences = 0;      // scheduled, started in the month by `now`
  int64_t activities = 0;       // the activities those belong to
  int64_t confirmed = 0;        // their confirmed sign-ups
  int64_t attended = 0;         // … marked attended
  int64_t no_shows = 0;         // … marked no_show
  int64_t filled_permille = 0;  // confirmed × 1000 ÷ their places (floor; 0 without places)
};

// The month's figures as of `now`: an occurrence counts once it has started
// (starts_at <= now), so a month in progress counts what was held so far.
Result<ActivityCounts> activity_counts(store::Connection& c, const core::Month& month, int64_t now);

// The month a counts route is asked for (?month=YYYY-MM): the current
// district month at `now` without one; another shape is kUnprocessable
// naming `month`. For these counts and the clinics' (src/clinics).
Result<core::Month> counts_month(const http::Request& req, int64_t now);

// GET /api/v1/activity-counts (month defaults to the current district month;
// another shape is 422 naming `month`), read on the handler's reader.
void register_activity_counts_routes(http::Router& router, store::Database& db);

}  // namespace warmcity::activities
