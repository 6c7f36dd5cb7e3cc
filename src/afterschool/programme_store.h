// After-school programmes in the database (afterschool_programmes,
// afterschool_staff, afterschool_duty): reads and writes on a connection,
// inside the caller's read or write job. Other parts of the module (the day,
// the roster) read a programme and a day's staffing here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/programme.h"
#include "core/status.h"
#include "core/time.h"
#include "store/connection.h"

namespace warmcity::afterschool {

Result<std::optional<Programme>> find_programme(store::Connection& c, int64_t id);

// A day's staffing (docs/afterschool.md "The staffing rule").
struct DayStaffing {
  int64_t children = 0;  // as the caller counted them
  int64_t required = 0;  // adults_needed(programme.staffing, children)
  int64_t on_duty = 0;   // the day's duty adults on the staff list whose check is not due on today
  bool met = false;      // on_duty >= required
};
// `day` is YYYY-MM-DD; `today` decides whether a background check is due.
Result<DayStaffing> staffing_of_day(store::Connection& c, const Programme& p,
                                    const std::string& day, int64_t children,
                                    core::LocalDate today);

// Writes (inside a write job).
Result<int64_t> insert_programme(store::Connection& c, const Programme& p);
Status update_programme(store::Connection& c, const Programme& p);

// A staff list entry with the user's display name.
struct StaffMember {
  int64_t user_id = 0;
  std::string display_name;
  std::string role;
  std::string background_checked_on;
};
Result<std::vector<StaffMember>> staff_of(store::Connection& c, int64_t programme_id);
// The users on duty on a programme's day, by user id.
Result<std::vector<int64_t>> duty_of_day(store::Connection& c, int64_t programme_id,
                                         const std::string& day);
// The day's duty adults with their names and their role as it was when the
// duty was set (else as the staff list has it now; "" when neither knows),
// by user id; background_checked_on from the staff list ("" when off it).
Result<std::vector<StaffMember>> duty_members_of_day(store::Connection& c, int64_t programme_id,
                                                     const std::string& day);
// Replaces the list as a whole (and drops duty of users no longer on it,
// from `from_day` on, but on a day whose duty is confirmed).
Status replace_staff(store::Connection& c, int64_t programme_id,
                     const std::vector<StaffEntry>& staff, int64_t by, int64_t at,
                     const std::string& from_day);
// Whether the user exists, is active (not disabled) and is not a resident.
Result<bool> is_active_non_resident(store::Connection& c, int64_t user_id);
// Replaces the day's duty adults.
Status replace_duty(store::Connection& c, int64_t programme_id, const std::string& day,
                    const std::vector<int64_t>& user_ids, int64_t by, int64_t at);

// Children actively enrolled.
Result<int64_t> enrolled_count(store::Connection& c, int64_t programme_id);
// The children the staffing counts: those here now (checked in, not yet
// checked out) once any has arrived on the day, else those enrolled.
Result<int64_t> children_of_day(store::Connection& c, int64_t programme_id, const std::string& day);

// The facility a programme runs at.
struct SiteRow {
  int64_t id = 0;
  std::string kind;
  std::string name;
  std::string address;
  std::optional<int64_t> community_id;
};
Result<std::optional<SiteRow>> find_site(store::Connection& c, int64_t id);
Result<std::string> organisation_name(store::Connection& c, int64_t org_id);

// Programme ids for the lists: active ones (at sites in the community, when
// given) by name; those of the organisers (all when nullopt) by name; those
// the user is on the staff list of.
Result<std::vector<int64_t>> active_programme_ids(store::Connection& c,
                                                  std::optional<int64_t> community_id, int limit);
Result<std::vector<int64_t>> organisers_programme_ids(
    store::Connection& c, const std::optional<std::vector<int64_t>>& orgs, int limit);
Result<std::vector<int64_t>> staff_programme_ids(store::Connection& c, int64_t user_id, int limit);

}  // namespace warmcity::afterschool
