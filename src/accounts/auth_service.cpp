#include "accounts/auth_service.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

#include "accounts/audit.h"
#include "accounts/password.h"
#include "accounts/session_store.h"
#include "accounts/tokens.h"
#include "accounts/user_rules.h"
#include "accounts/user_service.h"
#include "accounts/user_store.h"
#include "core/log_text.h"
#include "core/time.h"

namespace warmcity::accounts {

namespace {

constexpr int64_t kPurgeAfterSeconds = 30 * 86400;  // old session rows kept this long

const Status& busy() {
  static const Status kBusy = Status::Unavailable("the server is busy; try again in a moment");
  return kBusy;
}

int64_t now_ms() { return core::now_unix_micros() / 1000; }

Status throttled(const char* what, int64_t wait) {
  return Status::ResourceExhausted(std::string(what) + "; try again in " + std::to_string(wait) +
                                   " seconds");
}

const Status& wrong_credentials() {
  static const Status kWrong = Status::Unauthenticated("wrong username or password");
  return kWrong;
}

// On the pool: the password did not match (or the user does not exist).
void fail_login(Context& ctx, const LoginAttempt& a, const std::optional<UserRecord>& user,
                const char* reason, std::function<void(LoginOutcome)> done) {
  ctx.throttle.record_failure(ascii_lower(a.username), a.client_address, now_ms());
  AuditEntry e{user ? std::optional<int64_t>(user->id) : std::nullopt,
               "auth.login_failed",
               "user",
               user ? std::to_string(user->id) : "",
               AuditDetail().add("username", a.username).add("reason", reason).str(),
               a.client_address};
  ctx.audit.record(std::move(e), [done = std::move(done)](const Status& s) {
    if (!s.ok()) spdlog::error("audit of a failed login was not stored: {}", s.message());
    done(LoginOutcome::failed(wrong_credentials()));
  });
}

// On the pool: the password matched an enabled user.
void open_session(Context& ctx, const LoginAttempt& a, UserRecord user,
                  std::function<void(LoginOutcome)> done) {
  ctx.throttle.record_success(ascii_lower(a.username), a.client_address, now_ms());
  std::optional<std::string> rehashed;
  if (needs_rehash(user.password_hash, ctx.config.password_cost)) {
    auto h = hash_password(a.password, ctx.config.password_cost);
    if (h.ok()) rehashed = std::move(*h);
  }
  int64_t now = core::now_unix();
  auto outcome = std::make_shared<LoginOutcome>();
  outcome->token = new_token();
  outcome->csrf_token = new_token();
  outcome->expires_at = now + ctx.config.session_ttl_seconds;
  user.password_hash.clear();
  outcome->user = std::move(user);

  NewSession session{hash_token(outcome->token),
                     outcome->user.id,
                     outcome->csrf_token,
                     now,
                     outcome->expires_at,
                     a.client_address,
                     a.user_agent.substr(0, kMaxUserAgent)};
  std::string username = a.username;
  std::string address = a.client_address;
  auto job = [session = std::move(session), rehashed = std::move(rehashed), username, address,
              now](store::Connection& conn) -> Status {
    if (Status s = purge_user_sessions(conn, session.user_id, now - kPurgeAfterSeconds); !s.ok()) {
      return s;
    }
    if (rehashed) {
      if (Status s = set_password_hash(conn, session.user_id, *rehashed, now); !s.ok()) return s;
    }
    auto id = insert_session(conn, session);
    if (!id.ok()) return id.status();
    AuditEntry e{session.user_id,
                 "auth.login",
                 "user",
                 std::to_string(session.user_id),
                 AuditDetail().add("username", username).add("session_id", *id).str(),
                 address};
    return append_audit(conn, e, now);
  };
  ctx.db.submit(std::move(job), [outcome, done = std::move(done)](const Status& s) {
    if (!s.ok()) return done(LoginOutcome::failed(s));
    done(std::move(*outcome));
  });
}

}  // namespace

void login(Context& ctx, LoginAttempt attempt, std::function<void(LoginOutcome)> done) {
  std::string account = ascii_lower(attempt.username);
  std::string address = attempt.client_address;
  int64_t wait = ctx.throttle.begin_attempt(account, address, now_ms());
  if (wait > 0) {
    spdlog::warn("login throttled for '{}' from {}", core::log_text(attempt.username),
                 core::log_text(address));
    return done(LoginOutcome::failed(throttled("too many failed sign-in attempts", wait), wait));
  }
  auto user = find_user_by_username(ctx.db.reader(), attempt.username);
  if (!user.ok()) {
    ctx.throttle.abandon_attempt(account, address, now_ms());
    return done(LoginOutcome::failed(user.status()));
  }
  auto task = [&ctx, attempt = std::move(attempt), user = std::move(*user), done]() mutable {
    const std::string& hash = user ? user->password_hash : ctx.dummy_hash.get();
    bool match = verify_password(hash, attempt.password);
    if (!user || !match) {
      return fail_login(ctx, attempt, user, user ? "wrong_password" : "unknown_user",
                        std::move(done));
    }
    if (user->disabled) {
      // Counted as a failure: no sign-in happened, and the 403 (which only a
      // right password gets) must not become a free oracle.
      ctx.throttle.record_failure(ascii_lower(attempt.username), attempt.client_address, now_ms());
      AuditEntry e{user->id,
                   "auth.login_failed",
                   "user",
                   std::to_string(user->id),
                   AuditDetail().add("username", attempt.username).add("reason", "disabled").str(),
                   attempt.client_address};
      return ctx.audit.record(std::move(e), [done = std::move(done)](const Status&) {
        done(LoginOutcome::failed(Status::PermissionDenied("this account is disabled")));
      });
    }
    open_session(ctx, attempt, std::move(*user), std::move(done));
  };
  if (!ctx.pool.try_post(std::move(task))) {
    ctx.throttle.abandon_attempt(account, address, now_ms());
    done(LoginOutcome::failed(busy()));
  }
}

store::Database::WriteJob logout_job(const http::Principal& who, std::string client_address) {
  return [session_id = who.session_id, user_id = who.user_id,
          address = std::move(client_address)](store::Connection& conn) -> Status {
    int64_t now = core::now_unix();
    if (Status s = revoke_session(conn, session_id, now); !s.ok()) return s;
    AuditEntry e{user_id,
                 "auth.logout",
                 "user",
                 std::to_string(user_id),
                 AuditDetail().add("session_id", session_id).str(),
                 address};
    return append_audit(conn, e, now);
  };
}

void change_own_password(Context& ctx, const http::Principal& who, std::string current,
                         std::string replacement, std::string client_address,
                         std::function<void(Status, int64_t)> done) {
  std::string account = ascii_lower(who.username);
  int64_t wait = ctx.throttle.begin_attempt(account, client_address, now_ms());
  if (wait > 0) return done(throttled("too many wrong passwords", wait), wait);
  auto user = find_user_by_id(ctx.db.reader(), who.user_id);
  if (!user.ok() || !*user) {
    ctx.throttle.abandon_attempt(account, client_address, now_ms());
    return done(user.ok() ? Status::Unauthenticated("invalid session") : user.status(), 0);
  }
  auto task = [&ctx, hash = (*user)->password_hash, current = std::move(current),
               replacement = std::move(replacement), address = client_address, account,
               user_id = who.user_id, session_id = who.session_id, done]() mutable {
    if (!verify_password(hash, current)) {
      ctx.throttle.record_failure(account, address, now_ms());
      return done(Status::Unprocessable("some fields are not valid",
                                        {{"current_password", "is not your current password"}}),
                  0);
    }
    ctx.throttle.record_success(account, address, now_ms());
    if (auto problem = new_password_problem(replacement, hash)) {
      return done(Status::Unprocessable("some fields are not valid", {{"new_password", *problem}}),
                  0);
    }
    auto fresh = hash_password(replacement, ctx.config.password_cost);
    if (!fresh.ok()) return done(fresh.status(), 0);
    ctx.db.submit(set_password_job(user_id, std::move(*fresh), Actor{user_id, address}, session_id),
                  [done](const Status& s) { done(s, 0); });
  };
  if (!ctx.pool.try_post(std::move(task))) {
    ctx.throttle.abandon_attempt(account, client_address, now_ms());
    done(busy(), 0);
  }
}

}  // namespace warmcity::accounts
