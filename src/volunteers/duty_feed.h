// After-school duty's records in the hours ledger (docs/volunteers.md "The
// hours ledger", after-school duty): when a programme's organiser confirms a
// session day's duty, each volunteer on it gets a confirmed record inside
// that confirmation's own write job. The volunteers do not include
// afterschool: the app wires afterschool::ModuleConfig::on_duty_confirmed to
// record_confirmed_duty with these facts (src/app/application.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

struct DutyCompletion {
  int64_t confirmation_id = 0;              // the day's confirmation (the records' source_id)
  std::vector<int64_t> volunteer_user_ids;  // users, each made a volunteer when they are none
  std::string programme_name;
  int64_t organiser_org_id = 0;  // the programme's organiser
  std::string place;
  std::string service_date;  // YYYY-MM-DD
  int64_t minutes = 0;       // the session's length
  int64_t confirmed_by = 0;
  int64_t confirmed_at = 0;  // unix seconds
};

// Inside the caller's write job: for each user (their volunteer made from
// their account when they have none: volunteer_from_account.h) a confirmed
// record: source "duty", source_id the confirmation, content 课后托管值守：
// and the programme's name, the place, the organiser and its name as it is
// now, confirmed by `confirmed_by` at `confirmed_at`, created by the
// platform. A user recorded for the confirmation already is skipped; minutes
// above 1440 count as 1440. NotFound: no such user.
Status record_confirmed_duty(store::Connection& c, const DutyCompletion& d);

}  // namespace warmcity::volunteers
