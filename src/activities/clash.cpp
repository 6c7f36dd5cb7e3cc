// Clashes of an occurrence at a venue (clash.h).
#include "activities/clash.h"

#include "core/opening_hours.h"

namespace warmcity::activities {

bool venue_closed_during(const std::optional<std::string>& opening_hours, int64_t from,
                         int64_t until, const core::Calendar& calendar) {
  if (!opening_hours || opening_hours->empty()) return false;
  Result<core::OpeningHours> hours = core::OpeningHours::parse(*opening_hours);
  if (!hours.ok()) return false;
  for (const core::Interval& i : hours->intervals(from, until, calendar))
    if (i.state == core::State::kClosed) return true;
  return false;
}

Result<std::optional<Clash>> clash_of(store::Connection& c, const VenueRecord& venue,
                                      const std::string& date, int64_t starts_at, int64_t ends_at,
                                      const ClashScope& scope, const core::Calendar& calendar) {
  if (venue_closed_during(venue.opening_hours, starts_at, ends_at, calendar))
    return std::optional<Clash>{Clash{date, "venue_closed", std::nullopt, ""}};
  auto q = c.prepare(
      "SELECT a.id, a.title FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id "
      "WHERE a.venue_id = ? AND o.status = 'scheduled' AND o.starts_at < ? AND o.ends_at > ? "
      "AND a.id <> ? AND o.id <> ? ORDER BY o.starts_at, o.id LIMIT 1");
  if (!q.ok()) return q.status();
  q->bind(1, venue.id)
      .bind(2, ends_at)
      .bind(3, starts_at)
      .bind(4, scope.except_activity.value_or(0))
      .bind(5, scope.except_occurrence.value_or(0));
  Result<bool> row = q->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Clash>{};
  return std::optional<Clash>{Clash{date, "venue_booked", q->column_int64(0), q->column_text(1)}};
}

}  // namespace warmcity::activities
