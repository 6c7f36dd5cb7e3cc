// After-school duty's records in the hours ledger (duty_feed.h).
#include "volunteers/duty_feed.h"

#include "volunteers/ledger_feed.h"
#include "volunteers/ledger_write.h"

namespace warmcity::volunteers {

Status record_confirmed_duty(store::Connection& c, const DutyCompletion& d) {
  if (d.minutes <= 0) return Status::Ok();
  Result<std::string> organiser = organisation_name(c, d.organiser_org_id);
  if (!organiser.ok()) return organiser.status();
  for (int64_t user : d.volunteer_user_ids) {
    Status s =
        record_fed(c, FedRecord{user, "duty", d.confirmation_id, d.organiser_org_id, *organiser,
                                d.service_date, d.place, "课后托管值守：" + d.programme_name,
                                d.minutes, d.confirmed_by, d.confirmed_at});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace warmcity::volunteers
