// POST /auth/phone/code, POST /auth/phone/login, DELETE /me: residents sign
// up and in with their mobile number, and delete their own account
// (resident_service.h). The code is in no answer; the access log has the
// path only, and these routes take the number and code in the body.
#include <string>
#include <utility>

#include "accounts/cookies.h"
#include "accounts/resident_service.h"
#include "accounts/routes.h"
#include "core/time.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::accounts {

namespace {

using nlohmann::json;

http::Response with_retry_after(http::Response r, int64_t seconds) {
  r.set_header("Retry-After", std::to_string(seconds));
  return r;
}

void handle_code(Residents& residents, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  auto phone = in.required_string("phone", 1, 32);
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  residents.request_code(
      std::move(*phone), req.client_address,
      [reply, limits = residents.config().limits](CodeOutcome o) {
        if (o.status.ok()) {
          http::Response r = json_reply(json{{"expires_in", limits.code_ttl_seconds},
                                             {"resend_after", limits.resend_seconds}},
                                        202);
          r.set_header("Cache-Control", "no-store");
          return reply(std::move(r));
        }
        if (o.status.code() == Code::kResourceExhausted) {
          return reply(with_retry_after(http::problem(o.status), o.retry_after));
        }
        if (o.status.code() == Code::kUnavailable) {
          const int status = o.gateway_refused ? 502 : 503;
          return reply(with_retry_after(http::problem(status, o.status.message()), o.retry_after));
        }
        reply(http::problem(o.status));
      });
}

void handle_login(Residents& residents, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  auto phone = in.required_string("phone", 1, 32);
  auto code = in.required_string("code", 1, 16);
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));
  PhoneSignIn attempt{std::move(*phone), std::move(*code), req.client_address,
                      std::string(req.header("user-agent"))};
  residents.sign_in(std::move(attempt),
                    [reply, ttl = residents.config().session_ttl_seconds,
                     secure = residents.config().secure_cookie](SignInOutcome o) {
                      if (!o.status.ok()) {
                        http::Response r = http::problem(o.status);
                        r.set_header("Cache-Control", "no-store");
                        return reply(std::move(r));
                      }
                      reply(signed_in_reply({o.token, o.csrf_token, o.expires_at, o.user}, ttl,
                                            secure, {{"created", o.created}}));
                    });
}

void handle_delete(Residents& residents, http::Request& req, http::Reply reply) {
  residents.delete_account(*req.principal, req.client_address,
                           [reply, secure = residents.config().secure_cookie](Result<int64_t> n) {
                             if (!n.ok()) return reply(http::problem(n.status()));
                             http::Response r = no_content();
                             r.set_header("Set-Cookie", cleared_session_cookie(secure));
                             reply(std::move(r));
                           });
}

}  // namespace

void Residents::register_routes(http::Router& router) {
  const std::string api = kApi;
  auto bind = [this](void (*f)(Residents&, http::Request&, http::Reply)) {
    return [this, f](http::Request& req, http::Reply reply) { f(*this, req, std::move(reply)); };
  };
  http::RouteOptions code_opts;
  code_opts.body_limit = 1024;
  code_opts.summary = "Send a one-time sign-in code to a mobile number";
  code_opts.anonymous_write_limit = false;  // limited per number and network (resident_codes.h)
  router.add(http::Method::kPost, api + "/auth/phone/code", http::Access::Public(),
             bind(handle_code), code_opts);

  http::RouteOptions login_opts;
  login_opts.body_limit = 1024;
  login_opts.summary = "Sign in (or up) as a resident with the number and its code";
  router.add(http::Method::kPost, api + "/auth/phone/login", http::Access::Public(),
             bind(handle_login), login_opts);

  http::RouteOptions delete_opts;
  delete_opts.body_limit = 0;
  delete_opts.json_body = false;
  delete_opts.summary = "Delete own resident account; appeals stay, anonymised";
  router.add(http::Method::kDelete, api + "/me", http::Access::Roles({http::Role::kResident}),
             bind(handle_delete), delete_opts);
}

}  // namespace warmcity::accounts
