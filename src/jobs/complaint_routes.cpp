// Routes of the complaints on job posts (complaint_service.h): the complaint
// button (POST /api/v1/jobs/{id}/complaints, anyone), the publishers' list
// (GET /api/v1/job-complaints) and handling
// (POST /api/v1/job-complaints/{id}/handle). HTTP only.
#include <memory>
#include <utility>

#include "http/pagination.h"
#include "http/problem.h"
#include "jobs/complaint_json.h"
#include "jobs/complaint_service.h"

namespace warmcity::jobs {

namespace {

using nlohmann::ordered_json;

std::string complaint_dump(const ordered_json& body) {
  return body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

void complaint_submit_route(ComplaintService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> post = req.path_id("id");
  if (!post) return reply(http::problem(Status::NotFound("no job post with that id")));
  Result<ComplaintInput> in = read_complaint_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.submit(
      *post, std::move(*in), caller_of(req),
      [reply = std::move(reply)](Result<Complaint> r, int64_t retry_after) {
        if (!r.ok()) {
          http::Response res = http::problem(r.status());
          if (retry_after > 0) res.set_header("Retry-After", std::to_string(retry_after));
          return reply(std::move(res));
        }
        reply(http::json_response(complaint_dump({{"id", r->id}, {"status", r->status}}), 201));
      });
}

void complaint_list_route(ComplaintService& service, http::Request& req, http::Reply reply) {
  Result<http::Page> page = http::parse_page(req, 20, 50);
  if (!page.ok()) return reply(http::problem(page.status()));
  std::string status = req.query_param("status").value_or("");
  if (!status.empty() && status != "open" && status != "handled") {
    return reply(
        http::problem(Status::Unprocessable("bad status", {{"status", "open or handled"}})));
  }
  const int limit = page->limit;
  service.list(caller_of(req), status, page->before_id, limit,
               [reply = std::move(reply), limit](Result<std::vector<Complaint>> rows) {
                 if (!rows.ok()) return reply(http::problem(rows.status()));
                 const bool more = rows->size() > static_cast<size_t>(limit);
                 if (more) rows->pop_back();
                 ordered_json items = ordered_json::array();
                 for (const Complaint& k : *rows) items.push_back(complaint_json(k));
                 reply(http::json_response(complaint_dump(
                     {{"items", std::move(items)},
                      {"next_cursor", more ? ordered_json(http::encode_cursor(rows->back().id))
                                           : ordered_json(nullptr)}})));
               });
}

void complaint_handle_route(ComplaintService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no complaint with that id")));
  Result<HandleInput> in = read_handle_input(req.body);
  if (!in.ok()) return reply(http::problem(in.status()));
  service.handle(*id, std::move(in->outcome), std::move(in->note), caller_of(req),
                 [reply = std::move(reply)](Result<Complaint> r) {
                   if (!r.ok()) return reply(http::problem(r.status()));
                   reply(http::json_response(complaint_dump(complaint_json(*r))));
                 });
}

}  // namespace

void register_complaint_routes(http::Router& router, std::shared_ptr<ComplaintService> service) {
  using http::Method;
  using http::Role;
  using Fn = void (*)(ComplaintService&, http::Request&, http::Reply);
  auto bind = [service](Fn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  const http::Access desk = http::Access::Roles({Role::kAdmin, Role::kDepartment});
  router.add(Method::kPost, "/api/v1/jobs/{id}/complaints", http::Access::Public(),
             bind(complaint_submit_route),
             {.body_limit = 8192,
              .summary = "Complain about a job post (anyone; at most 5 an hour per network: 429 "
                         "with Retry-After)"});
  router.add(Method::kGet, "/api/v1/job-complaints", desk, bind(complaint_list_route),
             {.summary = "Complaints on job posts, oldest first (publisher staff, admins; phones "
                         "masked; audited)"});
  router.add(Method::kPost, "/api/v1/job-complaints/{id}/handle", desk,
             bind(complaint_handle_route),
             {.body_limit = 4096,
              .summary = "Handle a complaint (post_withdrawn withdraws the post in the same "
                         "write; 409 when handled; audited)"});
}

}  // namespace warmcity::jobs
