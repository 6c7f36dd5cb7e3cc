// GET /api/v1/elders/counts: the open elders counted by risk tier, by
// category or per community (elder_counts.h), for the dashboard. HTTP only:
// the numbers come from ElderService::counts.
#include <string>
#include <utility>

#include "core/time.h"
#include "eldercare/elder.h"
#include "eldercare/elder_json.h"
#include "eldercare/routes.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

ordered_json id_or_null(std::optional<int64_t> id) {
  return id ? ordered_json(*id) : ordered_json(nullptr);
}

ordered_json tiers_json(const CommunityCount& c) {
  ordered_json out = ordered_json::object();
  for (size_t i = 0; i < kRiskTiers.size(); ++i) out[std::string(kRiskTiers[i])] = c.tiers[i];
  return out;
}

ordered_json categories_json(const CommunityCount& c) {
  ordered_json out = ordered_json::object();
  for (size_t i = 0; i < kCategoryCount; ++i) out[category_codes()[i]] = c.categories[i];
  return out;
}

ordered_json items_of(ElderCountBy by, const std::vector<CommunityCount>& rows,
                      const CommunityCount& sum) {
  ordered_json items = ordered_json::array();
  switch (by) {
    case ElderCountBy::kTier:
      for (size_t i = 0; i < kRiskTiers.size(); ++i) {
        items.push_back({{"risk_tier", std::string(kRiskTiers[i])}, {"count", sum.tiers[i]}});
      }
      break;
    case ElderCountBy::kCategory:
      for (size_t i = 0; i < kCategoryCount; ++i) {
        items.push_back({{"category", category_codes()[i]}, {"count", sum.categories[i]}});
      }
      break;
    case ElderCountBy::kCommunity:
      for (const CommunityCount& r : rows) {
        items.push_back({{"community_id", id_or_null(r.community_id)},
                         {"total", r.total},
                         {"risk_tiers", tiers_json(r)},
                         {"categories", categories_json(r)}});
      }
      break;
  }
  return items;
}

// GET /elders/counts?by=tier|category|community&community_id=
void counts(ElderService& service, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  const std::string by_name = req.query_param("by").value_or("community");
  const std::optional<ElderCountBy> by = parse_elder_count_by(by_name);
  if (!by) errors.push_back({"by", "one of tier, category, community"});
  const std::optional<int64_t> community_id = query_id(req, "community_id", errors);
  if (!errors.empty()) {
    return reply(http::problem(Status::Unprocessable("bad counts query", std::move(errors))));
  }
  const int64_t at = service.now();
  Result<std::vector<CommunityCount>> rows = service.counts(community_id, caller_of(req));
  if (!rows.ok()) return reply(http::problem(rows.status()));
  const CommunityCount sum = total_of(*rows);
  reply(http::json_response(dump({{"at", core::format_rfc3339(at)},
                                  {"by", by_name},
                                  {"community_id", id_or_null(community_id)},
                                  {"total", sum.total},
                                  {"items", items_of(*by, *rows, sum)}})));
}

}  // namespace

void register_count_routes(http::Router& router, ElderService& service) {
  using http::Role;
  router.add(http::Method::kGet, std::string(kEldersApi) + "/counts",
             http::Access::Roles({Role::kAdmin, Role::kWorker}), handler(service, counts),
             {.summary = "Open elders counted by risk tier, category or community (no personal "
                         "data; ?by=tier|category|community&community_id=)"});
}

}  // namespace warmcity::eldercare
