// The errands' records in the hours ledger (errand_feed.h).
#include "volunteers/errand_feed.h"

#include "volunteers/ledger_feed.h"
#include "volunteers/record.h"

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
  Result<FeedOrganiser> organiser = feed_organiser(c, e.community_id);
  if (!organiser.ok()) return organiser.status();
  return record_fed(
      c, FedRecord{e.volunteer_user_id, "errand", e.errand_id, organiser->id, organiser->name,
                   e.service_date, "", "代购/代办服务", e.minutes, e.confirmed_by, e.confirmed_at});
}

}  // namespace warmcity::volunteers
