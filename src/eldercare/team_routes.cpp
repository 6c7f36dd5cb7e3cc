// Routes of the grid teams: form one, list them, pair an elder with one,
// and the team on duty for an elder now (eldercare.h). HTTP only.
#include <charconv>
#include <utility>

#include "core/time.h"
#include "eldercare/elder_json.h"
#include "eldercare/routes.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

inline constexpr char kTeamsApi[] = "/api/v1/elder-teams";

ordered_json team_json(const Team& t) {
  return {{"id", t.id},
          {"grid_id", t.grid_id},
          {"community_id", t.community_id ? ordered_json(*t.community_id) : ordered_json(nullptr)},
          {"name", t.name},
          {"worker_user_id", t.worker_user_id},
          {"volunteer_user_id", t.volunteer_user_id},
          {"phone", t.phone},
          {"rota", t.rota},
          {"created_at", core::format_rfc3339(t.created_at)},
          {"created_by", t.created_by}};
}

void create_team(ElderService& service, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  TeamInput t;
  const auto id = [](std::optional<int64_t> v) { return v.value_or(0); };
  t.grid_id = id(in.required_int("grid_id", 1, INT64_MAX));
  t.name = in.required_string("name", 1, 32).value_or("");
  t.worker_user_id = id(in.required_int("worker_user_id", 1, INT64_MAX));
  t.volunteer_user_id = id(in.required_int("volunteer_user_id", 1, INT64_MAX));
  t.phone = in.required_string("phone", 1, 20).value_or("");
  t.rota = in.required_string("rota", 1, 200).value_or("");
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  service.create_team(std::move(t), caller_of(req), [reply = std::move(reply)](Result<Team> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    http::Response res = http::json_response(dump(team_json(*r)), 201);
    res.set_header("Location", std::string(kTeamsApi) + "/" + std::to_string(r->id));
    reply(std::move(res));
  });
}

void list_teams(ElderService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> community;
  if (std::optional<std::string> c = req.query_param("community_id")) {
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
    if (ec != std::errc() || end != c->data() + c->size() || v <= 0) {
      return reply(http::problem(
          Status::Unprocessable("bad list parameters", {{"community_id", "a positive integer"}})));
    }
    community = v;
  }
  Result<std::vector<Team>> teams = service.teams(community, caller_of(req));
  if (!teams.ok()) return reply(http::problem(teams.status()));
  ordered_json items = ordered_json::array();
  for (const Team& t : *teams) items.push_back(team_json(t));
  reply(http::json_response(dump({{"items", std::move(items)}})));
}

void pair(ElderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  if (!in.has("team_id")) in.fail("team_id", "is required (null unpairs)");
  std::optional<int64_t> team = in.optional_int("team_id", 1, INT64_MAX);
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  service.pair(*id, team, caller_of(req),
               [reply = std::move(reply)](Result<ElderView> r) { reply(elder_answer(r)); });
}

void on_duty(ElderService& service, http::Request& req, http::Reply reply) {
  Result<int64_t> id = elder_id_of(req);
  if (!id.ok()) return reply(http::problem(id.status()));
  const int64_t at = service.now();
  Result<OnDuty> r = service.on_duty(*id, caller_of(req), at);
  if (!r.ok()) return reply(http::problem(r.status()));
  reply(http::json_response(dump(
      {{"at", core::format_rfc3339(at)},
       {"team", r->team ? team_json(*r->team) : ordered_json(nullptr)},
       {"reason", r->reason},
       {"her_team_id", r->her_team_id ? ordered_json(*r->her_team_id) : ordered_json(nullptr)}})));
}

}  // namespace

void register_team_routes(http::Router& router, ElderService& service) {
  using http::Method;
  using http::Role;
  const std::string teams = kTeamsApi;
  const std::string elders = kEldersApi;
  const http::Access staff = http::Access::Roles({Role::kAdmin, Role::kWorker});
  auto bind = [&service](RouteFn f) { return handler(service, f); };
  router.add(
      Method::kPost, teams, staff, bind(create_team),
      {.body_limit = 4096, .summary = "Form a grid team (a worker and a volunteer, a rota)"});
  router.add(Method::kGet, teams, staff, bind(list_teams),
             {.summary = "The grid teams the caller may see (?community_id=)"});
  router.add(
      Method::kPut, elders + "/{id}/team", staff, bind(pair),
      {.body_limit = 1024, .summary = "Pair an elder with a team of her community (结对帮扶)"});
  router.add(Method::kGet, elders + "/{id}/on-duty",
             http::Access::Roles({Role::kAdmin, Role::kWorker, Role::kVolunteer}), bind(on_duty),
             {.summary = "The team on duty for an elder now, and why that one"});
}

}  // namespace warmcity::eldercare
