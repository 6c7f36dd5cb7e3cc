// POST /auth/login, POST /auth/logout, GET /me, PUT /me/password.
#include <string>
#include <utility>

#include "accounts/auth_service.h"
#include "accounts/cookies.h"
#include "accounts/password.h"
#include "accounts/routes.h"
#include "accounts/user_service.h"
#include "core/time.h"
#include "http/json_input.h"
#include "http/problem.h"

namespace warmcity::accounts {

namespace {

using nlohmann::json;

http::Response throttled(const Status& s, int64_t retry_after) {
  http::Response r = http::problem(s);
  r.set_header("Retry-After", std::to_string(retry_after));
  return r;
}

void handle_login(Context& ctx, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  auto username = in.required_string("username", 1, 128);
  auto password = in.required_string("password", 1, 1024);
  in.reject_unknown();
  if (!in.ok()) return reply(http::problem(in.status()));

  LoginAttempt attempt{std::move(*username), std::move(*password), req.client_address,
                       std::string(req.header("user-agent"))};
  login(ctx, std::move(attempt),
        [reply, ttl = ctx.config.session_ttl_seconds,
         secure = ctx.config.secure_cookie](LoginOutcome o) {
          if (o.status.code() == Code::kResourceExhausted) {
            return reply(throttled(o.status, o.retry_after));
          }
          if (!o.status.ok()) return reply(http::problem(o.status));
          reply(signed_in_reply({o.token, o.csrf_token, o.expires_at, o.user}, ttl, secure));
        });
}

void handle_logout(Context& ctx, http::Request& req, http::Reply reply) {
  ctx.db.submit(logout_job(*req.principal, req.client_address),
                [reply, secure = ctx.config.secure_cookie](const Status& s) {
                  if (!s.ok()) return reply(http::problem(s));
                  http::Response r = no_content();
                  r.set_header("Set-Cookie", cleared_session_cookie(secure));
                  reply(std::move(r));
                });
}

void handle_me(Context& ctx, http::Request& req, http::Reply reply) {
  auto user = user_by_id(ctx, req.principal->user_id);
  if (!user.ok()) return reply(http::problem(user.status()));
  if (!*user) return reply(http::problem(Status::Unauthenticated("invalid session")));
  auto orgs = organisations_by_id(ctx, (*user)->organisation_ids);
  if (!orgs.ok()) return reply(http::problem(orgs.status()));
  // Your own phone number is yours to see: no masking, no audit entry.
  json body = user_json(**user, PhoneView::kUnmasked);
  json organisations = json::array();
  for (const Organisation& o : *orgs) {
    organisations.push_back({{"id", o.id}, {"kind", o.kind}, {"name", o.name}});
  }
  body["organisations"] = std::move(organisations);
  // Same-origin pages only can read this answer; a new tab of the web app
  // takes the session's CSRF token from here.
  body["csrf_token"] = req.principal->csrf_token;
  http::Response r = json_reply(body);
  r.set_header("Cache-Control", "no-store");
  reply(std::move(r));
}

void handle_change_password(Context& ctx, http::Request& req, http::Reply reply) {
  auto doc = http::parse_json_object(req.body);
  if (!doc.ok()) return reply(http::problem(doc.status()));
  http::FieldReader in(*doc);
  auto current = in.required_string("current_password", 1, 1024);
  auto replacement = in.required_string("new_password", kMinPasswordLength, kMaxPasswordLength);
  in.reject_unknown();
  if (replacement) {
    if (auto problem = password_problem(*replacement)) in.fail("new_password", std::move(*problem));
  }
  if (!in.ok()) return reply(http::problem(in.status()));
  change_own_password(ctx, *req.principal, std::move(*current), std::move(*replacement),
                      req.client_address, [reply](Status s, int64_t retry_after) {
                        if (s.code() == Code::kResourceExhausted) {
                          return reply(throttled(s, retry_after));
                        }
                        reply(s.ok() ? no_content() : http::problem(s));
                      });
}

}  // namespace

void register_auth_routes(http::Router& router, Context& ctx) {
  const std::string api = kApi;
  http::RouteOptions small_body;
  small_body.body_limit = 16 * 1024;

  http::RouteOptions login_opts = small_body;
  login_opts.summary = "Sign in with username and password";
  login_opts.anonymous_write_limit = false;  // the login throttle counts these
  router.add(
      http::Method::kPost, api + "/auth/login", http::Access::Public(),
      [&ctx](http::Request& req, http::Reply reply) { handle_login(ctx, req, std::move(reply)); },
      login_opts);

  http::RouteOptions logout_opts;
  logout_opts.body_limit = 1024;
  logout_opts.json_body = false;
  logout_opts.summary = "Sign out: revoke this session and clear the cookie";
  router.add(
      http::Method::kPost, api + "/auth/logout", http::Access::AnyUser(),
      [&ctx](http::Request& req, http::Reply reply) { handle_logout(ctx, req, std::move(reply)); },
      logout_opts);

  http::RouteOptions me_opts;
  me_opts.summary = "The signed-in user, with own phone and organisations";
  router.add(
      http::Method::kGet, api + "/me", http::Access::AnyUser(),
      [&ctx](http::Request& req, http::Reply reply) { handle_me(ctx, req, std::move(reply)); },
      me_opts);

  http::RouteOptions password_opts = small_body;
  password_opts.summary = "Change own password; signs out other sessions";
  router.add(
      http::Method::kPut, api + "/me/password", http::Access::AnyUser(),
      [&ctx](http::Request& req, http::Reply reply) {
        handle_change_password(ctx, req, std::move(reply));
      },
      password_opts);
}

}  // namespace warmcity::accounts
