// Helpers shared by the appeals routes (see routes.h).
#include "appeals/routes.h"

#include "appeals/appeal_json.h"
#include "http/problem.h"

namespace warmcity::appeals {

Caller caller_of(const http::Request& req) {
  Caller c;
  c.client_address = req.client_address;
  if (!req.principal) return c;
  c.user_id = req.principal->user_id;
  c.role = std::string(http::role_name(req.principal->role));
  c.organisation_ids = req.principal->organisation_ids;
  c.area_ids = req.principal->area_ids;
  return c;
}

http::Response problem_with_steps(const Status& s, const std::vector<Step>& allowed) {
  http::Response r = http::problem(s);
  nlohmann::ordered_json body = nlohmann::ordered_json::parse(r.body, nullptr, false);
  if (body.is_discarded()) return r;
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (Step step : allowed) steps.push_back(step_name(step));
  body["allowed_steps"] = std::move(steps);
  r.body = dump(body);
  return r;
}

void register_routes(http::Router& router, AppealService& service) {
  register_category_routes(router, service);
  register_watch_routes(router, service);
  register_appeal_routes(router, service);
}

}  // namespace warmcity::appeals
