// GET /api/v1/facilities/counts: facilities in service, by kind (see
// docs/facilities.md). Counted on the snapshot (suspended ones are not in
// it), so the answer follows every committed change and reads no table.
#include <array>
#include <string>

#include "core/time.h"
#include "facilities/routes.h"
#include "facilities/snapshot.h"
#include "http/problem.h"

namespace warmcity::facilities {

namespace {

constexpr size_t kKinds = static_cast<size_t>(Kind::kAfterschoolSite) + 1;

void counts(const FacilityService& service, http::Reply reply) {
  std::shared_ptr<const Snapshot> snap = service.snapshot();
  std::array<int64_t, kKinds> by_kind{};
  for (size_t i = 0; i < snap->size(); ++i) ++by_kind[static_cast<size_t>(snap->kind(i))];
  nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
  for (size_t k = 0; k < kKinds; ++k)
    kinds[std::string(kind_name(static_cast<Kind>(k)))] = by_kind[k];
  http::Response r = http::json_response(dump({{"at", core::format_rfc3339(core::now_unix())},
                                               {"total", static_cast<int64_t>(snap->size())},
                                               {"by_kind", std::move(kinds)}}));
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
