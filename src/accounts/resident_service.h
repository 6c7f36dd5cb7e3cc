// Residents: sign-up and sign-in with a mobile number and a one-time code,
// and deleting one's own account. HTTP-free; routes_residents.cpp is the edge.
//
// request_code(): one write job checks the limits (resident_codes.h) against
// the codes of the last hour for the number and for the client's network
// and, when allowed, stores the new code's salted hash → after the commit
// the SMS sender sends it → on a failed send a second job deletes that code
// (it was never received: nothing half-made stays behind, and a failed send
// uses up none of the number's allowance). The code itself exists only in
// that message; it is in no answer and no log line (but the log sender's).
//
// sign_in(): one write job takes the newest code sent to the number; a
// wrong code counts a try (and commits), the right one is used up, the
// resident with that number is found — or created, the first time — and a
// session (the same sessions, cookie and CSRF token as a staff sign-in) and
// the audit entries are written. Staff accounts with the number are never
// signed in this way.
//
// delete_account(): one write job runs `forget_appeals` (the appeals module's
// anonymisation, passed in by the app), erases the resident's personal data
// (resident_store.h: a tombstone keeps the user id for the history), ends
// every session and audits "user.delete".
//
// Lifetime: REQUIRES `db` to outlive this; call stop() once
// serving has stopped and before the database stops. Every `done` runs
// exactly once, on the writer's answerer thread, the sender's thread or the caller's.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "accounts/audit.h"
#include "accounts/resident_codes.h"
#include "accounts/sms_sender.h"
#include "accounts/user.h"
#include "core/status.h"
#include "http/message.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::accounts {

// Inside the deletion's write job: make the appeals of `user_id` and of
// `phone` anonymous; returns how many changed.
using ForgetAppeals = std::function<Result<int64_t>(
    store::Connection&, int64_t user_id, const std::optional<std::string>& phone, int64_t now)>;

struct ResidentConfig {
  ResidentLimits limits;
  int64_t session_ttl_seconds = 12 * 3600;  // as accounts::Config
  bool secure_cookie = false;
  SmsConfig sms;
  ForgetAppeals forget_appeals;  // null: no appeals to anonymise
  std::function<int64_t()> now;  // null: core::now_unix (tests set it)
};

struct CodeOutcome {
  // Ok: sent. kUnprocessable (field phone); kResourceExhausted with
  // retry_after; kUnavailable when the SMS did not go out (gateway_refused:
  // the gateway answered and said no → 502; else unreachable or busy → 503).
  Status status;
  int64_t retry_after = 0;
  bool gateway_refused = false;
};

struct PhoneSignIn {
  std::string phone;
  std::string code;
  std::string client_address;
  std::string user_agent;
};

struct SignInOutcome {
  // kUnauthenticated: no code to try (none, expired, used, or its tries
  // used up) or a wrong one (tries_left says how many remain);
  // kPermissionDenied: the account is disabled.
  Status status;
  int tries_left = 0;
  std::string token;
  std::string csrf_token;
  int64_t expires_at = 0;
  bool created = false;  // the account was made by this sign-in
  UserRecord user;       // password_hash cleared
};

class Residents {
 public:
  // kInvalidArgument for a bad SMS configuration.
  static Result<std::unique_ptr<Residents>> open(store::Database& db, ResidentConfig config);
  Residents(store::Database& db, ResidentConfig config, std::unique_ptr<SmsSender> sender);
  ~Residents();
  Residents(const Residents&) = delete;
  Residents& operator=(const Residents&) = delete;

  void request_code(std::string phone, std::string client_address,
                    std::function<void(CodeOutcome)> done);
  void sign_in(PhoneSignIn in, std::function<void(SignInOutcome)> done);
  // kPermissionDenied for an account that is not a resident's.
  void delete_account(const http::Principal& who, std::string client_address,
                      std::function<void(Result<int64_t>)> done);
  // The resident's phone (nullopt: none; kNotFound: no such resident), on
  // the calling thread's reader.
  Result<std::optional<std::string>> phone_of(int64_t user_id) const;

  // POST /auth/phone/code, POST /auth/phone/login, DELETE /me.
  void register_routes(http::Router& router);
  void stop();
  const ResidentConfig& config() const { return config_; }
  const char* sender_kind() const { return sender_->kind(); }
  // The SMS sender, for the server's other text messages (after-school
  // care's late-pickup alerts). Thread-safe; stop() stops it.
  SmsSender& sms_sender() const { return *sender_; }

 private:
  int64_t now() const;
  void send_code(int64_t code_id, SmsMessage message, std::function<void(CodeOutcome)> done);

  store::Database& db_;
  const ResidentConfig config_;
  std::unique_ptr<SmsSender> sender_;
};

// The text of the message that carries `code`.
std::string code_message(std::string_view code, int64_t ttl_seconds);

}  // namespace warmcity::accounts
