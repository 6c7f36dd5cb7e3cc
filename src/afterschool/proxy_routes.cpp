// The one-off proxies' routes (day_routes.h).
#include <utility>
#include <vector>

#include "afterschool/day_routes.h"
#include "afterschool/programme_json.h"
#include "afterschool/proxy_json.h"
#include "http/json_input.h"

namespace warmcity::afterschool {

namespace {

using accounts::caller_of;
using ProxyRouteFn = void (*)(ProxyService&, http::Request&, http::Reply);

ProxyDone proxy_answer(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<Proxy> p) {
    if (!p.ok()) return reply(programme_problem(p.status()));
    reply(programme_answer(proxy_json(*p), status));
  };
}

void proxy_create(ProxyService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> child = req.path_id("id");
  if (!child) return reply(programme_problem(Status::NotFound("no child with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  Result<NewProxy> in = read_new_proxy(*doc);
  if (!in.ok()) return reply(programme_problem(in.status()));
  service.create(*child, std::move(*in), caller_of(req), proxy_answer(std::move(reply), 201));
}

void proxy_list(ProxyService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> child = req.path_id("id");
  if (!child) return reply(programme_problem(Status::NotFound("no child with that id")));
  service.list(*child, caller_of(req), [reply = std::move(reply)](Result<std::vector<Proxy>> rows) {
    if (!rows.ok()) return reply(programme_problem(rows.status()));
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const Proxy& p : *rows) items.push_back(proxy_json(p));
    reply(programme_answer({{"items", std::move(items)}}));
  });
}

void proxy_confirm(ProxyService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(programme_problem(Status::NotFound("no proxy with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body.empty() ? "{}" : req.body);
  if (!doc.ok()) return reply(programme_problem(doc.status()));
  Result<ProxyConfirmation> in = read_proxy_confirmation(*doc);
  if (!in.ok()) return reply(programme_problem(in.status()));
  service.confirm(*id, std::move(*in), caller_of(req), proxy_answer(std::move(reply), 200));
}

}  // namespace

void register_proxy_routes(http::Router& router, std::shared_ptr<ProxyService> service) {
  using http::Method;
  const http::Access anyone = http::Access::AnyUser();
  auto h = [&service](ProxyRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/children/{id}/proxies", anyone, h(proxy_create),
             {.body_limit = 4096,
              .summary = "A one-off proxy to collect a child on a date: confirmed at once by a "
                         "guardian, pending when the programme's staff record it"});
  router.add(Method::kGet, "/api/v1/children/{id}/proxies", anyone, h(proxy_list),
             {.summary = "A child's proxies from today on (guardians; its programmes' staff, "
                         "audited)"});
  router.add(Method::kPost, "/api/v1/pickup-proxies/{id}/confirm", anyone, h(proxy_confirm),
             {.body_limit = 4096,
              .summary = "Confirm a proxy: a guardian in the app, or staff recording the "
                         "guardian's phone call"});
}

}  // namespace warmcity::afterschool
