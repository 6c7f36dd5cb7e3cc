// The activities' and occurrences' rows (activity_migrations.cpp), read and
// written in the caller's connection (reads on a reader, writes inside the
// caller's write job). SQL both engines run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "activities/activity.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::activities {

// An activity as the views show it: its row with the organiser's, venue's
// and community's names.
struct ActivityRecord {
  int64_t id = 0;
  std::string kind;
  std::string title;
  std::string description;
  int64_t organiser_org_id = 0;
  std::string organiser_name;
  std::optional<int64_t> venue_id;
  std::string venue_name;
  std::string venue_address;
  double venue_lat = 0;
  double venue_lon = 0;
  std::string address;
  std::optional<int64_t> community_id;
  std::string community_name;
  int64_t capacity = 0;
  std::optional<int64_t> age_min;
  std::optional<int64_t> age_max;
  int64_t offer_window_minutes = 120;
  std::string first_date;
  int start_minute = 0;
  int duration_minutes = 0;
  std::string repeat;
  std::optional<std::string> repeat_until;
  std::optional<int64_t> repeat_count;
  std::string status;
  std::string cancel_note;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct OccurrenceRecord {
  int64_t id = 0;
  int64_t activity_id = 0;
  int64_t seq = 0;
  std::string date;  // local_date
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  int64_t capacity = 0;
  int64_t taken = 0;
  int64_t waiting = 0;
  std::string status;
  std::string cancel_note;
  int64_t revision = 0;
  bool detached = false;
  int64_t updated_at = 0;
};

// One line of the public list: the occurrence with its activity's words.
struct OccurrenceItem {
  OccurrenceRecord o;
  std::string title;
  std::string kind;
  std::string organiser_name;
  std::string venue_name;
  std::string address;  // the venue's address, or the activity's own
  std::optional<int64_t> community_id;
  std::optional<int64_t> venue_id;
  std::optional<double> lat;  // the venue's; none at a bare address
  std::optional<double> lon;
  std::optional<double> distance_m;  // near=
};

// A venue (a facility of kind venue) as the activities need it.
struct VenueRecord {
  int64_t id = 0;
  std::string name;
  std::string address;
  double lat = 0;
  double lon = 0;
  std::optional<int64_t> community_id;
  std::optional<std::string> opening_hours;
};

// NotFound when there is no such activity.
Result<ActivityRecord> load_activity(store::Connection& c, int64_t id);
// NotFound when there is no such occurrence.
Result<OccurrenceRecord> load_occurrence(store::Connection& c, int64_t id);
// The activity's occurrences starting in [from, until), in time order.
Result<std::vector<OccurrenceRecord>> occurrences_of(store::Connection& c, int64_t activity_id,
                                                     int64_t from, int64_t until);
// nullopt when `id` is no facility of kind venue.
Result<std::optional<VenueRecord>> load_venue(store::Connection& c, int64_t id);
// Whether `id` is an area of level community.
Result<bool> is_community(store::Connection& c, int64_t id);

// The fields of a new activity row (community_id already resolved).
Result<int64_t> insert_activity(store::Connection& c, const ActivityFields& f, int64_t organiser,
                                int64_t by, int64_t now);
// `detached`: made apart from the series (a free clinic's slot), so an edit
// of the series never moves it.
Result<int64_t> insert_occurrence(store::Connection& c, int64_t activity_id, int64_t seq,
                                  core::LocalDate date, int64_t starts_at, int64_t ends_at,
                                  int64_t capacity, int64_t now, bool detached = false);

// Writes the series' fields of `a` back (title … address, updated_at).
Status save_activity(store::Connection& c, const ActivityRecord& a);
// Writes an occurrence's date, times, capacity, detached and revision + 1.
Status save_occurrence(store::Connection& c, const OccurrenceRecord& o, int64_t now);
// Cancels a scheduled occurrence and every active sign-up on it (event
// cancelled with `signup_note`); taken becomes 0, revision + 1.
Status cancel_occurrence_row(store::Connection& c, int64_t occurrence_id, const std::string& note,
                             const std::string& signup_note, int64_t by, int64_t now);
Status cancel_activity_row(store::Connection& c, int64_t activity_id, const std::string& note,
                           int64_t now);

// Filters of the public list.
struct OccurrenceFilter {
  int64_t from = 0;   // starts_at >= from
  int64_t until = 0;  // starts_at < until
  std::optional<int64_t> community_id;
  std::optional<int64_t> venue_id;
  std::optional<int64_t> organiser_org_id;
  std::optional<std::string> kind;
  std::optional<double> near_lat;
  std::optional<double> near_lon;
  double radius_m = 3000;
  std::optional<std::pair<int64_t, int64_t>> after;  // (starts_at, id)
  int limit = 50;
};
// Up to limit + 1 items (the extra one says more follow).
Result<std::vector<OccurrenceItem>> find_occurrences(store::Connection& c,
                                                     const OccurrenceFilter& f);

// The organisers' activities (all when `organisers` is nullopt), newest first.
Result<std::vector<ActivityRecord>> activities_of(store::Connection& c,
                                                  const std::optional<std::vector<int64_t>>& orgs,
                                                  const std::string& status);

}  // namespace warmcity::activities
