// GET /api/v1/areas/communities (public): every community with its
// sub-district and a point to measure from, for residents who choose their
// community instead of sharing their location. Names and points only: no
// boundaries, no codes. A district has tens of communities, so the list is
// small and unpaged (bounded by kMaxCommunities).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "areas/area_routes.h"
#include "areas/geometry.h"
#include "http/problem.h"

namespace warmcity::areas {

namespace {

using nlohmann::ordered_json;

constexpr size_t kMaxCommunities = 2000;

// The middle of the outer rings' bounding box; nullopt for an empty geometry.
std::optional<Position> middle(const Geometry& g) {
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  bool any = false;
  for (const Polygon& p : g.polygons) {
    if (p.rings.empty()) continue;
    for (const Position& pos : p.rings[0]) {
      min_lat = std::min(min_lat, pos.lat);
      max_lat = std::max(max_lat, pos.lat);
      min_lon = std::min(min_lon, pos.lon);
      max_lon = std::max(max_lon, pos.lon);
      any = true;
    }
  }
  if (!any) return std::nullopt;
  return Position{(min_lon + max_lon) / 2, (min_lat + max_lat) / 2};
}

double round6(double v) { return std::round(v * 1e6) / 1e6; }

void communities_route(AreaService& service, http::Request&, http::Reply reply) {
  auto rows = service.all();
  if (!rows.ok()) return reply(http::problem(rows.status()));
  std::map<int64_t, std::string> subdistricts;
  for (const AreaRecord& a : *rows) {
    if (a.level == Level::kSubdistrict) subdistricts[a.id] = a.name;
  }
  ordered_json items = ordered_json::array();
  for (const AreaRecord& a : *rows) {
    if (a.level != Level::kCommunity || items.size() >= kMaxCommunities) continue;
    auto g = parse_stored_geometry(a.boundary);
    std::optional<Position> at = g.ok() ? middle(*g) : std::nullopt;
    if (!at) continue;
    auto parent = a.parent_id ? subdistricts.find(*a.parent_id) : subdistricts.end();
    items.push_back({{"id", a.id},
                     {"name", a.name},
                     {"subdistrict_id", a.parent_id ? ordered_json(*a.parent_id) : nullptr},
                     {"subdistrict", parent != subdistricts.end() ? ordered_json(parent->second)
                                                                  : ordered_json(nullptr)},
                     {"lat", round6(at->lat)},
                     {"lon", round6(at->lon)}});
  }
  std::stable_sort(items.begin(), items.end(), [](const ordered_json& x, const ordered_json& y) {
    return std::make_pair(x["subdistrict"].dump(), x["name"].get<std::string>()) <
           std::make_pair(y["subdistrict"].dump(), y["name"].get<std::string>());
  });
  ordered_json body = {{"items", std::move(items)}};
  reply(http::json_response(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

}  // namespace

void register_community_route(http::Router& router, AreaService& service) {
  router.add(http::Method::kGet, "/api/v1/areas/communities", http::Access::Public(),
             [&service](http::Request& req, http::Reply reply) {
               communities_route(service, req, std::move(reply));
             },
             {.summary = "every community with a point, for residents"});
}

}  // namespace warmcity::areas
