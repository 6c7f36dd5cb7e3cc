// POST /api/v1/visits/{id}/raise: an errand or an appeal raised from a
// visit's finding in one request (visit_raise.h). HTTP only: the body read,
// the answer written; VisitRaiseService does the rest.
#include <memory>
#include <string>
#include <utility>

#include "eldercare/elder_json.h"
#include "eldercare/errand_input.h"
#include "eldercare/routes.h"
#include "eldercare/visit_json.h"
#include "eldercare/visit_raise.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::eldercare {

namespace {

// A refusal of the errand's or the appeal's own fields names them under
// `prefix` ("errand.lines[0].text"); every other refusal as it is.
Status under(const Status& s, const std::string& prefix) {
  if (s.code() != Code::kUnprocessable) return s;
  std::vector<FieldError> errors = s.field_errors();
  for (FieldError& e : errors) e.field = prefix + e.field;
  return Status::Unprocessable(s.message(), std::move(errors));
}

void answer(const std::string& kind, Result<VisitRaise> r, const http::Reply& reply) {
  if (!r.ok()) return reply(http::problem(under(r.status(), kind + ".")));
  nlohmann::ordered_json body = raise_json(*r);
  http::Response res = http::json_response(dump(body), 201);
  res.set_header("Location", body["href"].get<std::string>());
  reply(std::move(res));
}

void visit_raise(VisitRaiseService& service, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::problem(Status::NotFound("no visit with that id")));
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  in.known({"errand", "appeal"});
  in.reject_unknown();
  const bool errand = doc->contains("errand");
  const std::string kind = errand ? "errand" : "appeal";
  if (errand == doc->contains("appeal")) {
    in.fail("errand", "give errand or appeal (one of them)");
  } else if (!(*doc)[kind].is_object()) {
    in.fail(kind,
            "an object: the errand as POST /api/v1/elders/{id}/errands takes it, or the "
            "appeal as POST /api/v1/appeals");
  }
  if (!in.ok()) return reply(http::problem(in.status()));
  nlohmann::json& body = (*doc)[kind];
  const Caller by = caller_of(req);
  auto done = [kind, reply = std::move(reply)](Result<VisitRaise> r) {
    answer(kind, std::move(r), reply);
  };
  if (errand) {
    Result<ErrandInput> work = read_errand_input(body.dump());
    if (!work.ok()) return done(work.status());
    return service.raise_errand(*id, std::move(*work), by, std::move(done));
  }
  // Staff note what they found at her door as the phone desk does; a
  // volunteer, who has no staff channel, files it as from the web.
  if (!body.contains("channel") && (by.role == "admin" || by.role == "worker")) {
    body["channel"] = "phone";
  }
  service.raise_appeal(*id, body.dump(), by, std::move(done));
}

}  // namespace

void register_visit_raise_routes(http::Router& router, std::shared_ptr<VisitRaiseService> service) {
  using http::Method;
  using http::Role;
  router.add(Method::kPost, "/api/v1/visits/{id}/raise",
             http::Access::Roles({Role::kAdmin, Role::kWorker, Role::kVolunteer}),
             [service](http::Request& req, http::Reply reply) {
               visit_raise(*service, req, std::move(reply));
             },
             {.body_limit = 16 * 1024,
              .summary = "Raise an errand or an appeal from a visit's finding, in one step"});
}

}  // namespace warmcity::eldercare
