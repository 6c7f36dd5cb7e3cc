// The activity view and the occurrence view (docs/activities.md "Activities
// and their series", "Finding activities"), written once: the sign-ups,
// feeds and counts reuse them.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "activities/activity_store.h"
#include "activities/clash.h"

namespace warmcity::activities {

// {id, kind, title, description, organiser: {id, name}, venue: {id, name,
// address, lat, lon} | null, address, community: {id, name} | null, capacity,
// age_min, age_max, offer_window_minutes, first_date, start_time,
// duration_minutes, repeat, repeat_until, repeat_count, status, cancel_note,
// created_at, updated_at, url}
nlohmann::json activity_json(const ActivityRecord& a);
// {id, activity_id, seq, date, starts_at, ends_at (RFC 3339, +08:00),
// capacity, places_left, waiting, status, cancel_note, revision, detached}
nlohmann::json occurrence_json(const OccurrenceRecord& o);
// The occurrence view plus {title, kind, organiser_name, venue_name,
// address, community_id, lat, lon} (and distance_m when asked near).
nlohmann::json occurrence_item_json(const OccurrenceItem& it);
// [{date, reason, activity_id?, title?}]
nlohmann::json clashes_json(const std::vector<Clash>& clashes);
// The web app's page of an activity: /#/activities/{id}.
std::string activity_url(int64_t id);

}  // namespace warmcity::activities
