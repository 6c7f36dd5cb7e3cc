// GET /api/v1/organisations/{id}/members (organisation_members.h): the
// organisation's members for its own people and admins. A read on the
// calling thread's reader, as GET /organisations.
#include <string>
#include <utility>

#include "accounts/organisation_members.h"
#include "accounts/routes.h"
#include "http/problem.h"

namespace warmcity::accounts {

namespace {

void handle_organisation_members(Context& ctx, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(404, "no organisation " + std::string(req.path_param("id"))));
  Result<std::vector<OrganisationMember>> members =
      organisation_members(ctx.db.reader(), caller_of(req), *id);
  if (!members.ok()) return reply(http::problem(members.status()));
  nlohmann::json items = nlohmann::json::array();
  for (const OrganisationMember& m : *members)
    items.push_back({{"id", m.id}, {"display_name", m.display_name}, {"role", m.role}});
  reply(json_reply(nlohmann::json{{"items", std::move(items)}}));
}

}  // namespace

void register_organisation_member_routes(http::Router& router, Context& ctx) {
  http::RouteOptions opts;
  opts.summary =
      "An organisation's members (active, not residents: id, display name, role; its members "
      "and admins)";
  router.add(
      http::Method::kGet, std::string(kApi) + "/organisations/{id}/members",
      http::Access::AnyUser(),
      [&ctx](http::Request& req, http::Reply reply) {
        handle_organisation_members(ctx, req, std::move(reply));
      },
      opts);
}

}  // namespace warmcity::accounts
