// An activity's body and its series (docs/activities.md "Activities and
// their series"): the rules a request body must meet, each refusal a 422
// naming its field, and the series' dates as a pure function — weekly (the
// same weekday), monthly (the same day of the month; a month without that
// day has none), until a date or for a count, at most kMaxOccurrences dates
// and never past two years after the first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/status.h"
#include "core/time.h"

namespace warmcity::http {
class FieldReader;
}

namespace warmcity::activities {

inline constexpr int kMaxOccurrences = 200;
inline constexpr int kFirstDateDaysAhead = 365;

struct SeriesRule {
  core::LocalDate first;
  std::string repeat = "none";  // "none", "weekly", "monthly"
  std::optional<core::LocalDate> until;
  std::optional<int64_t> count;
};

// The series' dates in order. kUnprocessable naming repeat_until (no end,
// more than 200 dates, past two years) or repeat_count (past two years).
Result<std::vector<core::LocalDate>> series_dates(const SeriesRule& rule);

// "HH:MM" (00:00–23:59) as the minute of the day; nullopt otherwise.
std::optional<int> parse_hhmm(std::string_view text);
std::string format_hhmm(int minute_of_day);

// When a dated occurrence starts and ends (unix seconds), district time.
int64_t occurrence_start(core::LocalDate date, int start_minute);

// A title or note read by `in`: trimmed, `min`..`max` code points, not
// blank (a refusal names `field`); nullopt when absent or refused.
std::optional<std::string> trimmed_text(http::FieldReader& in, const std::string& field, size_t min,
                                        size_t max, bool required);
// A new activity (POST /api/v1/activities).
struct ActivityFields {
  std::string kind = "activity";
  std::string title;
  std::string description;
  std::optional<int64_t> organiser_org_id;
  std::optional<int64_t> venue_id;
  std::string address;
  std::optional<int64_t> community_id;
  int64_t capacity = 0;
  std::optional<int64_t> age_min;
  std::optional<int64_t> age_max;
  int64_t offer_window_minutes = 120;
  core::LocalDate first_date;
  int start_minute = 0;
  int duration_minutes = 0;
  SeriesRule series;  // first == first_date
  bool skip_clashes = false;
};

// What every new activity's body says of itself and its place, read by
// `in` into `f` (also for the clinics' sessions, src/clinics): title (1–60),
// description (0–2000), organiser_org_id, venue_id or address (1–200; one
// of them, not both), community_id.
void read_activity_basics(http::FieldReader& in, ActivityFields& f);

// The body of a new activity; `today` bounds first_date (today to 365 days
// ahead). kUnprocessable with every bad field; unknown fields refused.
Result<ActivityFields> read_activity(const nlohmann::json& body, core::LocalDate today);

// An edit of the series (PUT /api/v1/activities/{id}): any subset.
struct SeriesPatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<int64_t> capacity;
  std::optional<std::optional<int64_t>> age_min;  // inner nullopt: no limit (null)
  std::optional<std::optional<int64_t>> age_max;
  std::optional<int64_t> offer_window_minutes;
  std::optional<int> start_minute;
  std::optional<int> duration_minutes;
  std::optional<int64_t> venue_id;     // set: at this venue, no address
  std::optional<std::string> address;  // set: at this address, no venue
  bool skip_clashes = false;
};
// kUnprocessable naming the field; repeat and the dates: "create a new series".
Result<SeriesPatch> read_series_patch(const nlohmann::json& body);

// An edit of one occurrence (PUT /api/v1/activity-occurrences/{id}).
struct OccurrencePatch {
  std::optional<core::LocalDate> date;
  std::optional<int> start_minute;
  std::optional<int> duration_minutes;
  std::optional<int64_t> capacity;
  bool skip_clashes = false;
};
Result<OccurrencePatch> read_occurrence_patch(const nlohmann::json& body, core::LocalDate today);

// {note} of a cancellation: 1–200 characters, not blank (trimmed).
Result<std::string> read_cancel_note(const nlohmann::json& body);

}  // namespace warmcity::activities
