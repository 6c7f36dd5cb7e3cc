// HTTP routes of the areas module (JSON; errors as RFC 9457 problems):
//   GET    /api/v1/areas?level=&parent_id=&limit=&cursor=   any signed-in user
//   GET    /api/v1/areas/{id}                               any signed-in user
//   POST   /api/v1/areas                                    admin
//   PATCH  /api/v1/areas/{id}                               admin
//   DELETE /api/v1/areas/{id}                               admin (409 with children)
//   POST   /api/v1/areas/import[?skip_invalid=true]         admin, GeoJSON ≤ 20 MiB
//   GET    /api/v1/areas/locate?lat=&lon=[&coord=gcj02]     public
#pragma once

#include "areas/area_service.h"
#include "http/router.h"

namespace warmcity::areas {

inline constexpr size_t kImportBodyLimit = 20u << 20;
inline constexpr size_t kAreaBodyLimit = 8u << 20;  // one area: 100,000 positions fit

// REQUIRES: `service` outlives the router.
void register_area_routes(http::Router& router, AreaService& service);
// GET /api/v1/areas/communities (community_routes.cpp).
void register_community_route(http::Router& router, AreaService& service);

}  // namespace warmcity::areas
