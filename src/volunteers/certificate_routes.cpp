// Routes of the volunteer service certificates (docs/volunteers.md
// "Certificates"): issue, reissue, read, the lists, the QR code of the
// verification address, the volunteers' requests, and the public
// verification. HTTP only: every answer comes from CertificateService.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "activities/route_values.h"
#include "http/base_url.h"
#include "http/json_input.h"
#include "http/problem.h"
#include "qr/qr.h"
#include "volunteers/certificate_json.h"
#include "volunteers/certificate_service.h"
#include "volunteers/routes.h"

namespace warmcity::volunteers {

namespace {

using accounts::caller_of;
using nlohmann::ordered_json;
using CertRouteFn = void (*)(CertificateService&, http::Request&, http::Reply);

Status cert_no_certificate() { return Status::NotFound("no volunteer certificate with that id"); }

http::Response cert_answer(const ordered_json& body, int status = 200) {
  return http::json_response(body.dump(-1, ' ', false, ordered_json::error_handler_t::replace),
                             status);
}

LedgerDone<Certificate> cert_one(http::Reply reply, int status) {
  return [reply = std::move(reply), status](Result<Certificate> c) {
    if (!c.ok()) return reply(http::coded_problem(c.status()));
    reply(cert_answer(certificate_json(*c), status));
  };
}

LedgerDone<std::vector<Certificate>> cert_list(http::Reply reply) {
  return [reply = std::move(reply)](Result<std::vector<Certificate>> list) {
    if (!list.ok()) return reply(http::coded_problem(list.status()));
    reply(cert_answer(certificates_json(*list)));
  };
}

// The body as a JSON object; an empty body counts as {}.
Result<nlohmann::json> cert_body(const http::Request& req) {
  return http::parse_json_object(req.body.empty() ? "{}" : req.body);
}

void cert_issue(CertificateService& s, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::coded_problem(doc.status()));
  Result<IssueInput> in = read_issue(*doc);
  if (!in.ok()) return reply(http::coded_problem(in.status()));
  s.issue(std::move(*in), caller_of(req), cert_one(std::move(reply), 201));
}

void cert_reissue(CertificateService& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::coded_problem(cert_no_certificate()));
  Result<nlohmann::json> doc = cert_body(req);
  if (!doc.ok()) return reply(http::coded_problem(doc.status()));
  http::FieldReader in(*doc);
  in.reject_unknown();
  if (!in.ok()) return reply(http::coded_problem(in.status()));
  s.reissue(*id, caller_of(req), cert_one(std::move(reply), 201));
}

void cert_read(CertificateService& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::coded_problem(cert_no_certificate()));
  s.get(*id, caller_of(req), cert_one(std::move(reply), 200));
}

void cert_qr(CertificateService& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::coded_problem(cert_no_certificate()));
  Result<std::string> number = s.number_of(*id, caller_of(req));
  if (!number.ok()) return reply(http::coded_problem(number.status()));
  const std::string address = http::base_url(req) + "/#/verify/" + *number;
  Result<std::string> svg = qr::qr_svg(address, "志愿服务记录证明 " + *number);
  if (!svg.ok()) return reply(http::coded_problem(svg.status()));
  http::Response r;
  r.content_type = "image/svg+xml; charset=utf-8";
  r.body = std::move(*svg);
  r.set_header("Cache-Control", "no-store");
  reply(std::move(r));
}

void cert_of_volunteer(CertificateService& s, http::Request& req, http::Reply reply) {
  std::optional<int64_t> id = req.path_id("id");
  if (!id) return reply(http::coded_problem(Status::NotFound("no volunteer with that id")));
  s.of_volunteer(*id, caller_of(req), cert_list(std::move(reply)));
}

void cert_mine(CertificateService& s, http::Request& req, http::Reply reply) {
  s.mine(caller_of(req), cert_list(std::move(reply)));
}

void cert_request(CertificateService& s, http::Request& req, http::Reply reply) {
  Result<nlohmann::json> doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::coded_problem(doc.status()));
  Result<RequestInput> in = read_request(*doc);
  if (!in.ok()) return reply(http::coded_problem(in.status()));
  s.request(std::move(*in), caller_of(req),
            [reply = std::move(reply)](Result<CertificateRequest> r) {
              if (!r.ok()) return reply(http::coded_problem(r.status()));
              reply(cert_answer(request_json(*r), 201));
            });
}

void cert_requests(CertificateService& s, http::Request& req, http::Reply reply) {
  std::vector<FieldError> errors;
  std::optional<int64_t> team_id;
  if (std::optional<std::string> t = req.query_param("team_id")) {
    team_id = activities::whole_param(*t, 1, INT64_MAX);
    if (!team_id) errors.push_back({"team_id", "a volunteer team's id"});
  } else {
    errors.push_back({"team_id", "required"});
  }
  std::string state;
  if (std::optional<std::string> st = req.query_param("state")) {
    if (*st == "open" || *st == "answered") {
      state = *st;
    } else {
      errors.push_back({"state", "open or answered"});
    }
  }
  if (!errors.empty())
    return reply(
        http::coded_problem(Status::Unprocessable("bad list parameters", std::move(errors))));
  s.requests(*team_id, std::move(state), caller_of(req),
             [reply = std::move(reply)](Result<std::vector<CertificateRequest>> rows) {
               if (!rows.ok()) return reply(http::coded_problem(rows.status()));
               reply(cert_answer(requests_json(*rows)));
             });
}

void cert_verify(CertificateService& s, http::Request& req, http::Reply reply) {
  // An unknown and a malformed number get the same answer.
  Result<std::optional<Certificate>> c = s.verify(std::string(req.path_param("number")));
  if (!c.ok()) return reply(http::coded_problem(c.status()));
  if (!*c) return reply(http::coded_problem(Status::NotFound("no certificate with that number")));
  reply(cert_answer(verification_json(**c)));
}

}  // namespace

void register_certificate_routes(http::Router& router, const RouteContext& ctx) {
  using http::Method;
  auto service = std::make_shared<CertificateService>(ctx.db, ctx.now);
  const http::Access staff = activities::organiser_staff_roles();
  const http::Access anyone = http::Access::AnyUser();
  auto h = [&service](CertRouteFn f) -> http::Handler {
    return
        [service, f](http::Request& req, http::Reply reply) { f(*service, req, std::move(reply)); };
  };
  router.add(Method::kPost, "/api/v1/volunteer-certificates", staff, h(cert_issue),
             {.body_limit = 4096,
              .summary = "Issue a volunteer service certificate (志愿服务记录证明) over a period "
                         "(team admins of team_id); with request_id the request is answered; "
                         "409 no_hours, not_member"});
  router.add(Method::kPost, "/api/v1/volunteer-certificates/{id}/reissue", staff, h(cert_reissue),
             {.body_limit = 1024,
              .summary = "Reissue a certificate, counted again; the old one is superseded "
                         "(team admins of its team)"});
  router.add(Method::kGet, "/api/v1/volunteer-certificates/{id}", anyone, h(cert_read),
             {.summary = "A certificate (its team's admins, the volunteer); audited"});
  router.add(Method::kGet, "/api/v1/volunteer-certificates/{id}/qr.svg", anyone, h(cert_qr),
             {.summary = "The QR code (SVG) of a certificate's public verification address "
                         "(its team's admins, the volunteer)"});
  router.add(Method::kGet, "/api/v1/volunteers/{id}/certificates", anyone, h(cert_of_volunteer),
             {.summary = "A volunteer's certificates, newest first (team admins, the volunteer); "
                         "audited"});
  router.add(Method::kGet, "/api/v1/me/volunteer/certificates", anyone, h(cert_mine),
             {.summary = "The caller's own volunteer certificates, newest first"});
  router.add(Method::kPost, "/api/v1/me/volunteer/certificate-requests", anyone, h(cert_request),
             {.body_limit = 4096,
              .summary = "Ask a team for a certificate over a period (the volunteer); 409 "
                         "request_open, not_member"});
  router.add(Method::kGet, "/api/v1/volunteer-certificate-requests", staff, h(cert_requests),
             {.summary = "A team's certificate requests (?team_id&state; team admins), newest "
                         "first, at most 500; audited"});
  router.add(Method::kGet, "/api/v1/certificate-verifications/{number}", http::Access::Public(),
             h(cert_verify),
             {.summary = "Verify a certificate by its number (public): valid or superseded with "
                         "the new number, and its printed facts only; unknown or malformed: 404"});
}

}  // namespace warmcity::volunteers
