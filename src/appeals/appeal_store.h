// SQL for the appeals tables (migration module "appeals"):
//   appeal_categories  one row per category (category_store.h)
//   appeals            one row per appeal, its current state and clocks
//   appeal_events      the append-only history (never updated or deleted)
//   appeal_followers   who follows an appeal instead of filing a duplicate
// Indexes serve: the tracking code (unique), lists by id, by assigned
// organisation and by reporter (both partial: a new appeal has neither an
// assignment nor, when anonymous, a reporter, so a submission skips them;
// a state filter walks ids, which every list is ordered by), the similar-appeal search
// (category + time, open only), the supervision list (nearly_at, id over
// appeals whose clock runs; the sweep uses it too) and the sweep's overdue step.
// The migration itself is appeals::migrations() (appeals.h).
// Every function runs on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appeals/appeal.h"
#include "appeals/appeal_filter.h"
#include "core/status.h"
#include "store/connection.h"
#include "store/database.h"

namespace warmcity::appeals {

// kNotFound when there is none.
Result<Appeal> get_appeal(store::Connection& c, int64_t id);
Result<Appeal> get_appeal_by_code(store::Connection& c, const std::string& tracking_code);

// A submission's rows, written so that a write job that lets the engine hold
// back statements (Connection::defer_rowless_statements) sends them all
// together on PostgreSQL, also with other submissions' (store/job_runs.h):
// the appeal's id comes back through store::run_returning_id_into, and the
// photo token and the event name their appeal by its tracking code.
//
// Inserts `a` under a.tracking_code, or a fresh code (set in a) when it is
// empty, and sets a.id — at once, or, held back, when it is sent (by the
// job's end at the latest: store::send_held() before reading it in the job).
// A code already taken fails the statement (kConflict, tracking_code_taken()),
// here or, held back, later; the caller draws again in a new job.
Status insert_appeal(store::Connection& c, Appeal& a);
// True for the failure of insert_appeal() on a taken tracking code.
bool tracking_code_taken(const Status& s);
// The photo token of the appeal with `tracking_code`.
Status insert_photo_token_of(store::Connection& c, std::string_view tracking_code,
                             std::string_view token_hash, int64_t expires_at);
// Inserts `e` as the event of the appeal with `tracking_code` (its
// appeal_id NOT NULL fails when there is no such appeal). Sets neither e.id
// nor e.appeal_id: it returns no row, so that it can be held back.
Status insert_event_of(store::Connection& c, std::string_view tracking_code, Event& e);
// Overwrites every mutable column (state, assignment, times, outcome,
// callback, merge, followers, clock, escalation).
Status update_appeal(store::Connection& c, const Appeal& a);

// Sets e.id.
Status insert_event(store::Connection& c, Event& e);

// The capability to attach photos to an appeal after submitting it.
struct PhotoToken {
  std::string token_hash;  // accounts::hash_token of the token handed out
  int64_t expires_at = 0;
};
Result<std::optional<PhotoToken>> find_photo_token(store::Connection& c, int64_t appeal_id);
// Replaces the appeal's photo list.
Status set_photos(store::Connection& c, int64_t appeal_id, const std::vector<Photo>& photos,
                  int64_t now);
// Oldest first; when `public_only`, only is_public ones and, of those, the
// note only when it was published (note_public): Open311 and the tracking
// page read these.
Result<std::vector<Event>> list_events(store::Connection& c, int64_t appeal_id, bool public_only);
// For each of `appeal_ids` that has one, the note of its latest public event
// with a published note (what list_events(…, true) shows last): one query
// for a page of appeals (an Open311 list holds up to 1,000).
Result<std::map<int64_t, std::string>> latest_public_notes(store::Connection& c,
                                                           const std::vector<int64_t>& appeal_ids);

// AppealFilter (appeal_filter.h): the filters present become the WHERE clause
// (lists as placeholder lists, so the indexes still serve them).
Result<std::vector<Appeal>> list_appeals(store::Connection& c, const AppealFilter& f);

// Supervision (督办): appeals whose clock runs and is at least nearly due at
// `now`, by nearly_at then id (the longest-warned first), after the cursor.
// `area_ids` (when not empty) keeps the appeals that lie in, or are
// assigned to, one of those areas.
Result<std::vector<Appeal>> supervision_list(store::Connection& c, int64_t now,
                                             const std::vector<int64_t>& assigned_org_ids,
                                             const std::vector<int64_t>& area_ids,
                                             const std::optional<SupervisionCursor>& after,
                                             int limit);

// Appeals whose clock passed a threshold not yet recorded: escalation 0 and
// nearly_at <= now, or escalation < 2 and due_at <= now; at most `limit`.
Result<std::vector<Appeal>> due_for_escalation(store::Connection& c, int64_t now, int limit);

// Open, unmerged appeals of `category_id` submitted at or after `since` whose
// point lies in the box [lat ± dlat, lon ± dlon] (the caller filters by
// distance).
Result<std::vector<Appeal>> open_near(store::Connection& c, int64_t category_id, int64_t since,
                                      double lat, double lon, double dlat, double dlon);

// True when `user_id` newly follows `appeal_id`, false when already did.
Result<bool> add_follower(store::Connection& c, int64_t appeal_id, int64_t user_id, int64_t at);

}  // namespace warmcity::appeals
