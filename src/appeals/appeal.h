// The appeal record (诉求) and its events, as the rest of the module sees them.
//
// Plain structs, no I/O. Times are unix seconds (UTC); the API shows them as
// RFC 3339 with +08:00. The workflow states and steps live in workflow.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "appeals/workflow.h"
#include "photos/photos.h"

namespace warmcity::appeals {

// How an appeal reached us. "open311" is set only by the Open311 module.
enum class Channel { kWeb, kPhone, kLiaisonStation, kRepresentativeVisit, kOpen311 };
std::string_view channel_name(Channel c);  // "web", "phone", "liaison_station", …
std::optional<Channel> parse_channel(std::string_view name);
// Channels only staff (admin, worker) may record: phone, liaison_station,
// representative_visit (they take the appeal down for the resident).
bool staff_channel(Channel c);

// 满意 / 基本满意 / 不满意.
enum class Satisfaction { kSatisfied, kBasicallySatisfied, kDissatisfied };
std::string_view satisfaction_name(
    Satisfaction s);  // "satisfied", "basically_satisfied", "dissatisfied"
std::optional<Satisfaction> parse_satisfaction(std::string_view name);

// A stored photo (photos/photos.h): the file is <photo dir>/<sha256>.<ext>.
using photos::Photo;
inline constexpr size_t kMaxPhotos = 4;  // per appeal

// Who to contact; private (see appeals.h for who sees it unmasked).
struct Contact {
  std::string name;
  std::string phone;  // core::is_valid_phone
};

struct Appeal {
  int64_t id = 0;
  std::string tracking_code;  // tracking_code.h
  int64_t category_id = 0;
  Channel channel = Channel::kWeb;
  State state = State::kSubmitted;
  std::string description;      // plain text, <= 4000 characters
  std::string attributes_json;  // {"code": value | [values]}, validated (category.h)
  std::optional<double> lat, lon;
  std::optional<std::string> address;
  std::optional<int64_t> subdistrict_id, community_id, grid_id;  // from areas::locate
  std::vector<Photo> photos;
  std::optional<int64_t> reporter_user_id;  // the signed-in submitter, if any
  bool anonymous = false;
  std::optional<Contact> contact;           // none when anonymous
  std::optional<int64_t> assigned_org_id;   // a department (or other) organisation
  std::optional<int64_t> assigned_area_id;  // a grid (or community) area
  int64_t submitted_at = 0;
  int64_t response_due = 0;    // submitted_at + the category's response hours
  int64_t resolution_due = 0;  // working days on the official calendar (deadlines.h)
  std::optional<int64_t> accepted_at, replied_at, closed_at;
  std::optional<std::string> reply_outcome;  // "solved" | "not_solvable"
  std::optional<bool> callback_contacted, callback_solved;
  std::optional<Satisfaction> satisfaction;
  std::optional<int64_t> merged_into;
  int64_t followers = 0;
  int64_t reopen_count = 0;
  // The running clock for supervision (deadlines.h); null when none runs.
  std::optional<int64_t> clock_start, due_at, nearly_at;
  int escalation = 0;  // 0 none, 1 nearly due recorded, 2 overdue recorded
  int64_t updated_at = 0;
  // Only in the answer to its submission, never stored in clear: the token
  // that lets the submitter attach photos for an hour (appeal_photo_tokens).
  std::string photo_token;
};

// The areas whose workers are the assignees of `a` dispatched to an area
// (workflow.h): that area and the areas containing it, as far as the
// appeal's location tells — its grid lies in its community, which lies in
// its sub-district (the located ids the staff list scopes by too). Dispatched
// to its grid: {grid, community, sub-district}; to its community:
// {community, sub-district}; to an area it does not lie in: that area alone.
// Empty when it is not dispatched to an area.
std::vector<int64_t> assignee_areas(const Appeal& a);

// One append-only row of an appeal's history.
struct Event {
  int64_t id = 0;
  int64_t appeal_id = 0;
  int64_t at = 0;
  std::optional<int64_t> actor_user_id;  // null: the reporter without a session, or the system
  std::string actor_role;                // "resident", "admin", …, "system", "anonymous"
  std::string action;  // a step name (workflow.h), "submit", "escalate", "follow"…
  std::optional<State> from_state, to_state;
  std::string note;
  bool is_public = false;    // the event shows on the tracking page and to the reporter
  bool note_public = false;  // …and so does its note (staff tick 公开; appeals migration 3)
  std::string detail_json = "{}";
};

}  // namespace warmcity::appeals
