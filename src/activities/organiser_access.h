// Who organises activities (docs/activities.md "Who organises"): organiser
// staff are users who are members of an organisation of kind department,
// community or volunteer_team and are not residents; admins may do all they
// may, for any organiser. Written once here: every part of the module asks it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accounts/caller.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::activities {

using accounts::Caller;

struct Organiser {
  int64_t id = 0;
  std::string name;
  std::string kind;  // "department", "community", "volunteer_team"
};

// The organisations `by` may organise for, by id: their own memberships of
// the organiser kinds as stored now (not as the session saw them); every
// such organisation for an admin; none for residents and anonymous callers.
Result<std::vector<Organiser>> organisers_of(store::Connection& c, const Caller& by);

// Ok when `by` may organise for `org_id`: Unauthenticated for anonymous
// callers, PermissionDenied ("only the organiser's staff …") otherwise.
Status require_organiser(store::Connection& c, const Caller& by, int64_t org_id);

}  // namespace warmcity::activities
