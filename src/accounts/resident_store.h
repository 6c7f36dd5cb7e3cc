// SQL for residents who sign in with their mobile number: the one-time
// codes (table resident_codes, accounts migration 4) and the resident
// accounts found by phone (users, role 'resident').
//
// Stateless functions over a Connection; the writes run inside write jobs
// on the writer's connection (resident_service.h). Times are unix seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/resident_codes.h"
#include "accounts/user_store.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::accounts {

struct StoredCode {
  int64_t id = 0;
  std::string code_salt;
  std::string code_hash;
  int64_t expires_at = 0;
  int attempts = 0;
  std::optional<int64_t> used_at;
};

// The codes of the last hour for `phone` and for `network`.
Result<CodeHistory> code_history(store::Connection& conn, std::string_view phone,
                                 std::string_view network, int64_t now);
Result<int64_t> insert_code(store::Connection& conn, std::string_view phone,
                            std::string_view network, std::string_view salt, std::string_view hash,
                            int64_t now, int64_t expires_at);
Status delete_code(store::Connection& conn, int64_t id);
// Forgets codes made before `before` (they count for no limit any more).
Status purge_codes(store::Connection& conn, int64_t before);
// The newest code sent to `phone`: the only one that can sign in.
Result<std::optional<StoredCode>> latest_code(store::Connection& conn, std::string_view phone);
Status count_attempt(store::Connection& conn, int64_t id);
Status mark_code_used(store::Connection& conn, int64_t id, int64_t now);

// The resident with this phone (the oldest when several), or nullopt.
// Staff accounts with the number are never found: a code signs in residents only.
Result<std::optional<UserRecord>> find_resident_by_phone(store::Connection& conn,
                                                         std::string_view phone);

// Deletes a resident's personal data and keeps a tombstone so that the
// audit log and appeal history still name a user id: username
// "deleted-<id>", display name "已注销", no phone, no password, disabled;
// deletes their sessions, memberships and the codes sent to `phone`.
Status erase_resident(store::Connection& conn, int64_t user_id,
                      const std::optional<std::string>& phone, int64_t now);

}  // namespace warmcity::accounts
