// Routes of the volunteer teams (docs/volunteers.md "Teams"). HTTP only:
// every answer comes from TeamService.
#include <memory>
#include <utility>

#include "activities/route_values.h"
#include "http/json_input.h"
#include "volunteers/routes.h"
#include "volunteers/team_json.h"
#include "volunteers/team_service.h"
#include "volunteers/volunteer_json.h"

namespace warmcity::volunteers {

namespace {

using TeamRouteFn = void (*)(TeamService&, http::Request&, http::Reply);

void team_list(TeamService& service, http::Request&, http::Reply reply) {
  Result<std::vector<TeamItem>> teams = service.list();
  if (!teams.ok()) return reply(volunteer_problem(teams.status()));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const TeamItem& t : *teams) items.push_back(team_json(t));
  reply(volunteer_answer({{"items", std::move(items)}}));
}

void team_update(TeamService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(volunteer_problem(Status::NotFound("no such volunteer team")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(volunteer_problem(doc.status()));
  Result<TeamPatch> p = read_team_patch(*doc);
  if (!p.ok()) return reply(volunteer_problem(p.status()));
  service.update(*id, std::move(*p), accounts::caller_of(req),
                 [reply = std::move(reply)](Result<TeamItem> t) {
                   if (!t.ok()) return reply(volunteer_problem(t.status()));
                   reply(volunteer_answer(team_json(*t)));
                 });
}

}  // namespace

void register_team_routes(http::Router& router, const RouteContext& ctx) {
  using http::Method;
  auto service = std::make_shared<TeamService>(ctx.db, ctx.now);
  auto h = [&service](TeamRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kGet, "/api/v1/volunteer-teams", http::Access::Public(), h(team_list),
             {.summary = "Every volunteer team: its community, parent organisation, active "
                         "volunteers, responsible person and contact phone (public)"});
  router.add(Method::kPut, "/api/v1/volunteer-teams/{id}", activities::organiser_staff_roles(),
             h(team_update),
             {.body_limit = 4096,
              .summary = "Set a team's parent organisation, responsible person and contact "
                         "phone (its team admins); audited"});
}

}  // namespace warmcity::volunteers
