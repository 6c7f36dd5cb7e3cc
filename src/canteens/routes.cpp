// The canteens' shared route helpers (routes.h).
#include "canteens/routes.h"

namespace warmcity::canteens {

Result<int64_t> canteen_id_of(const http::Request& req) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return Status::NotFound("no canteen with that id");
  return *id;
}

}  // namespace warmcity::canteens
