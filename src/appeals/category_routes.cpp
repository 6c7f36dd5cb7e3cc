// Routes of the appeal categories (see appeals.h): public reads, admin writes.
#include <utility>

#include "appeals/appeal_input.h"
#include "appeals/appeal_json.h"
#include "appeals/routes.h"
#include "http/problem.h"

namespace warmcity::appeals {

namespace {

using nlohmann::ordered_json;

AppealService::Done<Category> reply_with(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<Category> saved) {
    if (!saved.ok()) return reply(http::problem(saved.status()));
    http::Response r = http::json_response(dump(category_json(*saved)), status);
    if (status == 201) r.set_header("Location", std::string(kCategoriesApi) + "/" + saved->code);
    reply(std::move(r));
  };
}

void list(AppealService& service, http::Request& req, http::Reply reply) {
  const bool all = req.query_param("all") == "true";
  if (all && caller_of(req).role != "admin") {
    return reply(http::problem(Status::PermissionDenied("only admins list inactive categories")));
  }
  ordered_json items = ordered_json::array();
  for (const Category& c : service.categories(all)) items.push_back(category_json(c));
  reply(http::json_response(dump({{"items", std::move(items)}})));
}

}  // namespace

void register_category_routes(http::Router& router, AppealService& service) {
  using http::Access;
  using http::Method;
  using http::Role;
  const std::string api = kCategoriesApi;
  const Access admin = Access::Roles({Role::kAdmin});
  router.add(
      Method::kGet, api, Access::Public(),
      [&service](http::Request& req, http::Reply reply) { list(service, req, std::move(reply)); },
      {.summary = "List appeal categories"});
  router.add(Method::kPost, api, admin,
             [&service](http::Request& req, http::Reply reply) {
               Result<Category> c = read_category(req.body, true);
               if (!c.ok()) return reply(http::problem(c.status()));
               service.create_category(std::move(*c), caller_of(req),
                                       reply_with(std::move(reply), 201));
             },
             {.body_limit = 64 * 1024, .json_body = true, .summary = "Create an appeal category"});
  router.add(Method::kGet, api + "/{code}", Access::Public(),
             [&service](http::Request& req, http::Reply reply) {
               Result<Category> c = service.category(std::string(req.path_param("code")));
               if (!c.ok()) return reply(http::problem(c.status()));
               reply(http::json_response(dump(category_json(*c))));
             },
             {.summary = "Read an appeal category"});
  router.add(Method::kPut, api + "/{code}", admin,
             [&service](http::Request& req, http::Reply reply) {
               Result<Category> c = read_category(req.body, false);
               if (!c.ok()) return reply(http::problem(c.status()));
               service.update_category(std::string(req.path_param("code")), std::move(*c),
                                       caller_of(req), reply_with(std::move(reply), 200));
             },
             {.body_limit = 64 * 1024, .json_body = true, .summary = "Replace an appeal category"});
  router.add(Method::kDelete, api + "/{code}", admin,
             [&service](http::Request& req, http::Reply reply) {
               service.deactivate_category(std::string(req.path_param("code")), caller_of(req),
                                           reply_with(std::move(reply), 200));
             },
             {.summary = "Deactivate an appeal category"});
}

}  // namespace warmcity::appeals
