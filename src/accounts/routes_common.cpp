// Helpers shared by the accounts routes (see routes.h).
#include "accounts/cookies.h"
#include "accounts/routes.h"
#include "core/phone.h"
#include "core/time.h"
#include "http/problem.h"

namespace warmcity::accounts {

using nlohmann::json;

json user_json(const UserRecord& u, PhoneView phone) {
  json phone_value = nullptr;
  if (u.phone) phone_value = phone == PhoneView::kUnmasked ? *u.phone : core::mask_phone(*u.phone);
  return json{{"id", u.id},
              {"username", u.username},
              {"display_name", u.display_name},
              {"role", u.role},
              {"phone", std::move(phone_value)},
              {"disabled", u.disabled},
              {"organisation_ids", u.organisation_ids},
              {"created_at", core::format_rfc3339(u.created_at)},
              {"updated_at", core::format_rfc3339(u.updated_at)}};
}

json organisation_json(const Organisation& o) {
  return json{{"id", o.id},
              {"kind", o.kind},
              {"name", o.name},
              {"area_id", o.area_id ? json(*o.area_id) : json(nullptr)},
              {"created_at", core::format_rfc3339(o.created_at)}};
}

http::Response json_reply(const json& body, int status) {
  return http::json_response(body.dump(-1, ' ', false, json::error_handler_t::replace), status);
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

http::Response signed_in_reply(const SignedIn& s, int64_t ttl_seconds, bool secure_cookie,
                               json extra) {
  json body{{"token", s.token},
            {"csrf_token", s.csrf_token},
            {"expires_at", core::format_rfc3339(s.expires_at)},
            {"user",
             {{"id", s.user.id},
              {"username", s.user.username},
              {"display_name", s.user.display_name},
              {"role", s.user.role},
              {"organisation_ids", s.user.organisation_ids}}}};
  body.update(extra);
  http::Response r = json_reply(body);
  r.set_header("Set-Cookie", session_cookie(s.token, ttl_seconds, secure_cookie));
  r.set_header("Cache-Control", "no-store");
  return r;
}

Actor actor_of(const http::Request& request) {
  Actor a;
  if (request.principal) a.user_id = request.principal->user_id;
  a.client_address = request.client_address;
  return a;
}

Status no_such_user(std::string_view id) {
  return Status::NotFound("no user with id " + std::string(id));
}

}  // namespace warmcity::accounts
