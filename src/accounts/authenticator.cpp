#include "accounts/authenticator.h"

#include <string>
#include <string_view>

#include "accounts/cookies.h"
#include "accounts/session_store.h"
#include "accounts/tokens.h"
#include "core/text.h"

namespace warmcity::accounts {

namespace {

bool is_unsafe(http::Method m) {
  return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
         m == http::Method::kDelete;
}

bool starts_with_bearer(std::string_view header) {
  constexpr std::string_view kBearer = "bearer ";
  if (header.size() < kBearer.size()) return false;
  for (size_t i = 0; i < kBearer.size(); ++i) {
    char c = header[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kBearer[i]) return false;
  }
  return true;
}

}  // namespace

Result<std::optional<http::Principal>> authenticate(store::Connection& reader,
                                                    const http::Request& request, int64_t now) {
  std::string_view token;
  bool via_cookie = false;
  std::string_view authorization = request.header("authorization");
  if (!authorization.empty()) {
    if (!starts_with_bearer(authorization)) {
      return Status::Unauthenticated("invalid session: use Authorization: Bearer <token>");
    }
    token = core::trim_blanks(authorization.substr(7));
  } else {
    auto cookie = cookie_value(request.header("cookie"), kSessionCookie);
    if (!cookie || cookie->empty()) return std::optional<http::Principal>();
    token = *cookie;
    via_cookie = true;
  }
  if (!is_well_formed_token(token)) return Status::Unauthenticated("invalid session");

  auto found = find_session(reader, hash_token(token));
  if (!found.ok()) return found.status();
  if (!*found) return Status::Unauthenticated("invalid session");
  const SessionView& s = **found;
  if (s.revoked_at) return Status::Unauthenticated("session revoked: sign in again");
  if (s.expires_at <= now) return Status::Unauthenticated("session expired: sign in again");
  if (s.user_disabled) return Status::Unauthenticated("account disabled");
  auto role = http::parse_role(s.role);
  if (!role) return Status::Internal("user " + std::to_string(s.user_id) + " has an unknown role");

  if (via_cookie && is_unsafe(request.method) &&
      !constant_time_equal(request.header("x-csrf-token"), s.csrf_token)) {
    return Status::PermissionDenied("cross-site request refused: missing or wrong X-CSRF-Token");
  }

  http::Principal p;
  p.user_id = s.user_id;
  p.username = s.username;
  p.role = *role;
  p.session_id = s.session_id;
  p.via_cookie = via_cookie;
  p.organisation_ids = s.organisation_ids;
  p.area_ids = s.area_ids;
  p.csrf_token = s.csrf_token;
  return std::optional<http::Principal>(std::move(p));
}

}  // namespace warmcity::accounts
