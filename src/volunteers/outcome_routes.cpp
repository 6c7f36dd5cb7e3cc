// Routes of the outcome kinds and an occurrence's outcomes
// (docs/volunteers.md "Outcomes"): HTTP only, every answer comes from
// OutcomeService.
#include <memory>
#include <utility>

#include "activities/route_values.h"
#include "http/json_input.h"
#include "volunteers/outcome_json.h"
#include "volunteers/routes.h"
#include "volunteers/shift_json.h"

namespace warmcity::volunteers {

namespace {

using accounts::caller_of;
using nlohmann::ordered_json;
using OutcomeRouteFn = void (*)(OutcomeService&, http::Request&, http::Reply);

OutcomeKindDone outcome_kind_answer(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<OutcomeKind> k) {
    if (!k.ok()) return reply(shift_problem(k.status()));
    reply(shift_answer(outcome_kind_json(*k), status));
  };
}

void outcome_kind_list(OutcomeService& service, http::Request&, http::Reply reply) {
  Result<std::vector<OutcomeKind>> kinds = service.kinds();
  if (!kinds.ok()) return reply(shift_problem(kinds.status()));
  ordered_json items = ordered_json::array();
  for (const OutcomeKind& k : *kinds) items.push_back(outcome_kind_json(k));
  reply(shift_answer({{"items", std::move(items)}}));
}

void outcome_kind_create(OutcomeService& service, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(shift_problem(doc.status()));
  Result<OutcomeKind> k = read_outcome_kind(*doc);
  if (!k.ok()) return reply(shift_problem(k.status()));
  service.create_kind(std::move(*k), caller_of(req), outcome_kind_answer(std::move(reply), 201));
}

void outcome_kind_update(OutcomeService& service, http::Request& req, http::Reply reply) {
  std::string code(req.path_param("code"));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(shift_problem(doc.status()));
  Result<OutcomeKindPatch> p = read_outcome_kind_patch(*doc);
  if (!p.ok()) return reply(shift_problem(p.status()));
  service.update_kind(std::move(code), std::move(*p), caller_of(req),
                      outcome_kind_answer(std::move(reply), 200));
}

void outcomes_read(OutcomeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no occurrence with that id")));
  Result<std::vector<OutcomeLine>> lines = service.outcomes(*id);
  if (!lines.ok()) return reply(shift_problem(lines.status()));
  reply(shift_answer(outcomes_json(*lines)));
}

void outcomes_replace(OutcomeService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(shift_problem(Status::NotFound("no occurrence with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(shift_problem(doc.status()));
  Result<std::vector<OutcomeInput>> items = read_outcome_items(*doc);
  if (!items.ok()) return reply(shift_problem(items.status()));
  service.replace(*id, std::move(*items), caller_of(req),
                  [reply = std::move(reply)](Result<std::vector<OutcomeLine>> lines) {
                    if (!lines.ok()) return reply(shift_problem(lines.status()));
                    reply(shift_answer(outcomes_json(*lines)));
                  });
}

}  // namespace

void register_outcome_routes(http::Router& router, const RouteContext& ctx) {
  using http::Method;
  auto service = std::make_shared<OutcomeService>(ctx.db, ctx.audit, ctx.now);
  const http::Access anyone = http::Access::Public();
  const http::Access admins = http::Access::Roles({http::Role::kAdmin});
  const http::Access staff = activities::organiser_staff_roles();
  auto h = [&service](OutcomeRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kGet, "/api/v1/volunteer-outcome-kinds", anyone, h(outcome_kind_list),
             {.summary = "The outcome kinds (ads removed, rubbish m³ …) with their units"});
  router.add(Method::kPost, "/api/v1/volunteer-outcome-kinds", admins, h(outcome_kind_create),
             {.body_limit = 4 * 1024, .summary = "Add an outcome kind (admins)"});
  router.add(Method::kPut, "/api/v1/volunteer-outcome-kinds/{code}", admins, h(outcome_kind_update),
             {.body_limit = 4 * 1024,
              .summary = "Edit an outcome kind's name, unit, decimals or active (admins)"});
  router.add(Method::kGet, "/api/v1/activity-occurrences/{id}/outcomes", anyone, h(outcomes_read),
             {.summary = "An activity occurrence's recorded outcomes"});
  router.add(Method::kPut, "/api/v1/activity-occurrences/{id}/outcomes", staff, h(outcomes_replace),
             {.body_limit = 16 * 1024,
              .summary = "Replace an occurrence's outcomes (its organiser's staff); quantities "
                         "≥ 0 with at most the kind's decimals"});
}

}  // namespace warmcity::volunteers
