// Gate tokens of parking lots (see gate_tokens.h, docs/facilities.md):
//   POST   /api/v1/facilities/{id}/gate-tokens             issue; the token is in this answer only
//   GET    /api/v1/facilities/{id}/gate-tokens             list (never the tokens)
//   DELETE /api/v1/facilities/{id}/gate-tokens/{token_id}  revoke
// All three for admins and the lot's keepers.
#include <optional>
#include <string>
#include <utility>

#include "core/time.h"
#include "facilities/routes.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::facilities {

namespace {

using nlohmann::ordered_json;

ordered_json time_or_null(const std::optional<int64_t>& t) {
  return t ? ordered_json(core::format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json gate_json(const GateToken& t) {
  return {{"id", t.id},
          {"facility_id", t.facility_id},
          {"label", t.label},
          {"created_by", t.created_by},
          {"created_at", core::format_rfc3339(t.created_at)},
          {"last_used_at", time_or_null(t.last_used_at)},
          {"revoked_at", time_or_null(t.revoked_at)}};
}

void issue(FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  std::optional<std::string> label = in.required_string("label", 1, kMaxGateLabelLength);
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  service.issue_gate_token(*id, std::move(*label), editor_of(req),
                           [reply = std::move(reply)](Result<FacilityService::IssuedGate> issued) {
                             if (!issued.ok()) return reply(http::problem(issued.status()));
                             ordered_json body = gate_json(issued->record);
                             body["token"] = issued->token;
                             http::Response res = http::json_response(dump(body));
                             res.status = 201;
                             reply(std::move(res));
                           });
}

void list(const FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no facility with that id")));
  Result<Facility> lot = kept_facility(service, req, *id, "its gate tokens");
  if (!lot.ok()) return reply(http::problem(lot.status()));
  Result<std::vector<GateToken>> rows = service.gate_tokens(*id);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  ordered_json items = ordered_json::array();
  for (const GateToken& t : *rows) items.push_back(gate_json(t));
  reply(http::json_response(dump({{"items", std::move(items)}})));
}

void revoke(FacilityService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  std::optional<int64_t> token_id = req.path_id("token_id");
  if (!id || !token_id) {
    return reply(http::problem(Status::NotFound("no such facility or gate token")));
  }
  service.revoke_gate_token(*id, *token_id, editor_of(req),
                            [reply = std::move(reply)](const Status& s) {
                              if (!s.ok()) return reply(http::problem(s));
                              http::Response res;
                              res.status = 204;
                              reply(std::move(res));
                            });
}

}  // namespace

void register_gate_routes(http::Router& router, FacilityService& service) {
  using http::Access;
  using http::Method;
  using http::Role;
  const Access keepers = Access::Roles({Role::kAdmin, Role::kKeeper});
  const std::string path = std::string(kApi) + "/{id}/gate-tokens";
  router.add(
      Method::kPost, path, keepers,
      [&service](http::Request& req, http::Reply reply) { issue(service, req, std::move(reply)); },
      {.body_limit = 4 * 1024, .json_body = true, .summary = "Issue a gate device token"});
  router.add(
      Method::kGet, path, keepers,
      [&service](http::Request& req, http::Reply reply) { list(service, req, std::move(reply)); },
      {.summary = "A lot's gate device tokens"});
  router.add(
      Method::kDelete, path + "/{token_id}", keepers,
      [&service](http::Request& req, http::Reply reply) { revoke(service, req, std::move(reply)); },
      {.summary = "Revoke a gate device token"});
}

}  // namespace warmcity::facilities
