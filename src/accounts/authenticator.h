// The session check behind Accounts::authenticator().
//
// Credentials: `Authorization: Bearer <token>` first; otherwise the
// wc_session cookie; neither → Ok(nullopt) (the router decides whether the
// route needs a session). The token's SHA-256 is looked up with one indexed
// read on the caller's read connection; nothing is written.
//
//   malformed or unknown token, other auth scheme → kUnauthenticated "invalid session"
//   expired                                      → kUnauthenticated "session expired"
//   signed out or revoked                        → kUnauthenticated "session revoked"
//   user disabled                                → kUnauthenticated "account disabled"
//
// Cross-site check: a cookie-authenticated POST/PUT/PATCH/DELETE must carry
// X-CSRF-Token equal (constant-time) to the session's CSRF token, else
// kPermissionDenied. Bearer requests are exempt: a browser never adds that
// header by itself.
#pragma once

#include <cstdint>
#include <optional>

#include "core/status.h"
#include "http/message.h"
#include "store/connection.h"

namespace warmcity::accounts {

Result<std::optional<http::Principal>> authenticate(store::Connection& reader,
                                                    const http::Request& request, int64_t now);

}  // namespace warmcity::accounts
