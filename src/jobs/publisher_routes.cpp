// Routes of the publishers list (publisher_service.h), admins only:
// GET /api/v1/job-publishers, PUT and DELETE /api/v1/job-publishers/{id}.
// HTTP only: every answer comes from PublisherService.
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "http/problem.h"
#include "jobs/publisher_service.h"

namespace warmcity::jobs {

namespace {

using nlohmann::ordered_json;

ordered_json publisher_json(const Publisher& p) {
  return {{"organisation_id", p.organisation_id}, {"name", p.name}};
}

std::string publisher_dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

Result<int64_t> publisher_org_of(const http::Request& req) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return Status::NotFound("no organisation with that id");
  return *id;
}

}  // namespace

void register_publisher_routes(http::Router& router, std::shared_ptr<PublisherService> service) {
  using http::Method;
  const http::Access admins = http::Access::Roles({http::Role::kAdmin});
  const std::string base = "/api/v1/job-publishers";
  router.add(Method::kGet, base, admins,
             [service](http::Request& req, http::Reply reply) {
               Result<std::vector<Publisher>> rows = service->list(caller_of(req));
               if (!rows.ok()) return reply(http::problem(rows.status()));
               ordered_json items = ordered_json::array();
               for (const Publisher& p : *rows) items.push_back(publisher_json(p));
               reply(http::json_response(publisher_dump({{"items", std::move(items)}})));
             },
             {.summary = "The organisations whose department users publish job posts (admins)"});
  router.add(Method::kPut, base + "/{id}", admins,
             [service](http::Request& req, http::Reply reply) {
               Result<int64_t> org = publisher_org_of(req);
               if (!org.ok()) return reply(http::problem(org.status()));
               service->set(*org, caller_of(req), [reply = std::move(reply)](Result<Publisher> r) {
                 if (!r.ok()) return reply(http::problem(r.status()));
                 reply(http::json_response(publisher_dump(publisher_json(*r))));
               });
             },
             {.body_limit = 1024,
              .json_body = false,
              .summary = "Make a department a job publisher (admins; audited)"});
  router.add(Method::kDelete, base + "/{id}", admins,
             [service](http::Request& req, http::Reply reply) {
               Result<int64_t> org = publisher_org_of(req);
               if (!org.ok()) return reply(http::problem(org.status()));
               service->remove(*org, caller_of(req), [reply = std::move(reply)](Status s) {
                 if (!s.ok()) return reply(http::problem(s));
                 http::Response r;
                 r.status = 204;
                 reply(std::move(r));
               });
             },
             {.summary = "A job publisher no more (admins; audited)"});
}

}  // namespace warmcity::jobs
