// Who calls, and the audit entry of their act (caller.h).
#include "accounts/caller.h"

namespace warmcity::accounts {

Caller caller_of(const http::Request& req) {
  Caller c;
  c.client_address = req.client_address;
  if (!req.principal) return c;
  c.user_id = req.principal->user_id;
  c.role = std::string(http::role_name(req.principal->role));
  c.organisation_ids = req.principal->organisation_ids;
  return c;
}

AuditEntry audit_entry(const Caller& by, std::string action, std::string subject_type,
                       std::string subject_id, std::string detail_json) {
  AuditEntry e;
  if (by.user_id != 0) e.actor_user_id = by.user_id;
  e.action = std::move(action);
  e.subject_type = std::move(subject_type);
  e.subject_id = std::move(subject_id);
  e.detail_json = std::move(detail_json);
  e.client_address = by.client_address;
  return e;
}

}  // namespace warmcity::accounts
