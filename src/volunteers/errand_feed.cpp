// The errands' records in the hours ledger (errand_feed.h).
#include "volunteers/errand_feed.h"

#include <algorithm>

#include "volunteers/ledger_write.h"
#include "volunteers/record.h"
#include "volunteers/volunteer_from_account.h"

namespace warmcity::volunteers {

namespace {

// The community organisation of a community area (lowest id), if any.
struct FeedOrganiser {
  std::optional<int64_t> id;
  std::string name;
};

Result<FeedOrganiser> feed_organiser(store::Connection& c, std::optional<int64_t> community_id) {
  FeedOrganiser out{std::nullopt, std::string(kNoOrganiserName)};
  if (!community_id) return out;
  Result<store::Statement> s = c.prepare(
      "SELECT id, name FROM organisations WHERE kind = 'community' AND area_id = ? "
      "ORDER BY id LIMIT 1");
  if (!s.ok()) return s.status();
  s->bind(1, *community_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (*row) out = {s->column_int64(0), organiser_name_of(s->column_text(1))};
  return out;
}

}  // namespace

Status record_completed_errand(store::Connection& c, const ErrandCompletion& e) {
  if (e.minutes <= 0) return Status::Ok();
  Result<int64_t> volunteer = volunteer_from_account(c, e.volunteer_user_id, e.confirmed_at);
  if (!volunteer.ok()) return volunteer.status();
  // Checked first: on PostgreSQL a refused insert would end the whole job.
  Result<bool> done = source_recorded(c, "errand", e.errand_id, *volunteer);
  if (!done.ok()) return done.status();
  if (*done) return Status::Ok();
  Result<FeedOrganiser> organiser = feed_organiser(c, e.community_id);
  if (!organiser.ok()) return organiser.status();
  NewRecord r;
  r.volunteer_id = *volunteer;
  r.organiser_org_id = organiser->id;
  r.organiser_name = organiser->name;
  r.service_date = e.service_date;
  r.content = "代购/代办服务";
  r.minutes = std::min(e.minutes, kMaxRecordMinutes);
  r.source = "errand";
  r.source_id = e.errand_id;
  r.state = "confirmed";
  r.confirmed_by = e.confirmed_by;
  r.confirmed_at = e.confirmed_at;
  r.created_at = e.confirmed_at;
  Result<int64_t> id = insert_record(c, r);
  return id.ok() ? Status::Ok() : id.status();
}

}  // namespace warmcity::volunteers
