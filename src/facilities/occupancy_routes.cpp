// POST /api/v1/facilities/{id}/occupancy: a keeper reports a lot's free
// spaces (see occupancy.h, docs/facilities.md).
#include <optional>
#include <string>
#include <utility>

#include "facilities/routes.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::facilities {

namespace {

using nlohmann::ordered_json;

// The largest capacity amenities.h allows; the lot's own capacity is
// checked in the write job.
constexpr int64_t kMaxFreeSpaces = 100000;

void report(FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  std::optional<int64_t> free_spaces = in.required_int("free_spaces", 0, kMaxFreeSpaces);
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  service.report_free_spaces(*id, *free_spaces, editor_of(req),
                             [reply = std::move(reply)](Result<Occupancy> saved) {
                               if (!saved.ok()) return reply(http::problem(saved.status()));
                               ordered_json body = {{"facility_id", saved->facility_id}};
                               add_free_spaces(body, free_spaces_at(*saved, saved->reported_at));
                               reply(http::json_response(dump(body)));
                             });
}

}  // namespace

void register_occupancy_route(http::Router& router, FacilityService& service) {
  router.add(
      http::Method::kPost, std::string(kApi) + "/{id}/occupancy",
      http::Access::Roles({http::Role::kAdmin, http::Role::kKeeper}),
      [&service](http::Request& req, http::Reply reply) { report(service, req, std::move(reply)); },
      {.body_limit = 4 * 1024, .json_body = true, .summary = "Report a lot's free spaces"});
}

}  // namespace warmcity::facilities
