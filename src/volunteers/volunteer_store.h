// The volunteers' SQL (tables: volunteer_migrations.cpp): volunteers and
// their team memberships. Both engines; the callers check who asks and
// the rules first, inside the same write job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"
#include "volunteers/volunteer.h"

namespace warmcity::volunteers {

// The volunteer with their memberships (past ones too), or nullopt.
Result<std::optional<VolunteerRow>> find_volunteer(store::Connection& c, int64_t id);

// The volunteer registered with this ID, if any.
Result<std::optional<int64_t>> volunteer_with_identity(store::Connection& c,
                                                       const std::string& id_type,
                                                       const std::string& id_number);

// True when a user with this id exists.
Result<bool> user_exists(store::Connection& c, int64_t user_id);

// Inserts a registration (active, its number given) and its first
// membership; the new id. The guardian's consent as recorded by `by`.
Result<int64_t> insert_volunteer(store::Connection& c, const VolunteerFields& f,
                                 const std::string& volunteer_no, int64_t by, int64_t now);

// Writes every field of `v` but its number, creation and teams.
Status update_volunteer(store::Connection& c, const VolunteerRow& v, int64_t now);

// True when the volunteer is a current member of the team.
Result<bool> is_current_member(store::Connection& c, int64_t volunteer_id, int64_t team_id);
Status insert_membership(store::Connection& c, int64_t volunteer_id, int64_t team_id, int64_t by,
                         int64_t now);
// Ends the current membership; false when there was none.
Result<bool> end_membership(store::Connection& c, int64_t volunteer_id, int64_t team_id, int64_t by,
                            int64_t now);

// The current members of a team, by name (then id), at most `limit`:
// status active | left (or any), q a part of the name or of the volunteer
// number.
struct TeamVolunteerQuery {
  int64_t team_id = 0;
  std::optional<std::string> status;
  std::optional<std::string> q;
  int64_t limit = 500;
};
Result<std::vector<VolunteerRow>> team_volunteers(store::Connection& c,
                                                  const TeamVolunteerQuery& q);

}  // namespace warmcity::volunteers
