// A session day's duty confirmed (docs/afterschool.md "Duty and volunteer
// hours"): once the session is over, the organiser's staff confirm who was
// on duty; the day's duty list is fixed from then on, and the volunteers on
// it get their hours in the volunteers' ledger. What the module hands over
// of a confirmation, and the hook that takes it: afterschool does not
// include the volunteers, the app wires ModuleConfig::on_duty_confirmed to
// the ledger (src/app/application.cpp), as it wires the errands'.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

struct ConfirmedDuty {
  int64_t confirmation_id = 0;  // afterschool_duty_confirmations.id
  int64_t programme_id = 0;
  std::string programme_name;
  int64_t organiser_org_id = 0;
  std::string place;                        // the site's name (and address)
  std::string service_date;                 // the session day, YYYY-MM-DD
  int64_t minutes = 0;                      // the session's length, end - start
  std::vector<int64_t> volunteer_user_ids;  // duty adults listed as volunteer
  int64_t confirmed_by = 0;
  int64_t confirmed_at = 0;  // unix seconds
};

// Runs inside the confirmation's write job: an error rolls the confirmation
// back with it. Null: nothing else happens.
using DutyConfirmedHook = std::function<Status(store::Connection&, const ConfirmedDuty&)>;

}  // namespace warmcity::afterschool
