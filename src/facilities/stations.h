// Stations: love-station notices and the reception schedule of liaison
// stations and service centres.
//
// Owns tables facility_notices and facility_receptions (migration module
// "facilities", version 3). Notices are short texts with a validity window
// [valid_from, valid_until) in unix seconds; a facility shows those valid
// now, newest first. Receptions are weekly slots (weekday 1 = Monday … 7 =
// Sunday, minutes after local midnight); a slot takes place only on an
// official working day (core::Calendar::is_working_day), so public holidays
// are skipped and a slot on weekday 6 or 7 happens only on a make-up working
// day (调休上班).
//
// Writes go through FacilityService (one write job with an audit entry);
// the functions here are pure or run on the connection they are given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/status.h"
#include "facilities/facility.h"
#include "store/connection.h"

namespace warmcity::facilities {

inline constexpr int64_t kNoticeMaxWindow = 31 * 86400;  // seconds
inline constexpr size_t kMaxReceptions = 20;

struct Notice {
  int64_t id = 0;
  int64_t facility_id = 0;
  std::string text;
  int64_t valid_from = 0;   // unix seconds, inclusive
  int64_t valid_until = 0;  // unix seconds, exclusive
  int64_t created_at = 0;
  int64_t created_by = 0;
};

struct Reception {
  std::string representative;
  int weekday = 1;       // 1 = Monday … 7 = Sunday
  int from_minute = 0;   // after local midnight
  int until_minute = 0;  // > from_minute, at most 24:00
};

// One reception on a date, in unix seconds.
struct ReceptionTime {
  std::string representative;
  int64_t from = 0;
  int64_t until = 0;
};

// kConflict unless f is a love station.
Status check_notice_kind(const Facility& f);
// kConflict unless f is a liaison station or a service centre.
Status check_reception_kind(const Facility& f);
bool has_notices(Kind k);
bool has_receptions(Kind k);

// Field errors (valid_until) when the window is empty or longer than
// kNoticeMaxWindow.
std::vector<FieldError> notice_window_errors(int64_t valid_from, int64_t valid_until);

// "HH:MM" as minutes after midnight (00:00 … 24:00); nullopt when malformed.
std::optional<int> parse_hhmm(std::string_view text);
std::string format_hhmm(int minute);

// The reception in progress at `now` or the next one to start, looking up to
// `horizon_days` ahead; nullopt when none. Ties go to the earlier-listed slot.
std::optional<ReceptionTime> next_reception(const std::vector<Reception>& schedule,
                                            const core::Calendar& calendar, int64_t now,
                                            int horizon_days = 60);

// SQL (prepared statements) on the connection given.
Status insert_notice(store::Connection& c, Notice& n);  // sets n.id
// kNotFound when facility `facility_id` has no notice `id`.
Status delete_notice(store::Connection& c, int64_t facility_id, int64_t id);
// Valid at `now`, newest first.
Result<std::vector<Notice>> current_notices(store::Connection& c, int64_t facility_id, int64_t now);
// Not ended at `now` (valid now or to come), soonest first, at most
// kMaxPendingNotices: what a keeper manages.
inline constexpr int kMaxPendingNotices = 200;
Result<std::vector<Notice>> pending_notices(store::Connection& c, int64_t facility_id, int64_t now);
// Stores each reception with its place in `schedule` (column position).
Status replace_receptions(store::Connection& c, int64_t facility_id,
                          const std::vector<Reception>& schedule);
// By weekday, then start, then the order they were given in.
Result<std::vector<Reception>> load_receptions(store::Connection& c, int64_t facility_id);

}  // namespace warmcity::facilities
