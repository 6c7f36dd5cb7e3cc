// Who calls a module's service: the signed-in user as the routes see them,
// and the audit entry of that caller's act. Written once here for every
// module that has no Caller of its own yet (activities first; jobs' and
// canteens' own Caller structs are the same fields and may move onto this).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "http/message.h"

namespace warmcity::accounts {

struct Caller {
  int64_t user_id = 0;                    // 0: anonymous
  std::string role;                       // "admin", "department", "worker", … ("" anonymous)
  std::vector<int64_t> organisation_ids;  // the caller's organisations, as the session saw them
  std::string client_address;

  bool signed_in() const { return user_id != 0; }
  bool is_admin() const { return role == "admin"; }
  bool is_resident() const { return role == "resident"; }
};

// The caller of a request, from its session (anonymous without one).
Caller caller_of(const http::Request& req);

// The audit entry of `by`'s act on a subject (anonymous: no actor), with the
// caller's address.
AuditEntry audit_entry(const Caller& by, std::string action, std::string subject_type,
                       std::string subject_id, std::string detail_json = "{}");

}  // namespace warmcity::accounts
