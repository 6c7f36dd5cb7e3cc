// The dashboard's job-post figures (docs/jobs.md "Counts"):
// GET /api/v1/job-counts for department users and admins. Counts only, no
// personal data (not audited).
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::jobs {

struct JobCounts {
  int64_t live = 0;                  // published and valid until today or later
  int64_t pending_review = 0;        // waiting for a reviewer
  int64_t published_this_month = 0;  // approved within the district month
  int64_t complaints_open = 0;
};

// The figures at `now` (district day and month of it), in one query.
Result<JobCounts> job_counts(store::Connection& c, int64_t now);

// GET /api/v1/job-counts, read on the handler's reader; `now` defaults to
// the app's clock.
void register_job_counts_routes(http::Router& router, store::Database& db);

}  // namespace warmcity::jobs
