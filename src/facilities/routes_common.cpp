// Helpers shared by the facilities routes (see routes.h).
#include "facilities/routes.h"

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

Result<Facility> kept_facility(const FacilityService& service, const http::Request& req, int64_t id,
                               const std::string& what) {
  return service.kept(id, editor_of(req), what);
}

FreeSpaces free_spaces_now(const FacilityService& service, int64_t id, int64_t now) {
  return free_spaces_at(service.occupancy().get(id), now);
}

std::string dump(const nlohmann::ordered_json& body) {
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace warmcity::facilities
