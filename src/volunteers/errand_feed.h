// The errands' records in the hours ledger (docs/volunteers.md "The hours
// ledger", errands): when an elder-care errand becomes complete, its team's
// volunteer gets a confirmed record inside that errand's own write job.
// The volunteers do not include eldercare: the app wires
// eldercare::ErrandOptions::on_complete to record_completed_errand with
// these facts (src/app/application.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

// What the ledger records of a completed errand.
struct ErrandCompletion {
  int64_t errand_id = 0;
  int64_t volunteer_user_id = 0;        // the team's volunteer member (a user)
  int64_t minutes = 0;                  // the errand's volunteer minutes
  std::string service_date;             // the delivery's district date, YYYY-MM-DD
  std::optional<int64_t> community_id;  // the elder's community (an area id)
  int64_t confirmed_by = 0;             // the team member who confirmed last
  int64_t confirmed_at = 0;             // unix seconds
};

// Inside the caller's write job: when minutes > 0 (else nothing), the
// volunteer of the user (made from their account when they have none:
// volunteer_from_account.h) gets a confirmed record: source "errand",
// source_id the errand, content 代购/代办服务, no place, the service date, the
// organiser the community organisation of that community (kind community,
// area_id the community; the lowest id) or, with none, no organisation and
// the name 社区; confirmed by `confirmed_by` at `confirmed_at`, created by
// the platform (created_by null). A second call for the same errand and
// volunteer writes nothing. Minutes above 1440 count as 1440 (the ledger's
// limit; errands keep at most that). NotFound: no such user.
Status record_completed_errand(store::Connection& c, const ErrandCompletion& e);

}  // namespace warmcity::volunteers
