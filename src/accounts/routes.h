// The accounts HTTP routes, one registration function per file, and the
// helpers they share (JSON views of users and organisations, replies).
//
// Include only in routes_*.cpp: it pulls in nlohmann/json.
//
//   routes_auth.cpp           POST /auth/login, POST /auth/logout, GET /me, PUT /me/password
//   routes_users.cpp          /users, /users/{id}, /users/{id}/password   (admin)
//   routes_organisations.cpp  GET (any user) and POST (admin) /organisations
//   routes_audit.cpp          GET /audit                                  (admin)
//   routes_organisation_members.cpp  GET /organisations/{id}/members (its members, admins)
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "accounts/context.h"
#include "accounts/organisation.h"
#include "accounts/user.h"
#include "core/status.h"
#include "http/message.h"
#include "http/router.h"

namespace warmcity::accounts {

void register_auth_routes(http::Router& router, Context& ctx);
void register_user_routes(http::Router& router, Context& ctx);
void register_organisation_routes(http::Router& router, Context& ctx);
void register_audit_routes(http::Router& router, Context& ctx);

inline constexpr const char* kApi = "/api/v1";

enum class PhoneView { kMasked, kUnmasked };

// {id, username, display_name, role, phone, disabled, organisation_ids,
//  created_at, updated_at}; phone is null when the user has none.
nlohmann::json user_json(const UserRecord& u, PhoneView phone);
// {id, kind, name, created_at}
nlohmann::json organisation_json(const Organisation& o);

// A 200 (or `status`) JSON response. Invalid UTF-8 in strings is replaced,
// never thrown about.
http::Response json_reply(const nlohmann::json& body, int status = 200);
// 204 with no body.
http::Response no_content();

// The answer to a successful sign-in (by password or by phone code):
// {token, csrf_token, expires_at, user: {id, username, display_name, role,
// organisation_ids}, ...extra}, with the session cookie and no-store.
struct SignedIn {
  const std::string& token;
  const std::string& csrf_token;
  int64_t expires_at;
  const UserRecord& user;
};
http::Response signed_in_reply(const SignedIn& s, int64_t ttl_seconds, bool secure_cookie,
                               nlohmann::json extra = nlohmann::json::object());

// The caller, for the audit log. REQUIRES: the route is not public.
Actor actor_of(const http::Request& request);

// The 404 every /users/{id} route gives for an id that is not a positive
// integer or names no user.
Status no_such_user(std::string_view id);

}  // namespace warmcity::accounts
