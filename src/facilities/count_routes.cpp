// GET /api/v1/facilities/counts: facilities in service, by kind (see
// docs/facilities.md). Counted on the snapshot (those suspended now left
// out), so the answer follows every committed change and reads no table.
#include <array>
#include <string>

#include "core/time.h"
#include "facilities/routes.h"
#include "facilities/snapshot.h"
#include "http/problem.h"

namespace warmcity::facilities {

namespace {

void counts(const FacilityService& service, http::Reply reply) {
  const int64_t now = core::now_unix();
  std::array<size_t, kKindCount> by_kind = service.snapshot()->count_by_kind(now);
  nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
  size_t total = 0;
  for (size_t k = 0; k < kKindCount; ++k) {
    kinds[std::string(kind_name(static_cast<Kind>(k)))] = by_kind[k];
    total += by_kind[k];
  }
  http::Response r = http::json_response(
      dump({{"at", core::format_rfc3339(now)}, {"total", total}, {"by_kind", std::move(kinds)}}));
  r.set_header("Cache-Control", "no-store");
  reply(std::move(r));
}

}  // namespace

void register_count_route(http::Router& router, const FacilityService& service) {
  router.add(http::Method::kGet, std::string(kApi) + "/counts", http::Access::Public(),
             [&service](http::Request&, http::Reply reply) { counts(service, std::move(reply)); },
             {.summary = "Facilities in service, by kind"});
}

}  // namespace warmcity::facilities
