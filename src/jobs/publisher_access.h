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

#include "accounts/audit.h"
#include "core/status.h"
#include "http/message.h"
#include "store/connection.h"

namespace warmcity::jobs {

// Who calls: the signed-in user (anonymous: user_id 0, role "").
struct Caller {
  int64_t user_id = 0;
  std::string role;                       // "admin", "department", …
  std::vector<int64_t> organisation_ids;  // the caller's organisations
  std::string client_address;

  bool is_admin() const { return role == "admin"; }
};

// The caller of a request, from its session.
Caller caller_of(const http::Request& req);

// The caller's organisations that are publishers (ascending): none for
// anyone who is not a department user.
Result<std::vector<int64_t>> publisher_orgs_of(store::Connection& c, const Caller& by);

// Whether `by` is publisher staff (a department user in a publisher org).
Result<bool> is_publisher_staff(store::Connection& c, const Caller& by);

// Ok for admins and publisher staff; Unauthenticated for anonymous callers,
// PermissionDenied ("only the job publishers' staff …") for the rest.
Status require_publisher_or_admin(store::Connection& c, const Caller& by);

// The audit entry of `by`'s act on a subject (anonymous: no actor), with the
// caller's address.
accounts::AuditEntry audit_entry(const Caller& by, std::string action, std::string subject_type,
                                 std::string subject_id, std::string detail_json = "{}");

}  // namespace warmcity::jobs
