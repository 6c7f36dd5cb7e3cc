// A record another module adds by itself (ledger_feed.h).
#include "volunteers/ledger_feed.h"

#include <algorithm>

#include "volunteers/ledger_write.h"
#include "volunteers/record.h"
#include "volunteers/volunteer_from_account.h"

namespace warmcity::volunteers {

Status record_fed(store::Connection& c, const FedRecord& f) {
  Result<int64_t> volunteer = volunteer_from_account(c, f.user_id, f.confirmed_at);
  if (!volunteer.ok()) return volunteer.status();
  Result<bool> done = source_recorded(c, f.source, f.source_id, *volunteer);
  if (!done.ok()) return done.status();
  if (*done) return Status::Ok();
  NewRecord r;
  r.volunteer_id = *volunteer;
  r.organiser_org_id = f.organiser_org_id;
  r.organiser_name = organiser_name_of(f.organiser_name);
  r.service_date = f.service_date;
  r.place = first_chars(f.place, 200);
  r.content = first_chars(f.content, 200);
  r.minutes = std::min(f.minutes, kMaxRecordMinutes);
  r.source = f.source;
  r.source_id = f.source_id;
  r.state = "confirmed";
  r.confirmed_by = f.confirmed_by;
  r.confirmed_at = f.confirmed_at;
  r.created_at = f.confirmed_at;
  Result<int64_t> id = insert_record(c, r);
  return id.ok() ? Status::Ok() : id.status();
}

}  // namespace warmcity::volunteers
