// HTTP routes of the feedback module; they ask FeedbackService.
#include <memory>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "feedback/feedback.h"
#include "feedback/feedback_service.h"
#include "http/json_input.h"
#include "http/pagination.h"
#include "http/problem.h"

namespace warmcity::feedback {

namespace {

using nlohmann::json;

json to_json(const Entry& e) {
  return {{"id", e.id},           {"created_at", core::format_rfc3339(e.created_at)},
          {"user_id", e.user_id}, {"topic", e.topic},
          {"message", e.message}, {"page", e.page ? json(*e.page) : json(nullptr)}};
}

void create(FeedbackService& service, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  auto topic = in.required_string("topic", 1, 16);
  auto message = in.required_string("message", 1, 2000);
  auto page = in.optional_string("page", 1, 200);
  if (topic && *topic != "app" && *topic != "service" && *topic != "facility" &&
      *topic != "other") {
    in.fail("topic", "must be one of app, service, facility, other");
  }
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));

  Entry e;
  e.user_id = req.principal->user_id;
  e.topic = *topic;
  e.message = *message;
  e.page = page;
  service.create(std::move(e), [reply](Result<Entry> saved) {
    if (!saved.ok()) return reply(http::problem(saved.status()));
    http::Response r = http::json_response(to_json(*saved).dump(), 201);
    r.set_header("Location", "/api/v1/feedback/" + std::to_string(saved->id));
    reply(std::move(r));
  });
}

void list_route(const FeedbackService& service, http::Request& req, http::Reply reply) {
  auto page = http::parse_page(req);
  if (!page.ok()) return reply(http::problem(page.status()));
  auto rows = service.list(page->before_id, page->limit);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  json items = json::array();
  for (const auto& e : *rows) items.push_back(to_json(e));
  bool more = static_cast<int>(rows->size()) == page->limit;
  json body = {{"items", std::move(items)},
               {"next_cursor", more ? json(http::encode_cursor(rows->back().id)) : json(nullptr)}};
  reply(http::json_response(body.dump()));
}

void get_route(const FeedbackService& service, http::Request& req, http::Reply reply) {
  auto id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no feedback with that id")));
  auto e = service.get(*id);
  if (!e.ok()) return reply(http::problem(e.status()));
  reply(http::json_response(to_json(*e).dump()));
}

}  // namespace

void register_routes(http::Router& router, store::Database& db) {
  using http::Access;
  using http::Method;
  using http::Role;
  // Held by the routes: the router outlives serving, `db` outlives the router.
  auto service = std::make_shared<FeedbackService>(db);
  router.add(
      Method::kPost, "/api/v1/feedback", Access::AnyUser(),
      [service](http::Request& req, http::Reply reply) { create(*service, req, std::move(reply)); },
      {.body_limit = 16 * 1024, .json_body = true, .summary = "send feedback"});
  router.add(
      Method::kGet, "/api/v1/feedback", Access::Roles({Role::kAdmin}),
      [service](http::Request& req, http::Reply reply) { list_route(*service, req, reply); });
  router.add(Method::kGet, "/api/v1/feedback/{id}", Access::Roles({Role::kAdmin}),
             [service](http::Request& req, http::Reply reply) { get_route(*service, req, reply); });
}

}  // namespace warmcity::feedback
