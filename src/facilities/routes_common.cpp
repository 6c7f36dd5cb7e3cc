// Helpers shared by the facilities routes (see routes.h).
#include "facilities/routes.h"

#include "facilities/facility_store.h"

namespace warmcity::facilities {

Editor editor_of(const http::Request& req) {
  Editor e;
  e.client_address = req.client_address;
  if (!req.principal) return e;
  e.user_id = req.principal->user_id;
  e.admin = req.principal->role == http::Role::kAdmin;
  e.organisation_ids = req.principal->organisation_ids;
  return e;
}

Result<Facility> kept_facility(store::Connection& c, const http::Request& req, int64_t id,
                               const std::string& what) {
  Result<Facility> f = get_facility(c, id);
  if (!f.ok()) return f.status();
  if (!editor_of(req).may_edit(*f)) {
    return Status::PermissionDenied("only an admin or a keeper of this facility may read " + what);
  }
  return f;
}

FreeSpaces free_spaces_now(const FacilityService& service, int64_t id, int64_t now) {
  return free_spaces_at(service.occupancy().get(id), now);
}

std::string dump(const nlohmann::ordered_json& body) {
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace warmcity::facilities
