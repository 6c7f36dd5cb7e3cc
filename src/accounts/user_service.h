// Users and organisations for the routes and the CLI: the reads, on the
// calling thread's reader connection (each one or two indexed queries), and
// the changes, as write jobs: each checks what the
// database must agree with (the username is free, the organisations exist,
// an admin does not lock themself out), writes, revokes sessions when the
// change calls for it, and appends its audit entries — all in the job's one
// savepoint, so a change and its audit entry are durable together or not at
// all. Used by the HTTP routes (db.submit) and the CLI (db.write).
//
// Results are written to the shared_ptr given, read them in `done` once
// the status is ok. Password hashes are made before (on the hash pool).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/context.h"
#include "accounts/organisation.h"
#include "accounts/user.h"
#include "store/database.h"

namespace warmcity::accounts {

// Users newest first (id descending) with id < before_id when given, at
// most `limit`, optionally of one role.
Result<std::vector<UserRecord>> users_page(Context& ctx, const std::optional<std::string>& role,
                                           std::optional<int64_t> before_id, int limit);
Result<std::optional<UserRecord>> user_by_id(Context& ctx, int64_t id);
// Usernames match without regard to ASCII case.
Result<std::optional<UserRecord>> user_by_username(Context& ctx, std::string_view username);

// Organisations newest first (id descending) with id < before_id when
// given, at most `limit`, optionally of one kind.
Result<std::vector<Organisation>> organisations_page(Context& ctx,
                                                     const std::optional<std::string>& kind,
                                                     std::optional<int64_t> before_id, int limit);
// The organisations among `ids` that exist, in id order.
Result<std::vector<Organisation>> organisations_by_id(Context& ctx,
                                                      const std::vector<int64_t>& ids);

// Hashes the new user's password (slow: run it on the hash pool or the CLI
// thread) and builds the record create_user_job inserts. REQUIRES: `u` has
// passed validate_new_user().
Result<UserRecord> new_user_record(const NewUser& u, PasswordCost cost);

// Inserts `user` (fields already validated; password_hash set) with its
// memberships; audits "user.create". kConflict: username taken.
// kUnprocessable: an organisation id that does not exist.
store::Database::WriteJob create_user_job(UserRecord user, Actor actor,
                                          std::shared_ptr<UserRecord> created);

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<bool> disabled;
  std::optional<std::optional<std::string>> phone;  // engaged: set it (inner nullopt: remove)
  std::optional<std::vector<int64_t>> organisation_ids;
};

// Applies the patch (fields already validated). Audits "user.update" (the
// names of the fields changed), "user.role_change" {from, to},
// "user.disable" / "user.enable". A role change or disabling revokes the
// user's sessions. kNotFound: no such user. kConflict: the actor would
// disable or demote themself. kUnprocessable: unknown organisation.
store::Database::WriteJob update_user_job(int64_t user_id, UserPatch patch, Actor actor,
                                          std::shared_ptr<UserRecord> updated);

// Replaces the password hash and revokes the user's sessions except
// `keep_session`; audits "user.password_change" {by: self|admin|cli}.
// kNotFound: no such user.
store::Database::WriteJob set_password_job(int64_t user_id, std::string password_hash, Actor actor,
                                           std::optional<int64_t> keep_session);

// Inserts an organisation; audits "organisation.create". kUnprocessable
// (field area_id) when `area_id` names no area of the kind's level, or the
// kind serves no area.
store::Database::WriteJob create_organisation_job(std::string kind, std::string name,
                                                  std::optional<int64_t> area_id,
                                                  const Config& config, Actor actor,
                                                  std::shared_ptr<Organisation> created);
// Sets or clears the area an organisation serves; audits
// "organisation.update". kNotFound; kUnprocessable as above.
store::Database::WriteJob set_organisation_area_job(int64_t id, std::optional<int64_t> area_id,
                                                    const Config& config, Actor actor,
                                                    std::shared_ptr<Organisation> updated);

}  // namespace warmcity::accounts
