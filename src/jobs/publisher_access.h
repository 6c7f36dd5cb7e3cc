// Who may publish and review job posts (docs/jobs.md): publisher staff are
// users of role `department` who are members of an organisation listed in
// job_publishers; admins may do all they may. Written once here: the posts'
// service and the employers', publishers' and complaints' services all ask it.
//
// Also the jobs module's Caller (the signed-in user as the routes see them)
// and the audit entry of a caller's act, shared by every jobs service.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accounts/caller.h"
#include "core/status.h"
#include "http/message.h"
#include "store/connection.h"

namespace warmcity::jobs {

// Who calls (anonymous: user_id 0, role ""), from the request's session.
using accounts::Caller;
using accounts::caller_of;

// The caller's organisations that are publishers (ascending): none for
// anyone who is not a department user.
Result<std::vector<int64_t>> publisher_orgs_of(store::Connection& c, const Caller& by);

// Whether `by` is publisher staff (a department user in a publisher org).
Result<bool> is_publisher_staff(store::Connection& c, const Caller& by);

// Ok for admins and publisher staff; Unauthenticated for anonymous callers,
// PermissionDenied ("only the job publishers' staff …") for the rest.
Status require_publisher_or_admin(store::Connection& c, const Caller& by);

// The audit entry of `by`'s act on a subject (accounts/caller.h).
using accounts::audit_entry;

}  // namespace warmcity::jobs
