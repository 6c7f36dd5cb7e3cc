// Reports of a lot's free spaces (see occupancy.h, gate_tokens.h,
// docs/facilities.md):
//   POST /api/v1/facilities/{id}/occupancy  — a keeper or an admin
//   POST /api/v1/gate/occupancy             — a gate device, X-Gate-Token
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

// The body {"free_spaces": n}; nullopt after replying with the problem.
std::optional<int64_t> read_free_spaces(const http::Request& req, const http::Reply& reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) {
    reply(http::problem(doc.status()));
    return std::nullopt;
  }
  http::FieldReader in(*doc);
  std::optional<int64_t> free_spaces = in.required_int("free_spaces", 0, kMaxFreeSpaces);
  in.reject_unknown();
  if (!in.ok()) {
    reply(http::problem(in.status()));
    return std::nullopt;
  }
  return free_spaces;
}

FacilityService::OccupancyDone answer(http::Reply reply) {
  return [reply = std::move(reply)](Result<Occupancy> saved) {
    if (!saved.ok()) return reply(http::problem(saved.status()));
    ordered_json body = {{"facility_id", saved->facility_id}};
    add_free_spaces(body, free_spaces_at(*saved, saved->reported_at));
    reply(http::json_response(dump(body)));
  };
}

void report(FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  std::optional<int64_t> free_spaces = read_free_spaces(req, reply);
  if (!free_spaces) return;
  service.report_free_spaces(*id, *free_spaces, editor_of(req), answer(std::move(reply)));
}

void report_from_gate(FacilityService& service, http::Request& req, http::Reply reply) {
  std::string_view token = req.header("x-gate-token");
  if (token.empty()) {
    return reply(http::problem(Status::Unauthenticated("X-Gate-Token header missing")));
  }
  std::optional<int64_t> free_spaces = read_free_spaces(req, reply);
  if (!free_spaces) return;
  service.report_free_spaces_from_gate(std::string(token), *free_spaces, answer(std::move(reply)));
}

}  // namespace

void register_occupancy_route(http::Router& router, FacilityService& service) {
  router.add(
      http::Method::kPost, std::string(kApi) + "/{id}/occupancy",
      http::Access::Roles({http::Role::kAdmin, http::Role::kKeeper}),
      [&service](http::Request& req, http::Reply reply) { report(service, req, std::move(reply)); },
      {.body_limit = 4 * 1024, .json_body = true, .summary = "Report a lot's free spaces"});
  router.add(http::Method::kPost, "/api/v1/gate/occupancy", http::Access::Public(),
             [&service](http::Request& req, http::Reply reply) {
               report_from_gate(service, req, std::move(reply));
             },
             {.body_limit = 4 * 1024,
              .json_body = true,
              .summary = "A gate device reports its lot's free spaces",
              // The X-Gate-Token is the credential; a lot's devices share one address.
              .anonymous_write_limit = false});
}

}  // namespace warmcity::facilities
