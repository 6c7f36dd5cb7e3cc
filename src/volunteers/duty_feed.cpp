// After-school duty's records in the hours ledger (duty_feed.h).
#include "volunteers/duty_feed.h"

#include <algorithm>

#include "volunteers/ledger_write.h"
#include "volunteers/record.h"
#include "volunteers/volunteer_from_account.h"

namespace warmcity::volunteers {

Status record_confirmed_duty(store::Connection& c, const DutyCompletion& d) {
  if (d.minutes <= 0) return Status::Ok();
  Result<std::string> organiser = organisation_name(c, d.organiser_org_id);
  if (!organiser.ok()) return organiser.status();
  for (int64_t user : d.volunteer_user_ids) {
    Result<int64_t> volunteer = volunteer_from_account(c, user, d.confirmed_at);
    if (!volunteer.ok()) return volunteer.status();
    // Checked first: on PostgreSQL a refused insert would end the whole job.
    Result<bool> done = source_recorded(c, "duty", d.confirmation_id, *volunteer);
    if (!done.ok()) return done.status();
    if (*done) continue;
    NewRecord r;
    r.volunteer_id = *volunteer;
    r.organiser_org_id = d.organiser_org_id;
    r.organiser_name = organiser_name_of(*organiser);
    r.service_date = d.service_date;
    r.place = first_chars(d.place, 200);
    r.content = first_chars("课后托管值守：" + d.programme_name, 200);
    r.minutes = std::min(d.minutes, kMaxRecordMinutes);
    r.source = "duty";
    r.source_id = d.confirmation_id;
    r.state = "confirmed";
    r.confirmed_by = d.confirmed_by;
    r.confirmed_at = d.confirmed_at;
    r.created_at = d.confirmed_at;
    Result<int64_t> id = insert_record(c, r);
    if (!id.ok()) return id.status();
  }
  return Status::Ok();
}

}  // namespace warmcity::volunteers
