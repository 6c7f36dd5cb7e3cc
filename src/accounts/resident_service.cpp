#include "accounts/resident_service.h"

#include <spdlog/spdlog.h>

#include <utility>

#include "accounts/resident_store.h"
#include "accounts/session_store.h"
#include "accounts/tokens.h"
#include "core/net_address.h"
#include "core/phone.h"
#include "core/time.h"

namespace warmcity::accounts {

namespace {

constexpr int64_t kKeepCodesSeconds = 86400;         // for the hourly limits, with room
constexpr int64_t kPurgeSessionsAfter = 30 * 86400;  // as auth_service.cpp
constexpr const char* kNoPassword = "!";             // no argon2id string: no password signs in

const Status& no_code() {
  static const Status kNoCode =
      Status::Unauthenticated("no valid code for this number: ask for a new one");
  return kNoCode;
}

// "r-" and 12 random hex digits: a username that says nothing about the person.
std::string resident_username() { return "r-" + new_code_salt().substr(0, 12); }

AuditEntry entry(int64_t user_id, std::string action, std::string detail,
                 std::string client_address) {
  return AuditEntry{user_id,           std::move(action),        "user", std::to_string(user_id),
                    std::move(detail), std::move(client_address)};
}

// Inside the sign-in job: the resident with `phone`, made when there is none.
Result<UserRecord> find_or_create(store::Connection& conn, const std::string& phone,
                                  const std::string& address, int64_t now, bool& created) {
  auto found = find_resident_by_phone(conn, phone);
  if (!found.ok()) return found.status();
  if (*found) return std::move(**found);
  UserRecord u;
  u.display_name = core::mask_phone(phone);
  u.role = "resident";
  u.password_hash = kNoPassword;
  u.phone = phone;
  for (int attempt = 0;; ++attempt) {
    u.username = resident_username();
    auto id = insert_user(conn, u, now);
    if (id.ok()) {
      u.id = *id;
      break;
    }
    if (id.status().code() != Code::kConflict || attempt >= 3) return id.status();
  }
  u.created_at = u.updated_at = now;
  created = true;
  Status s =
      append_audit(conn,
                   entry(u.id, "user.create",
                         AuditDetail().add("role", "resident").add("by", "phone").str(), address),
                   now);
  if (!s.ok()) return s;
  return u;
}

}  // namespace

std::string code_message(std::string_view code, int64_t ttl_seconds) {
  return "【暖城】您的登录验证码是 " + std::string(code) + "，" +
         std::to_string((ttl_seconds + 59) / 60) + " 分钟内有效。请勿告诉他人。";
}

Result<std::unique_ptr<Residents>> Residents::open(store::Database& db, ResidentConfig config) {
  auto sender = make_sms_sender(config.sms);
  if (!sender.ok()) return sender.status();
  return std::make_unique<Residents>(db, std::move(config), std::move(*sender));
}

Residents::Residents(store::Database& db, ResidentConfig config, std::unique_ptr<SmsSender> sender)
    : db_(db), config_(std::move(config)), sender_(std::move(sender)) {
  ensure_sodium();
}

Residents::~Residents() { stop(); }

void Residents::stop() { sender_->stop(); }

int64_t Residents::now() const { return config_.now ? config_.now() : core::now_unix(); }

void Residents::request_code(std::string phone, std::string client_address,
                             std::function<void(CodeOutcome)> done) {
  if (!is_mobile(phone)) {
    return done({Status::Unprocessable(
        "some fields are not valid",
        {{"phone", "must be a mainland mobile number of 11 digits (1[3-9]…)"}})});
  }
  const std::string network = core::network_of(client_address).value_or(client_address);
  const int64_t at = now();
  std::string code = new_code();
  std::string salt = new_code_salt();
  std::string hash = code_hash(salt, phone, code);
  auto refused = std::make_shared<CodeOutcome>();
  auto code_id = std::make_shared<int64_t>(0);
  auto job = [phone, network, salt = std::move(salt), hash = std::move(hash), at,
              limits = config_.limits, refused, code_id](store::Connection& conn) -> Status {
    if (Status s = purge_codes(conn, at - kKeepCodesSeconds); !s.ok()) return s;
    auto history = code_history(conn, phone, network, at);
    if (!history.ok()) return history.status();
    if (int64_t wait = code_wait(*history, limits, at); wait > 0) {
      refused->status = Status::ResourceExhausted(
          "a code was sent to this number or network a short while ago; try again in " +
          std::to_string(wait) + " seconds");
      refused->retry_after = wait;
      return Status::Ok();
    }
    auto id = insert_code(conn, phone, network, salt, hash, at, at + limits.code_ttl_seconds);
    if (!id.ok()) return id.status();
    *code_id = *id;
    return Status::Ok();
  };
  SmsMessage message{phone, code_message(code, config_.limits.code_ttl_seconds), std::move(code)};
  db_.submit(std::move(job), [this, refused, code_id, message = std::move(message),
                              done = std::move(done)](const Status& s) mutable {
    if (!s.ok()) return done({s});
    if (!refused->status.ok()) return done(std::move(*refused));
    send_code(*code_id, std::move(message), std::move(done));
  });
}

void Residents::send_code(int64_t code_id, SmsMessage message,
                          std::function<void(CodeOutcome)> done) {
  const std::string masked = core::mask_phone(message.phone);
  sender_->send(
      std::move(message), [this, code_id, masked, done = std::move(done)](SmsResult r) mutable {
        if (r.outcome == SmsOutcome::kSent) {
          spdlog::info("sign-in code sent to {}", masked);
          return done({});
        }
        CodeOutcome failed;
        failed.gateway_refused = r.outcome == SmsOutcome::kGatewayRefused;
        failed.retry_after = r.outcome == SmsOutcome::kBusy ? 5 : 30;
        failed.status = Status::Unavailable(
            failed.gateway_refused ? "the SMS gateway refused the message; no code was sent"
            : r.outcome == SmsOutcome::kBusy
                ? "too many messages are being sent; try again in a moment"
                : "the SMS gateway cannot be reached; no code was sent, try again later");
        // The code never reached the phone: take it back, then answer.
        db_.submit([code_id](store::Connection& conn) { return delete_code(conn, code_id); },
                   [failed = std::move(failed), done = std::move(done)](const Status& s) {
                     if (!s.ok()) spdlog::error("an unsent code was not deleted: {}", s.message());
                     done(failed);
                   });
      });
}

void Residents::sign_in(PhoneSignIn in, std::function<void(SignInOutcome)> done) {
  auto out = std::make_shared<SignInOutcome>();
  if (!is_mobile(in.phone) || !is_code_shaped(in.code)) {
    std::vector<FieldError> errors;
    if (!is_mobile(in.phone)) errors.push_back({"phone", "must be a mainland mobile number"});
    if (!is_code_shaped(in.code)) errors.push_back({"code", "must be the 6 digits sent"});
    out->status = Status::Unprocessable("some fields are not valid", std::move(errors));
    return done(std::move(*out));
  }
  const int64_t at = now();
  out->token = new_token();
  out->csrf_token = new_token();
  out->expires_at = at + config_.session_ttl_seconds;
  in.user_agent = in.user_agent.substr(0, kMaxUserAgent);
  auto job = [in = std::move(in), out, at,
              max_attempts = config_.limits.max_attempts](store::Connection& conn) -> Status {
    auto code = latest_code(conn, in.phone);
    if (!code.ok()) return code.status();
    if (!*code || (*code)->used_at || (*code)->expires_at <= at ||
        (*code)->attempts >= max_attempts) {
      out->status = no_code();
      return Status::Ok();
    }
    const StoredCode& c = **code;
    if (!constant_time_equal(code_hash(c.code_salt, in.phone, in.code), c.code_hash)) {
      if (Status s = count_attempt(conn, c.id); !s.ok()) return s;
      out->tries_left = max_attempts - c.attempts - 1;
      out->status = out->tries_left > 0
                        ? Status::Unauthenticated("wrong code; " + std::to_string(out->tries_left) +
                                                  " tries left")
                        : Status::Unauthenticated("wrong code; ask for a new one");
      return Status::Ok();
    }
    if (Status s = mark_code_used(conn, c.id, at); !s.ok()) return s;
    auto user = find_or_create(conn, in.phone, in.client_address, at, out->created);
    if (!user.ok()) return user.status();
    if (user->disabled) {
      out->status = Status::PermissionDenied("this account is disabled");
      return Status::Ok();
    }
    if (Status s = purge_user_sessions(conn, user->id, at - kPurgeSessionsAfter); !s.ok()) {
      return s;
    }
    NewSession session{hash_token(out->token), user->id,          out->csrf_token, at,
                       out->expires_at,        in.client_address, in.user_agent};
    auto session_id = insert_session(conn, session);
    if (!session_id.ok()) return session_id.status();
    std::string detail = AuditDetail()
                             .add("username", user->username)
                             .add("method", "phone")
                             .add("session_id", *session_id)
                             .add("created", out->created)
                             .str();
    if (Status s = append_audit(conn, entry(user->id, "auth.login", detail, in.client_address), at);
        !s.ok()) {
      return s;
    }
    user->password_hash.clear();
    out->user = std::move(*user);
    return Status::Ok();
  };
  db_.submit(std::move(job), [out, done = std::move(done)](const Status& s) {
    if (!s.ok()) out->status = s;
    if (!out->status.ok()) {
      out->token.clear();
      out->csrf_token.clear();
    }
    done(std::move(*out));
  });
}

void Residents::delete_account(const http::Principal& who, std::string client_address,
                               std::function<void(Result<int64_t>)> done) {
  auto anonymised = std::make_shared<int64_t>(0);
  auto job = [user_id = who.user_id, address = std::move(client_address), anonymised,
              forget = config_.forget_appeals, at = now()](store::Connection& conn) -> Status {
    auto user = find_user_by_id(conn, user_id);
    if (!user.ok()) return user.status();
    if (!*user) return Status::NotFound("no such account");
    if ((*user)->role != "resident") {
      return Status::PermissionDenied("only a resident deletes their own account here");
    }
    if (forget) {
      auto n = forget(conn, user_id, (*user)->phone, at);
      if (!n.ok()) return n.status();
      *anonymised = *n;
    }
    if (Status s = erase_resident(conn, user_id, (*user)->phone, at); !s.ok()) return s;
    std::string detail =
        AuditDetail().add("by", "self").add("appeals_anonymised", *anonymised).str();
    return append_audit(conn, entry(user_id, "user.delete", detail, address), at);
  };
  db_.submit(std::move(job), [anonymised, done = std::move(done)](const Status& s) {
    if (!s.ok()) return done(s);
    done(*anonymised);
  });
}

Result<std::optional<std::string>> Residents::phone_of(int64_t user_id) const {
  auto user = find_user_by_id(db_.reader(), user_id);
  if (!user.ok()) return user.status();
  if (!*user || (*user)->role != "resident") return Status::NotFound("no such resident");
  return (*user)->phone;
}

}  // namespace warmcity::accounts
