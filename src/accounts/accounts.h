// Accounts: users with roles, organisations and memberships, passwords,
// sessions, login throttling, the audit log, and their HTTP routes.
//
// What the app calls:
//   auto db = store::Database::open(opts, {…, accounts::migrations(), …});
//   accounts::Accounts accounts(*db, config);
//   router.set_authenticator(accounts.authenticator());
//   accounts.register_routes(router);
//   … other modules get accounts.audit() for their personal-data reads.
//
// Lifetime: REQUIRES the Database to outlive Accounts, and Accounts to
// outlive serving (stop the server before destroying Accounts; route
// handlers and the authenticator refer to it). The destructor finishes any
// queued password work.
//
// Threads: authenticator() runs on the calling (I/O) thread and does one
// indexed read on db.reader(), no write. Password hashing runs on a pool of
// Config::hash_threads threads; route handlers reply asynchronously from
// that pool or from the writer thread. The blocking functions (add_user,
// set_password, list_users, add_organisation) are for the CLI and tests:
// never call them on an I/O thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/audit.h"
#include "accounts/config.h"
#include "core/status.h"
#include "http/router.h"
#include "store/database.h"

namespace warmcity::accounts {

// Module "accounts": organisations, users, memberships, sessions, audit_log.
std::vector<store::Migration> migrations();

struct NewUser {
  std::string username;      // 3–32 of [a-z0-9_.-]
  std::string display_name;  // 1–64 characters
  std::string role;          // resident, worker, volunteer, keeper, department, admin
  std::string password;      // 8–128 characters, not a common password
  std::optional<std::string> phone;
  std::vector<int64_t> organisation_ids;
};

struct UserSummary {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  bool disabled = false;
  std::string created_at;  // RFC 3339, +08:00
};

class Accounts {
 public:
  Accounts(store::Database& db, Config config);
  ~Accounts();
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // `Authorization: Bearer <token>` first, else cookie "wc_session". For a
  // cookie session on POST/PUT/PATCH/DELETE, also requires X-CSRF-Token.
  http::Authenticator authenticator();
  // Adds the /api/v1/auth, /me, /users, /organisations and /audit routes.
  void register_routes(http::Router& router);
  // Once the server has stopped serving: drops password work still queued
  // (its replies have nowhere to go) and joins the hashing threads.
  void stop();

  // Blocking; for the CLI (`warmcity user add|passwd|list`) and tests.
  // add_user: kUnprocessable (with field errors) for bad fields or unknown
  // organisations, kConflict for a taken username. Audited with no actor.
  Result<int64_t> add_user(const NewUser& u);
  // kNotFound for an unknown user; kUnprocessable for a password the policy
  // refuses or the user's current one; revokes the user's sessions.
  Status set_password(std::string_view username, std::string_view password);
  Result<std::vector<UserSummary>> list_users();
  Result<int64_t> add_organisation(std::string_view kind, std::string_view name,
                                   std::optional<int64_t> area_id = std::nullopt);
  AuditLog& audit();
  // The ids among `ids` that name no organisation, read on the calling
  // thread's reader (the facilities import checks its keeper_org_id column).
  Result<std::vector<int64_t>> missing_organisations(const std::vector<int64_t>& ids);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace warmcity::accounts
