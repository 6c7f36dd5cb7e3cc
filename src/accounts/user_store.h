// SQL for users and their memberships (tables users, memberships).
//
// Stateless functions over a Connection: reads run on db.reader(), writes
// inside a write job on the writer's connection. Usernames compare without
// regard to ASCII case (lower(username), with its unique index). A user's
// organisation ids are read by a second query over memberships, for every
// user of a page at once. Times are unix seconds (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/user.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::accounts {

Result<std::optional<UserRecord>> find_user_by_id(store::Connection& conn, int64_t id);
Result<std::optional<UserRecord>> find_user_by_username(store::Connection& conn,
                                                        std::string_view username);

// Users newest first (id descending) with id < before_id when given, at
// most `limit`, optionally of one role.
Result<std::vector<UserRecord>> list_users_page(store::Connection& conn,
                                                const std::optional<std::string>& role,
                                                std::optional<int64_t> before_id, int limit);

// Inserts the user (id, created_at and updated_at are taken from `now`, not
// from `u`) and its memberships. Returns the new id. A duplicate username
// (in any ASCII case) is kConflict.
Result<int64_t> insert_user(store::Connection& conn, const UserRecord& u, int64_t now);

// Writes display_name, role, phone and disabled of `u` and sets updated_at.
Status update_user_fields(store::Connection& conn, const UserRecord& u, int64_t now);
Status set_password_hash(store::Connection& conn, int64_t user_id, std::string_view hash,
                         int64_t now);
// Replaces the user's memberships with `organisation_ids`.
Status set_memberships(store::Connection& conn, int64_t user_id,
                       const std::vector<int64_t>& organisation_ids);

}  // namespace warmcity::accounts
