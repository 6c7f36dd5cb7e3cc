// Helpers shared by the accounts routes (see routes.h).
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
