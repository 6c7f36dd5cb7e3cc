// The canteens' shared route helpers (routes.h).
#include "canteens/routes.h"

namespace warmcity::canteens {

Caller caller_of(const http::Request& req) {
  Caller c;
  c.client_address = req.client_address;
  if (!req.principal) return c;
  c.user_id = req.principal->user_id;
  c.role = std::string(http::role_name(req.principal->role));
  c.organisation_ids = req.principal->organisation_ids;
  return c;
}

Result<int64_t> canteen_id_of(const http::Request& req) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return Status::NotFound("no canteen with that id");
  return *id;
}

}  // namespace warmcity::canteens
