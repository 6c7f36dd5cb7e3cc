// GET /organisations (any signed-in user), POST /organisations and
// PATCH /organisations/{id} (admin; the area an organisation serves).
#include <memory>
#include <string>
#include <utility>

#include "accounts/routes.h"
#include "accounts/user_service.h"
#include "http/json_input.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::accounts {

namespace {

using nlohmann::json;

void handle_organisation_list(Context& ctx, http::Request& req, http::Reply reply) {
  auto page = http::parse_page(req, 100, 200);
  if (!page.ok()) return reply(http::problem(page.status()));
  std::optional<std::string> kind = req.query_param("kind");
  if (kind && !is_organisation_kind(*kind)) {
    return reply(http::problem(Status::Unprocessable(
        "bad list parameters",
        {{"kind", "must be one of " + std::string(organisation_kinds_text())}})));
  }
  auto orgs = organisations_page(ctx, kind, page->before_id, page->limit + 1);
  if (!orgs.ok()) return reply(http::problem(orgs.status()));
  bool more = orgs->size() > static_cast<size_t>(page->limit);
  if (more) orgs->pop_back();
  json items = json::array();
  for (const Organisation& o : *orgs) items.push_back(organisation_json(o));
  json next = more ? json(http::encode_cursor(orgs->back().id)) : json(nullptr);
  reply(json_reply(json{{"items", std::move(items)}, {"next_cursor", std::move(next)}}));
}

void handle_organisation_create(Context& ctx, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  auto kind = in.required_string("kind", 1, 32);
  auto name = in.required_string("name", 1, 128);
  auto area_id = in.optional_int("area_id", 1, INT64_MAX);
  in.reject_unknown();
  if (kind && !is_organisation_kind(*kind)) {
    in.fail("kind", "must be one of " + std::string(organisation_kinds_text()));
  }
  if (!in.ok()) return reply(http::problem(in.status()));
  auto created = std::make_shared<Organisation>();
  ctx.db.submit(create_organisation_job(std::move(*kind), std::move(*name), area_id, ctx.config,
                                        actor_of(req), created),
                [created, reply](const Status& s) {
                  if (!s.ok()) return reply(http::problem(s));
                  http::Response r = json_reply(organisation_json(*created), 201);
                  r.set_header("Location",
                               std::string(kApi) + "/organisations/" + std::to_string(created->id));
                  reply(std::move(r));
                });
}

void handle_organisation_update(Context& ctx, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(404, "no organisation " + std::string(req.path_param("id"))));
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  const bool given = in.has("area_id");
  auto area_id = in.optional_int("area_id", 1, INT64_MAX);
  if (!given) in.fail("area_id", "is required (null: the organisation serves no area)");
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  auto updated = std::make_shared<Organisation>();
  ctx.db.submit(set_organisation_area_job(*id, area_id, ctx.config, actor_of(req), updated),
                [updated, reply](const Status& s) {
                  if (!s.ok()) return reply(http::problem(s));
                  reply(json_reply(organisation_json(*updated)));
                });
}

}  // namespace

void register_organisation_routes(http::Router& router, Context& ctx) {
  const std::string api = kApi;
  http::RouteOptions list_opts;
  list_opts.summary = "List organisations (?kind=)";
  router.add(
      http::Method::kGet, api + "/organisations", http::Access::AnyUser(),
      [&ctx](http::Request& req, http::Reply reply) {
        handle_organisation_list(ctx, req, std::move(reply));
      },
      list_opts);
  http::RouteOptions create_opts;
  create_opts.body_limit = 16 * 1024;
  create_opts.summary = "Create an organisation";
  router.add(
      http::Method::kPost, api + "/organisations", http::Access::Roles({http::Role::kAdmin}),
      [&ctx](http::Request& req, http::Reply reply) {
        handle_organisation_create(ctx, req, std::move(reply));
      },
      create_opts);
  http::RouteOptions update_opts;
  update_opts.body_limit = 4 * 1024;
  update_opts.summary = "Set the area an organisation serves";
  router.add(
      http::Method::kPatch, api + "/organisations/{id}", http::Access::Roles({http::Role::kAdmin}),
      [&ctx](http::Request& req, http::Reply reply) {
        handle_organisation_update(ctx, req, std::move(reply));
      },
      update_opts);
}

}  // namespace warmcity::accounts
