// Routes of the verified employers (employer_service.h):
// GET /api/v1/job-employers?q=&limit=&cursor= and POST /api/v1/job-employers.
// HTTP only: every answer comes from EmployerService.
#include <cctype>
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "http/json_input.h"
#include "http/pagination.h"
#include "http/problem.h"
#include "jobs/employer_service.h"

namespace warmcity::jobs {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json employer_json(const Employer& e) {
  return {
      {"id", e.id},
      {"name", e.name},
      {"credit_code", e.credit_code},
      {"address", e.address},
      {"verified_by", {{"organisation_id", e.verified_by_org}, {"name", e.verified_by_org_name}}},
      {"verified_at", core::format_rfc3339(e.verified_at)}};
}

std::string employer_dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

void employer_list_route(EmployerService& service, http::Request& req, http::Reply reply) {
  Result<http::Page> page = http::parse_page(req, 20, 50);
  if (!page.ok()) return reply(http::problem(page.status()));
  std::string q = req.query_param("q").value_or("");
  if (q.size() > 100) {
    return reply(http::problem(Status::Unprocessable("q too long", {{"q", "at most 100 bytes"}})));
  }
  Result<std::vector<Employer>> rows =
      service.list(caller_of(req), q, page->before_id, page->limit);
  if (!rows.ok()) return reply(http::problem(rows.status()));
  const bool more = rows->size() > static_cast<size_t>(page->limit);
  if (more) rows->pop_back();
  ordered_json items = ordered_json::array();
  for (const Employer& e : *rows) items.push_back(employer_json(e));
  reply(http::json_response(
      employer_dump({{"items", std::move(items)},
                     {"next_cursor", more ? ordered_json(http::encode_cursor(rows->back().id))
                                          : ordered_json(nullptr)}})));
}

// {name, credit_code, address?, verified_by_org?}
Result<EmployerInput> read_employer_input(std::string_view body) {
  Result<json> doc = http::parse_json_object(body);
  if (!doc.ok()) return doc.status();
  http::FieldReader in(*doc);
  EmployerInput out;
  out.name = in.required_string("name", 1, kMaxEmployerName).value_or("");
  out.credit_code = in.required_string("credit_code", 1, 40).value_or("");
  for (char& ch : out.credit_code)
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  out.address = in.optional_string("address", 0, kMaxEmployerAddress).value_or("");
  out.verified_by_org = in.optional_int("verified_by_org", 1, INT64_MAX);
  in.reject_unknown();
  if (!in.ok()) return in.status();
  return out;
}

void employer_add_route(EmployerService& service, http::Request& req, http::Reply reply) {
  Result<EmployerInput> in = read_employer_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.add(std::move(*in), caller_of(req), [reply = std::move(reply)](Result<Employer> r) {
    if (!r.ok()) return reply(http::problem(r.status()));
    reply(http::json_response(employer_dump(employer_json(*r)), 201));
  });
}

}  // namespace

void register_employer_routes(http::Router& router, std::shared_ptr<EmployerService> service) {
  using http::Method;
  using http::Role;
  const http::Access desk = http::Access::Roles({Role::kAdmin, Role::kDepartment});
  router.add(Method::kGet, "/api/v1/job-employers", desk,
             [service](http::Request& req, http::Reply reply) {
               employer_list_route(*service, req, std::move(reply));
             },
             {.summary = "The employers the job publishers verified (?q= a part of the name)"});
  router.add(Method::kPost, "/api/v1/job-employers", desk,
             [service](http::Request& req, http::Reply reply) {
               employer_add_route(*service, req, std::move(reply));
             },
             {.body_limit = 4096,
              .summary = "Add a verified employer (18-character credit code, GB 32100 check; "
                         "409 when there; audited)"});
}

}  // namespace warmcity::jobs
