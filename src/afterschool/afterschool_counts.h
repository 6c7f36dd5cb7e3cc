// The dashboard's after-school figures (docs/afterschool.md "Counts"):
// GET /api/v1/afterschool-counts?month=YYYY-MM for department users and
// admins, per site. Numbers only, no personal data (not audited).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/local_month.h"
#include "core/status.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::afterschool {

struct SiteCounts {
  int64_t site_id = 0;
  std::string site_name;
  int64_t programmes = 0;    // its active programmes
  int64_t enrolled = 0;      // children actively enrolled now in its active programmes
  int64_t attending = 0;     // distinct children checked in during the month
  int64_t attendances = 0;   // check-ins during the month
  int64_t late_pickups = 0;  // check-outs after the late alert during the month
};

struct AfterschoolCounts {
  std::vector<SiteCounts> sites;  // the sites with a programme (even closed), by name
  int64_t enrolled = 0;           // distinct children actively enrolled in active programmes
  int64_t attending = 0;          // distinct children checked in during the month
  int64_t late_pickups = 0;
};

Result<AfterschoolCounts> afterschool_counts(store::Connection& c, const core::Month& month);

// GET /api/v1/afterschool-counts (month defaults to the current district
// month; another shape is 422 naming `month`), read on the handler's reader.
void register_afterschool_counts_routes(http::Router& router, store::Database& db);

}  // namespace warmcity::afterschool
