// Signing in and out, and changing one's own password: the flows behind
// /auth/login, /auth/logout and /me/password, apart from HTTP.
//
// login(): throttle check per (account, address) and per client network
// (throttle.h; a blocked attempt verifies nothing) → user read
// on the caller's reader → argon2id verification on the hash pool (against
// a dummy hash when the user does not exist) → on success a new session
// row, a rehash if the stored hash has old parameters, and the audit entry,
// in one write job → `done` after the commit, on the writer's answerer thread. A
// failure is audited ("auth.login_failed" with the username tried and the
// reason) and counted by the throttle before `done` hears of it; a success
// clears the (account, address) count.
//
// Every `done` is called exactly once, from the pool or the writer thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "accounts/context.h"
#include "accounts/user.h"
#include "core/status.h"
#include "http/message.h"
#include "store/database.h"

namespace warmcity::accounts {

struct LoginAttempt {
  std::string username;
  std::string password;
  std::string client_address;
  std::string user_agent;
};

struct LoginOutcome {
  // kUnauthenticated "wrong username or password" (whether or not the user
  // exists), kPermissionDenied for a disabled account (after a correct
  // password only), kResourceExhausted when throttled, kUnavailable when
  // the hash pool is full.
  Status status;
  int64_t retry_after = 0;  // seconds, with kResourceExhausted
  std::string token;
  std::string csrf_token;
  int64_t expires_at = 0;  // unix seconds
  UserRecord user;         // password_hash cleared

  static LoginOutcome failed(Status s, int64_t retry_after = 0) {
    LoginOutcome o;
    o.status = std::move(s);
    o.retry_after = retry_after;
    return o;
  }
};

void login(Context& ctx, LoginAttempt attempt, std::function<void(LoginOutcome)> done);

// Revokes the principal's session and audits "auth.logout".
store::Database::WriteJob logout_job(const http::Principal& who, std::string client_address);

// Verifies `current` (throttled like a login: kResourceExhausted with
// retry_after set; a wrong one is kUnprocessable on field
// current_password), refuses a `replacement` equal to it (kUnprocessable on
// new_password; the route has checked length and the common-password list),
// hashes `replacement`, stores it, and revokes the user's other sessions.
void change_own_password(Context& ctx, const http::Principal& who, std::string current,
                         std::string replacement, std::string client_address,
                         std::function<void(Status, int64_t retry_after)> done);

}  // namespace warmcity::accounts
