// Routes of the appeal categories (see appeals.h): public reads, admin writes,
// and the stranded list for admins and district workers (category_targets.h).
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

void list_categories(AppealService& service, http::Request& req, http::Reply reply) {
  const bool all = req.query_param("all") == "true";
  if (all && caller_of(req).role != "admin") {
    return reply(http::problem(Status::PermissionDenied("only admins list inactive categories")));
  }
  ordered_json items = ordered_json::array();
  for (const Category& c : service.categories(all)) items.push_back(category_json(c));
  reply(http::json_response(dump({{"items", std::move(items)}})));
}

// Active categories whose default target reaches nobody: the dashboard's
// warning. Admins and district workers (who set and fix dispatch) only.
void stranded(AppealService& service, http::Request& req, http::Reply reply) {
  if (!caller_of(req).works_everywhere()) {
    return reply(http::problem(
        Status::PermissionDenied("only admins and district workers see stranded categories")));
  }
  Result<std::vector<StrandedCategory>> found = service.stranded_categories();
  if (!found.ok()) return reply(http::problem(found.status()));
  ordered_json items = ordered_json::array();
  for (const StrandedCategory& s : *found) {
    items.push_back({{"code", s.category.code},
                     {"name_zh", s.category.name_zh},
                     {"name_en", s.category.name_en},
                     {"department_org_id", s.problem.org_id},
                     {"organisation_name", s.problem.org_name ? ordered_json(*s.problem.org_name)
                                                              : ordered_json(nullptr)},
                     {"reason", s.problem.reason}});
  }
  reply(http::json_response(dump({{"items", std::move(items)}})));
}

}  // namespace

void register_category_routes(http::Router& router, AppealService& service) {
  using http::Access;
  using http::Method;
  using http::Role;
  const std::string api = kCategoriesApi;
  const Access admin = Access::Roles({Role::kAdmin});
  router.add(Method::kGet, api, Access::Public(),
             [&service](http::Request& req, http::Reply reply) {
               list_categories(service, req, std::move(reply));
             },
             {.summary = "List appeal categories"});
  router.add(Method::kPost, api, admin,
             [&service](http::Request& req, http::Reply reply) {
               Result<Category> c = read_category(req.body, true);
               if (!c.ok()) return reply(http::problem(c.status()));
               service.create_category(std::move(*c), caller_of(req),
                                       reply_with(std::move(reply), 201));
             },
             {.body_limit = 64 * 1024, .json_body = true, .summary = "Create an appeal category"});
  router.add(Method::kGet, api + "/stranded", Access::Roles({Role::kAdmin, Role::kWorker}),
             [&service](http::Request& req, http::Reply reply) {
               stranded(service, req, std::move(reply));
             },
             {.summary = "Active categories whose default target has no active user to act"});
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
